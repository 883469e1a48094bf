"""Benchmark the map: the app's deck.gl component (binary blobs over HTTP routes) against the
Plotly figure the Map page used before (px.scatter per label, JSON per point), at up to 1M.

    python scripts/bench_ui.py --n 10000,100000,1000000          # by hand (1M: ~10 min here)
    python scripts/bench_ui.py --n 2000 --no-browser              # the smoke run in the tests

For each n, in a headless Debian chromium (software WebGL: SwiftShader, no GPU):
  * component: first paint cold (fresh profile) and warm (second tab, same profile), bytes
    over the wire for each (a counting TCP proxy sits between chromium and Streamlit), a click
    on a point and a lasso round trip (Python must report the clicked id and the exact lasso
    count), and the server-side packing time and bytes per point;
  * plotly (the previous Map page figure, kept here for comparison): figure build time, JSON
    payload, and the time plotly.js needs to draw it (up to --plotly-max-n, as it is slow).
Columns: paint_*_s = page.goto until the component's first frame with the points (deck.gl's
onAfterRender: draw calls submitted), Streamlit's own page load included; visible_*_s = until a
screenshot of the map shows the points (>= 1,500 coloured pixels); map_*_s = from the component's
first arguments to its first frame (fetch + decode + draw), comparable with plotly's paint_cold_s
(Plotly.newPlot of the figure JSON in a bare page, fetch + parse + draw, no Streamlit).
The data are synthetic (clustered points, 10 labels); the component is the same code the Map
page runs (imgsearch.frontends.ui.mapview). Paint times on SwiftShader say nothing about a
GPU: they compare candidates on the same software renderer. Writes bench-results/<out>.json.
"""
from __future__ import annotations

import argparse
import functools
import io
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _bench import print_table, write_results  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--use-angle=swiftshader",
        "--enable-unsafe-swiftshader"]


def frame(n: int, seed: int = 0) -> pd.DataFrame:
    """Clustered synthetic points: 10 labels, a classifier that is right 90% of the time."""
    rng = np.random.default_rng(seed)
    label = rng.integers(0, 10, n)
    centres = np.c_[np.cos(label * 0.63) * 6, np.sin(label * 0.63) * 6]
    xy = centres + rng.normal(0, 0.9, (n, 2))
    pred = np.where(rng.random(n) < 0.9, label, rng.integers(0, 10, n))
    return pd.DataFrame({
        "image_id": np.arange(1, n + 1), "x": xy[:, 0], "y": xy[:, 1],
        "path": [f"/data/datasets/pets/train/class_{c:02d}/image_{i:07d}.jpg" for i, c in enumerate(label)],
        "label": [f"class_{c:02d}" for c in label], "prediction": [f"class_{c:02d}" for c in pred],
        "confidence": rng.random(n)})


def thumb_jpeg(image_id: int, size: int = 64) -> bytes:
    """A stand-in thumbnail (a tinted square with the id), so hover and sprites have pictures."""
    from PIL import Image, ImageDraw
    rng = np.random.default_rng(image_id)
    im = Image.new("RGB", (size, size), tuple(int(v) for v in rng.integers(60, 220, 3)))
    ImageDraw.Draw(im).text((4, size // 2 - 6), str(image_id), fill=(0, 0, 0))
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=80)
    return buf.getvalue()


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
    blob_bytes = g.nbytes + 2 * 2 * g.n
    return {"g": g, "label": label, "pred": pred, "sprites": sprites, "pack_s": took,
            "blob_bytes": blob_bytes}


PAGE = '''
import os, sys, time
import streamlit as st
sys.path.insert(0, {here!r})
import bench_ui
from imgsearch.frontends.ui import mapview

st.set_page_config(page_title="bench", page_icon="🔍", layout="wide")
n = int(os.environ["BENCH_UI_N"])


df, packed = bench_ui.prepared(n)
g = packed["g"]
ev = st.session_state.get("bench-map")
ids = []
if ev and ev["kind"] == "click":
    ids = [int(ev["image_id"])]
elif ev and ev["kind"] == "lasso":
    ids = mapview.lasso_ids(g, ev["polygon"]).tolist()
mapview.deck_map(g, colour=packed["label"], hover=[packed["label"], packed["pred"]], key="bench-map",
                 thumb_url=mapview.register_thumbnails("bench", lambda i, s: bench_ui.thumb_jpeg(i, s)),
                 sprites=packed["sprites"], height=640)
st.code(f"SELECTION n={{len(ids)}} first={{ids[:1]}} event={{ev['id'] if ev else None}}", language=None)
'''
SERVER = '''
import os, sys
import streamlit as st
sys.path.insert(0, {here!r})
import bench_ui
from imgsearch.frontends.ui.mapview.routes import ROUTES
bench_ui.prepared(int(os.environ["BENCH_UI_N"]))     # before the server listens
app = st.App("page.py", routes=ROUTES)
'''


class CountingProxy:
    """127.0.0.1:port -> 127.0.0.1:target, counting every byte both ways."""

    def __init__(self, target: int):
        self.target, self.bytes = target, 0
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, src, dst):
        try:
            while True:
                data = src.recv(1 << 16)
                if not data:
                    break
                with self._lock:
                    self.bytes += len(data)
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def take(self) -> int:
        with self._lock:
            b, self.bytes = self.bytes, 0
        return b


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _map_frame(page):
    for _ in range(600):
        for f in page.frames:
            if "imgsearch_map" in f.url:
                return f
        page.wait_for_timeout(100)
    raise RuntimeError("no map component on the page")


def _paint(page, url: str, timeout_s: float) -> tuple[float, object]:
    t = time.perf_counter()
    page.goto(url)
    frame = _map_frame(page)
    frame.wait_for_function("() => window.__mapview && window.__mapview.painted", timeout=timeout_s * 1000,
                            polling=100)
    took = time.perf_counter() - t
    # the map alone: from the component's first arguments to its first frame with the points
    frame.map_s = frame.evaluate("() => (window.__mapview.paintedAt - window.__mapview.firstArgsAt) / 1000")
    # and until the pixels are really there: screenshots of the map until >= 1,500 coloured pixels
    # (deck.gl's first frame is submitted by then; software GL may still be rasterising it)
    frame.visible_s = None
    while time.perf_counter() - t < timeout_s:
        if _coloured_pixels(frame.locator("#map").screenshot(timeout=timeout_s * 1000)) >= 1500:
            frame.visible_s = time.perf_counter() - t
            break
        page.wait_for_timeout(100)
    return took, frame


def _visit(ctx, url: str, proxy, rec: dict, which: str, timeout_s: float):
    """Open the page in a new tab; record its paint, map and visible times and the bytes."""
    page = ctx.new_page()
    rec[f"paint_{which}_s"], frame = _paint(page, url, timeout_s)
    rec[f"map_{which}_s"] = round(frame.map_s, 2)
    rec[f"visible_{which}_s"] = frame.visible_s and round(frame.visible_s, 2)
    page.wait_for_timeout(500)
    rec[f"mb_{which}"] = round(proxy.take() / 1e6, 2)
    return page, frame


def _coloured_pixels(png: bytes) -> int:
    from PIL import Image
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(np.int16)
    return int(((rgb.max(axis=2) - rgb.min(axis=2)) > 40).sum())


def _selection(page, pred, timeout_s: float):
    import re
    t = time.time()
    while time.time() - t < timeout_s:
        loc = page.locator("code", has_text="SELECTION")
        if loc.count():
            m = re.search(r"SELECTION n=(\d+) first=\[([^\]]*)\]", loc.first.inner_text())
            if m and pred(int(m.group(1)), m.group(2)):
                return int(m.group(1)), m.group(2)
        page.wait_for_timeout(100)
    return None


def _to_page(page, frame, x, y):
    box = frame.frame_element().bounding_box()
    px, py = frame.evaluate("""([x, y]) => { const [px, py] = window.__mapview.project(x, y);
        const r = document.querySelector('#map').getBoundingClientRect(); return [r.left + px, r.top + py]; }""", [x, y])
    return box["x"] + px, box["y"] + py


def measure_component(n: int, timeout_s: float) -> dict:
    from playwright.sync_api import sync_playwright
    from imgsearch.frontends.ui import mapview
    df = frame(n)
    packed = pack(df)
    rec = {"n": n, "what": "component (deck.gl, binary over HTTP)", "server_s": round(packed["pack_s"], 3),
           "bytes_per_point": round(packed["blob_bytes"] / n, 1)}
    port = _free_port()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "page.py").write_text(PAGE.format(here=str(HERE)))
        (Path(tmp) / "server.py").write_text(SERVER.format(here=str(HERE)))
        env = {**os.environ, "BENCH_UI_N": str(n),
               "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
        proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(Path(tmp) / "server.py"),
                                 "--server.port", str(port), "--server.headless", "true",
                                 "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer",
                                 "--global.developmentMode", "false"], cwd=tmp, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        proxy = CountingProxy(port)
        try:
            for _ in range(600):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                    break
                except OSError:
                    time.sleep(0.3)
            url = f"http://127.0.0.1:{proxy.port}/"
            urllib.request.urlopen(url, timeout=30).read()      # warm the server's caches
            with sync_playwright() as p:
                ctx = p.chromium.launch_persistent_context(str(Path(tmp) / "profile"),
                                                           executable_path=shutil.which("chromium"),
                                                           args=ARGS, viewport={"width": 1400, "height": 950})
                proxy.take()
                page, _ = _visit(ctx, url, proxy, rec, "cold", timeout_s)
                page.close()     # a warm visit is one tab: the cold one must not render beside it
                page, mf = _visit(ctx, url, proxy, rec, "warm", timeout_s)
                # click the leftmost point (nothing else under it)
                i = int(np.argmin(df["x"].to_numpy()))
                target = int(df["image_id"].iloc[i])
                x, y = _to_page(page, mf, float(np.float32(df["x"].iloc[i])), float(np.float32(df["y"].iloc[i])))
                t = time.perf_counter()
                page.mouse.click(x, y)
                got = _selection(page, lambda k, first: k == 1 and first.strip() == str(target), timeout_s)
                rec["click_s"] = round(time.perf_counter() - t, 2) if got else None
                rec["click_ok"] = bool(got)
                # lasso an octagon around one cluster's centre
                sub = df[df["label"] == "class_03"]
                cx, cy = float(sub["x"].median()), float(sub["y"].median())
                poly = [(cx + 1.5 * np.cos(a), cy + 1.5 * np.sin(a)) for a in np.linspace(0, 2 * np.pi, 9)[:-1]]
                expected = len(mapview.lasso_ids(packed["g"], poly))
                mf.locator('button[data-mode="lasso"]').click(timeout=timeout_s * 1000)
                pts = [_to_page(page, mf, px, py) for px, py in poly]
                t = time.perf_counter()
                page.mouse.move(*pts[0])
                page.mouse.down()
                for q in pts[1:] + [pts[0]]:
                    page.mouse.move(*q, steps=3)
                page.mouse.up()
                got = _selection(page, lambda k, first: k > 1, timeout_s)
                rec["lasso_s"] = round(time.perf_counter() - t, 2) if got else None
                rec["lasso_n"], rec["lasso_expected"] = (got[0] if got else None), expected
                rec["js_heap_mb"] = round(page.evaluate("() => performance.memory ? performance.memory.usedJSHeapSize / 1e6 : null") or 0, 1)
                ctx.close()
        finally:
            import signal
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=20)
    return rec


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", default="10000,100000,1000000")
    ap.add_argument("--no-browser", action="store_true", help="Only the server side (packing, payloads).")
    ap.add_argument("--plotly-max-n", type=int, default=100_000,
                    help="Draw the Plotly figure in the browser only up to this n (it is slow).")
    ap.add_argument("--timeout", type=float, default=300.0, help="Seconds per browser step.")
    ap.add_argument("--out", default="ui")
    args = ap.parse_args(argv)
    browser = not args.no_browser and shutil.which("chromium") is not None
    load = [round(v, 2) for v in os.getloadavg()]
    records = []
    cols = ["n", "what", "server_s", "bytes_per_point", "mb_cold", "mb_warm", "paint_cold_s",
            "paint_warm_s", "visible_cold_s", "visible_warm_s", "map_cold_s", "map_warm_s", "click_s", "lasso_s", "lasso_n", "lasso_expected"]
    for n in [int(v) for v in args.n.split(",")]:
        if browser:
            rec = measure_component(n, args.timeout)
        else:
            df = frame(n)
            packed = pack(df)
            rec = {"n": n, "what": "component (deck.gl, binary over HTTP)",
                   "server_s": round(packed["pack_s"], 3),
                   "bytes_per_point": round(packed["blob_bytes"] / n, 1),
                   "mb_cold": round(packed["blob_bytes"] / 1e6, 2)}
        records.append(rec)
        print_table([rec], [c for c in cols if c in rec])
        base = measure_plotly(n, browser and n <= args.plotly_max_n, args.timeout)
        records.append(base)
        print_table([base], [c for c in cols if c in base])
    for r in records:
        r["load_avg_start"], r["load_avg_end"] = load, [round(v, 2) for v in os.getloadavg()]
        r["renderer"] = "SwiftShader (software WebGL, no GPU)" if browser else None
    print_table(records, cols)
    print(f"wrote {write_results(args.out, records)}")


if __name__ == "__main__":
    main()
