"""The server side of the map benchmark (bench_ui.py): the pages it serves, a counting proxy
in front of Streamlit, and the bundle of an earlier commit to measure against.

Every byte between chromium and Streamlit crosses the proxy, both ways: HTTP responses, the
websocket (arguments, reruns, embedding-atlas's Arrow table) and requests."""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent

# The component page: the bench's points, packed once per server (see bench_ui.prepared);
# BENCH_UI_BUNDLE names another build of the component (an earlier commit's) to draw them.
COMPONENT_PAGE = '''
import os, sys
import streamlit as st
sys.path.insert(0, {here!r})
import bench_ui
from imgsearch.frontends.ui import mapview

st.set_page_config(page_title="bench", layout="wide")
if os.environ.get("BENCH_UI_BUNDLE") and mapview._component is None:
    import streamlit.components.v1 as components
    mapview._component = components.declare_component("imgsearch_map", path=os.environ["BENCH_UI_BUNDLE"])
n = int(os.environ["BENCH_UI_N"])
df, packed = bench_ui.prepared(n)
g = packed["g"]
ev = st.session_state.get("bench-map")
ids = []
if ev and ev["kind"] == "click":
    ids = [int(ev["image_id"])]
elif ev and ev["kind"] == "lasso":
    ids = mapview.lasso_ids(g, ev["polygon"]).tolist()
mapview.deck_map(g, colour=packed["label"], hover=[packed["label"], packed["pred"]], key="bench-map",
                 thumb_url=mapview.register_thumbnails("bench", lambda i, s: bench_ui.thumb_jpeg(i, s)),
                 sprites=packed["sprites"], height=640)
st.code(f"SELECTION n={{len(ids)}} first={{ids[:1]}} event={{ev['id'] if ev else None}}", language=None)
'''
COMPONENT_SERVER = '''
import os, sys
import streamlit as st
sys.path.insert(0, {here!r})
import bench_ui
from imgsearch.frontends.ui.mapview.routes import IMMUTABLE, ROUTES
bench_ui.prepared(int(os.environ["BENCH_UI_N"]))     # before the server listens
if os.environ.get("BENCH_UI_BUNDLE"):   # an earlier bundle reads each blob as the array's own
    from starlette.responses import Response      # bytes (gzipped by Streamlit's middleware)
    from starlette.routing import Route
    from imgsearch.frontends.ui import mapview

    def as_before(request):
        found = mapview.blob(request.path_params["name"])
        return (Response(found[0], media_type=found[1], headers=IMMUTABLE) if found
                else Response(status_code=404))
    ROUTES = [Route("/mapdata/{{name}}", as_before)] + [r for r in ROUTES if r.path != "/mapdata/{{name}}"]
app = st.App("page.py", routes=ROUTES)
'''
# embedding-atlas's Streamlit component on the same points (its own venv: --atlas-python)
ATLAS_PAGE = '''
import os, sys
import streamlit as st
sys.path.insert(0, {here!r})
from _ui_data import frame
from embedding_atlas.streamlit import embedding_atlas

st.set_page_config(page_title="bench", layout="wide")
n = int(os.environ["BENCH_UI_N"])


@st.cache_data
def data(n):
    return frame(n)[["image_id", "x", "y", "label", "prediction", "path"]]


value = embedding_atlas(data(n), x="x", y="y", text="path", show_table=False, show_charts=False,
                        key="atlas")
st.code(f"SELECTION {{value}}", language=None)
'''


class CountingProxy:
    """127.0.0.1:port -> 127.0.0.1:target, counting every byte both ways."""

    def __init__(self, target: int):
        self.target, self.bytes, self.last = target, 0, time.perf_counter()
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.sock.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, src, dst):
        try:
            while True:
                data = src.recv(1 << 16)
                if not data:
                    break
                with self._lock:
                    self.bytes += len(data)
                    self.last = time.perf_counter()
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def take(self, quiet_s: float = 2.0, timeout_s: float = 120.0) -> int:
        """The bytes since the last take, once nothing has crossed for quiet_s seconds (so a
        transfer still under way is counted whole)."""
        end = time.perf_counter() + timeout_s
        while time.perf_counter() < end and time.perf_counter() - self.last < quiet_s:
            time.sleep(0.1)
        with self._lock:
            b, self.bytes = self.bytes, 0
        return b


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serve(page: str, n: int, *, server: str | None = None, python: str = sys.executable,
          bundle: str | None = None):
    """Streamlit serving `page` for n points behind a counting proxy: yields (url, proxy)."""
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "page.py").write_text(page.format(here=str(HERE)))
        main = "page.py"
        if server:
            (Path(tmp) / "server.py").write_text(server.format(here=str(HERE)))
            main = "server.py"
        env = {**os.environ, "BENCH_UI_N": str(n),
               "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
        env.pop("BENCH_UI_BUNDLE", None)
        if bundle:
            env["BENCH_UI_BUNDLE"] = bundle
        proc = subprocess.Popen([python, "-m", "streamlit", "run", str(Path(tmp) / main),
                                 "--server.port", str(port), "--server.headless", "true",
                                 "--browser.gatherUsageStats", "false", "--client.toolbarMode",
                                 "viewer", "--global.developmentMode", "false",
                                 "--server.maxMessageSize", "2000"], cwd=tmp, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        proxy = CountingProxy(port)
        try:
            for _ in range(1200):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2)
                    break
                except OSError:
                    if proc.poll() is not None:
                        raise RuntimeError(f"streamlit ({python}) exited with {proc.returncode}")
                    time.sleep(0.3)
            url = f"http://127.0.0.1:{proxy.port}/"
            urllib.request.urlopen(url, timeout=60).read()      # warm the server's caches
            proxy.take(quiet_s=0.5)
            yield url, proxy
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def bundle_at(rev: str, into: Path) -> str:
    """The component's built bundle as it was at git revision `rev`, in a folder of its own."""
    into.mkdir(parents=True, exist_ok=True)
    base = "imgsearch/frontends/ui/mapview/frontend"
    for name in ("index.html", "main.js"):
        data = subprocess.run(["git", "show", f"{rev}:{base}/{name}"], cwd=ROOT, check=True,
                              capture_output=True).stdout
        (into / name).write_bytes(data)
    return str(into)


@contextlib.contextmanager
def cdn(files: dict[str, Path]):
    """A local stand-in for cdn.jsdelivr.net (HTTPS, a self-signed certificate) serving `files`
    by their base names, behind a counting proxy: yields (port, proxy). Chromium reaches it with
    --host-resolver-rules and --ignore-certificate-errors (embedding-atlas's Streamlit component
    loads DuckDB-wasm from that CDN, and this machine has no network)."""
    import http.server
    import ssl

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            path = files.get(self.path.rsplit("/", 1)[-1])
            if path is None:
                self.send_error(404)
                return
            body = path.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "application/wasm" if path.suffix == ".wasm" else "text/javascript")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")   # as the CDN
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *a):
            pass

    with tempfile.TemporaryDirectory() as tmp:
        key, crt = Path(tmp) / "key.pem", Path(tmp) / "crt.pem"
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                        "-subj", "/CN=cdn.jsdelivr.net", "-keyout", str(key), "-out", str(crt)],
                       check=True, capture_output=True)
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(str(crt), str(key))
        httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        proxy = CountingProxy(httpd.server_address[1])
        try:
            yield proxy.port, proxy
        finally:
            httpd.shutdown()
