"""Run the service: uvicorn serving the REST API over one Service core, announced in
`<home>/.imgsearch-service.json` so the CLI and the app find it and become its clients.

One service per home: it holds an exclusive flock on `<home>/.imgsearch-service.lock` for its
whole life, taken before anything else, so a second `serve` is refused with the holder's pid
even before the first has announced itself, and however busy the first is.

Connections are bounded: a client has HEADER_TIMEOUT seconds from connecting (or from its
previous response) to send a complete request head, idle keep-alive connections close after
KEEP_ALIVE seconds, and past MAX_CONNECTIONS a new connection is closed at once, so
half-open connections cannot hold the service or its file descriptors.

SIGTERM and SIGINT stop it cleanly: uvicorn drains, the announcement is withdrawn, the
jobs are cancelled and stopped at a safe point, then the collections are closed (their locks
released), and any child it started (the Streamlit app) is stopped too. A child also dies
with this process if it is killed outright (PDEATHSIG). A job that does not reach a safe
point in time cannot write any more, and does not keep the process alive either.
"""
from __future__ import annotations

import contextlib
import ctypes
import ipaddress
import os
import secrets
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path

from ...client import SECRET_ENV, announce, read_announcement, withdraw
from ...config import Config
from ...core.locks import ProcessLock, describe_holder
from ...api.service import Service
from ...errors import Busy, InvalidArgument
from .limits import env_number

SERVICE_LOCK = ".imgsearch-service.lock"
HEADER_TIMEOUT = 10.0
KEEP_ALIVE = 5
MAX_CONNECTIONS = 1000


def is_loopback(host: str) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def die_with_parent() -> None:
    """In a child, before exec: the kernel sends it SIGTERM when its parent dies."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)   # PR_SET_PDEATHSIG


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        raise Busy(f"cannot listen on {host}:{port}: {e.strerror}", param="port",
                   fix="choose another port") from None
    sock.listen(128)
    return sock


def hold_home(home) -> ProcessLock:
    """The service's claim on its home, for its whole life; Busy names the holder."""
    Path(home).mkdir(parents=True, exist_ok=True)
    lock = ProcessLock(Path(home) / SERVICE_LOCK, "the service lock")
    try:
        lock.acquire()
    except Busy:
        holder = lock.holder()
        who = describe_holder(holder) if holder else "another process"
        info, _ = read_announcement(home)
        at = f" at {info['url']}" if info else ""
        raise Busy(f"an imgsearch service already runs for {home}{at}: {who}",
                   fix="use it, or stop it first") from None
    return lock


def serve(cfg: Config, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          child: list[str] | None = None, child_env: dict | None = None, on_ready=None, *,
          allow_roots=(), allow_hub_models: bool = False) -> int:
    """Serve until SIGTERM/SIGINT (or until the child exits). Returns an exit code.
    allow_roots: folders API clients may name paths under (none: only local callers name
    paths); allow_hub_models: API clients may ask for models downloaded from a hub."""
    import uvicorn
    from .app import create_app
    token = (token or os.environ.get("IMGSEARCH_API_TOKEN") or "").strip() or None
    if not is_loopback(host) and not token:
        raise InvalidArgument(f"refusing to listen on {host} without an API token",
                              param="host", fix="set IMGSEARCH_API_TOKEN, or listen on 127.0.0.1")
    for root in allow_roots:
        if not os.path.isdir(root):
            raise InvalidArgument(f"not a folder: {root}", param="allow_roots")
    limits = connection_limits()
    home_lock = hold_home(cfg.home)
    if os.stat(cfg.home).st_mode & 0o022:
        print(f"imgsearch: warning: group or others may write {cfg.home}, so clients will not "
              f"trust this service's announcement (chmod go-w {cfg.home})", file=sys.stderr)
    service = None
    try:
        service = Service(cfg)
        sock = bind(host, port)
    except BaseException:
        if service is not None:
            service.close()
        home_lock.release()
        raise
    actual = sock.getsockname()[1]
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{f'[{shown}]' if ':' in shown else shown}:{actual}"
    secret = secrets.token_hex(32)
    app = create_app(service, token, secret=secret, check_host=True, allow_roots=allow_roots,
                     allow_hub_models=allow_hub_models)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=5,
                                           **limits))
    proc = None
    try:
        announce(cfg.home, url, secret)
        if child:
            env = {**os.environ, **(child_env or {}), "IMGSEARCH_SERVICE_URL": url,
                   SECRET_ENV: secret}
            proc = subprocess.Popen(child, env=env, start_new_session=True,
                                    preexec_fn=die_with_parent)
            threading.Thread(target=_stop_when_child_exits, args=(proc, server), daemon=True).start()
        if on_ready:
            on_ready(url)
        # uvicorn drains on SIGTERM/SIGINT, then raises the signal again with the handlers it
        # found: make those end the process through `finally`, not the kernel's default.
        signal.signal(signal.SIGTERM, _exit_cleanly)
        signal.signal(signal.SIGINT, _exit_cleanly)
        try:
            server.run(sockets=[sock])
        except _Stopped:
            pass        # asked to stop: a clean end
    finally:
        withdraw(cfg.home)
        if proc is not None:
            stop_process_group(proc)
        stuck = service.close()     # jobs cancelled and stopped first, then the collections
        sock.close()
        home_lock.release()
    code = 0 if proc is None or proc.returncode in (0, None, -signal.SIGTERM) else proc.returncode
    if stuck:   # a job blocked outside any safe point must not keep the process alive
        print(f"imgsearch: {len(stuck)} job(s) did not stop in time ({', '.join(j.id for j in stuck)}); "
              "their collections are closed and nothing more is written", file=sys.stderr, flush=True)
        os._exit(code)
    return code


def connection_limits() -> dict:
    """uvicorn's settings for bounded connections (see the module's docstring), and the
    protocol that enforces the request-head timeout, which uvicorn lacks."""
    import resource
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    with contextlib.suppress(ValueError, OSError):      # as many descriptors as allowed
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        soft = hard
    # keep room for collections, models and decode workers beside the connections
    limit = int(max(16, min(env_number("MAX_CONNECTIONS", MAX_CONNECTIONS), soft - 256)))
    from .protocol import bounded_protocol
    return {"timeout_keep_alive": int(env_number("KEEP_ALIVE", KEEP_ALIVE)),
            "limit_concurrency": limit,
            "http": bounded_protocol(env_number("HEADER_TIMEOUT", HEADER_TIMEOUT), limit)}


class _Stopped(Exception):
    pass


def _exit_cleanly(signum, frame):
    raise _Stopped(signum)


def _stop_when_child_exits(proc: subprocess.Popen, server) -> None:
    proc.wait()
    server.should_exit = True


def stop_process_group(proc: subprocess.Popen, timeout: float = 10.0) -> None:
    """SIGTERM the child's whole process group, then SIGKILL what is left."""
    for sig, wait in ((signal.SIGTERM, timeout), (signal.SIGKILL, 5.0)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue
