"""Who owns a collection, and who waits.

- Across processes: the process that opens a collection holds an exclusive `flock` on its
  `.lock` file, with its pid and command written inside, for as long as it has it open. A
  second process gets a Busy error naming the holder (or, when a service runs for this
  IMGSEARCH_HOME, becomes its client instead: see client.py).
- Inside a process: a readers-writer lock guards the in-memory vector index (searches share
  it, adding vectors takes it alone), and a plain lock serialises every write.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import stat
import sys
import threading
import time
from pathlib import Path

from ..errors import Busy, Damaged, ImgsearchError


class RWLock:
    """Many readers or one writer; a waiting writer blocks new readers (no starvation).
    A thread that already holds it (to read or to write) may take it again to read."""

    def __init__(self):
        self._cond = threading.Condition()
        self._readers = 0
        self._writer: int | None = None          # thread id of the writer
        self._waiting_writers = 0
        self._mine = threading.local()           # this thread's read depth

    @contextlib.contextmanager
    def read(self):
        depth = getattr(self._mine, "depth", 0)
        if depth or self._writer == threading.get_ident():
            self._mine.depth = depth + 1         # re-entrant: never wait on ourselves
            try:
                yield
            finally:
                self._mine.depth = depth
            return
        with self._cond:
            while self._writer is not None or self._waiting_writers:
                self._cond.wait()
            self._readers += 1
        self._mine.depth = 1
        try:
            yield
        finally:
            self._mine.depth = 0
            with self._cond:
                self._readers -= 1
                if not self._readers:
                    self._cond.notify_all()

    @contextlib.contextmanager
    def write(self):
        if getattr(self._mine, "depth", 0):
            raise RuntimeError("a reader cannot upgrade to a writer")  # a bug, not user input
        if self._writer == threading.get_ident():
            yield
            return
        with self._cond:
            self._waiting_writers += 1
            while self._writer is not None or self._readers:
                self._cond.wait()
            self._waiting_writers -= 1
            self._writer = threading.get_ident()
        try:
            yield
        finally:
            with self._cond:
                self._writer = None
                self._cond.notify_all()


class WriteLock:
    """The collection's write lock (re-entrant), which refuses every write once the collection
    is closed: a job thread still running after close cannot touch the files another process
    may own by then."""

    def __init__(self, what: str):
        self._lock, self._closed, self.what = threading.RLock(), False, what

    def __enter__(self):
        self._lock.acquire()
        if self._closed:
            self._lock.release()
            from ..errors import Conflict
            raise Conflict(f"{self.what} is closed: nothing more is written to it")
        return self

    def __exit__(self, *exc):
        self._lock.release()

    def close(self) -> None:
        """Wait for the write in progress, then refuse every later one."""
        with self._lock:
            self._closed = True

    @property
    def closed(self) -> bool:
        return self._closed


@contextlib.contextmanager
def wait_in_line(lock, stop: threading.Event | None = None):
    """Hold `lock`, waiting for it; with `stop`, give up (Cancelled) once it is set, whether
    still waiting or just handed the lock."""
    from ..errors import Cancelled
    while not lock.acquire(timeout=0.2 if stop is not None else -1):
        if stop.is_set():
            raise Cancelled("the job was cancelled before it started")
    try:
        if stop is not None and stop.is_set():
            raise Cancelled("the job was cancelled before it started")
        yield
    finally:
        lock.release()


def describe_holder(info: dict) -> str:
    since = time.strftime("%H:%M:%S", time.localtime(info.get("since", 0)))
    return f"pid {info.get('pid')} ({info.get('command', '?')}, since {since})"


class ProcessLock:
    """An exclusive, non-blocking flock on a file, released when the process ends (even on
    kill -9: the kernel drops it), with the holder's pid and command inside."""

    def __init__(self, path: Path, what: str):
        self.path, self.what = Path(path), what
        self._fd: int | None = None
        self._shared = False

    def acquire(self) -> None:
        # never through a symlink (O_CREAT would create its target, the truncate below would
        # empty it), and non-blocking (a FIFO planted as the lock must not hang the open)
        flags = os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY
        try:
            fd = os.open(self.path, flags, 0o644)
        except OSError as e:
            what = "is a symlink" if e.errno == errno.ELOOP else f"cannot be opened ({e.strerror})"
            raise Damaged(f"the lock file {self.path} {what}",
                          fix="remove it if it is not a plain file") from None
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            os.close(fd)
            raise Damaged(f"the lock file {self.path} is not a plain file",
                          fix="remove it if it is not a plain file")
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            holder = self.holder()
            who = describe_holder(holder) if holder else "another process"
            raise Busy(f"{self.what} is in use by {who}",
                       fix="wait for it to finish, or start `imgsearch serve` so that the app, "
                           "the CLI and other programs can share it") from None
        info = {"pid": os.getpid(), "command": " ".join(os.path.basename(a) if i == 0 else a
                                                        for i, a in enumerate(sys.argv))[:200],
                "since": time.time()}
        self._shared = st.st_nlink != 1     # a hard link: another name's content, left alone
        try:   # who holds it, for the next one's message; a full disk must not stop the open
            if not self._shared:
                os.ftruncate(fd, 0)
                os.pwrite(fd, json.dumps(info).encode(), 0)
        except OSError:
            pass
        self._fd = fd
        HELD.add(fd)

    def holder(self) -> dict | None:
        from ..beneath import read_no_follow
        try:
            return json.loads(read_no_follow(str(self.path), 4096) or b"null")
        except (OSError, ValueError, ImgsearchError):
            return None

    def release(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                if not self._shared:
                    os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            HELD.discard(self._fd)
            self._fd = None


HELD: set[int] = set()      # lock descriptors this process holds


def forget_inherited_locks() -> None:
    """In a forked child (a decode worker): drop the parent's lock descriptors, so the lock
    goes when the parent goes, even if a worker outlives it (kill -9 on the parent)."""
    for fd in list(HELD):
        with contextlib.suppress(OSError):
            os.close(fd)
    HELD.clear()
