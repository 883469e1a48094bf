"""Deleting a collection (CLI with confirmation, REST, Python), and a first index run that
fails before writing a row leaves no collection behind."""
import os
import subprocess
import sys
import time

import pytest
from fastapi.testclient import TestClient

import imgsearch
from imgsearch.api.service import Service
from imgsearch.errors import Busy
from imgsearch.frontends.rest.app import create_app

IMGSEARCH = [sys.executable, "-m", "imgsearch"]


def _cli(home, *args, stdin=None):
    env = {**os.environ, "IMGSEARCH_HOME": str(home), "IMGSEARCH_PROGRESS": "0"}
    return subprocess.run([*IMGSEARCH, *map(str, args)], env=env, capture_output=True,
                          text=True, timeout=300, input=stdin)


@pytest.fixture
def small(tmp_path, digits_dir):
    """A home with one small pixels collection."""
    home = tmp_path / "home"
    imgsearch.index_images(digits_dir, "small", model="pixels", size=4, home=home, workers=0,
                           progress=False)
    return home


def test_cli_delete_asks_and_removes_every_file(small):
    assert (small / "small" / "catalog.duckdb").exists()
    refused = _cli(small, "collections", "delete", "small", stdin="n\n")
    assert refused.returncode != 0 and "nothing deleted" in refused.stderr
    assert (small / "small" / "catalog.duckdb").exists()
    no_input = _cli(small, "collections", "delete", "small")        # no terminal, no --yes
    assert no_input.returncode != 0 and (small / "small").is_dir()
    done = _cli(small, "collections", "delete", "small", "--yes")
    assert done.returncode == 0, done.stderr
    assert not (small / "small").exists()
    assert _cli(small, "collections").stdout.strip() == ""
    missing = _cli(small, "collections", "delete", "small", "--yes")
    assert missing.returncode == 2 and "no collection 'small'" in missing.stderr
    assert "Traceback" not in missing.stderr


def test_delete_is_refused_while_another_process_holds_the_collection(small):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import imgsearch, sys, time\n"
        f"c = imgsearch.open_collection('small', home={str(small)!r})\n"
        "print('open', flush=True)\n"
        "time.sleep(60)\n")], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        service = Service(imgsearch.Config.load(home=small))
        with pytest.raises(Busy):
            service.delete("small")
        service.close()
        assert (small / "small" / "catalog.duckdb").exists()
    finally:
        holder.kill()
        holder.wait()


def test_rest_delete(small):
    service = Service(imgsearch.Config.load(home=small, workers=0, progress=False))
    api = TestClient(create_app(service, token=""), raise_server_exceptions=False)
    assert api.get("/collections/small").status_code == 200     # opened by the service
    assert api.delete("/collections/small").status_code == 204
    assert not (small / "small").exists()
    assert api.get("/collections").json() == []
    assert api.delete("/collections/small").status_code == 404
    service.close()


def test_a_failed_first_run_leaves_no_collection(tmp_path, digits_dir):
    home = tmp_path / "home"
    empty = tmp_path / "classes.txt"
    empty.write_text("\n")
    failed = _cli(home, "index", digits_dir, "-c", "never", "--classes", empty)
    assert failed.returncode == 2 and "empty" in failed.stderr
    assert not (home / "never").exists()
    missing = _cli(home, "index", tmp_path / "no-such-folder", "-c", "never2")
    assert missing.returncode == 2 and not (home / "never2").exists()
    assert _cli(home, "collections").stdout.strip() == ""


def test_a_failed_first_rest_job_leaves_no_collection(tmp_path, digits_dir):
    home = tmp_path / "home"
    service = Service(imgsearch.Config.load(home=home, workers=0, progress=False))
    job = service.submit("index", "never", lambda c, progress: c.index(
        tmp_path / "no-such-folder", progress=progress), create=True)
    assert service.wait(job.id, timeout=60).state == "failed"
    deadline = time.time() + 10
    while (home / "never").exists() and time.time() < deadline:
        time.sleep(0.05)
    assert not (home / "never").exists() and service.collections() == []
    # a run that did write rows keeps its collection even when a later run fails
    ok = service.submit("index", "kept", lambda c, progress: c.index(
        digits_dir, model="pixels", size=4, progress=progress), create=True)
    assert service.wait(ok.id, timeout=300).state == "done"
    bad = service.submit("index", "kept", lambda c, progress: c.index(
        tmp_path / "no-such-folder", progress=progress))
    assert service.wait(bad.id, timeout=60).state == "failed"
    assert service.collections() == ["kept"]
    service.close()
