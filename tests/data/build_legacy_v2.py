"""Writes legacy_v2.tar.gz: a collection as the release before ImageNet predictions got columns
of their own wrote it (schema 2: the default model's ImageNet top-1 in `prediction`, two rows
with a prediction from the labels CSV). Run it with that release's code, e.g.
    git worktree add /tmp/old 0e89224 && PYTHONPATH=/tmp/old python tests/data/build_legacy_v2.py
then `tar czf tests/data/legacy_v2.tar.gz --exclude=.lock -C /tmp/gl/legacy_home legacy`."""
import shutil
from pathlib import Path

import pandas as pd

import imgsearch
from imgsearch.demo import photos

src = Path("/tmp/gl/legacy_src/images")
if src.exists():
    shutil.rmtree(src)
names = ["chelsea", "coffee", "astronaut", "rocket", "horse", "camera"]
for n in names:
    d = src / ("cat" if n == "chelsea" else "thing")
    d.mkdir(parents=True, exist_ok=True)
    photos()[n].resize((128, 128)).save(d / f"{n}.jpg", quality=80)
labels = pd.DataFrame({"path": [f"{'cat' if n == 'chelsea' else 'thing'}/{n}.jpg" for n in names],
                       "label": ["cat" if n == "chelsea" else "thing" for n in names],
                       "prediction": ["cat", "thing"] + [None] * 4})
labels.to_csv(src / "labels.csv", index=False)
home = Path("/tmp/gl/legacy_home")
if home.exists():
    shutil.rmtree(home)
imgsearch.index_images(src, "legacy", labels=src / "labels.csv", home=home, workers=0, progress=False)
with imgsearch.open_collection("legacy", home=home) as col:
    print(col.table(columns=["path", "label", "prediction", "confidence"]))
