"""Each Streamlit page, headless, on a small real collection (streamlit.testing AppTest): the
map and search pages, the collection picker, and the pieces the pages draw with. The analysis
pages (investigate, curate, compare) are in test_ui_pages.py."""

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

import imgsearch  # noqa: E402

from .ui_app import UI, app, clients, ui_home  # noqa: E402, F401


def test_map_page_draws_the_map_and_colours(app):
    at = app("map.py")
    assert at.selectbox[0].value == "pca"
    options = at.selectbox[1].options
    assert "label" in options and "correct" in options
    assert "outlier_score" not in options          # offered once computed
    at.selectbox[1].set_value("correct").run()
    assert not at.exception


def test_map_page_computes_a_column_on_request(app):
    at = app("map.py")
    compute = [s for s in at.selectbox if s.label == "Compute"][0]
    compute.set_value("outlier_score").run()
    [b for b in at.button if b.label == "Compute and save it"][0].click().run()
    assert not at.exception
    assert "outlier_score" in at.selectbox[1].options
    assert at.selectbox[1].value == "outlier_score"


def test_map_page_click_shows_neighbours(app):
    at = app("map.py")
    at.session_state["mapsel-uidigits-pca"] = {"kind": "click", "image_id": 5, "token": "t1", "ids": [5]}
    at.run()
    assert not at.exception
    assert any("Image #5 and its 8 nearest neighbours" in s.value for s in at.subheader)
    assert len([c for c in at.checkbox if c.label.startswith("pick #")]) == 8
    assert [b for b in at.button if b.label == "Find similar"]


def test_map_page_lasso_event_gives_a_grid_with_checkboxes_and_tags(app):
    at = app("map.py")
    # the browser's lasso event, as the component sends it: a polygon in data coordinates
    at.session_state["map-uidigits-pca"] = {"id": "x:1", "kind": "lasso", "count": 0,
                                            "polygon": [[-1e9, -1e9], [1e9, -1e9], [1e9, 1e9], [-1e9, 1e9]]}
    at.run()
    assert not at.exception
    n = len(imgsearch_ids(at))
    assert any(f"{n:,} images selected" in s.value for s in at.subheader)
    boxes = [c for c in at.checkbox if c.label.startswith("pick #")]
    assert len(boxes) == 30
    boxes[0].check()
    boxes[1].check().run()
    picks = [int(b.label.split("#")[1]) for b in boxes[:2]]
    table = at.dataframe[0].value
    assert sorted(table.loc[table["picked"], "image_id"]) == sorted(picks)
    at.text_input(key="sel-tag").set_value("review")
    [b for b in at.button if b.label == "Tag 2 picked"][0].click().run()
    assert not at.exception
    assert "tagged 2 images 'review'" in at.success[0].value
    table = at.dataframe[0].value          # the table shows the new tags at once
    assert sorted(table.loc[table["tags"].str.contains("review"), "image_id"]) == sorted(picks)
    [b for b in at.button if b.label == "Untag 2 picked"][0].click().run()
    table = at.dataframe[0].value
    assert not table["tags"].str.contains("review").any()


def imgsearch_ids(at):
    return at.session_state["mapsel-uidigits-pca"]["ids"]


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
    for cl in list(clients()):
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


def test_map_colours_sorted_distinct_and_readable():
    import numpy as np
    from imgsearch.frontends.ui import mapview
    spec = mapview.encode(np.array(["10", "2", None, "1", "dog", "2"], dtype=object), "label")
    assert spec["labels"] == ["1", "2", "10", "dog"]                 # natural order
    assert len({tuple(c) for c in spec["palette"]}) == 4             # no colour repeats
    assert spec["missing_label"] == "(no label)"
    codes = np.frombuffer(mapview.blob(spec["url"].rsplit("/", 1)[1])[0], "<u2")
    assert codes.tolist() == [2, 1, 65535, 0, 3, 1]
    ok = mapview.encode(np.array([True, False, None], dtype=object), "correct")
    assert ok["labels"] == ["wrong", "correct"]
    assert ok["palette"] == [mapview.CORRECT_RGB["wrong"], mapview.CORRECT_RGB["correct"]]
    num = mapview.encode(np.array([0.1, 0.5, np.nan, 0.9], dtype=object), "confidence")
    assert num["kind"] == "number" and num["range"] == [0.1, 0.9]
    assert max(min(c) for c in num["palette"]) < 235                  # never near-white on white
    many, note = mapview.category_palette(40)
    assert len({tuple(c) for c in many}) == 40 and note


def test_map_blobs_go_out_gzipped_once_as_byte_planes():
    """The route sends what register gzipped (no compressing per request); ungzipped and
    unplaned (what the component does) it is the geometry, bit for bit."""
    import gzip

    import numpy as np
    import pandas as pd
    from starlette.applications import Starlette
    from starlette.testclient import TestClient
    from imgsearch.frontends.ui import mapview
    from imgsearch.frontends.ui.mapview.routes import ROUTES
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"image_id": rng.permutation(5000) + 7, "x": rng.normal(size=5000),
                          "y": rng.normal(size=5000)})
    g = mapview.geometry(frame)
    client = TestClient(Starlette(routes=ROUTES))
    r = client.get(g.url, headers={"Accept-Encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    assert int(r.headers["content-length"]) < 0.8 * 12 * 5000              # the planes pack
    wire = client.get(g.url, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in wire.headers and wire.content == r.content  # (httpx ungzips)
    planes = np.frombuffer(wire.content, np.uint8).reshape(4, -1)
    own = planes.T.tobytes()                                      # the component's unplane
    assert own == mapview.blob(g.url.rsplit("/", 1)[1])[0]
    x = np.frombuffer(own, "<f4", 5000, 0)
    ids = np.frombuffer(own, "<i4", 5000, 8 * 5000)
    assert ids.tolist() == sorted(frame["image_id"].tolist())
    assert np.array_equal(x, frame.set_index("image_id").loc[ids, "x"].to_numpy(np.float32))
    assert gzip.decompress(mapview.stored_blob(g.url.rsplit("/", 1)[1])[0]) == wire.content


def test_map_blobs_and_lasso_agree():
    import numpy as np
    import pandas as pd
    from imgsearch.frontends.ui import mapview
    frame = pd.DataFrame({"image_id": [3, 1, 2], "x": [0.0, 1.0, 2.0], "y": [0.0, 1.0, 0.0]})
    g = mapview.geometry(frame)
    data = mapview.blob(g.url.rsplit("/", 1)[1])[0]
    assert len(data) == 12 * 3
    assert np.frombuffer(data[24:], "<i4").tolist() == [1, 2, 3]        # sorted by id
    assert sorted(mapview.lasso_ids(g, [[0.5, 0.5], [1.5, 0.5], [1.5, 1.5], [0.5, 1.5]])) == [1]
    values = pd.Series(["c", "a", "b"], index=[10, 11, 12])     # aligned by position, not index
    assert g.align(frame["image_id"], values).tolist() == ["a", "b", "c"]
    sample = mapview.sprite_sample(g, grid=2)
    assert len(sample) == 3


def test_the_collection_picker_switches_and_the_choice_is_kept_in_the_url(digits_dir, tmp_path,
                                                                          monkeypatch):
    import streamlit as st
    from imgsearch.frontends.ui import common
    home = tmp_path / "h"
    for name, size in (("first", 8), ("second", 6)):
        imgsearch.index_images(digits_dir, name, model="pixels", size=size, home=home,
                               labels=digits_dir / "labels.csv", workers=0, progress=False)
    monkeypatch.setenv("IMGSEARCH_HOME", str(home))
    monkeypatch.delenv("IMGSEARCH_COLLECTION", raising=False)
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(UI / "views" / "search.py"), default_timeout=60)
        at.run()
        picker = at.sidebar.selectbox[0]
        assert picker.label == "Collection" and picker.options == ["first", "second"]
        assert picker.value == "first" and "first" in at.sidebar.caption[0].value
        picker.set_value("second").run()
        assert not at.exception
        assert at.sidebar.selectbox[0].value == "second"
        assert "second" in at.sidebar.caption[0].value
        assert at.query_params["collection"] in ("second", ["second"])
        at.run()                                      # the next run keeps the choice
        assert "second" in at.sidebar.caption[0].value
        # a reload is a new session with the address's query string, on any page
        reload = AppTest.from_file(str(UI / "views" / "map.py"), default_timeout=60)
        reload.query_params["collection"] = "second"
        reload.run()
        assert not reload.exception
        assert reload.sidebar.selectbox[0].value == "second"
        assert "second" in reload.sidebar.caption[0].value
    finally:
        for cl in list(clients()):
            cl.close()
        st.cache_resource.clear()
        common.client.clear()


def _png(image_bytes):
    return ("query.png", image_bytes, "image/png")


def test_search_shows_one_query_the_last_one_set_beside_its_results(app, ui_home):
    with imgsearch.open_collection("uidigits", home=ui_home) as col:   # before the app opens it
        png7, png30 = col.thumbnail(7, 64), col.thumbnail(30, 64)
    at = app("search.py")
    at.file_uploader[0].set_value(_png(png7)).run()
    assert not at.exception
    assert any(m.value.startswith("**Query:** the uploaded file") for m in at.markdown)
    assert at.dataframe[0].value["image_id"].iloc[0] == 7
    # an id typed afterwards wins, and the page says so
    at.text_input(key="search-id").set_value("12").run()
    queries = [m.value for m in at.markdown if m.value.startswith("**Query:**")]
    assert queries == [queries[0]] and queries[0].startswith("**Query:** image #12")
    assert at.dataframe[0].value["image_id"].iloc[0] == 12
    # then an unknown path: the error alone, no results of the query before
    at.text_input(key="search-id").set_value("/no/such/file.png").run()
    assert "not an indexed path" in at.error[0].value
    assert not at.dataframe and not any("most similar" in s.value for s in at.subheader)
    # a new upload is the query again
    at.file_uploader[0].set_value(_png(png30)).run()
    assert not at.error and at.dataframe[0].value["image_id"].iloc[0] == 30


def test_find_similar_opens_search_with_its_query_shown(app):
    at = AppTest.from_file(str(UI / "views" / "search.py"), default_timeout=60)
    at.session_state["search_query"] = "5"
    at.run()
    assert not at.exception
    assert any(m.value.startswith("**Query:** image #5") for m in at.markdown)
    assert at.dataframe[0].value["image_id"].iloc[0] == 5
    assert at.text_input(key="search-id").value == "5"
