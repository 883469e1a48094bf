"""Every verb with a request model (api/requests.py, api/verb_requests.py) takes that model's
fields, by the same names and with the same defaults, in every front end: the Python verbs
(protocol, local and remote), the REST routes (their query parameters and bodies as the
OpenAPI schema shows them) and the CLI commands (their options). A field a front end leaves
out is named below with the reason; any other field missing from a front end fails here."""
import inspect

import click
import pytest
from pydantic import Field, create_model

from imgsearch.api.local import Collection as LocalCollection
from imgsearch.api.protocol import ClientAPI, CollectionAPI
from imgsearch.api.remote import RemoteClient, RemoteCollection
from imgsearch.api.requests import IndexRequest, MapRequest
from imgsearch.api import verb_requests as vr
from imgsearch.api.service import Service
from imgsearch.client import LocalClient
from imgsearch.config import Config
from imgsearch.frontends.cli import main
from imgsearch.frontends.rest.app import create_app

REQUIRED = object()
COLLECTIONS = (CollectionAPI, LocalCollection, RemoteCollection)
CLIENTS = (ClientAPI, LocalClient, RemoteClient)
C = "/collections/{name}"

# model: (Python verbs: (classes, method, fields it leaves out),
#         REST routes: (route, fields it leaves out),
#         CLI commands: the command path)
VERBS = {
    IndexRequest: ([(COLLECTIONS, "index", ())], [(f"POST {C}/index", ())], ["index"]),
    MapRequest: ([(COLLECTIONS, "build_map", ())], [(f"POST {C}/map", ())], ["map"]),
    vr.SearchRequest: (
        [(COLLECTIONS, "search", ())],
        [(f"POST {C}/search/vector", ()), (f"POST {C}/search/text", ()),
         # a query string cannot carry {column: [values]}; no threshold on this GET
         (f"GET {C}/images/{{image_id}}/neighbours", ("filters", "min_score")),
         # an uploaded image is not an indexed one; no threshold on the upload
         (f"POST {C}/search/image", ("min_score", "exclude_self"))],
        ["search"]),
    vr.ExplainRequest: ([(COLLECTIONS, "explain", ())],
                        [(f"GET {C}/explain/{{image_id}}", ())], ["explain"]),
    vr.EvaluateRequest: ([(COLLECTIONS, "evaluate", ())], [(f"GET {C}/evaluate", ())],
                         ["evaluate"]),
    vr.MetascatterRequest: ([(COLLECTIONS, "export_metascatter", ())],
                            [(f"GET {C}/export/{{kind}}", ())], ["export metascatter"]),
    vr.ParquetRequest: ([(COLLECTIONS, "export_parquet", ())],
                        [(f"GET {C}/export/{{kind}}", ())], ["export parquet"]),
    vr.SubsetRequest: ([(COLLECTIONS, "export_subset", ())],
                       [(f"GET {C}/export/{{kind}}", ())], ["export subset"]),
    vr.TagRequest: ([(COLLECTIONS, "tag", ()), (COLLECTIONS, "untag", ())],
                    [(f"POST {C}/tags", ()), (f"POST {C}/untag", ())], ["tag"]),
    vr.IdsRequest: ([(COLLECTIONS, "remove", ())], [(f"POST {C}/remove", ())], ["remove"]),
    # the uploaded file's own name is `name`
    vr.PredictionsRequest: ([(COLLECTIONS, "import_predictions", ())],
                            [(f"POST {C}/predictions", ("name",))], ["import-predictions"]),
    vr.VectorsRequest: ([(COLLECTIONS, "import_vectors", ())],
                        [(f"POST {C}/spaces/import", ("name",))], ["import-vectors"]),
    vr.CompareRequest: ([(COLLECTIONS, "compare", ()), (CLIENTS, "compare", ())],
                        [(f"GET {C}/compare/{{other}}", ())], ["compare"]),
    vr.TimelineRequest: ([(COLLECTIONS, "timeline", ())], [(f"GET {C}/timeline", ())],
                         ["compare"]),
    vr.FsckRequest: ([(COLLECTIONS, "fsck", ())], [(f"POST {C}/fsck", ())], ["fsck"]),
}


def _same(a, b) -> bool:
    norm = (lambda v: tuple(v) if isinstance(v, (list, tuple)) else v)
    return norm(a) == norm(b)


def want(model) -> dict:
    """{field: its default, or REQUIRED}."""
    return {n: REQUIRED if f.is_required() else f.get_default(call_default_factory=True)
            for n, f in model.model_fields.items()}


def python_problems(model, classes, method, left_out=()) -> list[str]:
    out = []
    for cls in classes:
        params = inspect.signature(getattr(cls, method)).parameters
        for name, default in want(model).items():
            if name in left_out:
                continue
            if name not in params:
                out.append(f"{cls.__name__}.{method} has no parameter {name}")
                continue
            has = params[name].default
            has = REQUIRED if has is inspect.Parameter.empty else has
            if not _same(has, default):
                out.append(f"{cls.__name__}.{method}: {name}={has!r}, the model says {default!r}")
    return out


def rest_fields(openapi: dict, route: str) -> dict:
    """{parameter or body field: its default, or REQUIRED} of one route."""
    method, path = route.split(" ", 1)
    op = openapi["paths"][path][method.lower()]
    found = {p["name"]: REQUIRED if p.get("required") else p.get("schema", {}).get("default")
             for p in op.get("parameters", [])}
    for content in (op.get("requestBody") or {}).get("content", {}).values():
        schema = content["schema"]
        if "$ref" in schema:
            schema = openapi["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        for name, prop in schema.get("properties", {}).items():
            found[name] = REQUIRED if name in schema.get("required", []) else prop.get("default")
    return found


def rest_problems(openapi, model, route, left_out=()) -> list[str]:
    has, out = rest_fields(openapi, route), []
    for name, default in want(model).items():
        if name in left_out:
            continue
        if name not in has:
            out.append(f"{route} takes no {name}")
        elif not _same(has[name], default):
            out.append(f"{route}: {name} defaults to {has[name]!r}, the model says {default!r}")
    return out


def command(path: str) -> click.Command:
    found = main
    for part in path.split():
        found = found.commands[part] if part in found.commands else found.get_command(None, part)
    return found


def cli_problems(model, path) -> list[str]:
    """The command is built from the model (options.request_options) and has a parameter
    named as each field it does not declare absent, with the field's default."""
    cmd = command(path)
    built = [r for r in getattr(cmd.callback, "__requests__", ())
             if r[0] is model or issubclass(model, r[0])]
    if not built:
        return [f"`imgsearch {path}` is not built from {model.__name__}"]
    _, by_hand, skip, absent = built[0]
    params = {p.name: p for p in cmd.params}
    out = []
    for name, default in want(model).items():
        if name in absent:
            continue
        if name not in params:
            out.append(f"`imgsearch {path}` has no option for {name}")
            continue
        param = params[name]
        if default is REQUIRED or name in skip:
            continue      # an argument, or a required field: asked for, no default to match
        has = param.get_default(click.Context(cmd))
        if has is getattr(click.core, "UNSET", None):     # no default given (click 8.2+)
            has = () if getattr(param, "multiple", False) else None
        if has == () and default is None:                # a repeatable option not given
            has = None
        if not _same(has, default):
            out.append(f"`imgsearch {path}`: {name} defaults to {has!r}, the model says {default!r}")
    return out


@pytest.fixture(scope="module")
def openapi(tmp_path_factory):
    svc = Service(Config.load(home=tmp_path_factory.mktemp("home")))
    try:
        yield create_app(svc, token="").openapi()
    finally:
        svc.close()


def test_every_request_model_is_checked():
    models = {m for m in vars(vr).values() if isinstance(m, type) and m.__module__ == vr.__name__
              and m.__name__.endswith("Request")}
    assert models <= set(VERBS) and len(models) == 13


@pytest.mark.parametrize("model", list(VERBS), ids=lambda m: m.__name__)
def test_the_python_verbs_take_the_model(model):
    found = [p for classes, method, left_out in VERBS[model][0]
             for p in python_problems(model, classes, method, left_out)]
    assert found == []


@pytest.mark.parametrize("model", list(VERBS), ids=lambda m: m.__name__)
def test_the_rest_routes_take_the_model(model, openapi):
    found = [p for route, left_out in VERBS[model][1]
             for p in rest_problems(openapi, model, route, left_out)]
    assert found == []


@pytest.mark.parametrize("model", list(VERBS), ids=lambda m: m.__name__)
def test_the_cli_commands_take_the_model(model):
    found = [p for path in VERBS[model][2] for p in cli_problems(model, path)]
    assert found == []


def test_a_field_no_front_end_takes_fails_each_check(openapi):
    """A field added to a model, with front ends that do not take it: each check names each."""
    for model in (vr.EvaluateRequest, vr.SearchRequest, vr.VectorsRequest):
        grown = create_model("Grown", __base__=model, dither=(int, Field(3)))
        pythons, routes, paths = VERBS[model]
        assert all(any("no parameter dither" in p for p in python_problems(grown, c, m, l))
                   for c, m, l in pythons)
        assert all(rest_problems(openapi, grown, r, l) == [f"{r} takes no dither"]
                   for r, l in routes)
        assert all(cli_problems(grown, p) == [f"`imgsearch {p}` has no option for dither"]
                   for p in paths)


def test_a_changed_default_fails_each_check(openapi):
    moved = create_model("Moved", __base__=vr.EvaluateRequest, sample=(int, Field(4000)))
    assert python_problems(moved, COLLECTIONS, "evaluate") == [
        f"{c.__name__}.evaluate: sample=5000, the model says 4000" for c in COLLECTIONS]
    assert rest_problems(openapi, moved, f"GET {C}/evaluate") == [
        f"GET {C}/evaluate: sample defaults to 5000, the model says 4000"]
    assert cli_problems(moved, "evaluate") == [
        "`imgsearch evaluate`: sample defaults to 5000, the model says 4000"]


def test_a_new_field_reaches_the_built_front_ends():
    """Where a front end is built from the model, the field arrives by itself: the CLI
    options of a command made with request_options, the REST body that subclasses it."""
    from click.testing import CliRunner
    from imgsearch.frontends.cli.options import request_args, request_options
    grown = create_model("Grown", __base__=vr.EvaluateRequest, folds=(int, Field(5, ge=2)))

    @click.command()
    @click.option("--sample", type=int, default=5000)
    @request_options(grown, by_hand=("sample",))
    def cmd(**options):
        click.echo(sorted(request_args(grown, options).items()))

    r = CliRunner().invoke(cmd, ["--folds", "7"])
    assert r.exit_code == 0 and "('folds', 7)" in r.output and "('sample', 5000)" in r.output
    assert CliRunner().invoke(cmd, ["--folds", "1"]).exit_code == 2
    assert cli_problems(vr.EvaluateRequest, "evaluate") == []
