"""`streamlit run ui/app.py` (the Streamlit convention, at the top of the repository) starts the
same app as `imgsearch ui`, map routes included, on IMGSEARCH_HOME: checked in a real browser."""
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import imgsearch

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")
sync_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_streamlit_run_ui_app_opens_the_home_and_serves_the_map_routes(digits_dir, tmp_path):
    home = tmp_path / "home"
    imgsearch.index_images(digits_dir, "digits", model="pixels", size=8, home=home, workers=0,
                           labels=digits_dir / "labels.csv", progress=False)
    with imgsearch.open_collection("digits", home=home) as col:
        col.build_map("pca")
    port = _free_port()
    env = {**os.environ, "IMGSEARCH_HOME": str(home)}
    for var in ("IMGSEARCH_SERVICE_URL", "IMGSEARCH_COLLECTION"):
        env.pop(var, None)
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "ui/app.py",
                             "--server.port", str(port), "--server.headless", "true",
                             "--browser.gatherUsageStats", "false"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 90
        while True:
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=2)
                break
            except OSError:
                assert proc.poll() is None and time.time() < deadline, "streamlit did not start"
                time.sleep(0.5)
        with sync_api.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page()
            page.set_default_timeout(90_000)
            page.goto(url)
            page.get_by_text("collection digits").first.wait_for()   # the sidebar's caption
            browser.close()
        # the map's own routes are mounted beside Streamlit's (st.App), not only the script
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(url + "/mapdata/0123.bin", timeout=10)
        assert missing.value.code == 404 and b"reload the page" in missing.value.read()
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
