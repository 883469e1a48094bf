"""The collection picker in a real browser: pick the second collection in the sidebar, and it
holds on another page and through a reload (the choice lives in the address)."""
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

import imgsearch

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed")
sync_api = pytest.importorskip("playwright.sync_api")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_switching_collections_holds_across_pages_and_a_reload(digits_dir, tmp_path):
    home = tmp_path / "home"
    for name, size in (("first", 8), ("second", 6)):
        imgsearch.index_images(digits_dir, name, model="pixels", size=size, home=home, workers=0,
                               labels=digits_dir / "labels.csv", progress=False)
        with imgsearch.open_collection(name, home=home) as col:
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
                "--disable-component-update", "--disable-sync", "--no-first-run",
                "--use-angle=swiftshader", "--enable-unsafe-swiftshader"])
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
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
