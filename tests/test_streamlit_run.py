"""`streamlit run ui/app.py` (the Streamlit convention, at the top of the repository) starts the
same app as `imgsearch ui`, map routes included, on IMGSEARCH_HOME: checked in a real browser."""
import urllib.error
import urllib.request

import pytest

import imgsearch

from .browser import have_chromium, launch, streamlit_app

pytestmark = pytest.mark.skipif(not have_chromium(), reason="Debian chromium not installed")
sync_api = pytest.importorskip("playwright.sync_api")


def test_streamlit_run_ui_app_opens_the_home_and_serves_the_map_routes(digits_dir, tmp_path):
    home = tmp_path / "home"
    imgsearch.index_images(digits_dir, "digits", model="pixels", size=8, home=home, workers=0,
                           labels=digits_dir / "labels.csv", progress=False)
    with imgsearch.open_collection("digits", home=home) as col:
        col.build_map("pca")
    with streamlit_app(home) as url:
        with sync_api.sync_playwright() as p:
            browser = launch(p)
            page = browser.new_page()
            page.set_default_timeout(90_000)
            page.goto(url)
            page.get_by_text("collection digits").first.wait_for()   # the sidebar's caption
            browser.close()
        # the map's own routes are mounted beside Streamlit's (st.App), not only the script
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(url + "/mapdata/0123.bin", timeout=10)
        assert missing.value.code == 404 and b"reload the page" in missing.value.read()
