"""The app in a real browser (Debian's chromium, driven by Playwright; nothing downloads).

`imgsearch demo --port P` builds a small demo collection and opens the app, as a new user
would; a second collection of the same images (another model) is indexed through the running
service for the Compare page. Then: the map paints; hover shows a thumbnail; a click shows
the neighbours and the clicked marker; find similar opens Search; clear; lasso → thumbnail
grid with checkboxes → tag two → the table updates; Investigate; Compare; and, with the app
open, `imgsearch index NEWDIR` from the CLI adds points while every earlier one stays.
Screenshots go to test-artifacts/e2e/.
"""
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .browser import free_port, have_chromium, launch, wait_until_up

pytestmark = pytest.mark.skipif(not have_chromium(), reason="Debian chromium not installed")
sync_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "test-artifacts" / "e2e"
K = 8  # the map page's default number of neighbours
N_DIGITS = 60


def _cli(*args, env):
    done = subprocess.run([sys.executable, "-m", "imgsearch", *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("e2e_home")
    env = {**os.environ, "IMGSEARCH_HOME": str(home), "IMGSEARCH_PROGRESS": "0"}
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = home / "demo.log"
    with open(log_path, "w") as log:   # the two commands of the README: this is the second
        proc = subprocess.Popen([sys.executable, "-m", "imgsearch", "demo", "--digits", str(N_DIGITS),
                                 "--no-progress", "--port", str(port)], env=env, stdout=log,
                                stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until_up(f"{url}/_stcore/health", proc, timeout=400, log=log_path)
        assert f"app at {url}" in log_path.read_text()
        data = home / "demo-data"
        # the same images under another model, for Compare: the CLI is a client of the app's service
        _cli("index", data, "-c", "demo-pixels", "--model", "pixels", "--labels", data / "labels.csv",
             "--no-progress", env=env)
        _cli("map", "-c", "demo-pixels", env=env)
        import imgsearch
        cl = imgsearch.connect(home)
        assert cl.remote
        table = cl.collection("demo").table(columns=["image_id", "path"])
        query = data / "photos" / "chelsea__flip.jpg"
        query_id = int(table.set_index("path").loc[str(query), "image_id"])
        cl.close()
        yield {"url": url, "query": query, "query_id": query_id, "env": env, "home": home,
               "n": len(table)}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)          # the app and its service stop with the test
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def page():
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        pg = browser.new_page(viewport={"width": 1500, "height": 1100})
        pg.set_default_timeout(60_000)
        outside = []
        pg.on("request", lambda r: outside.append(r.url) if not r.url.startswith(
            ("http://127.0.0.1", "data:", "blob:", "about:")) else None)
        pg.outside = outside
        yield pg
        browser.close()


# -- helpers: the map component's hooks (window.__mapview in its iframe) ------------------------
def map_frame(pg, index: int = 0, n: int | None = None):
    """The index-th map component's frame, once it has painted its points."""
    deadline = time.time() + 90
    while time.time() < deadline:
        frames = [f for f in pg.frames if "imgsearch_map" in f.url]
        if len(frames) > index:
            f = frames[index]
            f.wait_for_function("() => window.__mapview && window.__mapview.painted", timeout=90_000)
            if n is not None:
                f.wait_for_function(f"() => window.__mapview.geom.n === {n}", timeout=90_000)
            return f
        pg.wait_for_timeout(200)
    raise AssertionError("no map component")


def to_page(pg, frame, x, y):
    """Data coordinates -> page pixels."""
    box = frame.frame_element().bounding_box()
    px, py = frame.evaluate("""([x, y]) => { const [px, py] = window.__mapview.project(x, y);
        const r = document.querySelector('#map').getBoundingClientRect(); return [r.left + px, r.top + py]; }""", [x, y])
    return box["x"] + px, box["y"] + py


ISOLATED = """() => { const S = window.__mapview, p = S.geom.pos, n = S.geom.n; let best = -1, bd = -1;
  for (let i = 0; i < n; i++) { let d = Infinity;
    for (let j = 0; j < n; j++) { if (i === j) continue;
      const dx = p[2*i] - p[2*j], dy = p[2*i+1] - p[2*j+1], e = dx*dx + dy*dy; if (e < d) d = e; }
    if (d > bd) { bd = d; best = i; } }
  return [S.geom.ids[best], p[2*best], p[2*best+1]]; }"""


def isolated_point(pg, frame):
    """The point farthest from any other: nothing else lies under the cursor there."""
    image_id, x, y = frame.evaluate(ISOLATED)
    return image_id, to_page(pg, frame, x, y)


# -- the tests, in the order a user meets them ------------------------------------------------
def test_demo_opens_the_app_with_the_map(server, page):
    page.goto(server["url"])
    frame = map_frame(page, n=server["n"])
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "01_map.png"))
    legend = frame.locator("#legend").inner_text()
    assert "(no label)" in legend and "None" not in legend
    rows = [r.split("\n")[0] for r in frame.locator("#legend .row").all_inner_texts()]
    assert rows[:10] == [str(d) for d in range(10)]          # sorted, (no label) last
    assert page.get_by_text("Deploy").count() == 0
    assert not [u for u in page.outside if "127.0.0.1" not in u], page.outside   # offline


def test_hover_shows_a_thumbnail(server, page):
    frame = map_frame(page)
    image_id, (x, y) = isolated_point(page, frame)
    page.mouse.move(x - 20, y - 20)
    page.mouse.move(x, y, steps=3)
    frame.wait_for_function("""(id) => { const i = document.querySelector('.deck-tooltip img');
        return i && i.src.endsWith('/' + id + '.jpg') && i.complete && i.naturalWidth > 0; }""",
                            arg=image_id, timeout=30_000)
    page.screenshot(path=str(SHOTS / "02_map_hover.png"))


def test_zoomed_in_the_map_draws_thumbnails(server, page):
    frame = map_frame(page)
    frame.evaluate("""() => { const S = window.__mapview, sp = S.sprites, d = sp.data[0];
        S.zoomTo(d.pos[0], d.pos[1], Math.log2(90 / sp.size)); }""")
    frame.wait_for_function("""() => window.__mapview.sprites.ready &&
        window.__mapview.deck.props.layers.some(l => l.id === 'sprites')""", timeout=90_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SHOTS / "02b_map_zoomed_thumbnails.png"))
    frame.locator("#reset").click()
    frame.wait_for_function("() => !window.__mapview.deck.props.layers.some(l => l.id === 'sprites')")


def test_click_shows_neighbours_and_the_clicked_marker(server, page):
    frame = map_frame(page)
    image_id, (x, y) = isolated_point(page, frame)
    page.mouse.click(x, y)
    page.get_by_text(f"Image #{image_id} and its {K} nearest neighbours").wait_for()
    frame.wait_for_function(f"() => window.__mapview.neighbours && window.__mapview.neighbours.length === {K + 1}")
    layers = frame.evaluate("() => window.__mapview.deck.props.layers.map(l => l.id)")
    assert {"clicked", "clicked-halo", "neighbours"} <= set(layers)
    assert frame.evaluate("() => window.__mapview.selectedIds()") == [image_id]
    page.wait_for_function(f"document.querySelectorAll('[data-testid=stImage]').length >= {K + 1}")
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / "03_map_click.png"), full_page=True)
    assert page.get_by_role("checkbox", name=re.compile(r"pick #\d+")).count() == K
    server["clicked"] = image_id


def test_find_similar_opens_search(server, page):
    image_id = server["clicked"]
    page.get_by_role("button", name="Find similar", exact=True).click()
    page.wait_for_url(re.compile(r".*/search"))
    page.get_by_text("most similar").wait_for()
    first = page.locator('[data-testid="stCaptionContainer"]').filter(has_text="#").first
    first.wait_for()
    assert first.inner_text().startswith(f"#{image_id} · similarity 1.000")
    page.screenshot(path=str(SHOTS / "04_find_similar.png"), full_page=True)


def test_clear_selection(server, page):
    image_id = server["clicked"]
    page.locator('[data-testid="stSidebarNav"] a', has_text="Map").click()   # same session:
    page.wait_for_url(re.compile(r".*:\d+/?(\?collection=demo)?$"))               # the selection stays
    frame = map_frame(page)
    frame.wait_for_function(f"() => window.__mapview.selectedIds()[0] === {image_id}")
    page.get_by_text(f"Image #{image_id} and its").wait_for()
    frame.locator("#clear").click()
    page.get_by_text(f"Image #{image_id} and its").wait_for(state="detached")
    assert frame.evaluate("() => window.__mapview.selectedIds()") == []
    page.screenshot(path=str(SHOTS / "05_map_cleared.png"))


PHOTO_BOX = """() => { const S = window.__mapview, c = S.colour.codes;
  let x0 = 1e9, x1 = -1e9, y0 = 1e9, y1 = -1e9;
  for (let i = 0; i < S.geom.n; i++) if (c[i] === 65535) { const x = S.geom.pos[2*i], y = S.geom.pos[2*i+1];
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
  return [x0, y0, x1, y1]; }"""


def _table_rows(page):
    cells = page.locator('[data-testid="stDataFrame"]').first.locator("td").all_inner_texts()
    return [cells[i:i + 7] for i in range(0, len(cells), 7)]   # picked, id, path, label, pred, conf, tags


def test_lasso_grid_pick_two_tag_and_the_table_updates(server, page):
    frame = map_frame(page)
    x0, y0, x1, y1 = frame.evaluate(PHOTO_BOX)                  # the photos: the unlabelled points
    m = 0.05 * max(x1 - x0, y1 - y0) + 1e-3
    poly = [(x0 - m, y0 - m), (x1 + m, y0 - m), (x1 + m, y1 + m), (x0 - m, y1 + m)]
    frame.locator('button[data-mode="lasso"]').click()
    pts = [to_page(page, frame, *p) for p in poly]
    page.mouse.move(*pts[0])
    page.mouse.down()
    for p in pts[1:] + [pts[0]]:
        page.mouse.move(*p, steps=5)
    page.mouse.up()
    inside = frame.evaluate("() => window.__mapview.selectedIds().length")
    page.get_by_text(f"{inside} images selected").wait_for()   # Python's count agrees with the browser's
    want = min(inside, 30)
    page.wait_for_function(f"document.querySelectorAll('[data-testid=stCheckbox]').length === {want}")
    page.wait_for_timeout(500)
    items = page.locator('[data-testid="stCheckbox"]')
    picks = [int(re.search(r"pick #(\d+)", items.nth(i).inner_text()).group(1)) for i in (0, 1)]
    for i in (0, 1):
        items.nth(i).locator("label").click()
        page.wait_for_timeout(400)
    page.get_by_role("button", name="Tag 2 picked", exact=True).wait_for()
    tag = page.get_by_label("Tag", exact=True)
    tag.fill("e2e-pick")
    tag.press("Enter")
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Tag 2 picked", exact=True).click()
    page.get_by_text("tagged 2 images 'e2e-pick'").wait_for()
    deadline = time.time() + 30
    while True:                                # the grid redraws a moment after the message
        rows = _table_rows(page)
        tagged = sorted(int(r[1]) for r in rows if "e2e-pick" in r[6])
        if tagged == sorted(picks) or time.time() > deadline:
            break
        page.wait_for_timeout(300)
    assert tagged == sorted(picks), rows[:5]
    assert sorted(int(r[1]) for r in rows if r[0] == "true") == sorted(picks)
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "06_lasso_tagged.png"), full_page=True)
    frame.locator('button[data-mode="pan"]').click()


def test_search_upload_finds_the_same_image_first(server, page):
    page.goto(server["url"] + "/search")
    page.locator('input[type="file"]').set_input_files(str(server["query"]))
    page.get_by_text("most similar").wait_for()
    first = page.locator('[data-testid="stCaptionContainer"]').filter(has_text="#").first
    first.wait_for()
    page.screenshot(path=str(SHOTS / "07_search.png"), full_page=True)
    assert first.inner_text().startswith(f"#{server['query_id']} · similarity 1.000")


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
    page.get_by_text("Neighbour vote").wait_for()
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SHOTS / "08_investigate.png"), full_page=True)
    assert page.get_by_text(re.compile(r"\{'")).count() == 0        # no raw dict
    page.get_by_text("Neighbour vote").scroll_into_view_if_needed()
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / "08b_investigate_explained.png"))
    page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    x, y = page.evaluate(CELL_JS, ["3", "3"])      # a diagonal cell: never a default pair
    page.mouse.move(x, y)
    page.wait_for_timeout(300)
    page.mouse.click(x, y)
    page.wait_for_function("""() => document.body.innerText.includes('3 → 3') ||
        Array.from(document.querySelectorAll('input')).some(i => (i.value || '').includes('3 → 3'))""")


def test_compare_two_collections(server, page):
    page.goto(server["url"] + "/compare")
    page.get_by_text("images in common").wait_for(timeout=120_000)
    a = map_frame(page, 0)
    b = map_frame(page, 1)
    assert a.evaluate("() => window.__mapview.geom.n") == b.evaluate("() => window.__mapview.geom.n")
    page.get_by_text("Classes that separate better or worse").wait_for()
    page.get_by_text("Images whose neighbourhoods changed most").wait_for()
    image_id, (x, y) = isolated_point(page, a)
    page.mouse.click(x, y)
    page.get_by_text(re.compile(rf"Image #{image_id} in demo .*neighbours under both")).wait_for()
    page.get_by_text("Under demo-pixels").wait_for()
    b.wait_for_function("() => window.__mapview.selectedIds().length === 1")   # marked in both
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / "09_compare.png"), full_page=True)


def test_index_from_the_cli_while_the_app_is_open(server, page, tmp_path):
    """Images indexed from the CLI while the app is open: the map keeps every earlier point
    and then shows the new ones."""
    from imgsearch.demo import write_digits
    page.goto(server["url"])
    frame = map_frame(page)
    before = frame.evaluate("() => Array.from(window.__mapview.geom.ids)")
    new = tmp_path / "more"
    write_digits(new, n=N_DIGITS + 20, size=24)                # new content (another size)
    for p in sorted((new / "digits").rglob("*.png"))[:-20]:
        p.unlink()
    _cli("index", new, "-c", "demo", "--no-progress", env=server["env"])
    frame.wait_for_function(f"() => window.__mapview.geom.n === {len(before) + 20}", timeout=90_000)
    after = set(frame.evaluate("() => Array.from(window.__mapview.geom.ids)"))
    assert set(before) <= after and len(after) == len(before) + 20
    page.wait_for_timeout(800)
    page.screenshot(path=str(SHOTS / "10_map_after_index.png"))
