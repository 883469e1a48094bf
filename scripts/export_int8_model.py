"""Make the shipped int8 default model: ONNX Runtime static quantisation (QDQ, per-channel int8
weights, uint8 activations calibrated on real photos) of each shipped fp32 export, and its
card, into imgsearch/features/bundled/ (needs onnxruntime and onnx; no torch).

    python scripts/export_int8_model.py --calibration /path/to/photos [--out DIR]

A variant is written only when its neighbours agree with fp32's: overlap@10 >= 0.95 on the
calibration photos (the card records the figure). The stem and the first two inverted-residual
blocks (the ten nodes at 112 x 112 before the 56 x 56 projection) stay in fp32: measured on
233 real photos, everything in int8 gave overlap@10 0.93, these ten in fp32 0.954, and keeping
more in fp32 gained little (20 nodes: 0.958) for a clear loss of speed.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from importlib import metadata
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FP32_HEAD_NODES = 10          # stem + the first two blocks at 112 x 112 (see above)
MIN_OVERLAP = 0.95
EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")


def calibration_batches(folder: Path, views=("whole", "crop"), limit: int = 400) -> np.ndarray:
    """The photos under `folder`, preprocessed as the default model sees them in each view
    (float32 NCHW): a few hundred real inputs."""
    from PIL import Image
    from imgsearch.features import preprocessing
    from imgsearch.features.bundled_model import card
    paths = sorted(p for p in folder.rglob("*") if p.suffix.lower() in EXTENSIONS)[:limit]
    if not paths:
        raise SystemExit(f"no photos under {folder}")
    out = []
    for view in views:
        pre = preprocessing(card()["input_size"], "inception", view)
        out += [pre(Image.open(p).convert("RGB")) for p in paths]
    return np.stack(out)


def overlap_at_10(a: np.ndarray, b: np.ndarray) -> float:
    """Mean share of each image's 10 nearest neighbours (cosine) that both feature sets agree on."""
    def knn(f):
        f = f / np.linalg.norm(f, axis=1, keepdims=True)
        s = f @ f.T
        np.fill_diagonal(s, -np.inf)
        return np.argsort(-s, axis=1)[:, :10]
    return float(np.mean([len(set(x) & set(y)) / 10 for x, y in zip(knn(a), knn(b))]))


def features(model: bytes, x: np.ndarray) -> np.ndarray:
    from imgsearch.features.runtimes import onnx_runner
    run = onnx_runner(model, 2)
    return np.concatenate([run(x[i:i + 16])[0] for i in range(0, len(x), 16)])


def quantise(fp32: bytes, x: np.ndarray, work: Path) -> bytes:
    import onnx
    from onnxruntime.quantization import (CalibrationDataReader, CalibrationMethod, QuantFormat,
                                          QuantType, quantize_static)
    from onnxruntime.quantization.shape_inference import quant_pre_process
    (work / "fp32.onnx").write_bytes(fp32)
    quant_pre_process(str(work / "fp32.onnx"), str(work / "pre.onnx"), skip_symbolic_shape=True)
    nodes = onnx.load(str(work / "pre.onnx")).graph.node
    keep = [n.name for n in nodes[:FP32_HEAD_NODES]]
    assert nodes[0].op_type == "Conv" and nodes[FP32_HEAD_NODES - 1].op_type == "Conv", keep

    class Reader(CalibrationDataReader):
        def __init__(self, bs=8):
            self.batches = iter({"images": x[i:i + bs]} for i in range(0, len(x) - bs + 1, bs))

        def get_next(self):
            return next(self.batches, None)

    quantize_static(str(work / "pre.onnx"), str(work / "int8.onnx"), Reader(),
                    quant_format=QuantFormat.QDQ, per_channel=True,
                    activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                    calibrate_method=CalibrationMethod.MinMax, nodes_to_exclude=keep)
    return (work / "int8.onnx").read_bytes()


def export(calibration: Path, out: Path) -> dict:
    from imgsearch.features import bundled_model, preprocessing
    fp32_card = bundled_model.card()
    x = calibration_batches(calibration)
    n = len(x) // 2
    check = x[:n]                                   # the default view, for the overlap gate
    whole = preprocessing(fp32_card["input_size"], "inception", "whole")
    card = {"model": bundled_model.NAME, "precision": "int8", "exports": {},
            "method": "onnxruntime quantize_static: QDQ, per-channel int8 weights, uint8 "
                      "activations (MinMax), the stem and first two blocks in fp32",
            "calibration": f"{n} real photos, each in the whole and crop views "
                           f"({whole.description} and the centre crop)"}
    with tempfile.TemporaryDirectory() as tmp:
        for pooling, e in fp32_card["exports"].items():
            fp32 = bundled_model.model_bytes(pooling)
            data = quantise(fp32, x, Path(tmp))
            overlap = overlap_at_10(features(fp32, check), features(data, check))
            print(f"{pooling}: overlap@10 with fp32 {overlap:.4f} ({len(data) / 1e6:.1f} MB)")
            if overlap < MIN_OVERLAP:
                print(f"  not written: below {MIN_OVERLAP}")
                continue
            target = out / f"{bundled_model.NAME}-{pooling}-int8.onnx"
            target.write_bytes(data)
            card["exports"][pooling] = {"onnx": target.name,
                                        "onnx_sha256": hashlib.sha256(data).hexdigest(),
                                        "from_onnx_sha256": e["onnx_sha256"],
                                        "overlap_at_10": round(overlap, 4)}
    card["exported_with"] = {p: metadata.version(p) for p in ("onnxruntime", "onnx")}
    (out / f"{bundled_model.NAME}-int8.json").write_text(json.dumps(card, indent=1) + "\n")
    return card


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calibration", type=Path, required=True,
                        help="A folder of real photos (searched recursively; up to 400 used).")
    parser.add_argument("--out", type=Path, default=ROOT / "imgsearch" / "features" / "bundled")
    args = parser.parse_args()
    export(args.calibration, args.out)
