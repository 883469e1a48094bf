"""The Compare and Timeline pages mark a supervised map as the Map page does: "(supervised)" in
the map's choice (naming the collections or spaces whose map it is when not all), and a caption
saying the layout was fitted with the labels; a plain map carries no mark."""
import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

import imgsearch  # noqa: E402

from .ui_app import UI, app, clients, ui_home  # noqa: E402, F401


def _marked(at) -> bool:
    return any("Supervised map" in c.value for c in at.caption)


def test_the_compare_page_marks_a_supervised_map(app, ui_home, digits_dir):
    imgsearch.index_images(digits_dir, "uidigits4", model="pixels", size=4,
                           labels=digits_dir / "labels.csv", home=ui_home, workers=0, progress=False)
    for name, supervised in (("uidigits", True), ("uidigits4", False)):
        with imgsearch.open_collection(name, home=ui_home, progress=False) as col:
            col.build_map("pca")
            col.build_map("umap", supervised=supervised, fit_sample=400)
    for cl in list(clients()):
        cl.close()
    at = app("compare.py")
    box = next(s for s in at.selectbox if s.label == "Map")
    assert box.value == "umap" and "umap (supervised in uidigits)" in box.options, box.options
    assert "pca" in box.options
    caption = next(c.value for c in at.caption if "Supervised map" in c.value)
    assert "uidigits" in caption and "uidigits4" not in caption and "differ" in caption
    assert any("(A, supervised map)" in m.value for m in at.markdown)
    assert not any("(B, supervised map)" in m.value for m in at.markdown)
    box.set_value("pca").run()
    assert not at.exception and not _marked(at)
    assert not any("supervised map)" in m.value for m in at.markdown)


def test_the_timeline_page_marks_a_supervised_map(digits_dir, tmp_path, monkeypatch):
    import streamlit as st
    from imgsearch.frontends.ui import common
    home = tmp_path / "home"
    imgsearch.index_images(digits_dir, "steps", model="pixels", size=8, home=home, workers=0,
                           labels=digits_dir / "labels.csv", progress=False)
    with imgsearch.open_collection("steps", home=home, workers=0, progress=False) as col:
        col.index(digits_dir, model="pixels", size=4, space="p4")
        for space, supervised in (("default", False), ("p4", True)):
            col.in_space(space).build_map("umap", supervised=supervised, fit_sample=400)
            col.in_space(space).build_map("pca")
    monkeypatch.setenv("IMGSEARCH_HOME", str(home))
    monkeypatch.delenv("IMGSEARCH_COLLECTION", raising=False)
    monkeypatch.delenv("IMGSEARCH_SERVICE_URL", raising=False)
    st.cache_resource.clear()
    common.client.clear()
    try:
        at = AppTest.from_file(str(UI / "views" / "timeline.py"), default_timeout=120)
        at.query_params["collection"] = "steps"
        at.run()
        assert not at.exception, at.exception
        box = next(s for s in at.selectbox if s.label == "Map")
        assert box.value == "umap" and "umap (supervised in p4)" in box.options, box.options
        caption = next(c.value for c in at.caption if "Supervised map" in c.value)
        assert "p4" in caption and "default" not in caption and "differ" in caption
        box.set_value("pca").run()
        assert not at.exception and not _marked(at)
    finally:
        for cl in list(clients()):
            cl.close()
        st.cache_resource.clear()
        common.client.clear()
