"""Real fixtures, generated from data that ships inside scikit-learn and scikit-image."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from imgsearch import Config
from imgsearch.demo import write_digits, write_photos

os.environ.setdefault("IMGSEARCH_PROGRESS", "0")
# maps and model cards are signed with a per-user key: the suite's own, not the user's
os.environ.setdefault("IMGSEARCH_KEY_FILE", os.path.join(tempfile.mkdtemp(prefix="imgsearch-key-"), "signing.key"))


@pytest.fixture(scope="session")
def digits_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("digits")
    write_digits(root, size=16).to_csv(root / "labels.csv", index=False)
    return root


@pytest.fixture(scope="session")
def photos_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("photos")
    write_photos(root).to_csv(root / "families.csv", index=False)
    return root


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """An empty IMGSEARCH_HOME for one test."""
    h = tmp_path / "indexes"
    monkeypatch.setenv("IMGSEARCH_HOME", str(h))
    return h


@pytest.fixture
def cfg(home) -> Config:
    return Config.load(home=home, workers=0, progress=False)


CHECKPOINT_CLASSES = ("horse", "dog", "cat")


def write_biased_checkpoint(path: Path, favoured: str, seed: int = 0) -> None:
    """A user's checkpoint at path: a resnet18 with a 3-class head (CHECKPOINT_CLASSES) that
    decides `favoured` by a wide margin."""
    import torch
    import torchvision.models as tvm
    torch.manual_seed(seed)
    net = tvm.resnet18(weights=None, num_classes=3)
    bias = [8.0 if c == favoured else 0.0 for c in CHECKPOINT_CLASSES]
    with torch.no_grad():
        net.fc.weight.mul_(0.01)
        net.fc.bias.copy_(torch.tensor(bias))
    torch.save(net.state_dict(), path)


def write_dog_checkpoint(folder: Path) -> None:
    """folder/my.pt, the checkpoint that decides 'dog', and its class names, folder/classes.txt."""
    write_biased_checkpoint(folder / "my.pt", "dog")
    (folder / "classes.txt").write_text("".join(f"{c}\n" for c in CHECKPOINT_CLASSES))


def write_bad_files(root: Path) -> dict[str, str]:
    """Real broken files next to good ones; returns {file name: expected reason fragment}."""
    import skimage.data
    root.mkdir(parents=True, exist_ok=True)
    photo = Image.fromarray(skimage.data.astronaut())
    photo.save(root / "good.jpg", quality=90)
    Image.fromarray(skimage.data.coffee()).save(root / "good_upper.JPG")
    photo.convert("CMYK").save(root / "cmyk.jpg")
    Image.fromarray((skimage.data.camera().astype(np.uint16) * 257)).save(root / "gray16.png")
    photo.convert("P").save(root / "palette.gif")
    Image.fromarray(skimage.data.logo()).save(root / "rgba.png")
    full = (root / "good.jpg").read_bytes()
    (root / "truncated.jpg").write_bytes(full[: len(full) // 3])
    (root / "empty.jpg").write_bytes(b"")
    (root / "notes.jpg").write_text("this is a text file, not a JPEG\n")
    Image.new("RGB", (3000, 3000), (10, 20, 30)).save(root / "huge.png")
    outside = root.parent / f"{root.name}_outside.jpg"
    photo.save(outside)
    (root / "escape.jpg").symlink_to(outside)
    (root / "dangling.png").symlink_to(root / "does_not_exist.png")
    return {"truncated.jpg": "truncated", "empty.jpg": "empty file", "notes.jpg": "not an image",
            "huge.png": "too many pixels", "escape.jpg": "symlink leaves the root",
            "dangling.png": "broken symlink"}


_exit_status = {"code": 0}


def pytest_sessionfinish(session, exitstatus):
    _exit_status["code"] = int(exitstatus)


def pytest_unconfigure(config):
    """Leave without interpreter teardown: DuckDB's bindings print a screen of harmless
    'nanobind: leaked ...' lines at exit, burying pytest's summary line."""
    import sys
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(_exit_status["code"])
