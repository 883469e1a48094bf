"""Benchmark the map page: time to build the map figure on the server, its payload size, and
(with Debian's chromium) the time for plotly.js to draw it in a headless browser.

    python scripts/bench_ui.py --n 10000,50000,100000

Baseline in the same run: the same figure as SVG (plotly's default below 1,000 points).
Target: first paint of 100k points < 3 s with a payload < 50 MB. Writes bench-results/ui.json.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _bench import print_table, write_results  # noqa: E402


def frame(n: int, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    label = rng.integers(0, 20, n)
    return pd.DataFrame({
        "image_id": np.arange(1, n + 1), "x": rng.normal(label % 5, 0.4), "y": rng.normal(label // 5, 0.4),
        "path": [f"/data/datasets/pets/train/class_{c:02d}/image_{i:07d}.jpg" for i, c in enumerate(label)],
        "label": [f"class_{c:02d}" for c in label],
        "prediction": [f"class_{c:02d}" for c in np.where(rng.random(n) < 0.9, label, rng.integers(0, 20, n))]})


def browser_paint_ms(fig_json: str) -> float | None:
    chromium = shutil.which("chromium")
    if not chromium:
        return None
    import plotly
    from playwright.sync_api import sync_playwright
    js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    html = f"""<html><body><div id="g" style="width:1200px;height:640px"></div>
<script src="file://{js}"></script><script>
const fig = {fig_json}; const t0 = performance.now();
Plotly.newPlot('g', fig.data, fig.layout).then(() => {{ window.paint = performance.now() - t0; }});
</script></body></html>"""
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False) as f:
        f.write(html)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=[
            "--no-sandbox", "--disable-gpu", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
            "--disable-background-networking", "--allow-file-access-from-files"])
        page = b.new_page()
        page.goto(f"file://{f.name}")
        page.wait_for_function("window.paint !== undefined", timeout=120_000)
        ms = page.evaluate("window.paint")
        b.close()
    return float(ms)


def measure(n: int, render_mode: str, paint: bool) -> dict:
    import plotly.express as px
    from imgsearch.frontends.ui import common
    df = frame(n)
    t = time.perf_counter()
    if render_mode == "webgl":
        fig = common.map_figure(df, "label")
    else:
        fig = px.scatter(df, x="x", y="y", color="label", custom_data=["image_id"], render_mode="svg",
                         hover_data={"path": True, "prediction": True})
    payload = fig.to_json()
    build_s = time.perf_counter() - t
    return {"n": n, "render": render_mode, "figure_s": build_s, "payload_mb": len(payload) / 1e6,
            "browser_paint_ms": browser_paint_ms(payload) if paint else None}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", default="10000,50000,100000")
    ap.add_argument("--no-browser", action="store_true")
    ap.add_argument("--out", default="ui")
    args = ap.parse_args(argv)
    records = []
    for n in [int(v) for v in args.n.split(",")]:
        for mode in ("webgl", "svg"):
            rec = measure(n, mode, not args.no_browser and (mode == "webgl" or n <= 10_000))
            records.append(rec)
            print_table([rec], list(rec))
    print(f"wrote {write_results(args.out, records)}")


if __name__ == "__main__":
    main()
