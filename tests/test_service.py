"""Many readers and one writer across real processes: a running service owns the collection,
the CLI becomes its client, searches never fail while an index job runs, two writers never
corrupt anything, and stopping the service or the app stops everything they started."""
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import imgsearch

IMGSEARCH = [sys.executable, "-m", "imgsearch"]


def _env(home):
    return {**os.environ, "IMGSEARCH_HOME": str(home), "IMGSEARCH_PROGRESS": "0",
            "IMGSEARCH_CHECKPOINT_SECONDS": "0"}


def _cli(home, *args, timeout=600):
    return subprocess.run([*IMGSEARCH, *map(str, args)], env=_env(home), capture_output=True,
                          text=True, timeout=timeout)


def _wait_for_service(home, proc, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else "service exited"
        f = home / ".imgsearch-service.json"
        if f.exists():
            return json.loads(f.read_text())
        time.sleep(0.2)
    pytest.fail("the service did not announce itself")


def _stop(proc, sig=signal.SIGTERM):
    proc.send_signal(sig)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("the process did not stop on SIGTERM")


def _copy(files, dest):
    dest.mkdir(parents=True, exist_ok=True)
    for f in files:
        (dest / f"{f.parent.name}_{f.name}").write_bytes(f.read_bytes())


@pytest.fixture
def small_home(tmp_path, digits_dir):
    home = tmp_path / "home"
    files = sorted(digits_dir.glob("digits/*/*.png"))
    _copy(files[:600], tmp_path / "first")
    _copy(files[600:1400], tmp_path / "second")
    r = _cli(home, "index", tmp_path / "first", "-c", "s", "-m", "pixels", "--size", "8")
    assert r.returncode == 0, r.stderr
    r = _cli(home, "map", "-c", "s", "--method", "pca")
    assert r.returncode == 0, r.stderr
    return home


def test_cli_commands_work_while_the_service_owns_the_collection(small_home, tmp_path):
    proc = subprocess.Popen([*IMGSEARCH, "serve", "--port", "0"], env=_env(small_home),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_service(small_home, proc)
        assert json.loads(_cli(small_home, "info", "-c", "s", "--json").stdout)["indexed"] == 600
        hits = json.loads(_cli(small_home, "search", "--id", "3", "-c", "s", "-k", "3", "--json").stdout)
        assert hits[0]["image_id"] == 3
        r = _cli(small_home, "tag", "-c", "s", "--id", "3", "--tag", "review")
        assert r.returncode == 0 and "tagged 1" in r.stdout, r.stderr
        r = _cli(small_home, "index", tmp_path / "second", "-c", "s")
        assert r.returncode == 0 and "indexed 800" in r.stdout and "placed 800" in r.stdout, r.stderr
        r = _cli(small_home, "map", "-c", "s", "--method", "pca")
        assert r.returncode == 0 and "placed 0" in r.stdout, r.stderr
        info = json.loads(_cli(small_home, "info", "-c", "s", "--json").stdout)
        assert (info["indexed"], info["vectors"], info["unmapped"]) == (1400, 1400, {"pca": 0})
        # a second service on the same home is refused with the first one's address
        second = _cli(small_home, "serve", "--port", "0", timeout=60)
        assert second.returncode == 2 and "already runs" in second.stderr
    finally:
        _stop(proc)
    assert proc.returncode == 0, proc.stderr.read()
    assert not (small_home / ".imgsearch-service.json").exists()
    with imgsearch.open_collection("s", home=small_home) as col:   # released: we can open it
        assert col.fsck().ok and col.info().indexed == 1400


_SEARCH_LOOP = textwrap.dedent("""
    import json, sys, time, imgsearch
    client = imgsearch.connect(sys.argv[1])
    col = client.collection("s")
    ok = failed = 0
    seen = set()
    deadline = time.time() + float(sys.argv[2])
    stop = sys.argv[3]
    import os
    while time.time() < deadline and not os.path.exists(stop):
        try:
            hits = col.search(int(ok % 500) + 1, k=5).hits
            assert hits[0].score >= 0.999
            seen.add(col.info().indexed)
            ok += 1
        except Exception as e:
            failed += 1
            print(repr(e), file=sys.stderr)
    print(json.dumps({"ok": ok, "failed": failed, "counts": sorted(seen)}))
""")


def test_searches_never_fail_while_an_index_job_runs(small_home, tmp_path):
    """Three processes: the service, a search loop, and `imgsearch index` adding 800 images in
    checkpoints. No failed request; the new images become searchable as the job commits."""
    proc = subprocess.Popen([*IMGSEARCH, "serve", "--port", "0"], env=_env(small_home),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stop = tmp_path / "stop"
    try:
        _wait_for_service(small_home, proc)
        loop = subprocess.Popen([sys.executable, "-c", _SEARCH_LOOP, str(small_home), "300", str(stop)],
                                env=_env(small_home), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        time.sleep(3)
        r = _cli(small_home, "index", tmp_path / "second", "-c", "s", "--batch-size", "50")
        assert r.returncode == 0 and "indexed 800" in r.stdout, r.stderr
        time.sleep(2)
        stop.write_text("")
        out, err = loop.communicate(timeout=120)
        result = json.loads(out)
        assert result["failed"] == 0, err[-2000:]
        assert result["ok"] > 20
        assert result["counts"][0] == 600 and result["counts"][-1] == 1400
        assert len(result["counts"]) > 2           # it saw the checkpoints land one by one
        fsck = json.loads(_cli(small_home, "fsck", "-c", "s", "--json").stdout)
        assert fsck["ok"] and fsck["indexed_rows"] == fsck["vectors"] == 1400
    finally:
        stop.write_text("")
        _stop(proc)


def test_two_writers_without_a_service_get_a_clear_busy(small_home, tmp_path):
    """A process holds the collection (it opened it and waits: no race with how fast an index
    run is); a second writer, then a second index run, get one line naming the holder."""
    code = ("import sys, imgsearch; col = imgsearch.open_collection('s', home=sys.argv[1]); "
            "print('open', flush=True); sys.stdin.read(); col.close()")
    holder = subprocess.Popen([sys.executable, "-c", code, str(small_home)], env=_env(small_home),
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "open", holder.stderr.read()
        for args in (("tag", "-c", "s", "--id", "1", "--tag", "x"),
                     ("index", tmp_path / "second", "-c", "s")):
            second = _cli(small_home, *args, timeout=60)
            assert second.returncode == 2, (args, second.stderr)
            assert "in use by pid" in second.stderr and str(holder.pid) in second.stderr, second.stderr
            assert "imgsearch serve" in second.stderr and "Traceback" not in second.stderr
    finally:
        holder.communicate(input="", timeout=60)
    assert holder.returncode == 0
    r = _cli(small_home, "index", tmp_path / "second", "-c", "s")      # free again
    assert r.returncode == 0, r.stderr
    with imgsearch.open_collection("s", home=small_home) as col:
        assert col.fsck().ok and col.info().indexed == 1400


def _descendants(pid):
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout
    children, frontier = set(), {pid}
    rows = [tuple(map(int, line.split())) for line in out.splitlines() if line.strip()]
    while frontier:
        frontier = {p for p, pp in rows if pp in frontier} - children
        children |= frontier
    return children


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_stopping_the_app_stops_everything_it_started(small_home, sig):
    port = _free_port()
    proc = subprocess.Popen([*IMGSEARCH, "ui", "-c", "s", "--port", str(port)], env=_env(small_home),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_for_service(small_home, proc)
        import urllib.request
        deadline = time.time() + 90
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        children = _descendants(proc.pid)
        assert children, "the app started no child"
    finally:
        _stop(proc, sig)
    time.sleep(1)
    alive = [p for p in children if Path(f"/proc/{p}").exists()
             and "zombie" not in Path(f"/proc/{p}/status").read_text().lower()]
    assert alive == [], alive
    assert not (small_home / ".imgsearch-service.json").exists()
    with imgsearch.open_collection("s", home=small_home) as col:   # the collection is free
        assert col.info().indexed == 600


def _free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
