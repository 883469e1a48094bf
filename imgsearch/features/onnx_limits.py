"""What an ONNX file may hold and take before and while it runs (--model onnx).

An ONNX file comes from the user, or from any client of the REST service; what it declares is
checked against allow-lists before ONNX Runtime sees it, and what it does as it runs is bounded:

  tensors   every tensor of the file (the graph's, every subgraph's, every function's, every
            attribute's, sparse ones) holds its own data: a tensor stored "externally" would
            make ONNX Runtime read a file named by the network, relative to the server's
            working folder.
  input     float32, N x 3 x S x S with N fixed at 1 or left free, and S at most MAX_SIDE.
  memory    every session allocates from one arena capped at max_onnx_memory_bytes (Config):
            a graph that asks for more (a ConstantOfShape of a computed size) fails that run.
  time      a run longer than max_onnx_seconds (Config) is stopped (a Loop of 10**15 turns).
Each refusal is a ModelError of one line.
"""
from __future__ import annotations

import os
import threading
import time

import numpy as np

from ..errors import ModelError

MAX_SIDE = 1024                      # the largest image side an ONNX network may take
_ARENA: dict = {}                    # the process's one capped allocator, by its cap
_ARENA_LOCK = threading.Lock()
_RUNS: dict = {}                     # the runs going on: {token: (deadline, their RunOptions)}
_RUNS_LOCK = threading.Lock()
_WATCHDOG: list = []                 # the process whose thread stops runs past their deadline


def external_tensor(model) -> bool:
    """Whether any tensor anywhere in the file keeps its data in another file."""
    from google.protobuf.message import Message
    from onnx import TensorProto
    stack = [model]
    while stack:
        message = stack.pop()
        if isinstance(message, TensorProto) and (
                message.data_location == TensorProto.EXTERNAL or len(message.external_data)):
            return True
        for field, value in message.ListFields():
            if field.type != field.TYPE_MESSAGE:
                continue
            stack.extend([value] if isinstance(value, Message) else value)
    return False


def check_input(value_info, path: str) -> tuple[int, int | None]:
    """(side, fixed batch or None) of the image input, or a ModelError naming what is wrong."""
    from onnx import TensorProto
    tensor = value_info.type.tensor_type
    dims = [d.dim_value if d.HasField("dim_value") else None for d in tensor.shape.dim]
    shown = "x".join("?" if d is None else str(d) for d in dims) or "scalar"
    if tensor.elem_type != TensorProto.FLOAT:
        kind = TensorProto.DataType.Name(tensor.elem_type) if tensor.elem_type in \
            TensorProto.DataType.values() else str(tensor.elem_type)
        raise ModelError(f"{path} takes a {kind.lower()} input; imgsearch feeds float32 images",
                         param="weights", fix="export it with a float32 input")
    if len(dims) != 4 or dims[1] != 3 or not dims[2] or dims[2] != dims[3]:
        raise ModelError(f"{path} takes a {shown} input; imgsearch feeds N x 3 x S x S images",
                         param="weights", fix="export it with a square 3-channel input of "
                                              "fixed size (a gray network: repeat the channel)")
    if dims[2] > MAX_SIDE or dims[0] not in (None, 1):
        raise ModelError(f"{path} takes a {shown} input; imgsearch feeds 1 x 3 x S x S images "
                         f"(or a free batch) with S at most {MAX_SIDE}", param="weights",
                         fix="export it with torch.zeros(1, 3, S, S)")
    return dims[2], dims[0]


def session_options(threads: int, memory_bytes: int):
    """Session options whose allocations come from the process's capped arena."""
    import onnxruntime as ort
    with _ARENA_LOCK:
        if not _ARENA:
            cfg = ort.OrtArenaCfg(int(memory_bytes), 1, -1, -1)     # grown as asked, no more
            info = ort.OrtMemoryInfo("Cpu", ort.OrtAllocatorType.ORT_ARENA_ALLOCATOR, 0,
                                     ort.OrtMemType.DEFAULT)
            ort.create_and_register_allocator(info, cfg)
            _ARENA["bytes"] = int(memory_bytes)
    opts = ort.SessionOptions()
    opts.add_session_config_entry("session.use_env_allocators", "1")
    opts.intra_op_num_threads, opts.inter_op_num_threads = threads, 1
    opts.log_severity_level = 4                    # failures are told as a ModelError
    return opts


def bounded_run(sess, names: list[str], feed: dict, seconds: float):
    """sess.run, stopped after `seconds`; any failure of the run is a ModelError."""
    import onnxruntime as ort
    options = ort.RunOptions()
    options.log_severity_level = 4
    # what a run took goes back to the system after it, not kept by the arena for the process
    options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
    token = object()
    with _RUNS_LOCK:
        _RUNS[token] = (time.monotonic() + seconds, options)
        if _WATCHDOG[:1] != [os.getpid()]:        # none yet, or started before a fork
            _WATCHDOG[:] = [os.getpid()]
            threading.Thread(target=_watch, name="onnx-watchdog", daemon=True).start()
    try:
        return sess.run(names, feed, options)
    except Exception as e:
        message = " ".join(str(e).split())
        if options.terminate:
            raise ModelError(f"the ONNX network ran over {seconds:g} s on one batch, and was "
                             "stopped", param="weights",
                             fix="raise IMGSEARCH_MAX_ONNX_SECONDS for a network this slow") from None
        if "Available memory" in message or "bad_alloc" in message:
            raise ModelError(f"the ONNX network asked for more memory than the "
                             f"{_ARENA.get('bytes', 0) >> 20} MB its runs may take, and was "
                             "stopped", param="weights",
                             fix="raise IMGSEARCH_MAX_ONNX_MEMORY_BYTES for a network this large") from None
        raise ModelError(f"the ONNX network failed to run: {message[:200]}", param="weights") from None
    finally:
        with _RUNS_LOCK:
            del _RUNS[token]


def _watch() -> None:
    """Stop every run past its deadline; one thread for the process, checking twice a second."""
    while True:
        time.sleep(0.5)
        now = time.monotonic()
        with _RUNS_LOCK:
            for deadline, options in _RUNS.values():
                if now > deadline:
                    options.terminate = True


def zeros(side: int) -> np.ndarray:
    return np.zeros((1, 3, side, side), np.float32)
