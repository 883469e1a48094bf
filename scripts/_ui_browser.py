"""The browser side of the map benchmark (bench_ui.py): what a person waits for, measured the
same way for every candidate, from outside the page (screenshots, mouse, the Python answer):

  visible   page.goto until a screenshot of the map shows the points (>= 1,500 coloured pixels)
  click     a click on a point until Python has its id (the page prints it)
  lasso     a lasso until Python has the selection, its count checked against numpy
  zoom      one wheel step until a screenshot differs from the one before (a drawn frame)

The component's own hooks (window.__mapview) add what only it can say (its first frame, the
milliseconds of its last draw, how many times it fetched the points)."""
from __future__ import annotations

import io
import re
import time

import numpy as np

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--use-angle=swiftshader",
        "--enable-unsafe-swiftshader"]


def coloured_pixels(png: bytes) -> int:
    from PIL import Image
    rgb = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(np.int16)
    return int(((rgb.max(axis=2) - rgb.min(axis=2)) > 40).sum())


def changed(a: bytes, b: bytes) -> bool:
    from PIL import Image
    x = np.asarray(Image.open(io.BytesIO(a)).convert("L")).astype(np.int16)
    y = np.asarray(Image.open(io.BytesIO(b)).convert("L")).astype(np.int16)
    return x.shape != y.shape or int((np.abs(x - y) > 30).sum()) > 200


def find_frame(page, needle: str, timeout_s: float):
    end = time.perf_counter() + timeout_s
    while time.perf_counter() < end:
        for f in page.frames:
            if needle in f.url:
                return f
        page.wait_for_timeout(100)
    raise RuntimeError(f"no {needle} component on the page")


def visit(ctx, url: str, proxy, rec: dict, which: str, timeout_s: float, needle: str, target: str):
    """Open the page in a new tab: visible_<which>_s, mb_<which> (the wire, once quiet) and,
    for the imgsearch component, map_<which>_s (its arguments to its first frame),
    visible_after_args_<which>_s and geometry_gets_<which> (requests for the points)."""
    page = ctx.new_page()
    page.requested = []
    page.on("request", lambda r: page.requested.append(r.url))
    t, wall = time.perf_counter(), time.time()
    page.goto(url)
    frame = find_frame(page, needle, timeout_s)
    rec[f"visible_{which}_s"] = None
    while time.perf_counter() - t < timeout_s:
        loc = frame.locator(target).first
        try:
            if loc.count() and coloured_pixels(loc.screenshot(timeout=timeout_s * 1000)) >= 1500:
                rec[f"visible_{which}_s"] = round(time.perf_counter() - t, 2)
                break
        except Exception:    # noqa: BLE001 - the element is being replaced: try again
            pass
        page.wait_for_timeout(100)
    if needle == "imgsearch_map":
        frame.wait_for_function("() => window.__mapview && window.__mapview.painted",
                                timeout=timeout_s * 1000, polling=100)
        S = frame.evaluate("""() => { const S = window.__mapview;
            return {painted: S.paintedAt, args: S.firstArgsAt, origin: performance.timeOrigin}; }""")
        rec[f"map_{which}_s"] = round((S["painted"] - S["args"]) / 1000, 2)
        # the same visible time counted from the component's first arguments: Streamlit's own
        # page load (its scripts, the websocket, the first script run) taken out
        if rec[f"visible_{which}_s"] is not None:
            args_at = (S["origin"] + S["args"]) / 1000 - wall
            rec[f"visible_after_args_{which}_s"] = round(rec[f"visible_{which}_s"] - args_at, 2)
    rec[f"mb_{which}"] = round(proxy.take() / 1e6, 2)
    if needle == "imgsearch_map":
        geometry = frame.evaluate("() => window.__mapview.geomUrl")
        rec[f"geometry_gets_{which}"] = sum(geometry in u for u in page.requested)
    return page, frame


def selection(page, pred, timeout_s: float):
    t = time.time()
    while time.time() - t < timeout_s:
        loc = page.locator("code", has_text="SELECTION")
        if loc.count():
            m = re.search(r"SELECTION n=(\d+) first=\[([^\]]*)\]", loc.first.inner_text())
            if m and pred(int(m.group(1)), m.group(2)):
                return int(m.group(1)), m.group(2)
        page.wait_for_timeout(50)
    return None


def to_page(page, frame, x, y):
    box = frame.frame_element().bounding_box()
    px, py = frame.evaluate("""([x, y]) => { const [px, py] = window.__mapview.project(x, y);
        const r = document.querySelector('#map').getBoundingClientRect(); return [r.left + px, r.top + py]; }""", [x, y])
    return box["x"] + px, box["y"] + py


def click(page, frame, df, timeout_s: float) -> dict:
    """Click the leftmost point (nothing else under it) until Python has its id."""
    i = int(np.argmin(df["x"].to_numpy()))
    target = int(df["image_id"].iloc[i])
    x, y = to_page(page, frame, float(np.float32(df["x"].iloc[i])), float(np.float32(df["y"].iloc[i])))
    t, wall = time.perf_counter(), time.time()
    page.mouse.click(x, y)
    got = selection(page, lambda k, first: k == 1 and first.strip() == str(target), timeout_s)
    out = {"click_s": round(time.perf_counter() - t, 2) if got else None, "click_ok": bool(got)}
    sent = frame.evaluate("() => window.__mapview.sentAt ?? null")    # the new component says when
    if sent is not None:                                             # it sent the click to Python
        out["click_sent_s"] = round(sent / 1000 - wall, 3)
    return out


def lasso(page, frame, df, expected_of, timeout_s: float) -> dict:
    """Lasso an octagon around one cluster's centre until Python has the selection."""
    sub = df[df["label"] == "class_03"]
    cx, cy = float(sub["x"].median()), float(sub["y"].median())
    poly = [(cx + 1.5 * np.cos(a), cy + 1.5 * np.sin(a)) for a in np.linspace(0, 2 * np.pi, 9)[:-1]]
    frame.locator('button[data-mode="lasso"]').click(timeout=timeout_s * 1000)
    pts = [to_page(page, frame, px, py) for px, py in poly]
    t = time.perf_counter()
    page.mouse.move(*pts[0])
    page.mouse.down()
    for q in pts[1:] + [pts[0]]:
        page.mouse.move(*q, steps=3)
    page.mouse.up()
    got = selection(page, lambda k, first: k > 1, timeout_s)
    out = {"lasso_s": round(time.perf_counter() - t, 2) if got else None,
           "lasso_n": got[0] if got else None, "lasso_expected": expected_of(poly)}
    frame.locator('button[data-mode="pan"]').click(timeout=timeout_s * 1000)
    return out


def zoom(page, frame, target: str, timeout_s: float) -> dict:
    """One wheel step (zoom in) over the middle of the map until the map on screen changes."""
    loc = frame.locator(target).first
    # the thumbnails' sheet first (built by the server on its first request, seconds at 1M, once
    # per map; a zoom step may cross the zoom that fetches it): the step measures drawing only
    frame.evaluate("() => { const sp = window.__mapview && window.__mapview.sprites; if (sp && sp.load) sp.load(); }")
    frame.wait_for_function("() => !window.__mapview || !window.__mapview.sprites || window.__mapview.sprites.ready",
                            timeout=timeout_s * 1000, polling=100)
    box = loc.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(1000)
    before = loc.screenshot(timeout=timeout_s * 1000)
    frames = frame.evaluate("() => window.__mapview ? window.__mapview.frames ?? null : null")
    t = time.perf_counter()
    page.mouse.wheel(0, -120)
    out = {"zoom_s": None}
    if frames is not None:       # the new renderer counts its frames: when did it draw?
        frame.wait_for_function(f"() => window.__mapview.frames > {frames}", timeout=timeout_s * 1000, polling=10)
        out["zoom_drawn_s"] = round(time.perf_counter() - t, 2)
    while time.perf_counter() - t < timeout_s:
        if changed(before, loc.screenshot(timeout=timeout_s * 1000)):
            out["zoom_s"] = round(time.perf_counter() - t, 2)
            break
        page.wait_for_timeout(20)
    return out


def draw_ms(frame) -> dict:
    """The component's own account of its last frame (the new renderer only)."""
    out = frame.evaluate("""() => { const S = window.__mapview;
        return {ms: S.lastFrameMs ?? null, mode: S.mode_drawn ?? null, in_view: S.inView ?? null}; }""")
    return {"draw_ms": out["ms"] and round(out["ms"], 1), "drawn_as": out["mode"], "in_view": out["in_view"]}
