"""Shared pieces of the real-browser tests: Debian's chromium driven by Playwright (nothing
downloads a browser), free ports, and the app started with `streamlit run ui/app.py`."""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent
# headless, no GPU, no calls home (this machine has no network), software WebGL for the map
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--use-angle=swiftshader", "--enable-unsafe-swiftshader"]


def have_chromium() -> bool:
    return Path(CHROMIUM).exists()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, timeout: float = 90,
                  log: Path | None = None) -> None:
    """Until url answers; fails when the process exits or the time is up, with the end of its
    log (when it writes one) in the message."""
    deadline = time.time() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if proc.poll() is not None or time.time() > deadline:
                why = "exited" if proc.poll() is not None else "did not come up"
                tail = log.read_text()[-3000:] if log is not None else ""
                raise AssertionError(f"{url}: the process {why}\n{tail}") from None
            time.sleep(0.5)


@contextlib.contextmanager
def streamlit_app(home: Path):
    """`streamlit run ui/app.py` on `home` (no service, no collection named): yields its URL."""
    port = free_port()
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
        wait_until_up(url + "/_stcore/health", proc)
        yield url
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


IDLE = "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"


def settle(page) -> None:
    """Until the app has finished its run (no 'Running' sign for a moment)."""
    for _ in range(3):
        page.wait_for_function(IDLE)
        page.wait_for_timeout(700)
