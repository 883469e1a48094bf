"""The service's identity, with real processes and real sockets: a client sends nothing to a
listener that cannot prove it is the service, a verified client is a local caller, the app
started by `imgsearch ui` gets the secret, and one service runs per home.
(What a request may cost is in test_trust_requests.py.)"""
import http.server
import json
import os
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
        # and under load: eight threads keep the first one busy meanwhile
        stop, answered = threading.Event(), []

        def load():
            with httpx.Client(base_url=info["url"], timeout=60,
                              headers={"x-imgsearch-secret": info["secret"]}) as http:
                while not stop.is_set():
                    answered.append(http.get("/collections/s/images", params={"limit": 500}).status_code)
        threads = [threading.Thread(target=load) for _ in range(8)]
        for t in threads:
            t.start()
        try:
            third = subprocess.run([*IMGSEARCH, "serve", "--port", "0"], env=_env(trust_home),
                                   capture_output=True, text=True, timeout=60)
        finally:
            stop.set()
            for t in threads:
                t.join()
        assert third.returncode == 2 and f"pid {running.pid}" in third.stderr, third.stderr
        assert answered and set(answered) == {200}
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


def test_the_app_started_by_ui_gets_the_secret(trust_home):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([*IMGSEARCH, "ui", "-c", "s", "--port", str(port)], env=_env(trust_home),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _, info = _serve_wait(trust_home, proc)
        deadline, environ = time.time() + 60, []
        while not environ and time.time() < deadline:     # once the child has exec'd streamlit
            children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split()
            environ = [Path(f"/proc/{c}/environ").read_bytes().split(b"\0") for c in children
                       if b"streamlit" in Path(f"/proc/{c}/cmdline").read_bytes()]
            time.sleep(0.2)
        assert [e for e in environ if f"IMGSEARCH_SERVICE_SECRET={info['secret']}".encode() in e
                and f"IMGSEARCH_SERVICE_URL={info['url']}".encode() in e], environ
    finally:
        _stop(proc)


def test_a_lock_file_replaced_by_a_link_is_refused_not_followed(trust_home, tmp_path):
    """Locks (the service's and each collection's) are opened without following a link: the
    link's target is neither truncated nor locked, and the refusal is one line."""
    home = tmp_path / "home"
    shutil.copytree(trust_home, home, ignore=shutil.ignore_patterns(".lock", ".imgsearch-service*"))
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    (home / "s" / ".lock").symlink_to(target)
    r = subprocess.run([*IMGSEARCH, "info", "-c", "s"], env=_env(home), capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 2 and "lock file" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    (home / ".imgsearch-service.lock").symlink_to(target)
    r = subprocess.run([*IMGSEARCH, "serve", "--port", "0"], env=_env(home), capture_output=True,
                       text=True, timeout=120)
    assert r.returncode == 2 and "lock file" in r.stderr, r.stderr
    assert target.read_text() == "keep me"
