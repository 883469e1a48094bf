"""The app's embedding-space picker, headless (streamlit.testing AppTest), on a real collection
of two spaces (the `pixels` model at 8 and at 4 pixels): the picker is drawn only with two or more
spaces, the pages read the chosen space (as `col.in_space(S)` does), the choice is kept in the
URL and dropped when the collection changes, and the same holds through the service."""
import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

import imgsearch  # noqa: E402

from .ui_app import UI, clients  # noqa: E402

PICKER = "Embedding space"


@pytest.fixture(scope="module")
def spaces_home(digits_dir, tmp_path_factory):
    """'two': the default space (pixels, 8 px, with a PCA map) and 'p4' (pixels, 4 px, no map);
    'one': a collection of one space."""
    home = tmp_path_factory.mktemp("spaces_home")
    for name in ("two", "one"):
        imgsearch.index_images(digits_dir, name, model="pixels", size=8,
                               labels=digits_dir / "labels.csv", home=home, workers=0, progress=False)
    with imgsearch.open_collection("two", home=home, workers=0) as col:
        col.index(digits_dir, model="pixels", size=4, space="p4")
        col.build_map("pca")
    return home


@pytest.fixture
def env(spaces_home, monkeypatch):
    import streamlit as st
    from imgsearch.frontends.ui import common
    monkeypatch.setenv("IMGSEARCH_HOME", str(spaces_home))
    monkeypatch.delenv("IMGSEARCH_COLLECTION", raising=False)
    monkeypatch.delenv("IMGSEARCH_SERVICE_URL", raising=False)
    st.cache_resource.clear()
    common.client.clear()
    yield spaces_home
    for cl in list(clients()):
        cl.close()
    st.cache_resource.clear()
    common.client.clear()


def page(name: str, collection: str | None = None, space: str | None = None,
         query: int | None = None) -> AppTest:
    at = AppTest.from_file(str(UI / "views" / name), default_timeout=90)
    if collection:
        at.query_params["collection"] = collection
    if space:
        at.query_params["space"] = space
    if query is not None:
        at.session_state["search_query"] = str(query)
    at.run()
    assert not at.exception, at.exception
    return at


def picker(at):
    found = [s for s in at.sidebar.selectbox if s.label == PICKER]
    return found[0] if found else None


def param(at, key):
    value = at.query_params.get(key)
    return value[0] if isinstance(value, list) else value


def result_ids(at) -> list[int]:
    frame = at.dataframe[0].value
    return frame["image_id"].astype(int).tolist()


def expected(home, space: str, query: int, k: int = 12) -> list[int]:
    """What the core answers (through the app's own client: the collection is locked to it)."""
    from imgsearch.frontends.ui import common
    col = common.client(str(home), None).collection("two")
    return [h.image_id for h in col.in_space(space).search(query, k=k).hits]


def test_the_picker_is_drawn_only_for_a_collection_of_several_spaces(env):
    one = page("search.py", collection="one")
    assert picker(one) is None and "space" not in one.query_params
    two = page("search.py", collection="two")
    p = picker(two)
    assert p is not None and p.options[0].startswith("default") and p.options[1].startswith("p4")
    assert p.value == "default"
    # the page says which space it reads, with its model and dimension
    assert any("space **default**" in c.value and "pixels" in c.value and "192 dims" in c.value
               for c in two.caption)


def test_search_reads_the_chosen_space(env):
    query = 5
    at = page("search.py", collection="two", query=query)
    default_ids = result_ids(at)
    assert default_ids == expected(env, "default", query)
    picker(at).set_value("p4").run()
    assert not at.exception, at.exception
    p4_ids = result_ids(at)
    assert p4_ids == expected(env, "p4", query)
    assert p4_ids != default_ids                   # the two spaces rank differently
    assert any("space **p4**" in c.value and "48 dims" in c.value for c in at.caption)
    assert param(at, "space") == "p4"


def test_the_space_is_kept_in_the_url_and_dropped_with_the_collection(env):
    at = page("search.py", collection="two")
    picker(at).set_value("p4").run()
    assert param(at, "space") == "p4" and param(at, "collection") == "two"
    at.run()                                          # the next run keeps it
    assert picker(at).value == "p4"
    # a reload is a new session with the address's query string, on any page
    reload = page("search.py", collection="two", space="p4", query=5)
    assert picker(reload).value == "p4"
    assert result_ids(reload) == expected(env, "p4", 5)
    # choosing the default space takes it out of the address
    picker(reload).set_value("default").run()
    assert "space" not in reload.query_params
    # another collection: the space goes back to the default
    picker(at).set_value("p4").run()
    at.sidebar.selectbox(key="collection_picker").set_value("one").run()
    assert not at.exception and picker(at) is None and "space" not in at.query_params
    at.sidebar.selectbox(key="collection_picker").set_value("two").run()
    assert picker(at).value == "default" and "space" not in at.query_params
    # a space the collection lacks is ignored, not an error
    unknown = page("search.py", collection="two", space="nope")
    assert picker(unknown).value == "default"


def test_a_space_without_a_map_says_how_to_make_one(env):
    at = page("map.py", collection="two", space="p4")
    assert any("imgsearch map -c two --space p4" in i.value for i in at.info)
    drawn = page("map.py", collection="two")          # the default space has its PCA map
    assert not any("no map yet" in i.value for i in drawn.info)


def test_the_picker_reads_spaces_through_the_service(env, monkeypatch):
    """The app against the service: the remote client's spaces and in_space, through REST."""
    from fastapi.testclient import TestClient
    from imgsearch.api.remote import RemoteClient
    from imgsearch.api.service import Service
    from imgsearch.config import Config
    from imgsearch.frontends.rest.app import create_app
    from imgsearch.frontends.ui import common
    svc = Service(Config.load(home=env, workers=0, progress=False))
    try:
        secret = "0123456789abcdef" * 4
        remote = RemoteClient("http://testserver", None, secret=secret)
        remote.http = TestClient(create_app(svc, token="", secret=secret),
                                 headers={"X-Imgsearch-Secret": secret})
        monkeypatch.setattr(common, "current_client", lambda: remote)
        at = page("search.py", collection="two", space="p4", query=7)
        assert picker(at).value == "p4"
        ids = result_ids(at)
        no_map = page("map.py", collection="two", space="p4")        # the space's own maps
        assert any("imgsearch map -c two --space p4" in i.value for i in no_map.info)
        assert not any("no map yet" in i.value for i in page("map.py", collection="two").info)
        tl = page("timeline.py", collection="two")                    # the timeline route
        assert tl.dataframe[0].value["space"].tolist() == ["default", "p4"]
    finally:
        svc.close()
    assert ids == expected(env, "p4", 7) and ids != expected(env, "default", 7)


def test_the_analysis_pages_read_the_chosen_space(env):
    from imgsearch.frontends.ui import common
    col = common.client(str(env), None).collection("two").in_space("p4")
    # investigate: the embedding report is the space's own evaluation
    at = page("investigate.py", collection="two", space="p4")
    at.toggle(key="evaluate").set_value(True).run()
    assert not at.exception, at.exception
    k10 = f"{col.evaluate().knn_accuracy_k10:.3f}"
    default = common.client(str(env), None).collection("two")
    assert k10 != f"{default.evaluate().knn_accuracy_k10:.3f}"    # the spaces tell apart
    assert [m.value for m in at.metric if m.label == "kNN accuracy, k = 10"] == [k10]
    assert any("predictions are the default space's" in c.value for c in at.caption)
    # curate: the near-duplicate groups of the space
    cur = page("curate.py", collection="two", space="p4")
    groups = col.duplicates(0.55).to_frame()
    n = groups["duplicate_group"].nunique() if len(groups) else 0
    assert len(groups) != len(default.duplicates(0.55).to_frame())
    assert any(c.value == f"{n} groups, {len(groups)} images" for c in cur.caption)


def test_the_timeline_page_steps_through_the_spaces(env):
    from imgsearch.frontends.ui import common
    root = common.client(str(env), None).collection("two")
    at = page("timeline.py", collection="two")
    assert at.multiselect[0].value == ["default", "p4"]
    want = root.timeline(["default", "p4"], k=10)
    assert any(m.value == f"**{common.md(want.summary())}**" for m in at.markdown)
    frame = at.dataframe[0].value
    assert frame["knn_accuracy"].round(6).tolist() == [round(s.knn_accuracy, 6) for s in want.steps]
    moved = {c.label for c in at.checkbox} | {c.value.split(" ·")[0] for c in at.caption}
    assert f"#{want.changed[0].image_id}" in moved            # the images that moved most
    # an image's neighbours in each space, side by side (the one that moved most, first)
    assert at.number_input[0].value == want.changed[0].image_id
    at.number_input[0].set_value(11).run()
    near = [[f"#{h.image_id}" for h in root.in_space(s).search(11, k=6, exclude_self=True).hits]
            for s in ("default", "p4")]
    shown = [c.value.split(" ·")[0] for c in at.caption if c.value.startswith("#")]
    # the last two galleries, one per space (a grid lists its columns in turn: compared as sets)
    assert (set(shown[-12:-6]), set(shown[-6:])) == (set(near[0]), set(near[1]))
    assert set(near[0]) != set(near[1])
    at.multiselect[0].set_value(["p4", "default"]).run()       # the order is the user's
    assert at.dataframe[0].value["space"].tolist() == ["p4", "default"]
    assert any("imgsearch map -c two --space p4" in i.value for i in at.info)   # no p4 map yet
    one = page("timeline.py", collection="one")
    assert any("two or more spaces" in i.value for i in one.info)


def test_a_space_map_is_drawn_once_made(env):
    """Last in this file: it adds a map to the module's 'p4' space."""
    from imgsearch.frontends.ui import common
    common.client(str(env), None).collection("two").in_space("p4").build_map("pca")
    at = page("map.py", collection="two", space="p4")
    assert not any("no map yet" in i.value for i in at.info)
    assert picker(at).value == "p4"
    assert any("space **p4**" in c.value for c in at.caption)
    # the saved analysis columns are the default space's: not computed from another space
    assert not [b for b in at.button if b.label == "Compute and save it"]
    assert [b for b in page("map.py", collection="two").button if b.label == "Compute and save it"]
    # the timeline steps through both maps, p4's aligned onto the default's
    import json

    import numpy as np
    tl = page("timeline.py", collection="two")
    spec = json.loads(tl.get("plotly_chart")[-1].proto.spec)
    assert [f["name"] for f in spec["frames"]] == ["default", "p4"]
    assert [s["label"] for s in spec["layout"]["sliders"][0]["steps"]] == ["default", "p4"]
    root = common.client(str(env), None).collection("two")
    frames = [root.in_space(s).map_frame("pca", ["image_id"])[0].sort_values("image_id")
              for s in ("default", "p4")]
    a, b = (f[["x", "y"]].to_numpy() for f in frames)

    def xy(frame):      # a frame's points (traces per label), in image order
        pts = [(i[0], x, y) for t in frame["data"] for i, x, y in
               zip(_arr(t["customdata"]), _arr(t["x"]), _arr(t["y"]))]
        return np.array([p[1:] for p in sorted(pts)])
    shown_a, shown_b = xy(spec["frames"][0]), xy(spec["frames"][1])
    assert np.allclose(shown_a, a, atol=1e-4)                  # the first map as it is
    assert np.linalg.norm(shown_b - a) < np.linalg.norm(b - a)  # the next one moved onto it


def test_the_space_picker_in_a_real_browser(digits_dir, tmp_path):
    """Pick the second space in the sidebar: the map says how to make that space's map, the
    choice holds on another page and through a reload (it lives in the address); the Timeline
    page compares the spaces."""
    from .browser import have_chromium, launch, streamlit_app
    if not have_chromium():
        pytest.skip("Debian chromium not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    home = tmp_path / "home"
    imgsearch.index_images(digits_dir, "two", model="pixels", size=8, home=home, workers=0,
                           labels=digits_dir / "labels.csv", progress=False)
    with imgsearch.open_collection("two", home=home, workers=0) as col:
        col.index(digits_dir, model="pixels", size=4, space="p4")
        col.build_map("pca")
    with streamlit_app(home) as url, sync_api.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(90_000)
        page.goto(url)
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text("space default of 2").wait_for()
        sidebar.locator('[data-testid="stSelectbox"]').first.click()
        page.get_by_role("option", name="p4 — pixels · 48 dims").click()
        sidebar.get_by_text("space p4 of 2").wait_for()
        page.wait_for_url("**space=p4**")
        page.get_by_text("imgsearch map -c two --space p4").wait_for()
        sidebar.locator('[data-testid="stSidebarNav"] a', has_text="Search").click()
        sidebar.get_by_text("space p4 of 2").wait_for()              # another page: the same
        page.reload()
        sidebar.get_by_text("space p4 of 2").wait_for()              # a reload: the same
        assert "space default" not in sidebar.inner_text()
        sidebar.locator('[data-testid="stSidebarNav"] a', has_text="Timeline").click()
        page.get_by_text("images in every space").wait_for()          # the timeline's summary
        browser.close()


def _arr(v):
    """A plotly array from the chart's JSON (plain list or base64 typed array)."""
    if isinstance(v, dict):
        import base64

        import numpy as np
        values = np.frombuffer(base64.b64decode(v["bdata"]), v["dtype"])
        if "shape" in v:
            shape = v["shape"]
            values = values.reshape([int(n) for n in str(shape).split(",")] if not
                                    isinstance(shape, list) else shape)
        return values.tolist()
    return v
