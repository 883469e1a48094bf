"""What one request may cost the service, with real processes and real sockets: refused
before its body is read without a token, capped as its body arrives (chunked too), answered
only for loopback Host names without a token, half-open connections closed, open collections
bounded (under `ulimit -n 1024`), and lists in requests capped."""
import hashlib
import hmac
import json
import os
import resource
import selectors
import shutil
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

from .test_trust_service import TOKEN, _serve, _status, _stop, trust_home  # noqa: F401


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
        # a local caller (it holds the announcement's secret), so a path is judged by whether it
        # exists, not refused for lying outside the roots
        local = {"X-Imgsearch-Secret": info["secret"]}
        with httpx.Client(base_url=info["url"], timeout=60, headers=local) as http:
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
    from imgsearch.api.service import Service
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
@pytest.fixture
def api(trust_home):
    """In this process, for one test: its Service holds the collection until the test ends."""
    from fastapi.testclient import TestClient
    from imgsearch.config import Config
    from imgsearch.api.service import Service
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
    lambda a: a.get("/collections/s/export/subset", params={"ids": [2**63]}),
])
def test_oversized_or_overflowing_lists_are_422(api, call):
    r = call(api)
    assert r.status_code == 422, (r.status_code, r.text[:300])


def test_capped_lists_say_which_cap(api, digits_dir):
    image = sorted((digits_dir / "digits" / "3").glob("*.png"))[0].read_bytes()
    ok = api.post("/collections/s/search/image", files={"file": ("q.png", image)},
                  data={"filters": json.dumps({"label": list(range(10_000))})})
    assert ok.status_code == 200, ok.text
    r = api.post("/collections/s/search/image", files={"file": ("q.png", image)},
                 data={"filters": json.dumps({"label": list(range(10_001))})})
    assert r.status_code == 422 and "at most 10000 values" in r.json()["detail"]
    r = api.get("/collections/s/images", params={"columns": [f"c{i}" for i in range(201)]})
    assert r.status_code == 422 and "at most 200 columns" in r.json()["detail"]


def test_duplicated_columns_are_asked_once(api):
    t0 = time.monotonic()
    r = api.get("/collections/s/images", params={"columns": ["image_id", "label"] * 1500, "limit": 3})
    assert r.status_code == 200 and time.monotonic() - t0 < 2
    assert [list(row) for row in r.json()] == [["image_id", "label"]] * 3




def test_a_stalled_body_is_refused(trust_home):
    proc, info = _serve(trust_home, IMGSEARCH_BODY_TIMEOUT="2")
    port = int(info["url"].rsplit(":", 1)[1])
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=15) as s:
            s.sendall(b"POST /collections/s/tags HTTP/1.1\r\nHost: localhost\r\n"
                      b"Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"ids\": [")
            t0 = time.monotonic()
            answer = b""
            while chunk := s.recv(65536):
                answer += chunk
            assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
            assert 1.5 < time.monotonic() - t0 < 10
        # a whole body sent in time is answered as usual
        r = httpx.post(info["url"] + "/collections/s/tags", json={"ids": [1], "tag": "slow"})
        assert r.status_code == 200 and r.json() == 1
    finally:
        _stop(proc)


def test_routes_see_whether_the_caller_is_local(trust_home):
    """`request.state.local` is True only with the service's secret, token or not."""
    from fastapi import Request
    from fastapi.testclient import TestClient
    from imgsearch.config import Config
    from imgsearch.api.service import Service
    from imgsearch.frontends.rest.app import create_app
    svc = Service(Config.load(home=trust_home, workers=0, progress=False))
    try:
        for token in ("", TOKEN):
            app = create_app(svc, token=token, secret="a" * 64)

            @app.get("/whoami")
            def whoami(request: Request):
                return {"local": request.state.local}
            api = TestClient(app)
            bearer = {"authorization": f"Bearer {TOKEN}"} if token else {}
            assert api.get("/whoami", headers={"x-imgsearch-secret": "a" * 64}).json() == {"local": True}
            assert api.get("/whoami", headers=bearer).json() == {"local": False}
            r = api.get("/whoami", headers={**bearer, "x-imgsearch-secret": "b" * 64})
            assert r.json() == {"local": False}
            proof = api.get("/healthz", headers={"x-imgsearch-challenge": "c1"}).json()["proof"]
            assert proof == hmac.new(b"a" * 64, b"c1", hashlib.sha256).hexdigest()
    finally:
        svc.close()


def test_a_route_may_take_a_larger_body_than_the_rest(trust_home):
    from fastapi.testclient import TestClient
    from imgsearch.config import Config
    from imgsearch.api.service import Service
    from imgsearch.frontends.rest.app import create_app
    svc = Service(Config.load(home=trust_home, workers=0, progress=False))
    try:
        api = TestClient(create_app(svc, token="", max_body=1000,
                                    body_caps={"/collections/s/tags": 100_000}))
        body = {"ids": [1] * 600, "tag": "wide"}          # 1.2 KB of JSON
        assert api.post("/collections/s/tags", json=body).status_code == 200
        r = api.post("/collections/s/untag", json=body)
        assert r.status_code == 413 and r.json()["kind"] == "TooLarge"
    finally:
        svc.close()
