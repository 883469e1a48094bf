"""The plan's hashing: files hashed in groups on a thread a core, each hash back on its own
file, a file that cannot be read skipped with its reason, progress counted to the end."""
import hashlib
import os

import numpy as np
import pandas as pd
from PIL import Image

from imgsearch.beneath import sha256_file
from imgsearch.pipeline import plan as planning
from imgsearch.pipeline.sources import read_source

KNOWN = pd.DataFrame(columns=["image_id", "path", "sha256", "size_bytes", "mtime", "state"])


def _folder(root, n_small=150, n_big=5):
    """Real PNGs of different sizes (small ones and some of about 3 MB), two with one content."""
    rng = np.random.default_rng(0)
    root.mkdir()
    for i in range(n_small):
        side = int(rng.integers(8, 40))
        Image.fromarray(rng.integers(0, 255, (side, side, 3), dtype=np.uint8)).save(root / f"s{i:03d}.png")
    for i in range(n_big):
        Image.fromarray(rng.integers(0, 255, (1000, 1000, 3), dtype=np.uint8)).save(root / f"b{i}.png")
    (root / "twin.png").write_bytes((root / "s000.png").read_bytes())
    return root


def test_every_file_gets_its_own_hash_and_a_bad_one_its_reason(tmp_path):
    root = _folder(tmp_path / "imgs")
    src = read_source(root)
    gone = next(f for f in src.files if f.path.endswith("s077.png"))
    os.remove(gone.path)                 # vanished between the scan and the hashing
    limit = 2 << 20                      # the ~3 MB files are over it
    seen = []
    plan = planning.make_plan(src, KNOWN, lambda p: sha256_file(p, limit),
                              progress=lambda d, t: seen.append((d, t)))
    rows = plan.new_rows.set_index("path")
    big = {f.path for f in src.files if f.size > limit}
    assert len(big) == 5
    for f in src.files:
        if f.path == gone.path or f.path in big:
            continue
        with open(f.path, "rb") as fh:
            assert rows.loc[f.path, "sha256"] == hashlib.sha256(fh.read()).hexdigest(), f.path
    reasons = {s.path: s.reason for s in plan.skipped}
    assert set(reasons) == big | {gone.path}
    assert "unreadable" in reasons[gone.path] and all("too large" in reasons[p] for p in big)
    positions = {p: i for i, p in enumerate(plan.new_rows["path"])}
    assert [(positions[str(root / "twin.png")], positions[str(root / "s000.png")])] == plan.twins_in_run
    done = [d for d, _ in seen]
    assert done == sorted(done) and seen[-1] == (len(src.files), len(src.files))


def test_groups_are_bounded_by_files_and_bytes(tmp_path):
    src = read_source(_folder(tmp_path / "imgs"))
    groups = planning._groups(src.files)
    assert [f for g in groups for f in g] == src.files          # every file, in order
    for g in groups:
        assert len(g) <= planning.GROUP_FILES
        assert sum(f.size for f in g[:-1]) < planning.GROUP_BYTES   # closed once reached
    assert len(groups) >= len(src.files) / planning.GROUP_FILES + 1  # the big files close some
