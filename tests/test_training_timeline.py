"""The training story with real checkpoints: a small CNN of the user's own class is trained on
the digits for a few epochs, each epoch exported to ONNX as a user would; every checkpoint is
added to one collection as a space through the command line, and `compare` over the epochs
shows the neighbourhoods forming (leave-one-out kNN accuracy rising). The last epoch's space
holds the network's own predictions, the same as the trained network gives in torch."""
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
SIDE = 16                  # the network's input; the images are written at twice that
EPOCHS = 3


def _cli(home: Path, *args) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "IMGSEARCH_HOME": str(home),
           "IMGSEARCH_PROGRESS": "0"}
    env.pop("IMGSEARCH_SERVICE_URL", None)
    out = subprocess.run([sys.executable, "-m", "imgsearch", *map(str, args)], env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return out


def _write_digits(root: Path) -> list[Path]:
    """sklearn's digits as 32 x 32 grey PNGs, one folder per class."""
    from sklearn.datasets import load_digits
    digits = load_digits()
    files = []
    for i, (pixels, label) in enumerate(zip(digits.images, digits.target)):
        path = root / str(label) / f"{i:04d}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        Image.fromarray((pixels * (255 / 16)).astype(np.uint8)).resize((32, 32), Image.NEAREST).save(path)
        files.append(path)
    return files


def _train(files: list[Path], out: Path):
    """What a user's training script does: their own nn.Module, torchvision's transforms
    (the whole image resized to the input, ImageNet's normalisation), an ONNX export of the
    network after every epoch. Returns the network and its input tensors."""
    import torch
    import torchvision.transforms as T
    from torch import nn

    class SmallCNN(nn.Module):
        def __init__(self):
            super().__init__()
            self.features = nn.Sequential(
                nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())
            self.fc = nn.Linear(32, 10)

        def forward(self, x):
            return self.fc(self.features(x))

    tf = T.Compose([T.Resize((SIDE, SIDE)), T.ToTensor(),
                    T.Normalize((0.485, 0.456, 0.406), (0.229, 0.224, 0.225))])
    x = torch.stack([tf(Image.open(f).convert("RGB")) for f in files])
    y = torch.tensor([int(f.parent.name) for f in files])
    threads = torch.get_num_threads()
    torch.set_num_threads(1)          # a tiny network: one thread is fastest, and deterministic
    try:
        torch.manual_seed(0)
        net = SmallCNN()
        opt = torch.optim.Adam(net.parameters(), lr=0.01)
        for epoch in range(1, EPOCHS + 1):
            net.train()
            order = torch.randperm(len(x))
            for start in range(0, len(x), 32):
                batch = order[start:start + 32]
                opt.zero_grad()
                nn.functional.cross_entropy(net(x[batch]), y[batch]).backward()
                opt.step()
            with warnings.catch_warnings():    # the exporter's notes on its own future
                warnings.simplefilter("ignore")
                torch.onnx.export(net.eval(), torch.zeros(1, 3, SIDE, SIDE),
                                  str(out / f"epoch{epoch}.onnx"), dynamo=False)
    finally:
        torch.set_num_threads(threads)
    return net, x


def test_checkpoints_of_a_training_run_as_spaces_show_the_clusters_forming(tmp_path):
    torch = pytest.importorskip("torch")
    pytest.importorskip("onnx")
    data, runs, home = tmp_path / "digits", tmp_path / "run", tmp_path / "home"
    runs.mkdir()
    files = _write_digits(data)
    net, x = _train(files, runs)
    (runs / "classes.txt").write_text("\n".join(str(d) for d in range(10)) + "\n")

    _cli(home, "index", data, "-c", "digits", "--model", "pixels", "--size", "8",
         "--labels", "folder", "--workers", "0")
    for epoch in range(1, EPOCHS + 1):
        added = _cli(home, "index", data, "-c", "digits", "--space", f"epoch{epoch}", "--model",
                     "onnx", "--weights", runs / f"epoch{epoch}.onnx", "--classes",
                     runs / "classes.txt", "--workers", "0")
        assert "no file was hashed or catalogued again" in added.stderr
    names = [f"--space=epoch{e}" for e in range(1, EPOCHS + 1)]
    timeline = json.loads(_cli(home, "compare", "-c", "digits", *names, "--json").stdout)
    acc = [s["knn_accuracy"] for s in timeline["steps"]]
    assert [s["space"] for s in timeline["steps"]] == [f"epoch{e}" for e in range(1, EPOCHS + 1)]
    assert timeline["n"] == timeline["labelled"] == 1797
    assert acc[-1] > acc[0] + 0.05 and acc[-1] > 0.9, acc
    assert timeline["steps"][-1]["silhouette"] > timeline["steps"][0]["silhouette"]
    assert all(0 < s["overlap_previous"] < 1 for s in timeline["steps"][1:])

    # the last space's predictions are the trained network's own, image by image
    with torch.no_grad():
        in_torch = net(x).argmax(1).numpy().astype(str)
    import imgsearch
    from imgsearch.pipeline.spaces import predictions
    with imgsearch.open_collection("digits", home=home, workers=0) as c:
        spaces = {s.name: s for s in c.spaces()}
        by_path = c.table(columns=["image_id", "path"]).set_index("path")["image_id"]
        conf = c.in_space(f"epoch{EPOCHS}").confusion()
        mine = predictions(c, f"epoch{EPOCHS}").set_index("image_id")["prediction"]
    assert {n: (s.model, s.dim, s.vectors, s.predictions) for n, s in spaces.items()
            if n != "default"} == {f"epoch{e}": ("onnx", 32, 1797, 1797) for e in range(1, EPOCHS + 1)}
    assert spaces["epoch1"].layer == "input of fc"
    assert len({s.weights for s in spaces.values()}) == EPOCHS + 1    # one sha256 each
    ids = by_path.reindex([os.path.realpath(f) for f in files]).to_numpy()
    agree = np.mean(mine.reindex(ids).to_numpy().astype(str) == in_torch)
    assert agree > 0.99, agree
    right = sum(conf.counts[i][conf.predictions.index(lab)] for i, lab in enumerate(conf.labels)
                if lab in conf.predictions)
    truth = np.array([f.parent.name for f in files])
    assert right / 1797 == pytest.approx(float(np.mean(in_torch == truth)), abs=0.01)
