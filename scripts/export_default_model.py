"""Make the shipped default model again: the ONNX export of EfficientNet-Lite0 with its
ImageNet weights and its card, into imgsearch/features/bundled/ (needs the `torch` extra).

    python scripts/export_default_model.py [--out DIR]

The card keeps the identity that collections record (the PyTorch checkpoint's sha256), so a
collection built from the export matches one built with torch. tests/test_bundled_model.py
checks that a fresh export gives the shipped file's features (cosine >= 0.9999).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
from dataclasses import asdict
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def export(out: Path) -> Path:
    from imgsearch.features import ModelSpec, bundled_model, runtimes, torch_parts
    spec = ModelSpec().with_(pooling="avg", normalize="inception")
    spec, backbone, identity, preprocess, classes, size, has_head = torch_parts(spec)
    assert has_head and identity["dim"] == 1280, identity
    with tempfile.TemporaryDirectory() as cache:
        os.environ["IMGSEARCH_CACHE"] = cache
        os.environ.setdefault("IMGSEARCH_KEY_FILE", str(Path(cache) / "signing.key"))
        onnx = runtimes.onnx_file(backbone, identity, size)       # the exported bytes
        out.mkdir(parents=True, exist_ok=True)
        target = out / f"{bundled_model.NAME}.onnx"
        target.write_bytes(onnx)
    card = {"identity": identity, "input_size": size, "preprocess": asdict(preprocess),
            "classes": classes, "onnx": target.name,
            "onnx_sha256": hashlib.sha256(target.read_bytes()).hexdigest(),
            "exported_with": {p: metadata.version(p) for p in ("torch", "torchvision", "onnx")}}
    (out / f"{bundled_model.NAME}.json").write_text(json.dumps(card, indent=1) + "\n")
    return target


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "imgsearch" / "features" / "bundled")
    path = export(parser.parse_args().out)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) and its card")
