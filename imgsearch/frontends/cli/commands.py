"""Core commands: index, search, info, remove, fsck, models, collections, serve, ui, demo."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ...api.requests import IndexRequest
from ...api.verb_requests import FsckRequest, IdsRequest, SearchRequest
from ...core.vectors.registry import NAMES as INDEX_KINDS
from .base import (Progress, client, collection, collection_option, main, print_json,
                   print_table)
from .options import request_args, request_options

RESULT_COLUMNS = ["rank", "image_id", "path", "score", "label", "prediction", "confidence"]


class LabelsParam(click.ParamType):
    """`folder`, or an existing labels file (a file named folder: give ./folder)."""
    name = "folder|FILE"

    def convert(self, value, param, ctx):
        if value == "folder":
            return value
        return click.Path(exists=True, dir_okay=False).convert(value, param, ctx)


@main.command()
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@collection_option
@click.option("--model", "-m", "model", help=IndexRequest.model_fields["model"].description)
@click.option("--classes", type=click.Path(exists=True, dir_okay=False), help="Class names, one per line.")
@click.option("--runtime", type=click.Choice(["auto", "torch", "onnx", "openvino"]),
              help="Inference runtime (auto: ONNX Runtime on the CPU, torch on a GPU).")
@click.option("--labels", type=LabelsParam(), help=IndexRequest.model_fields["labels"].description)
@click.option("--allow-root", "allow_roots", multiple=True, type=click.Path(file_okay=False),
              help="A folder CSV paths may point into besides the CSV's own (repeatable).")
@click.option("--index", "index", type=click.Choice(["auto", *INDEX_KINDS]),
              help="Vector index (auto: flat below 200k, then HNSW; IVF-SQ8/IVF-PQ if memory is "
                   "short; ivfpq-ondisk: IVF-PQ memory-mapped from disk, for more than RAM).")
@click.option("--runner", type=click.Choice(["local", "ray"]), default="local", show_default=True,
              help="local: this process; ray: decode and embed on a Ray cluster (pip install -e '.[ray]').")
@request_options(IndexRequest, skip=("source",), by_hand=(
    "model", "classes", "runtime", "labels", "allow_roots", "index", "runner"))
@click.option("--batch-size", type=click.IntRange(min=1), help="Images per model call.")
@click.option("--device", help="auto, cpu, cuda or cuda:N.")
@click.option("--workers", type=click.IntRange(min=0),
              help="Worker processes that decode (and, on the CPU with ONNX Runtime, also run "
                   "the model: workers + 1 lanes).")
@click.option("--memory-budget", help="For --index auto, e.g. 8G.")
@click.option("--target-latency", help="ANN tuning target per query, e.g. 10ms.")
@click.option("--no-progress", is_flag=True, help="Hide progress.")
def index(source, collection, batch_size, device, workers, memory_budget, target_latency,
          no_progress, **options):
    """Index a folder of images (recursively) or a CSV of paths. Incremental and resumable.

    With a running service (`imgsearch serve` or `imgsearch ui`), this submits a job to it
    and follows its progress; searches keep working meanwhile."""
    from ...core.vectors import parse_latency_ms
    col = _collection_for(collection, batch_size=batch_size, device=device, workers=workers,
                          memory_budget=memory_budget,
                          target_latency_ms=parse_latency_ms(target_latency))
    progress = Progress(not no_progress)
    try:
        report = col.index(source, progress=progress, **request_args(IndexRequest, options))
    finally:
        progress.close()
    for note in report.notes:
        click.echo(f"note: {note}", err=True)
    for s in report.skipped[:20]:
        click.echo(f"skipped {s.path}: {s.reason}", err=True)
    if len(report.skipped) > 20:
        click.echo(f"... and {len(report.skipped) - 20} more (`imgsearch info --skipped`)", err=True)
    click.echo(report.summary())


def _collection_for(name, **config):
    return collection(name, create=True, **config)


@main.command()
@click.argument("image", required=False, type=click.Path(dir_okay=False))
@collection_option
@click.option("--id", "image_id", type=int, help="Search by an indexed image id instead of a file.")
@click.option("--text", help="Search by words (collections built with a CLIP model).")
@click.option("-k", type=click.IntRange(1, 10000), default=10, show_default=True)
@click.option("--where", help="Filter on catalog columns, e.g. \"label = 'dog'\".")
@click.option("--rerank", type=click.Choice(["auto", "none", "qe", "kreciprocal"]),
              show_default="auto", help="Re-rank: k-reciprocal neighbours (auto: when the collection "
              "has its neighbour graph), query expansion, or none (plain cosine order).")
@click.option("--exclude-self", is_flag=True, help="With --id: leave the image itself out "
              "(by default it comes first, rank 1).")
@click.option("--space", help="The collection's embedding space to search (default: its own; "
              "`imgsearch spaces` lists them).")
@request_options(SearchRequest, by_hand=("k", "where", "rerank", "exclude_self", "space"),
                 absent=("filters",))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--device", help="auto, cpu, cuda or cuda:N.")
def search(image, collection, image_id, text, as_json, device, **options):
    """Find the images most similar to IMAGE (or --id ID, or --text WORDS), best first."""
    if sum(x is not None for x in (image, image_id, text)) != 1:
        raise click.UsageError("give exactly one of IMAGE, --id or --text")
    from ...core.collection import Text
    col = _open(collection, device=device)
    query = Text(text) if text is not None else image_id if image_id is not None else image
    if options["exclude_self"] and image_id is None:
        raise click.UsageError("--exclude-self goes with --id")
    hits = col.search(query, **request_args(SearchRequest, options))
    print_table(hits.to_frame(), as_json, RESULT_COLUMNS)
    if not as_json and hits.hits:
        click.echo(f"order: {hits.ordered_by}", err=True)


def _open(name, **config):
    return collection(name, **config)


@main.command()
@collection_option
@click.option("--json", "as_json", is_flag=True)
@click.option("--skipped", is_flag=True, help="List skipped files and reasons.")
def info(collection, as_json, skipped):
    """Counts, model, runtime, index and maps of a collection."""
    import pandas as pd
    col = _open(collection)
    if skipped:
        print_table(pd.DataFrame([s.model_dump() for s in col.skipped()], columns=["path", "reason"]),
                    as_json)
        return
    data = col.info().model_dump()
    if as_json:
        print_json(data)
        return
    tuning = (data.get("index") or {}).get("tuning") or {}
    for key in ("label_counts", "split_counts"):
        counts = data.get(key) or {}
        if len(counts) > 12:    # many classes: the spread, not every one
            data[key] = (f"{len(counts)} values, {sum(counts.values())} images, "
                         f"{min(counts.values())} to {max(counts.values())} each")
    for key, value in data.items():
        if key == "index":
            value = {k: v for k, v in value.items() if k != "tuning"}
            if tuning.get("verified_recall_at_10") is not None:
                from ...core.vectors.tuning import verified_recall_text
                value["verified_recall_at_10"] = verified_recall_text(tuning)
        if value not in (None, [], {}):
            click.echo(f"{key:>14}: {value}")


@main.command()
@collection_option
@click.option("--id", "ids", type=int, multiple=True, required=True, help="Image id (repeatable).")
@request_options(IdsRequest, by_hand=("ids",))
def remove(collection, **options):
    """Remove images from the collection (catalog and vectors)."""
    click.echo(f"removed {_open(collection).remove(**request_args(IdsRequest, options))}")


@main.command()
@collection_option
@request_options(FsckRequest)
@click.option("--json", "as_json", is_flag=True)
def fsck(collection, as_json, **options):
    """Check that the catalog, vectors and manifest agree (exit 1 when they do not)."""
    progress = Progress(True)
    try:
        report = _open(collection).fsck(progress=progress, **request_args(FsckRequest, options))
    finally:
        progress.close()
    if as_json:
        print_json(report.model_dump())
    else:
        click.echo(report.summary())
        for name, line in (getattr(report, "spaces", None) or {}).items():
            click.echo(f"space {name}: {line}")
    if not report.ok:
        sys.exit(1)


@main.command()
def models():
    """List the model names --model accepts."""
    import importlib.util
    from ...features import available_models
    for name in available_models():
        click.echo(name)
    if importlib.util.find_spec("torch") is None:
        click.echo("(torchvision's models, EfficientNet-Lite2 and your own checkpoints need "
                   "torch: pip install 'imgsearch[torch]')", err=True)


@main.group(invoke_without_command=True)
@click.pass_context
def collections(ctx):
    """List collections under IMGSEARCH_HOME (`collections delete NAME` removes one)."""
    if ctx.invoked_subcommand is None:
        for name in client().collections():
            click.echo(name)


@collections.command("delete")
@click.argument("name")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def delete_collection(name, yes):
    """Delete collection NAME: its catalog, vectors, maps and tags (not the images)."""
    if name not in client().collections():
        raise click.UsageError(f"no collection {name!r} here (see `imgsearch collections`)")
    if not yes and not click.confirm(f"Delete collection {name!r} and all its files "
                                     "(the images themselves stay)?", default=False):
        raise click.ClickException("nothing deleted (confirm, or pass --yes)")
    client().delete_collection(name)
    click.echo(f"deleted collection {name!r}")


def trust_options(f):
    """--allow-root and --allow-hub-models: what API clients that are not local may ask for."""
    f = click.option("--allow-hub-models", is_flag=True,
                     help="Let API clients ask for models downloaded from a hub (timm, "
                     "OpenCLIP, torchvision weights not cached yet).")(f)
    return click.option("--allow-root", "allow_roots", multiple=True,
                        type=click.Path(exists=True, file_okay=False, resolve_path=True),
                        help="A folder API clients may name paths under (repeatable; none by "
                        "default: they upload labels, classes and weights instead).")(f)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (not loopback only with IMGSEARCH_API_TOKEN set).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@trust_options
def serve(host, port, allow_roots, allow_hub_models):
    """Run the REST API (docs at /docs): it owns the collections of IMGSEARCH_HOME, and the
    CLI and the app become its clients while it runs."""
    from ...config import Config
    from ..rest.server import serve as run
    sys.exit(run(Config.load(), host, port, on_ready=lambda url: click.echo(
        f"imgsearch service at {url} (API docs: {url}/docs); Ctrl-C stops it", err=True),
        allow_roots=allow_roots, allow_hub_models=allow_hub_models))


def app_command(name: str | None, port: int, address: str) -> list[str]:
    from importlib import resources
    app = resources.files("imgsearch.frontends.ui") / "server.py"   # Streamlit + the map's HTTP routes (st.App)
    return [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
            "--server.address", address, "--server.headless", "true",
            "--server.maxUploadSize", "20", "--browser.gatherUsageStats", "false",
            "--client.toolbarMode", "viewer", "--global.developmentMode", "false",
            "--", *(["--collection", name] if name else [])]


def check_port(address: str, port: int) -> None:
    """Fail in one line, before anything says the app is there, when the port is taken (bound
    as the app's server binds it: with SO_REUSEADDR, so only a listening socket counts)."""
    import socket
    from ...errors import InvalidArgument
    try:
        with socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((address, port))
    except OSError as e:
        raise InvalidArgument(f"cannot serve the app on {address}:{port}: {e.strerror or e}",
                              param="port", fix="choose another --port, or stop what uses it") from None


def run_app(name: str | None, port: int, address: str, ready_message: str = "",
            allow_roots=(), allow_hub_models: bool = False) -> int:
    """The Streamlit app as a client of this home's service (started here when none runs)."""
    import os
    check_port(address, port)
    import subprocess
    from ...client import SECRET_ENV, running_service
    from ...config import Config
    from ..rest.server import die_with_parent, serve, stop_process_group
    cfg = Config.load()
    cmd = app_command(name, port, address)
    url = f"http://{address}:{port}"
    if (os.environ.get("IMGSEARCH_API_TOKEN") or "").strip():
        import secrets   # the app then needs this start's key (ui/guard.py); its children inherit it
        os.environ["IMGSEARCH_APP_KEY"] = secrets.token_urlsafe(24)
        url += f"/?key={os.environ['IMGSEARCH_APP_KEY']}"
    existing = running_service(cfg.home)
    if existing:
        click.echo(f"app at {url} (using the service at {existing['url']}); Ctrl-C stops it", err=True)
        if allow_roots or allow_hub_models:
            click.echo("note: --allow-root and --allow-hub-models apply to a service this "
                       "command starts; the running one keeps its own", err=True)
        env = {**os.environ, "IMGSEARCH_SERVICE_URL": existing["url"], SECRET_ENV: existing["secret"]}
        proc = subprocess.Popen(cmd, env=env, start_new_session=True, preexec_fn=die_with_parent)
        import signal
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *a: stop_process_group(proc))
        proc.wait()
        stop_process_group(proc)
        return 0
    return serve(cfg, "127.0.0.1", 0, child=cmd, on_ready=lambda api: click.echo(
        f"{ready_message}app at {url} (API at {api}); Ctrl-C stops it", err=True),
        allow_roots=allow_roots, allow_hub_models=allow_hub_models)


@main.command()
@click.option("--collection", "-c", help="Collection to open (otherwise pick one in the app).")
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@click.option("--address", default="127.0.0.1", show_default=True)
@trust_options
def ui(collection, port, address, allow_roots, allow_hub_models):
    """Start the app (map, search, investigate, curate, compare) and the service under it."""
    import os
    from ...errors import InvalidArgument
    from ..rest.server import is_loopback
    if not is_loopback(address) and not (os.environ.get("IMGSEARCH_API_TOKEN") or "").strip():
        raise InvalidArgument(f"refusing to serve the app on {address} without an API token (the "
                              "app has no login of its own)", param="address",
                              fix="set IMGSEARCH_API_TOKEN (the app then needs the key in the URL "
                              "it prints), or use 127.0.0.1")
    check_port(address, port)
    if collection:
        _open(collection).info()   # fail fast, with the usual message
        client().close()
        click.get_current_context().find_root().meta.pop("imgsearch.client", None)
    sys.exit(run_app(collection, port, address, allow_roots=allow_roots,
                     allow_hub_models=allow_hub_models))


@main.command()
@click.option("--collection", "-c", default="demo", show_default=True)
@click.option("--digits", type=click.IntRange(min=10), help="Use only the first N digits.")
@click.option("--no-ui", is_flag=True, help="Stop after building the collection and its map.")
@click.option("--port", type=click.IntRange(1, 65535), default=8501, show_default=True)
@click.option("--no-progress", is_flag=True)
def demo(collection, digits, no_ui, port, no_progress):
    """Build a demo collection offline (digits with a real classifier's mistakes, photos with
    near-copies), build its map, and open the app."""
    from ...config import Config
    from ...demo import make_demo_data
    if not no_ui:
        check_port("127.0.0.1", port)      # before minutes of building, not after
    cfg = Config.load()
    data_dir = Path(cfg.home) / f"{collection}-data"
    click.echo(f"writing demo images to {data_dir} ...")
    csv = make_demo_data(data_dir, n_digits=digits)
    col = collection_handle = _collection_for(collection)
    progress = Progress(not no_progress)
    try:
        report = col.index(data_dir, labels=csv, progress=progress)
        click.echo(report.summary())
        click.echo(col.build_map("umap", progress=progress).summary())
    finally:
        progress.close()
    query = data_dir / "photos" / "chelsea__flip.jpg"
    click.echo(f"\nimgsearch search {query} --collection {collection} -k 5")
    hits = collection_handle.search(str(query), k=5).to_frame()
    print_table(hits.assign(label=hits["label"].fillna("(no label)")), False, RESULT_COLUMNS)
    if no_ui:
        click.echo(f"\nnext: imgsearch ui --collection {collection}")
        return
    client().close()
    click.get_current_context().find_root().meta.pop("imgsearch.client", None)
    sys.exit(run_app(collection, port, "127.0.0.1", ready_message="\n"))
