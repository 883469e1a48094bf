"""A job never outlives its service, fsck sees a map that disagrees, no helper process outlives
kill -9, and an interrupted run's folder stays servable. Real processes, real files."""
import fcntl
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import httpx

import numpy as np
import pytest
import skimage.data
from PIL import Image

import imgsearch

IMGSEARCH = [sys.executable, "-m", "imgsearch"]


def _env(home, **more):
    return {**os.environ, "IMGSEARCH_HOME": str(home), "IMGSEARCH_PROGRESS": "0", **more}


def _cli(home, *args, timeout=600, **env):
    return subprocess.run([*IMGSEARCH, *map(str, args)], env=_env(home, **env),
                          capture_output=True, text=True, timeout=timeout)


def _copy(files, dest):
    dest.mkdir(parents=True, exist_ok=True)
    for f in files:
        (dest / f"{f.parent.name}_{f.name}").write_bytes(f.read_bytes())


@pytest.fixture(scope="module")
def pngs(tmp_path_factory) -> Path:
    """600 distinct 512x512 PNGs: slow enough to decode that a run is still embedding when
    the test acts."""
    dest = tmp_path_factory.mktemp("pngs")
    base = skimage.data.astronaut()
    for i in range(600):
        Image.fromarray(np.roll(base, 7 * i + 1, axis=i % 2)).save(dest / f"p{i:04d}.png",
                                                                   compress_level=1)
    return dest


def _children(pid):
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return out


def _serve(home):
    proc = subprocess.Popen([*IMGSEARCH, "serve", "--port", "0"], env=_env(home),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 90
    while time.time() < deadline:
        assert proc.poll() is None, proc.stderr.read()
        f = home / ".imgsearch-service.json"
        if f.exists():
            return proc, json.loads(f.read_text())["url"]
        time.sleep(0.2)
    proc.kill()
    pytest.fail("the service did not announce itself")


def _poll(http, job_id, until, timeout=180):
    deadline = time.time() + timeout
    while time.time() < deadline:
        job = http.get(f"/jobs/{job_id}").json()
        if until(job):
            return job
        time.sleep(0.05)
    pytest.fail(f"job {job_id} never got there: {job}")


@pytest.fixture(scope="module")
def mapped_home(tmp_path_factory, digits_dir):
    """A collection of 1000 digits with a UMAP map (neighbors 15, seed 0). The tests that
    use it change nothing in it (they check so)."""
    tmp_path = tmp_path_factory.mktemp("mapped")
    home = tmp_path / "home"
    _copy(sorted(digits_dir.glob("digits/*/*.png"))[:1000], tmp_path / "digits")
    r = _cli(home, "index", tmp_path / "digits", "-c", "m", "-m", "pixels", "--size", "8")
    assert r.returncode == 0, r.stderr
    r = _cli(home, "map", "-c", "m", "--method", "umap")
    assert r.returncode == 0, r.stderr
    return home


def _umap_entry(home):
    return json.loads((home / "m" / "manifest.json").read_text())["maps"]["umap"]


def test_cancel_over_rest_and_sigterm_during_a_refit_write_nothing(mapped_home):
    """A running refit cancelled over REST stops and writes nothing; a queued job cancelled
    never starts; SIGTERM during a refit stops the job before the collection is closed, nothing
    is written after the lock goes, and fsck agrees."""
    from imgsearch.frontends.rest.client import RemoteClient
    before = _umap_entry(mapped_home)
    proc, url = _serve(mapped_home)
    try:
        client = RemoteClient(url, None)
        http = client.http
        body = {"method": "umap", "refit": True, "neighbors": 30, "seed": 1}
        running = http.post("/collections/m/map", json=body).json()
        queued = http.post("/collections/m/fsck").json()
        assert http.get(f"/jobs/{queued['id']}").json()["state"] == "queued"
        cancelled = client.cancel(queued["id"])
        assert cancelled.state == "cancelled"
        _poll(http, running["id"], lambda j: j["state"] == "running" and j["done"] >= 1)
        assert client.cancel(running["id"]).state in ("running", "cancelled")
        done = _poll(http, running["id"], lambda j: j["state"] not in ("queued", "running"))
        assert done["state"] == "cancelled", done
        never = http.get(f"/jobs/{queued['id']}").json()
        assert never["state"] == "cancelled" and never["started_at"] is None
        assert http.post("/jobs/nope/cancel").status_code == 404
        assert _umap_entry(mapped_home) == before          # nothing was written

        # SIGTERM while the next refit runs (the UMAP fit is under way)
        job = http.post("/collections/m/map", json=body).json()
        _poll(http, job["id"], lambda j: j["state"] == "running" and j["done"] >= 1)
        released = []

        def watch_lock():             # the moment the service lets go of the collection
            fd = os.open(mapped_home / "m" / ".lock", os.O_RDWR)
            try:
                while proc.poll() is None or not released:
                    try:
                        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    except BlockingIOError:
                        time.sleep(0.01)
                        continue
                    released.append(time.time())
                    fcntl.flock(fd, fcntl.LOCK_UN)
                    return
            finally:
                os.close(fd)
        watcher = threading.Thread(target=watch_lock, daemon=True)
        watcher.start()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=120)
        exited = time.time()
        watcher.join(timeout=10)
        client.close()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, proc.stderr.read()
    assert released and released[0] <= exited
    late = [str(p.relative_to(mapped_home)) for p in (mapped_home / "m").rglob("*")
            if p.is_file() and p.stat().st_mtime > released[0]]
    assert late == [], f"written after the lock was released: {late}"
    r = _cli(mapped_home, "fsck", "-c", "m", "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["ok"] is True, r.stdout + r.stderr
    assert _umap_entry(mapped_home) == before   # the job stopped before its first write


def test_a_job_stuck_past_the_wait_neither_writes_nor_keeps_the_service_alive(mapped_home):
    """With a 1 s wait, SIGTERM during a UMAP fit (no safe point inside it): the service says
    which job did not stop, closes the collection and exits at once; nothing changes."""
    before = _umap_entry(mapped_home)
    files = {p: p.stat().st_mtime for p in (mapped_home / "m").rglob("*") if p.is_file()}
    proc = subprocess.Popen([*IMGSEARCH, "serve", "--port", "0"],
                            env=_env(mapped_home, IMGSEARCH_JOB_STOP_SECONDS="1"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        while not (mapped_home / ".imgsearch-service.json").exists():
            assert proc.poll() is None, proc.stderr.read()
            time.sleep(0.1)
        url = json.loads((mapped_home / ".imgsearch-service.json").read_text())["url"]
        with httpx.Client(base_url=url) as http:
            job = http.post("/collections/m/map", json={"method": "umap", "refit": True,
                                                        "neighbors": 30, "seed": 1}).json()
            _poll(http, job["id"], lambda j: j["state"] == "running" and j["done"] >= 1)
        t0 = time.time()
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=60)
        took = time.time() - t0
    finally:
        if proc.poll() is None:
            proc.kill()
    err = proc.stderr.read()
    assert proc.returncode == 0 and "1 job(s) did not stop in time" in err, err
    assert took < 15, took
    time.sleep(2)                        # the process is gone: nothing can write any more
    now = {p: p.stat().st_mtime for p in (mapped_home / "m").rglob("*") if p.is_file()}
    changed = [str(p.name) for p in now if p.name != ".lock" and now[p] != files.get(p)]
    assert changed == [] or changed == ["catalog.duckdb"], changed   # a checkpoint on close
    assert _umap_entry(mapped_home) == before
    r = _cli(mapped_home, "fsck", "-c", "m", "--json")
    assert json.loads(r.stdout)["ok"] is True, r.stdout + r.stderr


@pytest.fixture
def pca_home(tmp_path, digits_dir):
    home = tmp_path / "home"
    _copy(sorted(digits_dir.glob("digits/*/*.png"))[:300], tmp_path / "digits")
    imgsearch.index_images(tmp_path / "digits", "c", model="pixels", size=8, home=home,
                           workers=0, progress=False)
    with imgsearch.open_collection("c", home=home) as col:
        col.build_map("pca")
    return home


def _shift_coords(col_dir):
    import duckdb
    con = duckdb.connect(str(col_dir / "catalog.duckdb"))
    con.execute("UPDATE coords SET x = x + 5.38 WHERE image_id % 7 = 0")
    con.close()


def _edit_entry(col_dir, **changes):
    m = json.loads((col_dir / "manifest.json").read_text())
    for k, v in changes.items():
        if v is None:
            m["maps"].pop(k)
        else:
            m["maps"]["pca"][k] = v
    (col_dir / "manifest.json").write_text(json.dumps(m))


@pytest.mark.parametrize("damage,said", [
    (_shift_coords, "stored coordinates differ"),
    (lambda d: _edit_entry(d, seed=7), "seed 7 in the manifest, 0 in the reducer"),
    (lambda d: _edit_entry(d, fitted_on=12), "fitted_on 12"),
    (lambda d: (d / "maps" / "pca.joblib").unlink(), "maps/pca.joblib is missing"),
    (lambda d: _edit_entry(d, pca=None), "not named in the manifest"),
])
def test_fsck_names_a_disagreeing_map_and_repair_mends_it(pca_home, damage, said):
    damage(pca_home / "c")
    r = _cli(pca_home, "fsck", "-c", "c")
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stdout + r.stderr
    line = [x for x in r.stdout.splitlines() if "map" in x]
    assert len(line) == 1 and "the pca map of 'c' disagrees" in line[0] and said in line[0], r.stdout
    assert "fsck --repair" in line[0]
    r = _cli(pca_home, "fsck", "-c", "c", "--repair")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "refitted the pca map" in r.stdout or "removed maps/pca.joblib" in r.stdout
    r = _cli(pca_home, "fsck", "-c", "c", "--json")
    assert json.loads(r.stdout)["ok"] is True, r.stdout


def _marked(mark):
    """Live processes whose environment carries this run's marker (zombies are gone already)."""
    found = []
    for env in Path("/proc").glob("[0-9]*/environ"):
        try:
            if mark.encode() in env.read_bytes() and "zombie" not in \
                    (env.parent / "status").read_text().lower():
                found.append(int(env.parent.name))
        except OSError:
            continue
    return found


@pytest.mark.parametrize("how", ["index", "serve"])
def test_no_helper_process_outlives_kill_9_of_an_index_run(tmp_path, pngs, how):
    """Decoding runs in workers of a fork server (torch loaded, or a service's threads),
    beside multiprocessing's resource tracker: a few seconds after kill -9 of the CLI run, or
    of the service running an index job, none of them is left."""
    mark = f"imgsearch-orphan-test-{uuid.uuid4().hex}"
    home = tmp_path / "home"
    env = _env(home, IMGSEARCH_WORKERS="2", ORPHAN_MARK=mark, IMGSEARCH_RUNTIME="torch")
    if how == "index":
        proc = subprocess.Popen([*IMGSEARCH, "index", pngs, "-c", "o"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
    else:
        proc = subprocess.Popen([*IMGSEARCH, "serve", "--port", "0"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        while not (home / ".imgsearch-service.json").exists():
            assert proc.poll() is None, proc.stderr.read()
            time.sleep(0.1)
        announced = json.loads((home / ".imgsearch-service.json").read_text())
        # a local caller (the service's secret, where it has one) names a folder
        secret = {"X-Imgsearch-Secret": announced["secret"]} if announced.get("secret") else {}
        r = httpx.post(f"{announced['url']}/collections/o/index", headers=secret,
                       json={"source": str(pngs), "model": "pixels", "size": 32})
        assert r.status_code == 202, r.text
    try:
        deadline = time.time() + 180
        while time.time() < deadline and len(_marked(mark)) < 4:
            assert proc.poll() is None, proc.stderr.read()
            time.sleep(0.1)
        helpers = [p for p in _marked(mark) if p != proc.pid]
        kinds = [Path(f"/proc/{p}/cmdline").read_bytes() for p in helpers]
        assert any(b"forkserver" in k for k in kinds) and any(b"resource_tracker" in k for k in kinds)
    finally:
        proc.kill()
        proc.wait()
    deadline = time.time() + 5
    while _marked(mark) and time.time() < deadline:
        time.sleep(0.1)
    left = _marked(mark)
    for pid in left:                       # do not leave them to the next test either
        os.kill(pid, signal.SIGKILL)
    assert left == [], left


def test_a_run_cut_short_then_resumed_from_another_folder_serves_both(tmp_path, pngs, digits_dir):
    """SIGTERM during embedding leaves the first folder's rows pending; a run from another
    folder embeds them. Both folders were recorded as roots, so every file is served."""
    from fastapi.testclient import TestClient
    from imgsearch.config import Config
    from imgsearch.api.service import Service
    from imgsearch.frontends.rest.app import create_app
    home, first, second = tmp_path / "home", pngs, tmp_path / "second"
    _copy(sorted(digits_dir.glob("digits/*/*.png"))[:40], second)
    proc = subprocess.Popen([*IMGSEARCH, "index", first, "-c", "r", "-m", "pixels", "--size", "32"],
                            env=_env(home, IMGSEARCH_WORKERS="1", IMGSEARCH_CHECKPOINT_SECONDS="600"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline and not _children(proc.pid):   # the decode worker: embedding
        assert proc.poll() is None, proc.stderr.read()
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    with imgsearch.open_collection("r", home=home) as col:
        counts = col.info()
        assert counts.pending > 0, counts     # it was cut short
    r = _cli(home, "index", second, "-c", "r")
    assert r.returncode == 0, r.stderr
    svc = Service(Config.load(home=home, workers=0, progress=False))
    try:
        api = TestClient(create_app(svc, token=""))
        rows = api.get("/collections/r/images", params={"columns": ["image_id", "path"],
                                                        "limit": 10000}).json()
        assert len(rows) == 640
        for folder in (first, second):
            row = next(x for x in rows if x["path"].startswith(str(folder) + os.sep))
            r = api.get(f"/collections/r/images/{row['image_id']}/file")
            assert r.status_code == 200 and r.content == Path(row["path"]).read_bytes()
            r = api.get(f"/collections/r/images/{row['image_id']}/thumbnail")
            assert r.status_code == 200 and r.content[:2] == b"\xff\xd8"
    finally:
        svc.close()


def test_a_job_still_busy_after_close_cannot_write(pca_home):
    """close() waits a bounded time for a running job; one that is still busy then (no safe
    point reached) finds its collection closed: its write is refused and no file changes."""
    from imgsearch.config import Config
    from imgsearch.api.service import Service
    from imgsearch.errors import Conflict
    svc = Service(Config.load(home=pca_home, workers=0, progress=False))
    go, outcome = threading.Event(), []

    def straggler(col, progress):
        go.wait(30)                       # busy, never calling progress
        try:
            col.tag([1], "late")
        except Conflict as e:
            outcome.append(str(e))
            raise
    job = svc.submit("tag", "c", straggler)
    while svc.job(job.id).state != "running":
        time.sleep(0.01)
    svc.close(timeout=0.5)
    closed_at = time.time()
    go.set()
    svc.wait(job.id, timeout=30)
    assert svc.job(job.id).state == "failed" and "closed" in svc.job(job.id).message
    assert outcome and "nothing more is written" in outcome[0]
    changed = [p.name for p in (pca_home / "c").rglob("*") if p.is_file() and p.stat().st_mtime > closed_at]
    assert changed == [], changed
    with imgsearch.open_collection("c", home=pca_home) as col:    # the lock was released
        assert col.ids(where="list_contains(tags, 'late')").size == 0
