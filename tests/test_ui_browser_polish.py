"""The app's finer behaviour in a real browser (Debian's chromium, driven by Playwright): the
map's "Reset view" holds through the next wheel step, images coloured by a rare tag are drawn
over the untagged ones, a tag confirmation appears beside its button; and `imgsearch ui` on a
taken port fails at once, without announcing an app.
"""
import io
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

import imgsearch

from .browser import free_port, have_chromium, launch, settle, wait_until_up

needs_browser = pytest.mark.skipif(not have_chromium(), reason="Debian chromium not installed")
TAGGED = [3, 40, 77, 150, 222]


def test_ui_on_a_taken_port_fails_before_announcing_the_app(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "IMGSEARCH_HOME": str(tmp_path), "IMGSEARCH_PROGRESS": "0"}
        done = subprocess.run([sys.executable, "-m", "imgsearch", "ui", "--port", str(port)], env=env,
                              capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    out = done.stdout + done.stderr
    assert f"cannot serve the app on 127.0.0.1:{port}" in out and "--port" in out
    assert "Ctrl-C stops it" not in out and "Traceback" not in out


@pytest.fixture(scope="module")
def server(digits_dir, tmp_path_factory):
    home = tmp_path_factory.mktemp("polish_home")
    imgsearch.index_images(digits_dir, "polish", model="pixels", size=8,
                           labels=digits_dir / "labels.csv", home=home, workers=0, progress=False)
    with imgsearch.open_collection("polish", home=home) as col:
        col.build_map("pca")
        col.tag(TAGGED, "review")
    env = {**os.environ, "IMGSEARCH_HOME": str(home), "IMGSEARCH_PROGRESS": "0"}
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = home / "ui.log"
    with open(log_path, "w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "imgsearch", "ui", "-c", "polish", "--port", str(port)],
                                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until_up(f"{url}/_stcore/health", proc, timeout=300, log=log_path)
        yield {"url": url}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def page():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        pg = browser.new_page(viewport={"width": 1500, "height": 1100})
        pg.set_default_timeout(60_000)
        yield pg
        browser.close()


def map_frame(pg):
    deadline = time.time() + 90
    while time.time() < deadline:
        frames = [f for f in pg.frames if "imgsearch_map" in f.url]
        if frames:
            frames[0].wait_for_function("() => window.__mapview && window.__mapview.painted", timeout=90_000)
            return frames[0]
        pg.wait_for_timeout(200)
    raise AssertionError("no map component")


def deck_zoom(frame) -> float:
    """The zoom deck.gl draws with (its own viewport, not what was last asked of it)."""
    return frame.evaluate("() => window.__mapview.deck.getViewports()[0].zoom")


def wheel(pg, frame, steps: int, dy: int = -120):
    box = frame.locator("#map").bounding_box()
    pg.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(steps):
        pg.mouse.wheel(0, dy)
        pg.wait_for_timeout(120)
    pg.wait_for_timeout(600)


@needs_browser
def test_reset_view_holds_through_the_next_wheel_step(server, page):
    page.goto(server["url"])
    frame = map_frame(page)
    fitted = deck_zoom(frame)
    wheel(page, frame, 8)
    zoomed = deck_zoom(frame)
    assert zoomed > fitted + 1.5
    frame.locator("#reset").click()
    page.wait_for_timeout(300)
    assert abs(deck_zoom(frame) - fitted) < 0.05
    wheel(page, frame, 1)
    after = deck_zoom(frame)
    assert fitted < after < fitted + 1, (fitted, zoomed, after)   # one step on from the reset view


@needs_browser
def test_rare_tags_are_drawn_over_the_untagged_points(server, page):
    page.goto(server["url"])
    map_frame(page)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Colour by").click()
    page.get_by_role("option", name="tags", exact=True).click()
    frame = map_frame(page)
    frame.wait_for_function("() => { const S = window.__mapview; return S.args.colour && "
                            "S.args.colour.name === 'tags' && S.colourKey && "
                            "S.colourKey.startsWith(S.args.colour.url); }")
    page.wait_for_timeout(800)
    last = frame.evaluate(f"""() => {{ const S = window.__mapview, o = S.order;
        return Array.from(o.slice(o.length - {len(TAGGED)})).map(i => S.geom.ids[i]); }}""")
    assert sorted(last) == TAGGED                   # drawn last: on top
    # and on screen: the pixel at each tagged point is its tag's colour, not the grey of "(none)"
    from PIL import Image
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    fbox = frame.frame_element().bounding_box()
    coloured = 0
    for image_id in TAGGED:
        px, py = frame.evaluate("""(id) => { const S = window.__mapview, [x, y] = S.positionOf(id);
            const [px, py] = S.project(x, y), r = document.querySelector('#map').getBoundingClientRect();
            return [r.left + px, r.top + py]; }""", image_id)
        r, g, b = shot.getpixel((int(fbox["x"] + px), int(fbox["y"] + py)))
        coloured += max(r, g, b) - min(r, g, b) > 40
    assert coloured == len(TAGGED)
    # zoomed in far enough for thumbnails: each sits in a frame of its point's colour
    frame.evaluate("""() => { const S = window.__mapview, [x, y] = S.positionOf(3);
        S.zoomTo(x, y, S.view.zoom + 6); }""")
    frame.wait_for_function("() => window.__mapview.deck.props.layers.some(l => l.id === 'frames')")


@needs_browser
def test_a_tag_confirmation_appears_beside_its_button(server, page):
    page.goto(server["url"] + "/curate")
    page.get_by_role("tab", name="Outliers").click()
    page.get_by_text("Outlier score = 1").wait_for()
    settle(page)        # the gallery drawn whole: a click during the run can be redrawn away
    box = page.get_by_role("checkbox", name="pick #").first
    box.check(force=True)
    button = page.get_by_role("button", name="Tag 1 picked", exact=True)
    button.wait_for()
    button.click()
    done = page.get_by_text("tagged 1 image 'exclude'")
    done.wait_for()
    b, d = button.bounding_box(), done.bounding_box()
    assert 0 < d["y"] - b["y"] < 200, (b, d)      # right under the button, not a screen away


@needs_browser
def test_picks_survive_switching_tabs(server, page):
    page.goto(server["url"] + "/curate")
    page.get_by_role("tab", name="Outliers").click()
    page.get_by_text("Outlier score = 1").wait_for()
    settle(page)        # the gallery drawn whole: while it is drawn the second checkbox changes
    box = page.get_by_role("checkbox", name="pick #").nth(1)
    name = (box.get_attribute("aria-label") or page.locator('[data-testid="stCheckbox"]').nth(1).inner_text()).strip()
    page.get_by_role("checkbox", name=name, exact=True).check(force=True)
    page.get_by_role("button", name="Tag 1 picked", exact=True).wait_for()
    page.get_by_role("tab", name="Label issues").click()
    page.get_by_text("neighbours say").first.wait_for()
    settle(page)        # the run has ended: Streamlit has dropped the unseen checkbox's state
    page.get_by_role("tab", name="Outliers").click()
    page.get_by_role("button", name="Tag 1 picked", exact=True).wait_for()
    again = page.get_by_role("checkbox", name=name, exact=True)
    assert again.is_checked()
