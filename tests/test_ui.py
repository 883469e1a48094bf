"""Each Streamlit page, headless, on a small real collection (streamlit.testing AppTest)."""
from pathlib import Path

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

import imgsearch  # noqa: E402

UI = Path(imgsearch.__file__).resolve().parent / "frontends" / "ui"


@pytest.fixture(scope="module")
def ui_home(digits_dir, tmp_path_factory):
    home = tmp_path_factory.mktemp("ui_home")
    imgsearch.index_images(digits_dir, "uidigits", model="pixels", size=8,
                           labels=digits_dir / "labels.csv", home=home, workers=0, progress=False)
    with imgsearch.open_collection("uidigits", home=home) as col:
        col.build_map("pca")
    return home


@pytest.fixture
def app(ui_home, monkeypatch):
    monkeypatch.setenv("IMGSEARCH_HOME", str(ui_home))
    monkeypatch.setenv("IMGSEARCH_COLLECTION", "uidigits")

    def make(page: str) -> AppTest:
        at = AppTest.from_file(str(UI / "views" / page), default_timeout=60)
        at.run()
        assert not at.exception, at.exception
        return at
    yield make
    # each test gets a fresh client (and releases the collection for the next)
    import streamlit as st
    from imgsearch.frontends.ui import common
    for cl in list(_clients()):
        cl.close()
    st.cache_resource.clear()
    common.client.clear()


def _clients():
    import gc
    from imgsearch.client import LocalClient
    return (o for o in gc.get_objects() if isinstance(o, LocalClient))


def test_map_page_draws_the_map_and_colours(app):
    at = app("map.py")
    assert at.selectbox[0].value == "pca"
    assert "label" in at.selectbox[1].options and "correct" in at.selectbox[1].options
    at.selectbox[1].set_value("correct").run()
    assert not at.exception
    assert len(at.get("plotly_chart")) == 1


def test_map_page_click_shows_neighbours(app):
    at = app("map.py")
    at.session_state["map_selection"] = [5]
    at.run()
    assert not at.exception
    assert any("nearest neighbours" in s.value for s in at.subheader)
    assert len(at.get("imgs")) >= 1 or len(at.get("image")) >= 1


def test_map_page_selection_offers_tags_and_exports(app):
    at = app("map.py")
    at.session_state["map_selection"] = [5, 6, 7, 8]
    at.run()
    assert any("4 images selected" in s.value for s in at.subheader)
    at.text_input[0].set_value("review")
    at.button[0].click().run()
    assert not at.exception
    for cl in list(_clients()):
        cl.close()
    with imgsearch.open_collection("uidigits") as col:
        tagged = col.ids(filters={"tags": ["review"]})
    assert sorted(tagged.tolist()) == [5, 6, 7, 8]


def test_search_page_by_id_with_filter(app):
    at = app("search.py")
    at.text_input[0].set_value("12").run()
    assert not at.exception
    frame = at.dataframe[0].value
    assert frame["image_id"].iloc[0] == 12 and frame["score"].iloc[0] >= 0.999
    at.sidebar.multiselect[0].set_value(["3"]).run()
    frame = at.dataframe[0].value
    assert len(frame) == 12 and (frame["label"] == "3").all()


def test_search_page_rejects_a_bad_path(app):
    at = app("search.py")
    at.text_input[0].set_value("/no/such/file.png").run()
    assert not at.exception and "not an indexed path" in at.error[0].value


def test_investigate_page_explains_a_confused_pair(app):
    at = app("investigate.py")
    assert len(at.get("plotly_chart")) == 1
    assert at.selectbox[0].value is not None
    assert any(m.value.startswith("### ") for m in at.markdown)   # the verdict
    assert any("its label" in s.value for s in at.subheader)


def test_curate_page_lists_and_exports(app):
    at = app("curate.py")
    assert not at.exception
    assert any("images in the curated subset" in m.value for m in at.markdown)


def test_missing_collection_is_a_message_not_a_traceback(app, monkeypatch):
    monkeypatch.setenv("IMGSEARCH_COLLECTION", "nope")
    at = AppTest.from_file(str(UI / "views" / "map.py"), default_timeout=60)
    at.run()
    assert not at.exception and "no collection 'nope'" in at.error[0].value


def test_collection_without_a_map(digits_dir, tmp_path, monkeypatch):
    home = tmp_path / "h"
    imgsearch.index_images(digits_dir, "nomap", model="pixels", size=4, home=home, workers=0,
                           progress=False)
    monkeypatch.setenv("IMGSEARCH_HOME", str(home))
    monkeypatch.setenv("IMGSEARCH_COLLECTION", "nomap")
    at = AppTest.from_file(str(UI / "views" / "map.py"), default_timeout=60)
    at.run()
    assert not at.exception and "has no map yet" in at.info[0].value
    for cl in list(_clients()):
        cl.close()


def test_upload_that_is_not_an_image_is_a_message():
    from imgsearch.frontends.ui import common
    assert common.decode_upload(b"this is text, not an image") is None
    assert common.decode_upload(b"\xff\xd8\xff" + b"\0" * 100) is None
    assert common.decode_upload(b"x" * (common.MAX_UPLOAD_BYTES + 1)) is None
    import io
    import skimage.data
    from PIL import Image
    buf = io.BytesIO()
    Image.fromarray(skimage.data.coffee()).save(buf, "WEBP")
    assert common.decode_upload(buf.getvalue()).size == (600, 400)


def test_map_figure_is_webgl_with_ids():
    from imgsearch.frontends.ui import common
    import pandas as pd
    frame = pd.DataFrame({"image_id": [1, 2, 3], "x": [0.0, 1, 2], "y": [0.0, 1, 0],
                          "path": ["a", "b", "c"], "label": ["cat", None, "dog"],
                          "prediction": ["cat", "dog", "dog"], "tags": [[], ["x"], []]})
    fig = common.map_figure(frame, "label")
    assert all(t.type == "scattergl" for t in fig.data)
    names = {t.name for t in fig.data}
    assert names == {"cat", "dog", "(none)"}
    assert sorted(int(c[0]) for t in fig.data for c in t.customdata) == [1, 2, 3]
    assert common.map_figure(frame, "tags").data
