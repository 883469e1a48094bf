"""Make the shipped default model again: EfficientNet-Lite0's ONNX exports with its ImageNet
weights (one per shipped pooling: gem, the default, and avg) and their card, into
imgsearch/features/bundled/ (needs the `torch` extra).

    python scripts/export_default_model.py [--out DIR]

The card keeps the identity that collections record (the PyTorch checkpoint's sha256 and the
layer each pooling names), so a collection built from the exports matches one built with torch.
tests/test_bundled_model.py checks that fresh exports give the shipped files' features
(cosine >= 0.9999).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
POOLINGS = ("gem", "avg")


def export(out: Path) -> dict:
    from imgsearch.features import ModelSpec, bundled_model, runtimes, torch_parts
    card = {"model": bundled_model.NAME, "exports": {}}
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as cache:
        os.environ["IMGSEARCH_CACHE"] = cache
        os.environ.setdefault("IMGSEARCH_KEY_FILE", str(Path(cache) / "signing.key"))
        for pooling in POOLINGS:
            spec = ModelSpec().with_(pooling=pooling, normalize="inception", view="crop")
            spec, backbone, identity, _, classes, size, has_head = torch_parts(spec)
            assert has_head and identity["dim"] == 1280, identity
            data = runtimes.onnx_file(backbone, identity, size)       # the exported bytes
            target = out / f"{bundled_model.NAME}-{pooling}.onnx"
            target.write_bytes(data)
            card.update(weights=identity["weights"], input_size=size, classes=classes)
            card["exports"][pooling] = {"layer": identity["layer"], "dim": identity["dim"],
                                        "onnx": target.name,
                                        "onnx_sha256": hashlib.sha256(data).hexdigest()}
    card["exported_with"] = {p: metadata.version(p) for p in ("torch", "torchvision", "onnx")}
    (out / f"{bundled_model.NAME}.json").write_text(json.dumps(card, indent=1) + "\n")
    return card


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "imgsearch" / "features" / "bundled")
    folder = parser.parse_args().out
    for pooling, e in export(folder)["exports"].items():
        size = (folder / e["onnx"]).stat().st_size / 1e6
        print(f"wrote {folder / e['onnx']} ({size:.1f} MB, layer {e['layer']!r})")
