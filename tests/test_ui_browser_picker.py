"""The collection picker in a real browser: pick the second collection in the sidebar, and it
holds on another page and through a reload (the choice lives in the address)."""
import pytest

import imgsearch

from .browser import have_chromium, launch, streamlit_app

pytestmark = pytest.mark.skipif(not have_chromium(), reason="Debian chromium not installed")
sync_api = pytest.importorskip("playwright.sync_api")


def test_switching_collections_holds_across_pages_and_a_reload(digits_dir, tmp_path):
    home = tmp_path / "home"
    for name, size in (("first", 8), ("second", 6)):
        imgsearch.index_images(digits_dir, name, model="pixels", size=size, home=home, workers=0,
                               labels=digits_dir / "labels.csv", progress=False)
        with imgsearch.open_collection(name, home=home) as col:
            col.build_map("pca")
    with streamlit_app(home) as url, sync_api.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(90_000)
        page.goto(url)
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.get_by_text("collection first").wait_for()
        sidebar.locator('[data-testid="stSelectbox"]').first.click()
        page.get_by_role("option", name="second").click()
        sidebar.get_by_text("collection second").wait_for()
        page.wait_for_url("**?collection=second")
        sidebar.locator('[data-testid="stSidebarNav"] a', has_text="Search").click()
        sidebar.get_by_text("collection second").wait_for()       # another page: the same
        page.reload()
        sidebar.get_by_text("collection second").wait_for()       # a reload: the same
        assert "collection first" not in sidebar.inner_text()
        browser.close()
