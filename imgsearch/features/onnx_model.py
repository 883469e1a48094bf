"""The user's own network, exported to ONNX: `--model onnx --weights net.onnx`.

A network of the user's own class cannot be rebuilt from its state dict without its Python
code, and imgsearch never runs code from a file. An ONNX export is the network as data (a graph
of standard operators and its weights): ONNX Runtime runs it, and nothing in the file can run
Python. So a training run that exports each checkpoint

    torch.onnx.export(model.eval(), torch.zeros(1, 3, 32, 32), f"epoch{n}.onnx")

can add each as a space of one collection. What is taken from the graph:

  input      its one image input, N x 3 x H x W; H and W fixed by the export (a batch fixed at
             1 is run image by image). The whole image is resized to H x W (`--view crop`:
             torchvision's centre crop) and normalised with ImageNet's mean and std
             (`--normalize inception`: (x - 0.5) / 0.5), as the network was trained.
  features   by default the input of the last linear layer (Gemm or MatMul: the head), as for
             torchvision models; `--layer` names another: a module's path as the export
             recorded it (`conv.4`), an ONNX node's name, or a tensor's name. A spatial map
             is pooled (`--pooling avg|gem|max`).
  logits     the graph's first output, when the features are taken before a head: with
             `--classes` they become the space's predictions.

Refused, each in one line: weights kept in external files (the file must hold them), operators
of custom domains (a plugin library would be code), and inputs that are not float32 3-channel
images of a bounded size; a run is bounded in memory and time (onnx_limits.py).
"""
from __future__ import annotations

import difflib
import hashlib
import os

import numpy as np

from ..errors import ModelError
from . import onnx_limits
from .base import NORMALIZATIONS, VIEWS, FeatureModel, ModelSpec

NAME = "onnx"
STANDARD_DOMAINS = ("", "ai.onnx", "ai.onnx.ml", "com.microsoft")
HEADS = ("Gemm", "MatMul")
POOLINGS, GEM_P = ("avg", "gem", "max"), 3.0    # as the torch models pool (without torch here)
EXPORT = "torch.onnx.export(model.eval(), torch.zeros(1, 3, H, W), 'net.onnx')"


def load(spec: ModelSpec, classes: list[str] | None, threads: int) -> FeatureModel:
    """The FeatureModel of an ONNX file (spec.weights), run by ONNX Runtime on the CPU."""
    from . import preprocessing
    if not spec.weights or spec.weights == "random":
        raise ModelError("--model onnx runs your exported network: give its file as weights",
                         param="weights", fix=f"export it with {EXPORT}")
    # on the CPU whatever the device (a Ray actor on a GPU node asks for cuda)
    if spec.runtime not in ("auto", "onnx"):
        raise ModelError(f"an ONNX network runs with ONNX Runtime on the CPU; asked runtime "
                         f"{spec.runtime}", param="runtime", fix="leave runtime at auto")
    if spec.precision:
        raise ModelError("an ONNX network runs at the precision it was exported in",
                         param="precision", fix="leave precision at fp32")
    spec = spec.with_(pooling=spec.pooling or "avg", normalize=spec.normalize or "imagenet",
                      view=spec.view or "whole")
    if spec.pooling not in POOLINGS:
        raise ModelError(f"unknown pooling {spec.pooling!r}; choose {', '.join(POOLINGS)}",
                         param="pooling")
    if spec.normalize not in NORMALIZATIONS:
        raise ModelError(f"unknown normalisation {spec.normalize!r}; choose "
                         f"{', '.join(NORMALIZATIONS)}", param="normalize")
    if spec.view not in VIEWS:
        raise ModelError(f"unknown view {spec.view!r}; choose {', '.join(VIEWS)}", param="view")
    from ..config import Config
    cfg = Config.load()
    data, sha = _read(spec.weights, cfg.max_weights_bytes)
    graph = _parse(data, spec.weights)
    image, size, batch = _image_input(graph, spec.weights)
    features, logits, layer = _outputs(graph, spec.layer)
    session = _session(graph, [features] + ([logits] if logits else []), threads,
                       cfg.max_onnx_memory_bytes)
    run = _runner(session, image, batch, spec.pooling, cfg.max_onnx_seconds)
    zeros = onnx_limits.zeros(size)
    probe = run(zeros)
    if logits and (probe[1].ndim != 2 or probe[1].dtype.kind != "f"):
        logits = None               # the first output is no per-image class score
    if spec.pooling != "avg" and onnx_limits.bounded_run(
            session[0], [features], {image: zeros}, cfg.max_onnx_seconds)[0].ndim == 4:
        layer = f"{spec.pooling} of {layer}"     # a spatial map, pooled another way
    pre = preprocessing(size, spec.normalize, spec.view)
    names = None
    if logits:
        width = probe[1].shape[1]
        names = classes or [str(i) for i in range(width)]
        if len(names) != width:
            raise ModelError(f"{len(names)} class names for the {width} outputs of "
                             f"{os.path.basename(spec.weights)}", param="classes")
    return FeatureModel(spec, run if logits else _features_only(run), pre,
                        dim=int(probe[0].reshape(1, -1).shape[1]), classes=names, layer=layer,
                        weights_id=f"sha256:{sha}", runtime="onnx", batch_size=4)


def _read(path: str, max_bytes: int) -> tuple[bytes, str]:
    from ..beneath import read_input
    if not os.path.lexists(path):
        raise ModelError(f"weights file not found: {path}", param="weights")
    data = read_input(path, max_bytes, "weights", "ONNX network")    # capped, even if it grows
    return data, hashlib.sha256(data).hexdigest()


def _parse(data: bytes, path: str):
    try:
        import onnx
    except ImportError:
        raise ModelError("--model onnx reads the network's graph with the onnx package, which is "
                         "not installed", param="model", fix="pip install onnx") from None
    try:
        model = onnx.load_model_from_string(data)
    except Exception:
        raise ModelError(f"{path} is not an ONNX file, or a damaged one", param="weights",
                         fix=f"export it with {EXPORT}") from None
    if not len(model.graph.node) or not len(model.graph.output):
        raise ModelError(f"{path} is not an ONNX network (no graph, or no output)", param="weights",
                         fix=f"export it with {EXPORT}")
    nodes = list(_all_nodes(model))
    if onnx_limits.external_tensor(model):
        raise ModelError(f"{path} keeps its weights in other files, which are not read",
                         param="weights", fix="export it as one file (no external data)")
    # a call of one of the file's own functions names the function's domain: not a plugin
    known = {*STANDARD_DOMAINS, *(f.domain for f in model.functions)}
    custom = sorted({n.domain for n in nodes} - known)
    if custom:
        raise ModelError(f"{path} uses operators of the custom domain {custom[0]!r}: they need a "
                         "plugin library, which is code, so the network is not run",
                         param="weights", fix="export it with the standard ONNX operators")
    return model


def _all_nodes(model):
    """Every node: the graph's, its subgraphs' (If, Loop, Scan) and its functions'."""
    def walk(nodes):
        for node in nodes:
            yield node
            for attr in node.attribute:
                for graph in [*([attr.g] if attr.HasField("g") else []), *attr.graphs]:
                    yield from walk(graph.node)
    yield from walk(model.graph.node)
    for function in model.functions:
        yield from walk(function.node)


def _image_input(model, path: str) -> tuple[str, int, int | None]:
    """(input name, side, fixed batch size or None) of the graph's one image input."""
    stored = {t.name for t in model.graph.initializer}
    inputs = [i for i in model.graph.input if i.name not in stored]
    if len(inputs) != 1:
        raise ModelError(f"{path} takes {len(inputs)} inputs; an image network takes one",
                         param="weights")
    side, batch = onnx_limits.check_input(inputs[0], path)
    return inputs[0].name, side, batch


def _module(node) -> str:
    """The module path a torch export records in a node's name (/conv/conv.4/Relu -> conv.4)."""
    scope = node.name.rsplit("/", 1)[0].strip("/")
    return scope.rsplit("/", 1)[-1] if scope else node.name


def _outputs(model, layer: str | None) -> tuple[str, str | None, str]:
    """(features tensor, logits tensor or None, the layer's description)."""
    nodes = list(model.graph.node)
    heads = [n for n in nodes if n.op_type in HEADS]
    first_output = model.graph.output[0].name
    if layer is None:
        if not heads:
            raise ModelError("the network has no linear head (Gemm or MatMul); choose a layer",
                             param="layer", fix=f"--layer, e.g. {_module(nodes[-1])}")
        head = heads[-1]
        return head.input[0], first_output, f"input of {_module(head)}"
    tensors = {o for n in nodes for o in n.output}
    if layer in tensors:
        features = layer
    else:
        named = [n for n in nodes if n.name == layer] or [n for n in nodes if _module(n) == layer]
        if not named:
            near = difflib.get_close_matches(layer, sorted({_module(n) for n in nodes}), n=5)
            raise ModelError(f"layer {layer!r} not in the network; close matches: "
                             f"{near or [_module(n) for n in nodes[-5:]]}", param="layer")
        features = named[-1].output[0]
    logits = first_output if heads and features != first_output else None
    return features, logits, layer


def _session(model, outputs: list[str], threads: int, memory_bytes: int):
    """An ONNX Runtime session (from bytes: nothing is read beside the file) whose outputs are
    the features and the logits."""
    import onnx
    import onnxruntime as ort
    have = {o.name for o in model.graph.output}
    for name in outputs:
        if name not in have:
            model.graph.output.append(onnx.ValueInfoProto(name=name))
    opts = onnx_limits.session_options(threads, memory_bytes)
    try:
        return ort.InferenceSession(model.SerializeToString(), opts,
                                    providers=["CPUExecutionProvider"]), outputs
    except Exception as e:
        raise ModelError(f"ONNX Runtime cannot run the network: {' '.join(str(e).split())[:200]}",
                         param="weights") from None


def _runner(session, image: str, batch: int | None, pooling: str, seconds: float):
    sess, names = session

    def pooled(feats: np.ndarray) -> np.ndarray:
        if feats.ndim == 4 and pooling == "gem":
            return np.power(np.power(np.clip(feats, 1e-6, None), GEM_P).mean(axis=(2, 3)),
                            1.0 / GEM_P)
        if feats.ndim == 4 and pooling == "max":
            return feats.max(axis=(2, 3))
        if feats.ndim == 4:
            return feats.mean(axis=(2, 3))
        return feats.reshape(len(feats), -1)

    def once(x: np.ndarray):
        out = onnx_limits.bounded_run(sess, names, {image: x}, seconds)
        feats = np.asarray(out[0])
        if feats.dtype.kind not in "biuf" or feats.ndim < 2 or feats.size == 0 or \
                len(feats) != len(x):
            raise ModelError(f"the chosen layer gives a {feats.dtype} tensor of shape "
                             f"{feats.shape} for {len(x)} images, not numbers per image",
                             param="layer")
        return pooled(feats.astype(np.float32)), (out[1] if len(out) > 1 else None)

    def run(x):
        x = np.ascontiguousarray(np.asarray(x, np.float32))
        if batch != 1 or len(x) == 1:
            return once(x)
        parts = [once(x[i:i + 1]) for i in range(len(x))]     # exported with a batch of 1
        logits = [p[1] for p in parts]
        return (np.concatenate([p[0] for p in parts]),
                np.concatenate(logits) if logits[0] is not None else None)
    return run


def _features_only(run):
    def features(x):
        return run(x)[0], None
    return features
