"""The Streamlit pages under streamlit.testing's AppTest, for the test_ui*.py files: a small
real collection (digits, pixels model, a PCA map) built once per test module, and `app(page)`,
which runs one page against it and releases its clients afterwards."""
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import imgsearch

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
    for cl in list(clients()):
        cl.close()
    st.cache_resource.clear()
    common.client.clear()


def clients():
    import gc
    from imgsearch.client import LocalClient
    return (o for o in gc.get_objects() if isinstance(o, LocalClient))
