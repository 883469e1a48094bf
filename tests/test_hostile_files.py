"""Hostile files in a source never hang, abort or blow up a run: each is skipped with a reason
and the rest is indexed. Memory bombs are checked under a real address-space limit."""
import os
import subprocess
import sys
import textwrap

import pytest
import skimage.data
from PIL import Image

import imgsearch

from .children import kill_a_child

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _good(root, n=4):
    root.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(("chelsea", "coffee", "astronaut", "rocket")[:n]):
        Image.fromarray(getattr(skimage.data, name)()).save(root / f"good{i}.jpg")


def _index(root, home, **kw):
    return imgsearch.index_images(root, "h", model="pixels", size=8, home=home, workers=0,
                                  progress=False, **kw)


def test_fifo_does_not_hang_and_is_skipped(tmp_path):
    root = tmp_path / "src"
    _good(root)
    os.mkfifo(root / "pipe.jpg")
    code = textwrap.dedent(f"""
        import imgsearch
        r = imgsearch.index_images({str(root)!r}, "h", model="pixels", size=8,
                                   home={str(tmp_path / 'home')!r}, workers=0, progress=False)
        print(r.indexed, [s.reason for s in r.skipped])
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("4 ") and "FIFO" in done.stdout


def test_non_utf8_name_is_skipped_and_the_rest_indexes(tmp_path):
    root = tmp_path / "src"
    _good(root)
    bad = os.path.join(os.fsencode(root), b"bad\xff\xfe.png")
    Image.new("RGB", (40, 30), "red").save(bad.decode("utf-8", "surrogateescape"), "PNG")
    r = _index(root, tmp_path / "home")
    assert r.indexed == 4
    assert [s.reason for s in r.skipped] == ["the file name is not valid UTF-8 (rename the file to index it)"]
    assert "bad\\xff\\xfe.png" in r.skipped[0].path


def test_in_root_symlink_is_its_own_path_and_shares_the_vector(tmp_path):
    root = tmp_path / "src"
    _good(root)
    (root / "link.jpg").symlink_to(root / "good0.jpg")
    r = _index(root, tmp_path / "home")
    assert (r.indexed, r.copied) == (4, 1)
    with imgsearch.open_collection("h", home=tmp_path / "home") as col:
        paths = col.table()["path"].tolist()
        assert len(paths) == len(set(paths)) == 5 and str(root / "link.jpg") in paths


def test_unreadable_subfolder_is_reported(tmp_path, monkeypatch):
    """A folder that cannot be listed (simulated: this suite may run as root, which reads
    anything) becomes a skipped row, and the rest is indexed."""
    root = tmp_path / "src"
    _good(root, 2)
    (root / "locked").mkdir()
    Image.new("RGB", (20, 20)).save(root / "locked" / "hidden.png")
    real = os.scandir

    def scandir(path="."):
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)
    monkeypatch.setattr(os, "scandir", scandir)
    r = _index(root, tmp_path / "home")
    assert r.indexed == 2
    assert [(os.path.basename(s.path), s.reason) for s in r.skipped] == [
        ("locked", "unreadable folder: Permission denied")]


def test_csv_paths_are_confined_to_the_csv_folder_or_allowed_roots(tmp_path):
    _good(tmp_path / "data")
    outside = tmp_path / "outside"
    _good(outside, 2)
    csv = tmp_path / "data" / "list.csv"
    csv.write_text("path,label\ngood0.jpg,a\ngood1.jpg,b\n../outside/good0.jpg,secret\n"
                   f"{outside / 'good1.jpg'},secret\n")
    r = _index(csv, tmp_path / "home")
    assert r.indexed == 2
    assert sorted(s.reason.split(" (")[0] for s in r.skipped) == ["outside the allowed folders"] * 2
    r = _index(csv, tmp_path / "home2", allow_roots=[outside])
    assert (r.indexed, r.copied, len(r.skipped)) == (2, 2, 0)   # outside's files: same content


def test_huge_sparse_file_is_refused_without_reading_it(tmp_path):
    root = tmp_path / "src"
    _good(root, 2)
    with open(root / "sparse.jpg", "wb") as f:
        f.truncate(3 << 30)
    code = textwrap.dedent(f"""
        import resource, imgsearch
        r = imgsearch.index_images({str(root)!r}, "h", model="pixels", size=8,
                                   home={str(tmp_path / 'home')!r}, workers=0, progress=False)
        # VmHWM: this process's own peak (ru_maxrss carries the parent's across fork + exec)
        rss = int(next(ln for ln in open("/proc/self/status") if ln.startswith("VmHWM")).split()[1]) / 1024
        print(r.indexed, [s.reason for s in r.skipped], int(rss))
    """)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    indexed, rest = done.stdout.split(" ", 1)
    assert indexed == "2" and "file too large" in rest
    assert int(rest.rsplit(" ", 1)[1]) < 1000          # MB: the 3 GB file was never read


_BOMB = textwrap.dedent("""
    import io, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
    from PIL import Image
    from imgsearch.errors import BadImage
    from imgsearch.features.base import Preprocess
    from imgsearch.pipeline.decode import Limits, decode
    data = open(sys.argv[1], "rb").read()
    try:
        x = Preprocess()(decode(data, Limits()).image)
        print("ok", x.shape)
    except BadImage as e:
        print("refused", e)
""")


@pytest.mark.parametrize("make,expect", [
    (lambda: Image.new("L", (1, 100_000), 128), "ok (3, 224, 224)"),          # 277 bytes -> 6 GB before
    (lambda: Image.new("L", (100_000, 1), 128), "ok (3, 224, 224)"),
    (lambda: Image.new("L", (9400, 9400), 0), "ok (3, 224, 224)"),            # 88 MP, small PNG
    (lambda: Image.new("F", (9000, 9000), 0.5), "refused too large to decode"),
])
def test_memory_bombs_under_an_address_space_limit(tmp_path, make, expect):
    """Decoding + preprocessing (what workers and uploads do) in a process limited to 1.5 GB of
    address space: each of these bombs passes or is refused, never crashes the process."""
    img = make()
    path = tmp_path / ("bomb.tif" if img.mode == "F" else "bomb.png")
    img.save(path, compression="tiff_deflate") if img.mode == "F" else img.save(path)
    assert path.stat().st_size < 2_000_000
    done = subprocess.run([sys.executable, "-c", _BOMB.format(limit=1536 << 20), str(path)],
                          capture_output=True, text=True, timeout=120,
                          env={**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().startswith(expect), done.stdout


def test_uploads_are_bounded_too(tmp_path):
    """The same limits apply to a query image: a strip is searchable, a bomb is a clear error."""
    _good(tmp_path / "src")
    _index(tmp_path / "src", tmp_path / "home")
    import io
    strip = io.BytesIO()
    Image.new("RGB", (1, 100_000), "blue").save(strip, "PNG")
    bomb = io.BytesIO()
    Image.new("L", (20_000, 20_000)).save(bomb, "PNG")
    with imgsearch.open_collection("h", home=tmp_path / "home") as col:
        assert len(col.search(strip.getvalue(), k=2).hits) == 2
        with pytest.raises(imgsearch.TooLarge, match="too many pixels"):
            col.search(bomb.getvalue())


def test_case_variants_of_known_columns_and_nul_bytes_in_a_csv(tmp_path):
    _good(tmp_path / "data")
    csv = tmp_path / "data" / "l.csv"
    csv.write_bytes(b"path,Confidence,confidence,Label,label\n"
                    b"good0.jpg,x,0.5,A,a\ngood1.jpg,y,0.7,B,b\n\"good2.jpg\0.txt\",z,0.1,C,c\n")
    r = _index(csv, tmp_path / "home")
    assert r.indexed == 2 and [s.reason for s in r.skipped] == ["invalid file name (a NUL byte)"]
    with imgsearch.open_collection("h", home=tmp_path / "home") as col:
        t = col.table().set_index("label")
        assert t.loc["a", "confidence"] == 0.5 and t.loc["a", "csv_Label"] == "A"
        assert t.loc["b", "csv_Confidence"] == "y"


def test_kill_9_during_decoding_leaves_the_collection_free(tmp_path):
    """Decode workers must not keep the parent's lock (found by the attack pass)."""
    import signal
    import time
    root = tmp_path / "src"
    root.mkdir()
    rng = __import__("numpy").random.default_rng(0)
    for i in range(3000):
        Image.fromarray((rng.random((64, 64, 3)) * 255).astype("uint8")).save(root / f"{i}.png")
    env = {**os.environ, "IMGSEARCH_HOME": str(tmp_path / "home"), "IMGSEARCH_PROGRESS": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "imgsearch", "index", str(root), "-c", "k",
                             "-m", "pixels", "--size", "8", "--workers", "1", "--batch-size", "8"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline and not (tmp_path / "home" / "k" / "vectors.faiss").exists():
        time.sleep(0.1)
    time.sleep(0.5)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    time.sleep(1.0)
    done = subprocess.run([sys.executable, "-m", "imgsearch", "info", "-c", "k"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    again = subprocess.run([sys.executable, "-m", "imgsearch", "index", str(root), "-c", "k"],
                           env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0 and "Traceback" not in again.stderr, again.stderr


def test_a_decode_worker_killed_mid_run_does_not_end_the_run(tmp_path):
    """The OOM killer (here: SIGKILL) takes one decode worker: the run finishes in the main
    process, every image indexed, no traceback."""
    root = tmp_path / "src"
    root.mkdir()
    rng = __import__("numpy").random.default_rng(1)
    n = 3000
    for i in range(n):
        Image.fromarray((rng.random((64, 64, 3)) * 255).astype("uint8")).save(root / f"{i}.png")
    env = {**os.environ, "IMGSEARCH_HOME": str(tmp_path / "home"), "IMGSEARCH_PROGRESS": "0"}
    proc = subprocess.Popen([sys.executable, "-m", "imgsearch", "index", str(root), "-c", "w",
                             "-m", "pixels", "--size", "8", "--workers", "1", "--batch-size", "8"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = kill_a_child(proc)           # the decode worker (forked), mid-run
    out, err = proc.communicate(timeout=600)
    assert killed is not None, "no decode worker was seen"
    assert proc.returncode == 0 and "Traceback" not in err, err[-2000:]
    with imgsearch.open_collection("w", home=tmp_path / "home") as col:
        assert col.info().indexed == n
