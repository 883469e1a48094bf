"""atomic_write on real files, with real processes killed (SIGKILL) in the middle of a write."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pandas as pd
import pytest

from imgsearch.atomic import AtomicFile, atomic_write

CHUNK = 1 << 20


def _child(code: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)],
                            stdout=subprocess.PIPE, text=True)


def _kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL


def test_a_process_killed_mid_write_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "data.bin"
    target.write_bytes(b"old" * 1000)
    proc = _child(f"""
        import sys, time
        from imgsearch.atomic import atomic_write
        def writer(f):
            f.write(b"N" * {3 * CHUNK})
            f.flush()
            print("half", flush=True)
            time.sleep(60)
            f.write(b"N" * {3 * CHUNK})
        atomic_write({str(target)!r}, writer)
    """)
    assert proc.stdout.readline().strip() == "half"
    _kill(proc)
    assert target.read_bytes() == b"old" * 1000
    left = [p for p in tmp_path.iterdir() if p != target]
    # the half-written temporary file is beside the target, named *.tmp, holding the half
    assert len(left) == 1 and left[0].name.endswith(".tmp") and left[0].name.startswith("data.bin.")
    assert left[0].stat().st_size == 3 * CHUNK


def test_processes_killed_at_random_moments_leave_one_whole_version(tmp_path):
    """A child rewrites the file in a loop (each version written in 1 MB chunks); killed at
    random moments, the file is always exactly one complete version, never a mixture."""
    target = tmp_path / "data.bin"
    versions = {bytes([65 + v]) * ((4 + v) * CHUNK) for v in range(3)}
    atomic_write(target, bytes([65]) * (4 * CHUNK))
    rng = np.random.default_rng(0)
    seen = set()
    for _ in range(8):
        proc = _child(f"""
            from imgsearch.atomic import atomic_write
            print("go", flush=True)
            n = 0
            while True:
                v = n % 3
                def writer(f, v=v):
                    for _ in range(4 + v):
                        f.write(bytes([65 + v]) * {CHUNK})
                atomic_write({str(target)!r}, writer)
                n += 1
        """)
        assert proc.stdout.readline().strip() == "go"
        time.sleep(float(rng.uniform(0.05, 0.6)))
        _kill(proc)
        data = target.read_bytes()
        assert data in versions, (len(data), data[:1], data[-1:])
        seen.add(data[:1])
        for tmp in tmp_path.glob("*.tmp"):
            tmp.unlink()
    assert len(seen) > 1            # the children did replace the file while they ran


def test_a_writer_that_fails_leaves_the_old_file_and_no_temp(tmp_path):
    target = tmp_path / "manifest.json"
    target.write_text("old")

    def failing(f):
        f.write(b"new, half")
        raise OSError(28, "No space left on device")
    with pytest.raises(OSError, match="No space"):
        atomic_write(target, failing)
    assert target.read_text() == "old" and list(tmp_path.iterdir()) == [target]


def test_bytes_text_and_writer_callbacks(tmp_path):
    import faiss
    atomic_write(tmp_path / "a.bin", b"\x00\x01")
    atomic_write(tmp_path / "b.txt", "é text")
    assert (tmp_path / "a.bin").read_bytes() == b"\x00\x01"
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "é text"
    index = faiss.IndexFlatIP(8)
    index.add(np.eye(8, dtype=np.float32))
    atomic_write(tmp_path / "v.faiss",
                 lambda f: faiss.write_index(index, faiss.PyCallbackIOWriter(f.write)))
    assert faiss.read_index(str(tmp_path / "v.faiss")).ntotal == 8
    df = pd.DataFrame({"image_id": [1, 2, 3], "path": ["a", "b", "c"]})
    atomic_write(tmp_path / "t.parquet", lambda f: df.to_parquet(f, index=False))
    pd.testing.assert_frame_equal(pd.read_parquet(tmp_path / "t.parquet"), df)
    assert not list(tmp_path.glob("*.tmp"))


def test_mode_is_set_from_creation_and_a_symlink_at_the_target_is_replaced(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    target = tmp_path / "service.json"
    target.symlink_to(victim)
    atomic_write(target, '{"secret": "s"}', mode=0o600)
    assert not target.is_symlink() and target.read_text() == '{"secret": "s"}'
    assert victim.read_text() == "precious"
    assert os.stat(target).st_mode & 0o777 == 0o600


def test_overwrite_false_keeps_the_first_writers_file(tmp_path):
    target = tmp_path / "signing.key"
    atomic_write(target, b"first", mode=0o600, overwrite=False)
    with pytest.raises(FileExistsError):
        atomic_write(target, b"second", mode=0o600, overwrite=False)
    assert target.read_bytes() == b"first" and list(tmp_path.iterdir()) == [target]


def test_a_name_known_only_after_writing(tmp_path):
    """A content-addressed file: written first, named by its hash at commit."""
    import hashlib
    with AtomicFile(tmp_path / ".part-upload", 0o600) as part:
        part.file.write(b"payload")
        sha = hashlib.sha256(b"payload").hexdigest()
        part.commit(tmp_path / sha)
    assert (tmp_path / sha).read_bytes() == b"payload"
    assert list(tmp_path.iterdir()) == [tmp_path / sha]
    with AtomicFile(tmp_path / ".part-upload") as part:      # left uncommitted: removed
        part.file.write(b"dropped")
    assert list(tmp_path.iterdir()) == [tmp_path / sha]
