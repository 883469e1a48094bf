"""bench_extract's checks of what the fast paths give: features against the reference decode
and runtime, and int8 against fp32 on real photos. Each runs in a fresh process."""
from __future__ import annotations

from pathlib import Path

import numpy as np


def fidelity(model_name, paths):
    """Lowest cosine between the fast path (chosen runtime, DCT-reduced JPEG decode) and the
    reference (torch, full decode) on the same real photos."""
    from imgsearch.features import ModelSpec, load_model
    from imgsearch.pipeline.decode import Limits, decode
    from imgsearch.pipeline.batches import draft_size
    ref = load_model(ModelSpec(name=model_name, runtime="auto" if model_name == "pixels" else "torch"))
    fast = load_model(ModelSpec(name=model_name))
    worst = 1.0
    for p in paths:
        data = Path(p).read_bytes()
        a = ref.embed_images([decode(data, Limits()).image]).features[0]
        b = fast.embed_images([decode(data, Limits(), draft_size(fast)).image]).features[0]
        worst = min(worst, float(a @ b / np.linalg.norm(a) / np.linalg.norm(b)))
    return {"fidelity_min_cosine": worst}


def quality(model_name, folder):
    """int8 against fp32 on a folder of class folders of photos, through the indexing decode
    path: neighbour overlap@10 (int8 against int8, and an fp32 query against int8 vectors),
    and each precision's same-class precision@10."""
    from imgsearch.features import ModelSpec, load_model
    from imgsearch.pipeline.batches import DecodeJob, decode_one, draft_size
    from imgsearch.pipeline.decode import Limits
    paths = sorted(p for p in Path(folder).glob("*/*") if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
    labels = np.array([p.parent.name for p in paths])
    feats = {}
    for precision in ("fp32", "int8"):
        m = load_model(ModelSpec(name=model_name, precision=precision))
        job = DecodeJob(m.preprocess, Limits(), 1 << 30, draft_size(m))
        x = np.stack([decode_one(str(p), job)[0] for p in paths])
        f = np.concatenate([m.embed(x[i:i + 16]).features for i in range(0, len(x), 16)])
        feats[precision] = f / np.linalg.norm(f, axis=1, keepdims=True)

    def top10(q, db):
        s = q @ db.T
        np.fill_diagonal(s, -np.inf)
        return np.argsort(-s, axis=1)[:, :10]
    ref = top10(feats["fp32"], feats["fp32"])
    out = {"quality_images": len(paths)}
    for key, (q, db) in {"int8_overlap_at_10": ("int8", "int8"),
                         "int8_cross_overlap_at_10": ("fp32", "int8")}.items():
        nn = top10(feats[q], feats[db])
        out[key] = float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(nn, ref)]))
    for precision in ("fp32", "int8"):
        nn = top10(feats[precision], feats[precision])
        key = "int8_precision_at_10" if precision == "int8" else "fp32_precision_at_10"
        out[key] = float(np.mean(labels[nn] == labels[:, None]))
    return out
