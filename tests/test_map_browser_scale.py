"""The map component at 50,000 points in a real browser (Debian chromium, software WebGL):
a click gives Python the point under the cursor, a lasso gives it exactly the points inside the
polygon (checked against a numpy winding-number test), the points are fetched once, and the
view shows a density image zoomed out and points with thumbnails zoomed in.

The page is the component alone on synthetic blobs (sklearn's make_blobs), served the way the
app serves it (`st.App` with the map's routes); Python writes each selection to a JSON file."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from .browser import ROOT, free_port, have_chromium, launch, wait_until_up

pytestmark = pytest.mark.skipif(not have_chromium(), reason="Debian's chromium is not installed")
N, BUDGET = 50_000, 20_000
SHOTS = ROOT / "test-artifacts" / "e2e"

PAGE = '''
import json, os
import numpy as np
import pandas as pd
import streamlit as st
from imgsearch.frontends.ui import mapview

st.set_page_config(layout="wide")
data = np.load(os.environ["MAP_DATA"])
frame = pd.DataFrame({"image_id": data["ids"], "x": data["x"], "y": data["y"]})
g = mapview.geometry(frame)
labels = pd.Series(data["label"], index=data["ids"]).reindex(g.ids).map(lambda v: f"blob {v}")
colour = mapview.encode(labels.to_numpy(object), "label")


def thumb(i, size):
    from PIL import Image
    im = Image.new("RGB", (size, size), (int(i * 37 % 200) + 30, 90, 160))
    buf = __import__("io").BytesIO()
    im.save(buf, "JPEG")
    return buf.getvalue()


url = mapview.register_thumbnails("scale", thumb)
ev = mapview.deck_map(g, colour=colour, hover=[colour], key="m", thumb_url=url, height=600,
                      sprites=mapview.sprite_spec(g, "scale", thumb), point_budget=BUDGET)
if ev:
    ids = [int(ev["image_id"])] if ev["kind"] == "click" else mapview.lasso_ids(g, ev["polygon"]).tolist()
    with open(os.environ["MAP_OUT"], "w") as f:
        json.dump({"event": ev["id"], "kind": ev["kind"], "ids": ids, "polygon": ev.get("polygon")}, f)
    st.code(f"EVENT {ev['id']}")
'''
SERVER = '''
import streamlit as st
from imgsearch.frontends.ui.mapview.routes import ROUTES
app = st.App("page.py", routes=ROUTES)
'''


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from sklearn.datasets import make_blobs
    tmp = tmp_path_factory.mktemp("mapscale")
    xy, label = make_blobs(N, centers=10, cluster_std=1.2, center_box=(-12, 12), random_state=3)
    ids = np.random.default_rng(0).permutation(np.arange(10, 10 + 3 * N, 3))[:N]
    np.savez(tmp / "data.npz", ids=ids, x=xy[:, 0], y=xy[:, 1], label=label)
    (tmp / "page.py").write_text(PAGE.replace("BUDGET", str(BUDGET)))
    (tmp / "server.py").write_text(SERVER)
    port = free_port()
    env = {**os.environ, "MAP_DATA": str(tmp / "data.npz"), "MAP_OUT": str(tmp / "out.json"),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "server.py", "--server.port",
                             str(port), "--server.headless", "true", "--browser.gatherUsageStats",
                             "false"], cwd=tmp, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/_stcore/health", proc)
        yield {"url": f"http://127.0.0.1:{port}/", "out": tmp / "out.json", "ids": ids,
               "x": xy[:, 0].astype(np.float32), "y": xy[:, 1].astype(np.float32)}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


@pytest.fixture(scope="module")
def page(app):
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = launch(p)
        pg = browser.new_page(viewport={"width": 1300, "height": 900})
        pg.requests = []
        pg.on("request", lambda r: pg.requests.append(r.url))
        pg.goto(app["url"])
        frame = None
        for _ in range(600):
            frame = next((f for f in pg.frames if "imgsearch_map" in f.url), None)
            if frame:
                break
            pg.wait_for_timeout(100)
        frame.wait_for_function(f"() => window.__mapview && window.__mapview.painted && window.__mapview.geom.n === {N}",
                                timeout=120_000)
        frame.wait_for_function("() => window.__mapview.tree !== null", timeout=60_000)
        pg.map = frame
        yield pg
        browser.close()


def _event(app, after: float, timeout: float = 60) -> dict:
    deadline = time.time() + timeout
    while time.time() < deadline:
        out = app["out"]
        if out.exists() and out.stat().st_mtime > after:
            try:
                return json.loads(out.read_text())
            except ValueError:
                pass
        time.sleep(0.1)
    raise AssertionError("Python received no event")


def _to_page(page, x, y):
    box = page.map.frame_element().bounding_box()
    px, py = page.map.evaluate("""([x, y]) => { const [px, py] = window.__mapview.project(x, y);
        const r = document.querySelector('#map').getBoundingClientRect(); return [r.left + px, r.top + py]; }""",
                               [x, y])
    return box["x"] + px, box["y"] + py


def _to_data(page, px, py):
    box = page.map.frame_element().bounding_box()
    return page.map.evaluate("""([px, py]) => { const S = window.__mapview, el = document.querySelector('#map'),
        r = el.getBoundingClientRect(), s = Math.pow(2, S.view.zoom);
        return [S.view.target[0] + (px - r.left - el.clientWidth / 2) / s,
                S.view.target[1] - (py - r.top - el.clientHeight / 2) / s, s]; }""",
                             [px - box["x"], py - box["y"]])


def _coloured(png: bytes) -> int:
    from PIL import Image
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(np.int16)
    return int(((rgb.max(axis=2) - rgb.min(axis=2)) > 40).sum())


def _winding(poly, x, y):
    """The winding number of the polygon around each point (numpy), the check independent of the
    even-odd crossing test the component and mapview.lasso_ids run: for a simple polygon, nonzero
    exactly inside."""
    wn = np.zeros(len(x), dtype=np.int64)
    for (xa, ya), (xb, yb) in zip(poly, np.roll(poly, -1, axis=0)):
        side = (xb - xa) * (y - ya) - (x - xa) * (yb - ya)     # > 0: the point left of a -> b
        wn += ((ya <= y) & (yb > y) & (side > 0)).astype(np.int64)
        wn -= ((ya > y) & (yb <= y) & (side < 0)).astype(np.int64)
    return wn


def test_the_points_are_fetched_once_and_drawn_as_a_density_image_zoomed_out(page):
    geometry = page.map.evaluate("() => window.__mapview.geomUrl")
    assert sum(u.endswith(geometry) for u in page.requests) == 1, [u for u in page.requests if "mapdata" in u]
    assert page.map.evaluate("() => window.__mapview.mode_drawn") == "density"
    assert page.map.evaluate("() => window.__mapview.inView") == N
    SHOTS.mkdir(parents=True, exist_ok=True)
    png = page.map.locator("#map").screenshot(path=str(SHOTS / "20_map_50k_density.png"))
    assert _coloured(png) > 20_000


def test_a_click_gives_python_the_point_under_the_cursor(app, page):
    x, y, ids = app["x"], app["y"], app["ids"]
    for i in (int(np.argmin(x)), int(np.argmax(y)), int(np.argsort(x)[N // 2])):   # lone and crowded
        px, py = _to_page(page, float(x[i]), float(y[i]))
        px, py = round(px) + 0.5, round(py) + 0.5
        dx, dy, s = _to_data(page, px, py)
        d = (x.astype(np.float64) - dx) ** 2 + (y.astype(np.float64) - dy) ** 2
        want = int(ids[int(np.argmin(d))])
        assert np.sqrt(d.min()) * s <= 6, "the nearest point is under the cursor"
        t = time.time()
        page.mouse.click(px, py)
        ev = _event(app, t)
        assert ev["kind"] == "click" and ev["ids"] == [want]
        assert page.map.evaluate("() => window.__mapview.selectedIds()") == [want]


def test_a_lasso_gives_python_exactly_the_points_inside(app, page):
    x, y, ids = app["x"], app["y"], app["ids"]
    cx, cy = float(np.median(x)), float(np.median(y))
    rng = np.random.default_rng(5)
    angles = np.sort(rng.uniform(0, 2 * np.pi, 11))
    radii = rng.uniform(3, 8, 11)            # a star-shaped, non-convex polygon
    corners = [_to_page(page, cx + r * np.cos(a), cy + r * np.sin(a)) for a, r in zip(angles, radii)]
    page.map.locator('button[data-mode="lasso"]').click()
    t = time.time()
    page.mouse.move(*corners[0])
    page.mouse.down()
    for q in corners[1:] + [corners[0]]:
        page.mouse.move(*q, steps=2)
    page.mouse.up()
    ev = _event(app, t)
    page.map.locator('button[data-mode="pan"]').click()
    polygon = np.asarray(ev["polygon"], dtype=np.float64)          # as Python received it
    inside = _winding(polygon, x.astype(np.float64), y.astype(np.float64)) != 0
    want = sorted(int(v) for v in ids[inside])
    assert ev["kind"] == "lasso" and len(want) > 1000
    assert sorted(ev["ids"]) == want
    assert sorted(page.map.evaluate("() => window.__mapview.selectedIds()")) == want


def test_zoomed_in_the_map_draws_points_and_thumbnails(page):
    page.map.evaluate("""() => { const S = window.__mapview, d = S.sprites.data[0];
        S.zoomTo(d.pos[0], d.pos[1], Math.log2(90 / S.sprites.size)); }""")
    page.map.wait_for_function("""() => window.__mapview.sprites.ready &&
        window.__mapview.deck.props.layers.some(l => l.id === 'sprites')""", timeout=90_000)
    page.map.wait_for_function("() => window.__mapview.mode_drawn === 'points'")
    assert 0 < page.map.evaluate("() => window.__mapview.inView") <= BUDGET
    page.wait_for_timeout(1000)
    png = page.map.locator("#map").screenshot(path=str(SHOTS / "21_map_50k_zoomed.png"))
    assert _coloured(png) > 5_000
    page.map.locator("#reset").click()
    page.map.wait_for_function("() => window.__mapview.mode_drawn === 'density'")
