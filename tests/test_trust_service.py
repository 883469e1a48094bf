"""The service's trust boundary, with real processes and real sockets: a client sends nothing
to a listener that cannot prove it is the service, the service refuses before reading a body,
caps every body (chunked too), answers only loopback Host names without a token, keeps
half-open connections and open collections bounded, and runs once per home."""
import http.server
import json
import os
import resource
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

import imgsearch
from imgsearch.client import SERVICE_FILE, announce

IMGSEARCH = [sys.executable, "-m", "imgsearch"]
TOKEN = "trust-test-token"


def _env(home, **extra):
    env = {**os.environ, "IMGSEARCH_HOME": str(home), "IMGSEARCH_PROGRESS": "0"}
    for name in ("IMGSEARCH_API_TOKEN", "IMGSEARCH_SERVICE_URL", "IMGSEARCH_SERVICE_SECRET"):
        env.pop(name, None)
    return {**env, **extra}


@pytest.fixture(scope="module")
def trust_home(digits_dir, tmp_path_factory):
    home = tmp_path_factory.mktemp("trust") / "home"
    folder = digits_dir / "digits" / "3"
    imgsearch.index_images(folder, "s", model="pixels", size=8, home=home, workers=0,
                           progress=False)
    return home


def _serve(home, *args, preexec_fn=None, **env):
    proc = subprocess.Popen([*IMGSEARCH, "serve", "--port", "0", *args], env=_env(home, **env),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=preexec_fn)
    deadline = time.time() + 60
    while time.time() < deadline:
        assert proc.poll() is None, proc.stderr.read()
        f = home / SERVICE_FILE
        if f.exists():
            info = json.loads(f.read_text())
            if info["pid"] == proc.pid:
                return proc, info
        time.sleep(0.1)
    proc.kill()
    pytest.fail("the service did not announce itself")


def _stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("the service did not stop on SIGTERM")


def _status(pid, field):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise AssertionError(field)


# -- a forged announcement -------------------------------------------------------------------
class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers like a service that does not know the secret, and keeps what it was sent."""
    seen: list = []

    def _answer(self):
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        self.seen.append((self.command, self.path, dict(self.headers), body))
        data = json.dumps({"ok": True, "version": "0", "proof": "0" * 64}).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    _Recorder.seen = []
    server = http.server.ThreadingHTTPServer(("0.0.0.0", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], _Recorder.seen
    server.shutdown()


def _primary_address():
    """This machine's address on its network (not loopback), where the recorder listens too."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("10.254.254.254", 9))      # no packet is sent: only a route is chosen
            address = s.getsockname()[0]
    except OSError:
        pytest.skip("no network address besides loopback")
    if address.startswith("127."):
        pytest.skip("no network address besides loopback")
    return address


def _forge(home, url, mode=0o600, owner=None, home_mode=None, link=False):
    path = home / SERVICE_FILE
    data = json.dumps({"url": url, "pid": os.getpid(), "home": str(home),
                       "started_at": time.time(), "secret": "f" * 64})
    target = home.parent / "elsewhere.json" if link else path
    target.write_text(data)
    os.chmod(target, mode)
    if owner is not None:
        os.chown(target, owner, owner)
    if link:
        path.symlink_to(target)
    if home_mode is not None:
        os.chmod(home, home_mode)


@pytest.mark.parametrize("forgery", ["cannot prove", "mode 644", "other owner", "open home",
                                     "symlink", "not loopback"])
def test_a_forged_announcement_gets_no_token_and_no_image(trust_home, tmp_path, recorder,
                                                          digits_dir, forgery):
    port, seen = recorder
    home = tmp_path / "home"                      # a copy: the forgery is this test's alone
    shutil.copytree(trust_home, home, ignore=shutil.ignore_patterns(".lock", ".imgsearch-service*"))
    host = _primary_address() if forgery == "not loopback" else "127.0.0.1"
    if forgery == "other owner" and os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    _forge(home, f"http://{host}:{port}", mode=0o644 if forgery == "mode 644" else 0o600,
           owner=65534 if forgery == "other owner" else None,
           home_mode=0o777 if forgery == "open home" else None, link=forgery == "symlink")
    query = sorted((digits_dir / "digits" / "3").glob("*.png"))[0]
    r = subprocess.run([*IMGSEARCH, "search", str(query), "-c", "s", "-k", "2", "--json"],
                       env=_env(home, IMGSEARCH_API_TOKEN=TOKEN), capture_output=True,
                       text=True, timeout=300)
    # the CLI fell back to opening the collection itself, and said why in one line
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)[0]["score"] > 0.999
    warning = [line for line in r.stderr.splitlines() if "ignoring" in line]
    assert len(warning) == 1 and SERVICE_FILE in warning[0], r.stderr
    image = query.read_bytes()
    for method, path, headers, body in seen:
        assert not {k.lower() for k in headers} & {"authorization", "x-imgsearch-secret"}
        assert (method, path) == ("GET", "/healthz") and body == b""
        assert image[:64] not in body
    assert len(seen) == (1 if forgery == "cannot prove" else 0), seen


def test_a_verified_client_is_local_and_sends_the_secret(trust_home):
    proc, info = _serve(trust_home)
    try:
        client = imgsearch.connect(trust_home)
        assert client.remote and client.local
        assert client.http.headers["x-imgsearch-secret"] == info["secret"]
        assert client.collection("s").info().indexed > 100
        client.close()
        st = os.stat(trust_home / SERVICE_FILE)
        assert st.st_mode & 0o777 == 0o600
        health = httpx.get(info["url"] + "/healthz").json()
        assert set(health) == {"ok", "version", "proof"} and health["proof"] is None
        # a listener that proves the secret but is named in the environment with a wrong one
        r = subprocess.run([*IMGSEARCH, "collections"], capture_output=True, text=True,
                           env=_env(trust_home, IMGSEARCH_SERVICE_URL=info["url"],
                                    IMGSEARCH_SERVICE_SECRET="0" * 64), timeout=120)
        assert r.returncode == 2 and "cannot prove" in r.stderr, r.stderr
    finally:
        _stop(proc)


# -- bodies: refused before they are read, capped as they arrive -------------------------------
def _chunks(total_mb, seen, head=b""):
    block = b" " * (1 << 20)
    yield head
    for _ in range(total_mb):
        seen[0] += 1
        yield block


def _post_chunked(url, total_mb, headers, head=b""):
    pulled = [0]
    try:
        r = httpx.post(url, content=_chunks(total_mb, pulled, head), timeout=120,
                       headers={"content-type": "application/json", **headers})
        return r.status_code, pulled[0]
    except httpx.TransportError:       # the server closed while we were still sending
        return None, pulled[0]


def test_chunked_bodies_are_refused_unread_or_capped(trust_home):
    proc, info = _serve(trust_home, IMGSEARCH_API_TOKEN=TOKEN)
    url = info["url"] + "/collections/s/search/vector"
    try:
        assert httpx.get(info["url"] + "/healthz").status_code == 200
        before = _status(proc.pid, "VmHWM")
        status, pulled = _post_chunked(url, 200, {})
        assert status == 401 and pulled < 200, (status, pulled)
        grown = _status(proc.pid, "VmHWM") - before
        assert grown < 16 << 20, f"peak memory grew {grown >> 20} MB for an unauthenticated body"
        status, pulled = _post_chunked(url, 200, {"authorization": f"Bearer {TOKEN}"})
        assert status == 413 and pulled < 200, (status, pulled)
        # a multipart upload, chunked, with the token: capped the same way
        status, _ = _post_chunked(info["url"] + "/collections/s/search/image", 60,
                                  {"authorization": f"Bearer {TOKEN}",
                                   "content-type": "multipart/form-data; boundary=x"},
                                  head=b'--x\r\nContent-Disposition: form-data; name="file"; '
                                       b'filename="q.png"\r\nContent-Type: image/png\r\n\r\n')
        assert status == 413
        # the API description needs the token too; /healthz does not
        assert httpx.get(info["url"] + "/openapi.json").status_code == 401
        assert httpx.get(info["url"] + "/docs").status_code == 401
        ok = httpx.get(info["url"] + "/openapi.json", headers={"authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200
        # the secret alone authenticates (a local caller), a wrong one does not
        r = httpx.get(info["url"] + "/collections", headers={"x-imgsearch-secret": info["secret"]})
        assert r.status_code == 200 and "s" in r.json()
        assert httpx.get(info["url"] + "/collections",
                         headers={"x-imgsearch-secret": "0" * 64}).status_code == 401
    finally:
        _stop(proc)


def test_only_loopback_host_names_without_a_token(trust_home):
    proc, info = _serve(trust_home)
    port = info["url"].rsplit(":", 1)[1]
    try:
        for host, status in ((f"localhost:{port}", 200), (f"127.0.0.1:{port}", 200),
                             (f"127.3.2.1:{port}", 200), (f"[::1]:{port}", 200),
                             ("localhost", 200), (f"attacker.example:{port}", 421),
                             (f"127.0.0.1.nip.io:{port}", 421), ("", 421)):
            r = httpx.get(info["url"] + "/collections", headers={"host": host})
            assert r.status_code == status, (host, r.status_code, r.text)
    finally:
        _stop(proc)


# -- one service per home --------------------------------------------------------------------
def test_two_services_on_one_home(trust_home):
    """Started together, one runs and the other is refused naming it; with the first's
    announcement gone (as before it is written), a third is still refused."""
    procs = [subprocess.Popen([*IMGSEARCH, "serve", "--port", "0"], env=_env(trust_home),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    try:
        deadline = time.time() + 60
        while time.time() < deadline and all(p.poll() is None for p in procs):
            time.sleep(0.1)
        refused = [p for p in procs if p.poll() is not None]
        assert len(refused) == 1, [p.stderr.read() for p in refused]
        running = next(p for p in procs if p.poll() is None)
        err = refused[0].stderr.read()
        assert refused[0].returncode == 2 and "already runs" in err and f"pid {running.pid}" in err
        assert len(err.strip().splitlines()) == 1, err
        _, info = _serve_wait(trust_home, running)
        (trust_home / SERVICE_FILE).unlink()
        third = subprocess.run([*IMGSEARCH, "serve", "--port", "0"], env=_env(trust_home),
                               capture_output=True, text=True, timeout=60)
        assert third.returncode == 2 and f"pid {running.pid}" in third.stderr, third.stderr
        announce(trust_home, info["url"], info["secret"])      # put it back for the stop
    finally:
        for p in procs:
            if p.poll() is None:
                _stop(p)


def _serve_wait(home, proc):
    deadline = time.time() + 60
    while time.time() < deadline:
        f = home / SERVICE_FILE
        if f.exists() and json.loads(f.read_text())["pid"] == proc.pid:
            return proc, json.loads(f.read_text())
        time.sleep(0.1)
    pytest.fail("the service did not announce itself")


# -- bounded connections and collections -----------------------------------------------------
def _fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def _small_limit():
    resource.setrlimit(resource.RLIMIT_NOFILE, (1024, 1024))


def test_half_open_connections_cannot_hold_the_service(trust_home):
    proc, info = _serve(trust_home, IMGSEARCH_HEADER_TIMEOUT="3")
    port = int(info["url"].rsplit(":", 1)[1])
    held = []
    try:
        for i in range(800):
            s = socket.create_connection(("127.0.0.1", port))
            if i % 2:
                s.sendall(b"GET /collections HTTP/1.1\r\nHost: localh")   # a head never finished
            held.append(s)
        t0 = time.monotonic()
        r = httpx.get(info["url"] + "/collections", timeout=10)
        assert r.status_code == 200 and time.monotonic() - t0 < 2.5
        # the service closes every one of them once the header timeout has passed
        sel = selectors.DefaultSelector()
        for s in held:
            s.setblocking(False)
            sel.register(s, selectors.EVENT_READ)
        closed, deadline = 0, time.monotonic() + 10
        trickling = set(held[1:40:2])        # these go on sending their head a byte at a time
        while closed < len(held) and time.monotonic() < deadline:
            for s in list(trickling):
                try:
                    s.send(b"x")
                except OSError:
                    trickling.discard(s)
            for key, _ in sel.select(timeout=0.5):
                try:
                    data = key.fileobj.recv(1)
                except OSError:
                    data = b""
                if data == b"":
                    closed += 1
                    sel.unregister(key.fileobj)
                    trickling.discard(key.fileobj)
        assert closed == 800
        assert _fds(proc.pid) < 100
    finally:
        for s in held:
            s.close()
        _stop(proc)


def test_many_new_collection_names_leak_nothing(trust_home, tmp_path):
    """Under `ulimit -n 1024`: 400 requests each on a new name create nothing and open
    nothing; 12 real collections used in turn stay at most 4 open (IMGSEARCH_MAX_OPEN_COLLECTIONS)."""
    for i in range(12):
        shutil.copytree(trust_home / "s", trust_home / f"c{i}", ignore=shutil.ignore_patterns(".lock"))
    proc, info = _serve(trust_home, preexec_fn=_small_limit, IMGSEARCH_MAX_OPEN_COLLECTIONS="4")
    try:
        with httpx.Client(base_url=info["url"], timeout=60) as http:
            assert http.get("/collections/s").status_code == 200
            before = _fds(proc.pid)
            for i in range(200):
                r = http.post(f"/collections/new{i}/index", json={"source": str(tmp_path / "none")})
                assert r.status_code == 422, r.text
                assert http.get(f"/collections/new{i}").status_code == 404
            assert not list(trust_home.glob("new*"))
            assert _fds(proc.pid) <= before + 4
            for _ in range(3):
                for i in range(12):
                    assert http.get(f"/collections/c{i}").json()["indexed"] > 100
            catalogs = [os.readlink(f"/proc/{proc.pid}/fd/{fd}") for fd in os.listdir(f"/proc/{proc.pid}/fd")]
            open_now = {Path(c).parent.name for c in catalogs if c.endswith("catalog.duckdb")}
            assert 1 <= len(open_now) <= 4, open_now
            assert http.get("/collections/s").json()["indexed"] > 100
    finally:
        _stop(proc)
        for i in range(12):
            shutil.rmtree(trust_home / f"c{i}")


def test_a_collection_in_use_is_never_closed(trust_home):
    from imgsearch.config import Config
    from imgsearch.core.service import Service
    for name in ("a", "b", "c"):
        shutil.copytree(trust_home / "s", trust_home / name, ignore=shutil.ignore_patterns(".lock"))
    svc = Service(Config.load(home=trust_home, workers=0, progress=False), max_open=1)
    try:
        with svc.borrowing():
            a = svc.collection("a")
            with svc.borrowing():
                b = svc.collection("b")           # past the limit: a is borrowed, stays open
                assert svc.open_collections() == ["a", "b"]
                assert b.info().indexed == a.info().indexed
            assert svc.open_collections() == ["a"]   # b given back and closed
            assert a.info().indexed > 100
        # a job holds its collection from submit to end, even while requests come and go
        gate = threading.Event()
        job = svc.submit("wait", "c", lambda col, progress: gate.wait(30) and col.info().indexed)
        with svc.borrowing():
            svc.collection("a")
        assert "c" in svc.open_collections()
        gate.set()
        assert svc.wait(job.id, 30).result > 100
        assert svc.open_collections() == ["a"] or svc.open_collections() == ["c"]
        assert len(svc.open_collections()) == 1
    finally:
        svc.close()
        for name in ("a", "b", "c"):
            shutil.rmtree(trust_home / name)


# -- request lists ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def api(trust_home):
    from fastapi.testclient import TestClient
    from imgsearch.config import Config
    from imgsearch.core.service import Service
    from imgsearch.frontends.rest.app import create_app
    svc = Service(Config.load(home=trust_home, workers=0, progress=False))
    yield TestClient(create_app(svc, token=""), raise_server_exceptions=False)
    svc.close()


@pytest.mark.parametrize("call", [
    lambda a: a.post("/collections/s/untag", json={"ids": [2**63], "tag": "x"}),
    lambda a: a.post("/collections/s/tags", json={"ids": [-2**63 - 1], "tag": "x"}),
    lambda a: a.post("/collections/s/remove", json={"ids": [2**64]}),
    lambda a: a.post("/collections/s/search/vector", json={"image_id": 2**63}),
    lambda a: a.post("/collections/s/search/vector", json={"vector": [0.5] * 64,
                                                          "filters": {"label": list(range(10_001))}}),
    lambda a: a.post("/collections/s/search/image", files={"file": ("q", b"x")},
                     data={"filters": json.dumps({"label": list(range(10_001))})}),
    lambda a: a.get("/collections/s/images", params={"columns": [f"c{i}" for i in range(201)]}),
    lambda a: a.get("/collections/s/export/subset", params={"ids": [2**63]}),
])
def test_oversized_or_overflowing_lists_are_422(api, call):
    r = call(api)
    assert r.status_code == 422, (r.status_code, r.text[:300])


def test_duplicated_columns_are_asked_once(api):
    t0 = time.monotonic()
    r = api.get("/collections/s/images", params={"columns": ["image_id", "label"] * 1500, "limit": 3})
    assert r.status_code == 200 and time.monotonic() - t0 < 2
    assert [list(row) for row in r.json()] == [["image_id", "label"]] * 3


def test_the_app_started_by_ui_gets_the_secret(trust_home):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([*IMGSEARCH, "ui", "-c", "s", "--port", str(port)], env=_env(trust_home),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _, info = _serve_wait(trust_home, proc)
        children = [int(p) for p in Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()]
        environ = [Path(f"/proc/{c}/environ").read_bytes().split(b"\0") for c in children]
        assert [e for e in environ if f"IMGSEARCH_SERVICE_SECRET={info['secret']}".encode() in e
                and f"IMGSEARCH_SERVICE_URL={info['url']}".encode() in e], children
    finally:
        _stop(proc)
