"""Benchmark the map page at up to 1M points: the component as it is, the component of an
earlier commit (--baseline, today's deck.gl bundle by default), embedding-atlas's Streamlit
component on the same points (--atlas-python, its own venv), and the Plotly figure the Map page
used before the component (JSON per point).

    python scripts/bench_ui.py --n 100000,1000000 --rounds 2 \
        --atlas-python /work/venvs/ea/bin/python                   # by hand (1M: ~20 min here)
    python scripts/bench_ui.py --n 2000 --no-browser               # the server side only
    python scripts/bench_ui.py --n 2000 --rounds 1 --no-plotly     # the browser smoke run

Each round runs every candidate once, in turn (interleaved), in a headless Debian chromium
(software WebGL: SwiftShader, no GPU), each in a fresh profile, behind a proxy that counts every
byte both ways (HTTP and the websocket). Per candidate: points visible cold (a fresh profile)
and warm (a second tab), the bytes of each visit on the wire once it is quiet, a click on a point
until Python has its id, a lasso until Python has the exact selection, one wheel-zoom step until
the screen changes (see _ui_browser.py). The table gives the median over rounds.
embedding-atlas keeps its click in the page (nothing reaches Python) and its Streamlit
component loads DuckDB-wasm from a CDN; with no network here the benchmark serves those files
from embedding-atlas's own standalone viewer (the same version) on a local HTTPS stand-in for the
CDN, behind a second counting proxy (atlas_cdn_mb_*). The data are synthetic (clustered points, 10 labels). Times on SwiftShader say
nothing about a GPU. Writes bench-results/<out>.json (every round and the medians).
"""
from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _bench import print_table, write_results  # noqa: E402
from _ui_browser import ARGS  # noqa: E402
from _ui_data import frame, thumb_jpeg  # noqa: E402,F401 - thumb_jpeg: used by the served page

BASELINE_REV = "af3c703"   # the last commit whose bundle drew the points with deck.gl layers


# -- the previous Map page figure, kept for comparison ----------------------------------------
def plotly_figure(df: pd.DataFrame, colour: str = "label"):
    """common.map_figure as it was before the component: px.scatter (one trace per label),
    path/label/prediction hover strings, JSON per point."""
    import plotly.express as px
    plot = df[["image_id", "x", "y", "path", "label", "prediction"]].copy()
    values = sorted(plot[colour].unique())
    palette = {v: px.colors.qualitative.Dark24[i % 24] for i, v in enumerate(values)}
    fig = px.scatter(plot, x="x", y="y", color=colour, custom_data=["image_id"], render_mode="webgl",
                     color_discrete_map=palette,
                     hover_data={"path": True, "label": True, "prediction": True, "x": False, "y": False})
    fig.update_traces(marker={"size": 5})
    fig.update_layout(height=640, margin={"l": 0, "r": 0, "t": 30, "b": 0}, legend={"itemsizing": "constant"})
    return fig


def plotly_paint_s(fig_json: str, timeout_s: float) -> float | None:
    import plotly
    from playwright.sync_api import sync_playwright
    js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "fig.json").write_text(fig_json)
        (Path(tmp) / "page.html").write_text(f"""<html><body><div id="g" style="width:1200px;height:640px"></div>
<script src="file://{js}"></script><script>
const t0 = performance.now();
fetch('fig.json').then(r => r.json()).then(fig => Plotly.newPlot('g', fig.data, fig.layout))
  .then(() => requestAnimationFrame(() => {{ window.paint = performance.now() - t0; }}));
</script></body></html>""")
        with sync_playwright() as p:
            b = p.chromium.launch(executable_path=shutil.which("chromium"),
                                  args=ARGS + ["--allow-file-access-from-files"])
            page = b.new_page()
            page.goto(f"file://{tmp}/page.html")
            try:
                page.wait_for_function("window.paint !== undefined", timeout=timeout_s * 1000, polling=200)
                ms = page.evaluate("window.paint")
            except Exception:   # noqa: BLE001 - too slow: reported as missing
                ms = None
            b.close()
    return None if ms is None else ms / 1000.0


def measure_plotly(n: int, paint: bool, timeout_s: float) -> dict:
    df = frame(n)
    t = time.perf_counter()
    payload = plotly_figure(df).to_json()
    build_s = time.perf_counter() - t
    return {"n": n, "what": "plotly (previous Map page)", "server_s": round(build_s, 3),
            "mb_cold": round(len(payload) / 1e6, 2), "bytes_per_point": round(len(payload) / n, 1),
            "paint_cold_s": plotly_paint_s(payload, timeout_s) if paint else None}


# -- the component: server-side packing --------------------------------------------------------
@functools.lru_cache(maxsize=2)
def prepared(n: int):
    """The frame and its packed blobs, once per process (the bench's server makes them at start,
    so a 'cold' paint measures the browser and the transfer, not the synthetic data)."""
    df = frame(n)
    return df, pack(df)


def pack(df: pd.DataFrame) -> dict:
    from imgsearch.frontends.ui import mapview
    t = time.perf_counter()
    g = mapview.geometry(df)
    label = mapview.encode(g.align(df["image_id"], df["label"]), "label")
    pred = mapview.encode(g.align(df["image_id"], df["prediction"]), "prediction")
    sprites = mapview.sprite_spec(g, "bench", lambda i, s: thumb_jpeg(i, s))
    took = time.perf_counter() - t
    blob_bytes = g.nbytes + 2 * 2 * g.n      # geometry (12 B) + the label and prediction codes
    return {"g": g, "label": label, "pred": pred, "sprites": sprites, "pack_s": took,
            "blob_bytes": blob_bytes}


# -- the candidates in the browser -------------------------------------------------------------
def _browser(p, profile: Path, extra: list[str] = ()):
    return p.chromium.launch_persistent_context(str(profile), executable_path=shutil.which("chromium"),
                                                args=ARGS + list(extra), viewport={"width": 1400, "height": 950})


def measure_component(n: int, timeout_s: float, bundle: str | None = None) -> dict:
    """The imgsearch component (this checkout's bundle, or `bundle`: another build of it)."""
    from playwright.sync_api import sync_playwright

    import _ui_browser as B
    from _ui_serve import COMPONENT_PAGE, COMPONENT_SERVER, serve
    from imgsearch.frontends.ui import mapview
    df, packed = prepared(n)
    rec = {"n": n, "what": "imgsearch, deck.gl layers (before)" if bundle else "imgsearch, one draw call (now)",
           "server_s": round(packed["pack_s"], 3), "bytes_per_point": round(packed["blob_bytes"] / n, 1)}
    with serve(COMPONENT_PAGE, n, server=COMPONENT_SERVER, bundle=bundle) as (url, proxy), \
            tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        ctx = _browser(p, Path(tmp))
        page, _ = B.visit(ctx, url, proxy, rec, "cold", timeout_s, "imgsearch_map", "#map")
        page.close()     # a warm visit is one tab: the cold one must not render beside it
        page, mf = B.visit(ctx, url, proxy, rec, "warm", timeout_s, "imgsearch_map", "#map")
        rec.update(B.click(page, mf, df, timeout_s))
        rec.update(B.lasso(page, mf, df, lambda poly: len(mapview.lasso_ids(packed["g"], poly)), timeout_s))
        rec.update(B.zoom(page, mf, "#map", timeout_s))
        if not bundle:
            rec.update(B.draw_ms(mf))
        rec["js_heap_mb"] = round(page.evaluate("() => performance.memory ? performance.memory.usedJSHeapSize / 1e6 : null") or 0, 1)
        ctx.close()
    return rec


def _atlas_files(python: str) -> dict[str, Path]:
    """DuckDB-wasm as embedding-atlas's standalone viewer ships it, by the CDN's file names."""
    import subprocess
    where = subprocess.run([python, "-c", "import embedding_atlas, os; print(os.path.dirname(embedding_atlas.__file__))"],
                           check=True, capture_output=True, text=True).stdout.strip()
    assets = Path(where) / "static" / "assets"
    files = {}
    for cdn, local in (("duckdb-eh.wasm", "duckdb-eh-*.wasm"), ("duckdb-mvp.wasm", "duckdb-mvp-*.wasm"),
                       ("duckdb-browser-eh.worker.js", "duckdb-browser-eh.worker-*.js"),
                       ("duckdb-browser-mvp.worker.js", "duckdb-browser-mvp.worker-*.js")):
        found = sorted(assets.glob(local))
        if found:
            files[cdn] = found[0]
    return files


def measure_atlas(n: int, python: str, timeout_s: float) -> dict:
    """embedding-atlas's Streamlit component (in its own venv) on the same points."""
    from playwright.sync_api import sync_playwright

    import _ui_browser as B
    from _ui_serve import ATLAS_PAGE, cdn, serve
    rec = {"n": n, "what": "embedding-atlas 0.22 (Streamlit component)"}
    with serve(ATLAS_PAGE, n, python=python) as (url, proxy), cdn(_atlas_files(python)) as (port, cdn_proxy), \
            tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        ctx = _browser(p, Path(tmp), [f"--host-resolver-rules=MAP cdn.jsdelivr.net:443 127.0.0.1:{port}",
                                      "--ignore-certificate-errors"])
        page, _ = B.visit(ctx, url, proxy, rec, "cold", timeout_s, "embedding_atlas", "canvas")
        rec["atlas_cdn_mb_cold"] = round(cdn_proxy.take() / 1e6, 2)
        page.close()
        page, f = B.visit(ctx, url, proxy, rec, "warm", timeout_s, "embedding_atlas", "canvas")
        rec["atlas_cdn_mb_warm"] = round(cdn_proxy.take() / 1e6, 2)
        rec.update(B.zoom(page, f, "canvas", timeout_s))
        ctx.close()
    return rec


# -- rounds, medians, targets ------------------------------------------------------------------
NUMERIC = ["server_s", "bytes_per_point", "mb_cold", "mb_warm", "visible_cold_s", "visible_warm_s",
           "map_cold_s", "map_warm_s", "geometry_gets_cold", "visible_after_args_cold_s", "click_sent_s",
           "visible_after_args_warm_s", "click_s", "lasso_s", "lasso_n",
           "lasso_expected", "zoom_s", "zoom_drawn_s", "draw_ms", "paint_cold_s", "atlas_cdn_mb_cold", "atlas_cdn_mb_warm"]
COLS = ["n", "what", "rounds", "bytes_per_point", "mb_cold", "mb_warm", "geometry_gets_cold", "visible_cold_s",
        "visible_warm_s", "visible_after_args_cold_s", "map_cold_s", "click_s", "click_sent_s", "lasso_s", "lasso_n", "lasso_expected", "zoom_s",
        "zoom_drawn_s", "draw_ms", "drawn_as", "paint_cold_s", "server_s"]


def medians(records: list[dict]) -> list[dict]:
    out = {}
    for r in records:
        out.setdefault((r["n"], r["what"]), []).append(r)
    rows = []
    for (n, what), rs in out.items():
        row = {"n": n, "what": what, "rounds": len(rs)}
        for c in NUMERIC:
            vals = [r[c] for r in rs if r.get(c) is not None]
            if vals:
                row[c] = round(statistics.median(vals), 2)
        for c in ("drawn_as", "click_ok"):
            if c in rs[-1]:
                row[c] = rs[-1][c]
        rows.append(row)
    return rows


def targets(rows: list[dict]) -> list[dict]:
    """At each n: visible < 4 s, click < 1 s, zoom frame < 0.5 s, bytes no more than before."""
    out = []
    for n in sorted({r["n"] for r in rows}):
        now = next((r for r in rows if r["n"] == n and r["what"].endswith("(now)")), None)
        before = next((r for r in rows if r["n"] == n and r["what"].endswith("(before)")), None)
        if not now or "visible_cold_s" not in now:
            continue
        for what, value, limit in (("visible_cold_s", now.get("visible_cold_s"), 4.0),
                                   ("click_s", now.get("click_s"), 1.0), ("zoom_s", now.get("zoom_s"), 0.5),
                                   ("mb_cold", now.get("mb_cold"), before and before.get("mb_cold"))):
            if value is not None and limit is not None:
                out.append({"n": n, "target": f"{what} <= {limit}", "measured": value,
                            "met": "yes" if value <= limit else "no"})
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", default="100000,1000000")
    ap.add_argument("--rounds", type=int, default=1, help="Rounds of every candidate, interleaved.")
    ap.add_argument("--no-browser", action="store_true", help="Only the server side (packing, payloads).")
    ap.add_argument("--baseline", default=BASELINE_REV,
                    help="Git revision whose component bundle to measure beside this one ('' for none).")
    ap.add_argument("--atlas-python", default="",
                    help="Python of a venv with embedding-atlas 0.22 and streamlit ('' for none).")
    ap.add_argument("--no-plotly", action="store_true", help="Leave out the Plotly figure.")
    ap.add_argument("--plotly-max-n", type=int, default=100_000,
                    help="Draw the Plotly figure in the browser only up to this n (it is slow).")
    ap.add_argument("--timeout", type=float, default=300.0, help="Seconds per browser step.")
    ap.add_argument("--out", default="ui")
    args = ap.parse_args(argv)
    browser = not args.no_browser and shutil.which("chromium") is not None
    load = [round(v, 2) for v in os.getloadavg()]
    records = []
    with tempfile.TemporaryDirectory() as tmp:
        bundle = None
        if browser and args.baseline:
            from _ui_serve import bundle_at
            bundle = bundle_at(args.baseline, Path(tmp) / "baseline")
        for n in [int(v) for v in args.n.split(",")]:
            for rnd in range(args.rounds if browser else 1):
                runs = []
                if browser:
                    runs.append(("imgsearch (now)", lambda: measure_component(n, args.timeout)))
                    if bundle:
                        runs.append(("imgsearch (before)", lambda: measure_component(n, args.timeout, bundle)))
                    if args.atlas_python:
                        runs.append(("embedding-atlas", lambda: measure_atlas(n, args.atlas_python, args.timeout)))
                else:
                    runs.append(("server", lambda: server_only(n)))
                if rnd % 2:
                    runs.reverse()       # interleaved: each candidate goes first in turn
                for name, run in runs:
                    try:
                        rec = run()
                    except Exception as e:   # noqa: BLE001 - one failed candidate: say so, go on
                        rec = {"n": n, "what": name, "error": f"{type(e).__name__}: {e}"[:300]}
                    rec["round"] = rnd
                    records.append(rec)
                    print_table([rec], [c for c in COLS if c in rec] + (["error"] if "error" in rec else []))
            if not args.no_plotly:
                base = measure_plotly(n, browser and n <= args.plotly_max_n, args.timeout)
                records.append(base)
                print_table([base], [c for c in COLS if c in base])
    for r in records:
        r["load_avg_start"], r["load_avg_end"] = load, [round(v, 2) for v in os.getloadavg()]
        r["renderer"] = "SwiftShader (software WebGL, no GPU)" if browser else None
    rows = medians([r for r in records if "error" not in r])
    print("medians over rounds:")
    print_table(rows, COLS)
    met = targets(rows)
    if met:
        print_table(met, ["n", "target", "measured", "met"])
    print(f"wrote {write_results(args.out, rows + met + [dict(r, raw=True) for r in records])}")


def server_only(n: int) -> dict:
    df, packed = prepared(n)
    return {"n": n, "what": "imgsearch, one draw call (now)", "server_s": round(packed["pack_s"], 3),
            "bytes_per_point": round(packed["blob_bytes"] / n, 1), "mb_cold": round(packed["blob_bytes"] / 1e6, 2)}


if __name__ == "__main__":
    main()
