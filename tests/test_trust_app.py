"""The app and hostile data: labels are shown as text (a Markdown image in a label makes the
viewer's browser fetch nothing), with an API token set the app answers only requests that
carry this start's key (its pages, websocket and the map's /thumb routes), and it refuses a
public address without a token. A real `imgsearch ui` in Debian's chromium."""
import http.server
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

import pandas as pd
import pytest

import skimage.data
from PIL import Image

import imgsearch

from .browser import free_port, have_chromium, launch, wait_until_up

TOKEN = "app-test-token"


def test_ui_refuses_a_public_address_without_a_token(tmp_path):
    env = {**os.environ, "IMGSEARCH_HOME": str(tmp_path / "home"), "IMGSEARCH_PROGRESS": "0"}
    env.pop("IMGSEARCH_API_TOKEN", None)
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "imgsearch", "ui", "--address", "192.0.2.1",
                           "--port", str(free_port())], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "refusing to serve the app on 192.0.2.1 without an API token" in lines[0]
    assert "Traceback" not in done.stderr and time.perf_counter() - t < 60
    assert not (tmp_path / "home" / ".imgsearch-service.json").exists()   # nothing was started


def test_markdown_in_a_value_is_escaped_for_every_markdown_element():
    from imgsearch.frontends.ui import common
    text = common.md("![t](http://host/track.png) <img src=x> `a` $x$ [l](u) *b* # h\nnext")
    assert "\n" not in text
    # every Markdown character is escaped: no image, link, code, math, HTML or emphasis
    assert re.search(r"(?<!\\)[!\[\]()<>`$*#]", text) is None
    assert re.sub(r"\\(.)", r"\1", text) == ("![t](http://host/track.png) <img src=x> `a` $x$ [l](u) "
                                           "*b* # h next")
    row = {"image_id": 3, "score": 0.5, "label": "![t](http://host/x.png)", "prediction": None}
    assert common.caption(row) == (r"#3 · score 0.500 · label: \!\[t\]\(http\://host/x.png\) · "
                                   r"prediction: \(no label\)")
    assert common.md("no collection 'nope'") == "no collection 'nope'"   # messages read the same
    assert common.md("- item") == r"\- item" and common.md("a\\b") == "a\\\\b"


# -- a real app with a token, in a real browser -------------------------------------------------
class _Tracker(http.server.BaseHTTPRequestHandler):
    hits: list = []

    def do_GET(self):   # noqa: N802 - the http.server API
        _Tracker.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api")
    if not have_chromium():
        pytest.skip("Debian chromium not installed")
    tracker = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Tracker)
    threading.Thread(target=tracker.serve_forever, daemon=True).start()
    track = f"http://127.0.0.1:{tracker.server_address[1]}/track.png"
    tmp = tmp_path_factory.mktemp("trust_app")
    src = tmp / "src"
    src.mkdir()
    names = ["chelsea", "coffee", "astronaut", "rocket", "camera", "horse"]
    for name in names:
        image = Image.fromarray(getattr(skimage.data, name)()).convert("RGB")
        image.resize((96, 96)).save(src / f"{name}.png")
    label = f"![t]({track})"
    pd.DataFrame({"path": [f"{n}.png" for n in names],
                  "label": [label, "[a link](" + track + "?link)", "<img src='" + track + "?html'>",
                            "cat", "cat", "horse"]}).to_csv(src / "labels.csv", index=False)
    home = tmp / "home"
    imgsearch.index_images(src, "md", model="pixels", size=8, labels=src / "labels.csv", home=home,
                           workers=0, progress=False)
    with imgsearch.open_collection("md", home=home) as col:
        col.build_map("pca")
    env = {**os.environ, "IMGSEARCH_HOME": str(home), "IMGSEARCH_PROGRESS": "0",
           "IMGSEARCH_API_TOKEN": TOKEN}
    port = free_port()
    log = tmp / "ui.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "imgsearch", "ui", "-c", "md", "--port", str(port)],
                                env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/_stcore/health", proc, timeout=300, log=log)
        found = re.search(rf"app at ({re.escape(base)}/\?key=[\w-]+)", log.read_text())
        assert found, log.read_text()
        with sync_api.sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(90_000)
            requests = []
            page.on("request", lambda r: requests.append(r.url))
            yield {"base": base, "url": found.group(1), "page": page, "requests": requests,
                   "label": label, "src": src}
            browser.close()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
        tracker.shutdown()


def _status(url: str, headers=None) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def test_labels_show_as_text_and_the_browser_fetches_nothing(app):
    page = app["page"]
    page.goto(app["url"])                                  # the URL the CLI printed: sets the cookie
    frame = None
    deadline = time.time() + 120
    while frame is None and time.time() < deadline:
        frame = next((f for f in page.frames if "imgsearch_map" in f.url), None)
        page.wait_for_timeout(300)
    assert frame is not None, "the map did not load"
    frame.wait_for_function("() => window.__mapview && window.__mapview.painted", timeout=120_000)
    assert app["label"] in frame.locator("#legend").inner_text()     # the legend: text
    page.goto(app["base"] + "/search")
    page.locator('input[type="file"]').set_input_files(str(app["src"] / "chelsea.png"))
    page.get_by_text("most similar").wait_for()
    captions = page.locator('[data-testid="stCaptionContainer"]').filter(has_text="label:")
    captions.first.wait_for()
    # the results render one by one: read the captions once the three planted labels are all in
    deadline, texts = time.time() + 60, []
    while time.time() < deadline:
        texts = captions.all_inner_texts()
        if (any(f"label: {app['label']}" in t for t in texts) and any("label: [a link](" in t
                for t in texts) and any("label: <img src=" in t for t in texts)):
            break
        page.wait_for_timeout(300)
    assert any(f"label: {app['label']}" in t for t in texts), texts      # as written, literally
    assert any("label: [a link](" in t for t in texts) and any("label: <img src=" in t for t in texts)
    page.wait_for_timeout(1500)
    assert page.locator('[data-testid="stCaptionContainer"] img').count() == 0
    # a bare URL in a label may be autolinked, but only as itself: no label hides a destination
    # behind other text ("[a link](...)" stays text), and a link is fetched only when clicked
    links = page.locator('[data-testid="stCaptionContainer"] a')
    for i in range(links.count()):
        a = links.nth(i)
        assert a.get_attribute("href") == a.inner_text() and "noopener" in a.get_attribute("rel")
    assert _Tracker.hits == [], _Tracker.hits
    assert not [u for u in app["requests"] if "track.png" in u]


def test_with_a_token_the_app_and_its_thumbnails_need_the_key(app):
    base, page = app["base"], app["page"]
    if not any("imgsearch_map" in f.url for f in page.frames):   # the map registers /thumb
        page.goto(app["url"])
        page.wait_for_timeout(5000)
    assert _status(f"{base}/_stcore/health") == 200                  # liveness only
    assert _status(f"{base}/") == 403
    assert _status(f"{base}/?key=wrong") == 403
    assert _status(f"{base}/thumb/md/1.jpg?size=64") == 403
    assert _status(f"{base}/thumb/md/1.jpg?size=64",
                   {"Cookie": "imgsearch_app_000000000000=guess"}) == 403
    assert _status(f"{base}/thumb/md/1.jpg?size=64", {"Authorization": f"Bearer {TOKEN}"}) == 403
    # the browser, which opened the printed URL, holds the cookie: its requests pass
    r = page.request.get(f"{base}/thumb/md/1.jpg?size=64")
    assert r.status == 200 and r.body()[:2] == b"\xff\xd8"
    with urllib.request.urlopen(app["url"], timeout=30) as r:       # the key in the URL
        cookie = r.headers["Set-Cookie"]
        assert r.status == 200 and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert _status(f"{base}/thumb/md/1.jpg?size=64", {"Cookie": cookie.split(";")[0]}) == 200
