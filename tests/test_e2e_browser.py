"""The app in a real browser (Debian's chromium, driven by Playwright; nothing downloads).

Starts `imgsearch ui` on 127.0.0.1 on a demo collection, clicks a point on the map, uploads an
image on the Search page, opens Investigate, and saves screenshots under test-artifacts/e2e/.
"""
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")
sync_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "test-artifacts" / "e2e"
K = 8  # the map page's default number of neighbours


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cli(*args, env):
    subprocess.run([sys.executable, "-m", "imgsearch", *args], env=env, check=True,
                   capture_output=True, timeout=600)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("e2e_home")
    env = {**os.environ, "IMGSEARCH_HOME": str(home), "IMGSEARCH_PROGRESS": "0"}
    _cli("demo", "--digits", "60", "--no-progress", "--no-ui", env=env)
    import imgsearch
    with imgsearch.open_collection("demo", home=home) as col:   # before the server owns it
        query = home / "demo-data" / "photos" / "chelsea__flip.jpg"
        query_id = int(col.table().set_index("path").loc[str(query), "image_id"])
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "imgsearch", "ui", "-c", "demo",
                             "--port", str(port)], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("the app did not start")
        yield {"url": url, "query": query, "query_id": query_id}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)          # the server stops with the test
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def page():
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
            "--use-angle=swiftshader", "--enable-unsafe-swiftshader"])
        pg = browser.new_page(viewport={"width": 1500, "height": 1100})
        pg.set_default_timeout(60_000)
        yield pg
        browser.close()


POINT_JS = """() => {
  const gd = document.querySelector('.js-plotly-plot');
  const t = gd._fullData[0], xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
  return [box.left + xa.l2p(t.x[0]), box.top + ya.l2p(t.y[0])];
}"""


def test_map_click_shows_the_neighbour_gallery(server, page):
    page.goto(server["url"])
    page.wait_for_selector(".js-plotly-plot .nsewdrag")
    page.wait_for_timeout(1500)                      # let plotly finish drawing
    page.screenshot(path=str(SHOTS / "1_map.png"))
    x, y = page.evaluate(POINT_JS)
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)
    page.get_by_text("nearest neighbours").wait_for()
    page.wait_for_function(f"document.querySelectorAll('[data-testid=\"stImage\"]').length >= {K + 1}")
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "2_map_neighbours.png"), full_page=True)
    assert page.locator('[data-testid="stImage"]').count() == K + 1   # the image + k neighbours


def test_search_upload_finds_the_same_image_first(server, page):
    page.goto(server["url"] + "/search")
    page.locator('input[type="file"]').set_input_files(str(server["query"]))
    page.get_by_text("most similar").wait_for()
    first = page.locator('[data-testid="stCaptionContainer"]').filter(has_text="#").first
    first.wait_for()
    page.screenshot(path=str(SHOTS / "3_search.png"), full_page=True)
    assert first.inner_text().startswith(f"#{server['query_id']} · 1.000")


CELL_JS = """([label, pred]) => {
  const gd = document.querySelector('.js-plotly-plot');
  const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis;
  const box = gd.querySelector('.nsewdrag').getBoundingClientRect();
  return [box.left + xa.l2p(xa.d2l(pred)), box.top + ya.l2p(ya.d2l(label))];
}"""


def test_investigate_heatmap_click_picks_the_pair(server, page):
    page.goto(server["url"] + "/investigate")
    page.wait_for_selector(".js-plotly-plot .heatmaplayer, .js-plotly-plot image")
    page.get_by_text("Nearest").first.wait_for()
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SHOTS / "4_investigate.png"), full_page=True)
    assert page.locator(".js-plotly-plot").count() >= 1
    x, y = page.evaluate(CELL_JS, ["3", "3"])      # a diagonal cell: never a default pair
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)
    page.wait_for_function("""() => document.body.innerText.includes('3 → 3') ||
        Array.from(document.querySelectorAll('input')).some(i => (i.value || '').includes('3 → 3'))""")
    page.screenshot(path=str(SHOTS / "5_investigate_cell.png"), full_page=True)
