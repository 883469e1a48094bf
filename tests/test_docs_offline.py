"""The service's /docs and /redoc in a real browser with every request off this machine
blocked: the pages render from assets the service itself serves, and Swagger UI's
"Try it out" calls the API."""
import os
import signal
import subprocess
import sys

import pytest

from .browser import free_port, have_chromium, launch, wait_until_up

pytestmark = pytest.mark.skipif(not have_chromium(), reason="Debian chromium not installed")
sync_api = pytest.importorskip("playwright.sync_api")

LOCAL = ("http://127.0.0.1", "data:", "blob:", "about:")


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    home = tmp_path_factory.mktemp("docs_home")
    port = free_port()
    env = {**os.environ, "IMGSEARCH_HOME": str(home)}
    env.pop("IMGSEARCH_API_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-m", "imgsearch", "serve", "--port", str(port)],
                            env=env, start_new_session=True, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    wait_until_up(url + "/healthz", proc, timeout=60)
    yield url
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=30)


@pytest.fixture
def offline_page():
    with sync_api.sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.set_default_timeout(30_000)
        blocked = []

        def only_local(route):
            if route.request.url.startswith(LOCAL):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()
        page.route("**/*", only_local)
        page.blocked = blocked
        yield page
        browser.close()


def test_swagger_ui_renders_offline_and_try_it_out_calls_the_api(service, offline_page):
    page = offline_page
    page.goto(service + "/docs")
    block = page.locator(".opblock").filter(has_text="/collections").first
    block.wait_for()                       # the UI rendered the schema: its JS came from here
    block.locator(".opblock-summary").click()
    page.get_by_role("button", name="Try it out").first.click()
    with page.expect_response(lambda r: r.url.startswith(service + "/collections")) as answer:
        page.get_by_role("button", name="Execute").first.click()
    assert answer.value.status == 200
    page.locator(".responses-wrapper .response-col_status").filter(has_text="200").first.wait_for()
    assert page.blocked == []              # nothing was even asked of another host


def test_redoc_renders_offline(service, offline_page):
    page = offline_page
    page.goto(service + "/redoc")
    page.get_by_text("Image similarity search and dataset exploration.").first.wait_for()
    page.locator("[data-section-id]").first.wait_for()   # the operations are listed
    # ReDoc's "API docs by Redocly" footer asks its CDN for a logo: decoration only
    assert all(u.endswith("/logo-mini.svg") for u in page.blocked), page.blocked
