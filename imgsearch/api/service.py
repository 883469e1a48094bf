"""The Service: the collections this process owns, opened once and shared by every
caller (REST routes, the app, the CLI in-process), and the jobs that write to them.

Jobs (index, map, repair) run in background threads, one at a time per collection: a second
job on the same collection waits in line ('queued') until the first is done. Progress is
reported through `Job` objects that the REST API serves at /jobs/{id}.

Open collections are bounded (each holds a few descriptors and its vectors in memory): beyond
`max_open` (IMGSEARCH_MAX_OPEN_COLLECTIONS, default 32) the least recently used one is closed,
but never one in use. In use means: borrowed by a request still running (a request borrows
every collection it touches until its response is sent, see `borrowing`), held by a queued or
running job, or handed to a caller of this process outside any request (the CLI, the app run
in-process), which keeps it for the life of the Service. When every open collection is in
use, the limit is passed for a while and the surplus is closed as they are given back. A
request for a collection that was closed simply opens it again: it waits on the service's
lock while the close finishes, so a collection is never open twice.

A job can be cancelled (`cancel`, and every job when the service closes): its progress
callback raises Cancelled at the next safe point (between batches and stages, never inside a
write), and a queued job never starts. `close` waits for the running jobs to stop before it
closes their collections; a job that is still busy past the wait finds its collection closed
and can no longer write to it.
"""
from __future__ import annotations

import contextlib
import contextvars
import itertools
import os
import threading
import time
import traceback
import uuid
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..config import Config
from ..errors import Busy, Cancelled, Conflict, ImgsearchError, InvalidArgument, NotFound
from ..results import Job
from ..core.collection import check_name, list_collections
from .local import Collection

MAX_JOBS_KEPT = 500
MAX_OPEN = 32

# the collections borrowed by the request this code runs for (None outside a request)
_BORROWED: contextvars.ContextVar[list | None] = contextvars.ContextVar("imgsearch_borrowed",
                                                                       default=None)


def _max_open_from_environment() -> int:
    raw = os.environ.get("IMGSEARCH_MAX_OPEN_COLLECTIONS", "").strip()
    if not raw:
        return MAX_OPEN
    if not raw.isdigit():
        raise InvalidArgument(f"IMGSEARCH_MAX_OPEN_COLLECTIONS must be a whole number, not "
                              f"{raw[:40]!r}", param="max_open_collections")
    return int(raw)


def close_wait_s() -> float:
    """How long close waits for running jobs to reach a safe point (IMGSEARCH_JOB_STOP_SECONDS,
    default 60)."""
    try:
        return max(0.0, float(os.environ.get("IMGSEARCH_JOB_STOP_SECONDS", "60")))
    except ValueError:
        return 60.0


class Service:
    def __init__(self, cfg: Config | None = None, max_open: int | None = None):
        self.cfg = cfg or Config.load()
        self.max_open = max(1, max_open or _max_open_from_environment())
        self._open: OrderedDict[str, Collection] = OrderedDict()   # least recently used first
        self._users: dict[str, int] = {}     # requests and jobs using each open collection
        self._kept: set[str] = set()         # handed out outside a request: never closed
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="imgsearch-job")
        self._seq = itertools.count(1)
        self._stops: dict[str, threading.Event] = {}     # job id -> its cancel flag
        self._closing = False

    @property
    def home(self) -> Path:
        return Path(self.cfg.home)

    # -- collections ---------------------------------------------------------------------
    def collections(self) -> list[str]:
        return list_collections(self.home)

    def collection(self, name: str, create: bool = False) -> Collection:
        """The open collection (opened on first use, then shared). Inside a request it is
        borrowed until the request ends; outside one, it stays open for good."""
        borrowed = _BORROWED.get()
        col = self._take(name, create, count=borrowed is not None)
        if borrowed is not None:
            borrowed.append(name)
        return col

    def _take(self, name: str, create: bool, count: bool) -> Collection:
        check_name(name)
        with self._lock:
            if self._closing:
                raise Conflict("the service is shutting down")
            col = self._open.get(name)
            if col is None:
                self._close_unused(room_for=1)
                col = self._open[name] = Collection.open(name, self.cfg, create=create)
            self._open.move_to_end(name)
            if count:
                self._users[name] = self._users.get(name, 0) + 1
            else:
                self._kept.add(name)
            return col

    def _give_back(self, names: list[str]) -> None:
        with self._lock:
            for name in names:
                left = self._users.get(name, 0) - 1
                if left > 0:
                    self._users[name] = left
                else:
                    self._users.pop(name, None)
            self._close_unused(room_for=0)

    def _close_unused(self, room_for: int) -> None:
        """Under the lock: close least recently used collections that nobody uses until at
        most max_open - room_for stay open (or every one left is in use)."""
        for name in list(self._open):
            if len(self._open) + room_for <= self.max_open:
                return
            if self._users.get(name) or name in self._kept:
                continue
            self._open.pop(name).close()

    @contextlib.contextmanager
    def borrowing(self):
        """Every collection taken inside this block (one request) stays open until it ends."""
        names: list[str] = []
        token = _BORROWED.set(names)
        try:
            yield names
        finally:
            _BORROWED.reset(token)
            if names:
                self._give_back(names)

    def open_collections(self) -> list[str]:
        with self._lock:
            return list(self._open)

    def drop(self, name: str) -> None:
        """Close one collection, after its jobs have stopped (they are cancelled)."""
        for job in self.jobs():
            if job.collection == name:
                self._stop(job, "the collection was closed")
        self._wait_stopped([j for j in self.jobs() if j.collection == name], close_wait_s())
        with self._lock:
            col = self._open.pop(name, None)
            self._kept.discard(name)
        if col is not None:
            col.close()

    def delete(self, name: str) -> None:
        """Remove a collection and every file of it. Refused while a job of this service
        works on it, or while another process holds it."""
        check_name(name)
        directory = self.home / name
        if not directory.is_dir():
            raise NotFound(f"no collection {name!r} under {self.home}", param="collection")
        with self._lock:
            if any(j.collection == name and j.state in ("queued", "running")
                   for j in self._jobs.values()):
                raise Busy(f"collection {name!r} has a job queued or running",
                           fix="wait for it to finish, then delete")
            if self._users.get(name):
                raise Busy(f"collection {name!r} is in use by a request", fix="try again")
            col = self._open.pop(name, None)
            self._kept.discard(name)
        if col is None:
            col = Collection.open(name, self.cfg)     # takes its lock: Busy if another holds it
        col.discard = True                            # closing removes the folder
        col.close()

    def close(self, timeout: float | None = None) -> list[Job]:
        """Cancel every job, wait (up to timeout) until the running ones stop at a safe point,
        then close the collections. Nothing is written to them after this returns. Returns
        the jobs still running (stuck outside any safe point): they can no longer write."""
        with self._lock:
            self._closing = True
        for job in self.jobs():
            self._stop(job, "the service shut down")
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._wait_stopped(self.jobs(), close_wait_s() if timeout is None else timeout)
        with self._lock:
            cols, self._open = list(self._open.values()), OrderedDict()
            self._users.clear()
            self._kept.clear()
        for col in cols:
            col.close()
        return [j for j in self.jobs() if j.state == "running"]

    # -- jobs ------------------------------------------------------------------------------
    def submit(self, kind: str, name: str, work, create: bool = False) -> Job:
        """Run work(collection, progress) in the background; returns the queued Job. The job
        holds the collection open from now until it ends."""
        if self._closing:
            raise Conflict("the service is shutting down: no new jobs")
        col = self._take(name, create, count=True)
        job = Job(id=f"{next(self._seq)}-{uuid.uuid4().hex[:8]}", kind=kind, collection=name,
                  created_at=time.time())
        stop = threading.Event()
        with self._lock:
            self._jobs[job.id] = job
            self._stops[job.id] = stop
            while len(self._jobs) > MAX_JOBS_KEPT:
                self._stops.pop(next(iter(self._jobs)), None)
                self._jobs.pop(next(iter(self._jobs)))
        self._pool.submit(self._run, job, col, work, stop)
        return job

    def cancel(self, job_id: str) -> Job:
        """Ask a job to stop: a queued one never starts, a running one stops at its next safe
        point (its state says 'cancelled' once it has). A finished job is returned as it is."""
        job = self.job(job_id)
        self._stop(job, "cancelled on request")
        return job

    def _stop(self, job: Job, why: str) -> None:
        with self._lock:               # the same lock a job takes to start running
            stop = self._stops.get(job.id)
            if stop is None or job.state not in ("queued", "running") or stop.is_set():
                return
            job.message = why
            stop.set()
            if job.state == "queued":  # it never starts; its thread leaves when its turn comes
                job.state, job.finished_at = "cancelled", time.time()

    def _wait_stopped(self, jobs: list[Job], timeout: float) -> None:
        deadline = time.time() + timeout
        while any(j.state == "running" for j in jobs) and time.time() < deadline:
            time.sleep(0.05)

    def _run(self, job: Job, col: Collection, work, stop: threading.Event) -> None:
        first = [None]

        def progress(stage: str, done: int, total: int, skipped: int | None = None):
            if stop.is_set():        # a safe point: nothing is half written here
                raise Cancelled(f"the job was cancelled ({job.message or 'on request'})")
            now = time.time()
            if stage == "embedding":
                if first[0] is None:
                    first[0] = (now, done)
                t0, d0 = first[0]
                job.images_per_s = round((done - d0) / (now - t0), 1) if now > t0 else 0.0
            job.stage = stage
            if stage == "embedding" or first[0] is None:   # images stay the unit once embedding
                job.done, job.total = done, total
            if skipped is not None:
                job.skipped = skipped
        try:
            with col.job(stop):      # waits in line behind the collection's running job
                with self._lock:
                    if stop.is_set():
                        raise Cancelled("the job was cancelled before it started")
                    job.state, job.started_at = "running", time.time()
                result = work(col, progress)
            job.result = result.model_dump(mode="json") if hasattr(result, "model_dump") else result
            if isinstance(job.result, dict) and "skipped" in job.result:
                job.skipped = len(job.result["skipped"])
            job.state = "done"
        except Cancelled as e:
            if job.state == "running":
                job.message = str(e)
            job.state = "cancelled"
        except ImgsearchError as e:
            job.state, job.message = "failed", str(e)
        except Exception as e:   # a bug: keep the service up, say what failed
            job.state = "failed"
            job.message = f"internal error: {type(e).__name__}: {e}"
            traceback.print_exc()
        finally:
            job.finished_at = time.time()
            self._stops.pop(job.id, None)
            self._give_back([col.name])
            if job.state == "failed" and col.discard and not any(
                    j.collection == job.collection and j.state in ("queued", "running")
                    for j in list(self._jobs.values())):
                self.drop(job.collection)   # a first run that failed before writing a row

    def job(self, job_id: str) -> Job:
        job = self._jobs.get(job_id)
        if job is None:
            raise NotFound(f"no job {job_id[:40]!r}", param="job_id")
        return job

    def jobs(self) -> list[Job]:
        return list(self._jobs.values())

    def wait(self, job_id: str, timeout: float | None = None) -> Job:
        deadline = None if timeout is None else time.time() + timeout
        while self.job(job_id).state in ("queued", "running"):
            if deadline is not None and time.time() > deadline:
                break
            time.sleep(0.05)
        return self.job(job_id)
