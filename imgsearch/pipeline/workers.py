"""Worker processes for embedding: how they start, and batches handed out and taken back in
order with a bounded number in flight (memory stays flat however many images a run has).

fork while this process has one thread and no torch (safe, and no re-import of the caller's
script; a lane forked so builds an ONNX Runtime session of its own, never the parent's);
forkserver otherwise (a service: never fork its threads' locks; torch's native thread pools
are not fork-safe either: a worker forked beside a loaded OpenCLIP model died in the test
suite). Either way every worker dies with this process (see orphans.py).
"""
from __future__ import annotations

import multiprocessing as mp
import sys
import threading
import warnings
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterator


class Unfit(Exception):
    """A worker cannot do its task (its start-up failed, said in the message): the run goes
    on in the main process. Raised by the task, not the start-up, whose failure
    ProcessPoolExecutor would print as a traceback."""


def pool(workers: int, initializer: Callable = None, initargs: tuple = ()) -> ProcessPoolExecutor:
    """`workers` processes, each started by worker_start, then by `initializer(*initargs)`."""
    if threading.active_count() == 1 and "torch" not in sys.modules:
        ctx = mp.get_context("fork")
    else:
        from .orphans import start_forkserver
        ctx = start_forkserver()
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=worker_start,
                               initargs=(initializer, initargs))


def worker_start(initializer: Callable | None = None, initargs: tuple = ()) -> None:
    """A worker dies with its parent (kill -9 included) and never keeps its locks."""
    from ..core.locks import forget_inherited_locks
    from .orphans import die_with_parent
    forget_inherited_locks()
    die_with_parent()
    if initializer is not None:
        initializer(*initargs)


def in_order(workers: ProcessPoolExecutor, width: int, task: Callable, chunks: list,
             here: Callable) -> Iterator:
    """task(chunk) for every chunk, run by the `width` workers, yielded in order, at most
    2 x width + 1 in flight (each worker has its next chunk waiting). If a worker dies (the
    OOM killer, an operator) or is Unfit, the run goes on: the chunks not yet done are run
    here, by here(chunk), rather than the run ending with a traceback."""
    pending: deque = deque()                 # (future, its chunk), in order
    todo = iter(chunks)
    for chunk in todo:
        pending.append((workers.submit(task, chunk), chunk))
        if len(pending) >= 2 * width + 1:
            break
    while pending:
        future, chunk = pending.popleft()
        try:
            out = future.result()
        except (BrokenProcessPool, Unfit) as e:
            why = str(e) if isinstance(e, Unfit) else "a worker process died"
            warnings.warn(f"{why}; the rest of this run goes on in the main process")
            yield here(chunk)
            for _, left in pending:
                yield here(left)
            for left in todo:
                yield here(left)
            return
        nxt = next(todo, None)
        if nxt is not None:
            pending.append((workers.submit(task, nxt), nxt))
        yield out
