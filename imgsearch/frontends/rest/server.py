"""Run the service: uvicorn serving the REST API over one Service core, announced in
`<home>/.imgsearch-service.json` so the CLI and the app find it and become its clients.

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
import signal
import socket
import subprocess
import sys
import threading

from ...client import announce, running_service, withdraw
from ...config import Config
from ...core.service import Service
from ...errors import Busy, InvalidArgument


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


def serve(cfg: Config, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          child: list[str] | None = None, child_env: dict | None = None, on_ready=None) -> int:
    """Serve until SIGTERM/SIGINT (or until the child exits). Returns an exit code."""
    import uvicorn
    from .app import create_app
    token = (token or os.environ.get("IMGSEARCH_API_TOKEN") or "").strip() or None
    if not is_loopback(host) and not token:
        raise InvalidArgument(f"refusing to listen on {host} without an API token",
                              param="host", fix="set IMGSEARCH_API_TOKEN, or listen on 127.0.0.1")
    existing = running_service(cfg.home)
    if existing:
        raise Busy(f"an imgsearch service already runs for {cfg.home} at {existing['url']} "
                   f"(pid {existing['pid']})", fix="use it, or stop it first")
    sock = bind(host, port)
    actual = sock.getsockname()[1]
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{actual}"
    service = Service(cfg)
    server = uvicorn.Server(uvicorn.Config(create_app(service, token), log_level="warning",
                                           timeout_graceful_shutdown=5))
    proc = None
    announce(cfg.home, url)
    try:
        if child:
            env = {**os.environ, **(child_env or {}), "IMGSEARCH_SERVICE_URL": url}
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
    code = 0 if proc is None or proc.returncode in (0, None, -signal.SIGTERM) else proc.returncode
    if stuck:   # a job blocked outside any safe point must not keep the process alive
        print(f"imgsearch: {len(stuck)} job(s) did not stop in time ({', '.join(j.id for j in stuck)}); "
              "their collections are closed and nothing more is written", file=sys.stderr, flush=True)
        os._exit(code)
    return code


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
