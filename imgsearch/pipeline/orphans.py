"""Helper processes die with the process that started them, kill -9 included.

Decoding runs in worker processes. With the forkserver start method three kinds of helper
exist: multiprocessing's resource tracker and the fork server (both started by this process)
and the workers (forked by the fork server). Left alone, a kill -9 of this process leaves
them all running for good: every worker holds the fork server's "alive" pipe open, so the
fork server never sees this process go, and the workers' parent is the fork server, not it.

So:
- the fork server imports this module first (its preload list) and, finding that its parent
  is the process named in IMGSEARCH_FORKSERVER_PARENT, watches that process (a pidfd, in a
  thread) and leaves when it ends. Not PR_SET_PDEATHSIG here: that fires when the *thread*
  that started the server ends, and a service starts it from one of its job threads;
- each worker asks the kernel for SIGKILL when its own parent ends (PR_SET_PDEATHSIG): the
  fork server, or this process under fork (whose pool lives in the thread that forks);
- the resource tracker then sees the last holder of its pipe go, and leaves by itself.
"""
from __future__ import annotations

import contextlib
import ctypes
import multiprocessing as mp
import os
import select
import signal
import time

PARENT_ENV = "IMGSEARCH_FORKSERVER_PARENT"
PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGKILL, parent: int | None = None) -> None:
    """Ask the kernel for `sig` when this process's parent ends; leave now if it already has
    (the parent is no longer `parent`, or we were handed to init)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, sig)
    if os.getppid() == 1 or (parent is not None and os.getppid() != parent):
        os._exit(0)


def leave_with(parent: int) -> None:
    """End this process as soon as `parent` has ended (checked now, then watched)."""
    import threading
    if os.getppid() != parent:
        os._exit(0)

    def watch():
        try:
            fd = os.pidfd_open(parent)
            select.select([fd], [], [])
        except (AttributeError, OSError):     # no pidfd: look twice a second
            while os.getppid() == parent:
                time.sleep(0.5)
        os._exit(0)
    threading.Thread(target=watch, name="imgsearch-parent-watch", daemon=True).start()


def start_forkserver():
    """The forkserver context, its server started now from this process, primed to die with
    it (the environment variable tells the new server who its parent is)."""
    from multiprocessing import forkserver
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload([__name__, "imgsearch.pipeline.embed"])
    os.environ[PARENT_ENV] = str(os.getpid())
    try:
        forkserver.ensure_running()
    finally:
        os.environ.pop(PARENT_ENV, None)
    return ctx


def _in_forkserver() -> bool:
    import sys
    main = sys.modules.get("multiprocessing.forkserver")
    return main is not None and sys.argv[:1] == ["-c"] and PARENT_ENV in os.environ


if _in_forkserver():                    # imported by the fork server as it starts
    leave_with(int(os.environ.pop(PARENT_ENV)))
