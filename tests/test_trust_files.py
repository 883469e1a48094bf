"""What the service reads from disk, attacked by whoever can write beside it: indexed files
and folders swapped for symlinks while they are served, a `.lock` replaced by a symlink, a
forged model card and a tampered ONNX export in the cache, a map pickle planted in the home.
Real files, real processes for the CLI; the REST routes through TestClient."""
import json
import os
import random
import subprocess
import sys
import threading
import time

import joblib
import numpy as np
import pytest
import skimage.data
from fastapi.testclient import TestClient
from PIL import Image

import imgsearch
from imgsearch.config import Config
from imgsearch.core import signing
from imgsearch.api.service import Service
from imgsearch.errors import NotFound
from imgsearch.frontends.rest.app import create_app
from imgsearch.pipeline import beneath


def _png(path, array):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(array).save(path)


def _cli(home, *args, env=None):
    env = {**os.environ, "IMGSEARCH_HOME": str(home), **(env or {})}
    return subprocess.run([sys.executable, "-m", "imgsearch", *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=300)


# -- serving indexed files ---------------------------------------------------------------
@pytest.fixture
def served(tmp_path):
    """A folder with a real image in a subfolder, an in-root symlink to it, and a private file
    outside the roots that looks like the same image's path from the other side of a link."""
    root, outside = tmp_path / "photos", tmp_path / "private"
    _png(root / "sub" / "a.png", skimage.data.astronaut()[::8, ::8])
    _png(root / "sub" / "b.png", skimage.data.coffee()[::8, ::8])
    _png(root / "c.png", skimage.data.chelsea()[::8, ::8])
    (root / "link.png").symlink_to(root / "sub" / "a.png")
    _png(outside / "a.png", skimage.data.rocket()[::4, ::4])
    os.chmod(outside / "a.png", 0o600)
    home = tmp_path / "home"
    imgsearch.index_images(root, "t", model="pixels", size=8, home=home, workers=0, progress=False)
    with imgsearch.open_collection("t", home=home) as col:     # read the ids, then let go
        ids = dict(zip(col.table()["path"], col.table()["image_id"]))
    svc = Service(Config.load(home=home, workers=0, progress=False))
    api = TestClient(create_app(svc, token=""), raise_server_exceptions=False)
    yield api, root, outside, {os.path.relpath(p, root): int(i) for p, i in ids.items()}
    svc.close()


def test_an_in_root_symlink_stays_servable(served):
    api, root, _, ids = served
    a = (root / "sub" / "a.png").read_bytes()
    assert api.get(f"/collections/t/images/{ids['sub/a.png']}/file").content == a
    r = api.get(f"/collections/t/images/{ids['link.png']}/file")
    assert r.status_code == 200 and r.content == a and r.headers["content-type"] == "image/png"
    assert api.get(f"/collections/t/images/{ids['link.png']}/thumbnail").status_code == 200


def test_a_swap_between_resolving_and_opening_is_refused(served, monkeypatch):
    """The race made certain: the file becomes a link to a private file right after its path
    was resolved and checked. The old check-then-open-by-path served the private file."""
    api, root, outside, ids = served
    real = beneath.locate

    def locate_then_swap(path, roots):
        found = real(path, roots)
        target = root / "sub" / "a.png"
        os.replace(target, root / ".a.real")
        target.symlink_to(outside / "a.png")
        return found
    monkeypatch.setattr(beneath, "locate", locate_then_swap)
    for use_openat2 in (True, False):
        monkeypatch.setitem(beneath._openat2_state, "usable", use_openat2)
        r = api.get(f"/collections/t/images/{ids['sub/a.png']}/file")
        assert r.status_code == 404 and "symlink" in r.json()["detail"]
        assert r.content != (outside / "a.png").read_bytes()
        os.replace(root / ".a.real", root / "sub" / "a.png")


@pytest.mark.parametrize("resolver", ["openat2", "walk"])
def test_swapping_a_file_and_its_folder_for_symlinks_while_serving(served, monkeypatch, resolver):
    """A few hundred requests for one image's file and thumbnail while a thread swaps the file,
    then its folder, for symlinks to a private file outside the roots: every answer is the
    indexed image or a 404, never a byte from outside, never a 500."""
    api, root, outside, ids = served
    monkeypatch.setitem(beneath._openat2_state, "usable", resolver == "openat2")
    image = ids["sub/a.png"]
    good = (root / "sub" / "a.png").read_bytes()
    good_thumb = api.get(f"/collections/t/images/{image}/thumbnail").content
    secret = (outside / "a.png").read_bytes()
    stop, swaps = threading.Event(), [0]

    def swap():
        rng = random.Random(0)
        sub, file = root / "sub", root / "sub" / "a.png"
        while not stop.is_set():
            if rng.random() < 0.5:                       # the file becomes a link, then returns
                os.replace(file, root / ".a.real")
                (root / ".link").symlink_to(outside / "a.png")
                os.replace(root / ".link", file)
                time.sleep(0.002)
                os.replace(root / ".a.real", file)
            else:                                        # the folder becomes a link, then returns
                os.replace(sub, root / ".sub.real")
                sub.symlink_to(outside)
                time.sleep(0.002)
                sub.unlink()
                os.replace(root / ".sub.real", sub)
            swaps[0] += 1
            time.sleep(0.001)
    thread = threading.Thread(target=swap)
    thread.start()
    statuses = []
    try:
        for i in range(300):
            kind = "file" if i % 2 else "thumbnail"
            r = api.get(f"/collections/t/images/{image}/{kind}")
            statuses.append(r.status_code)
            assert r.status_code in (200, 404), (r.status_code, r.text[:200])
            assert secret not in r.content
            if r.status_code == 200:
                assert r.content == (good if kind == "file" else good_thumb)
    finally:
        stop.set()
        thread.join()
    assert swaps[0] > 20 and statuses.count(200) > 10 and statuses.count(404) > 10, (swaps, statuses.count(404))


def test_a_fifo_in_place_of_an_indexed_file_is_a_404_at_once(served):
    api, root, _, ids = served
    os.replace(root / "c.png", root / ".c.real")
    os.mkfifo(root / "c.png")
    t0 = time.monotonic()
    assert api.get(f"/collections/t/images/{ids['c.png']}/file").status_code == 404
    assert api.get(f"/collections/t/images/{ids['c.png']}/thumbnail").status_code == 404
    assert time.monotonic() - t0 < 10


def test_beneath_refuses_climbing_names(tmp_path):
    (tmp_path / "r").mkdir()
    (tmp_path / "x").write_bytes(b"outside")
    for name in ("../x", "/etc/passwd", "a/./b", "", "a//b"):
        with pytest.raises(beneath.Escape):
            beneath.open_beneath(str(tmp_path / "r"), name, 100)
    with pytest.raises(NotFound):
        beneath.open_indexed(str(tmp_path / "x"), [str(tmp_path / "r")], 100, "image 1")


# -- the lock ------------------------------------------------------------------------------
def test_a_lock_replaced_by_a_symlink_truncates_nothing(tmp_path):
    root = tmp_path / "photos"
    _png(root / "a.png", skimage.data.astronaut()[::8, ::8])
    _png(root / "b.png", skimage.data.coffee()[::8, ::8])
    home = tmp_path / "home"
    imgsearch.index_images(root, "c", model="pixels", size=8, home=home, workers=0, progress=False)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    lock = home / "c" / ".lock"
    lock.unlink()
    lock.symlink_to(victim)
    r = _cli(home, "info", "-c", "c")
    assert victim.read_text() == "precious\n"
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1 and ".lock is a symlink" in r.stderr
    lock.unlink()                                     # a dangling link creates nothing either
    lock.symlink_to(tmp_path / "created.txt")
    assert _cli(home, "info", "-c", "c").returncode == 2
    assert not (tmp_path / "created.txt").exists()
    lock.unlink()                                     # a FIFO: refused at once, no hang
    os.mkfifo(lock)
    r = _cli(home, "info", "-c", "c")
    assert r.returncode == 2 and ".lock is not a plain file" in r.stderr
    lock.unlink()                                     # a plain lock again: all is well
    assert json.loads(_cli(home, "info", "-c", "c", "--json").stdout)["indexed"] == 2


# -- the ONNX export cache -------------------------------------------------------------------
@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("IMGSEARCH_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _tiny_backbone():
    import torch

    class Tiny(torch.nn.Module):
        has_logits = False

        def __init__(self):
            super().__init__()
            self.conv = torch.nn.Conv2d(3, 4, 3)

        def forward(self, x):
            return (self.conv(x).mean((2, 3)),)
    torch.manual_seed(0)
    return Tiny()


def test_a_tampered_onnx_export_is_detected_and_exported_again(cache):
    from imgsearch.features import runtimes
    identity = {"model": "tiny", "weights": "w1", "layer": "conv", "dim": 4, "preprocessing": "p"}
    before = len(runtimes.exports_done)
    first = runtimes.onnx_file(_tiny_backbone(), identity, 16)
    assert runtimes.onnx_file(_tiny_backbone(), identity, 16) == first
    assert len(runtimes.exports_done) == before + 1          # cached: verified, not exported
    path = runtimes.onnx_path(identity, 16)
    path.write_bytes(first[:-1] + bytes([first[-1] ^ 1]))    # another model under this name
    assert runtimes.trusted_onnx(path.name) is None
    again = runtimes.onnx_file(_tiny_backbone(), identity, 16)
    assert len(runtimes.exports_done) == before + 2 and path.read_bytes() == again
    run = runtimes.onnx_runner(again, 1)
    assert run(np.zeros((2, 3, 16, 16), np.float32))[0].shape == (2, 4)
    path.unlink()
    path.symlink_to(cache / "elsewhere.onnx")               # a link is never followed
    (cache / "elsewhere.onnx").write_bytes(again)
    assert runtimes.trusted_onnx(path.name) is None


def test_a_forged_card_is_refused(cache):
    from imgsearch.features import runtimes
    from imgsearch.features.base import Preprocess
    identity = {"model": "tiny", "weights": "w1", "layer": "conv", "dim": 4, "preprocessing": "p"}
    model = runtimes.onnx_file(_tiny_backbone(), identity, 16)
    runtimes.write_card("k" * 32, identity, 16, Preprocess(), None)
    assert runtimes.read_card("k" * 32, "onnx")["identity"] == identity   # the genuine one loads
    card_path = cache / "cards" / ("k" * 32 + ".json")
    genuine = json.loads(card_path.read_text())
    (cache / "elsewhere.onnx").write_bytes(model)
    forged = {**genuine, "onnx": "../../elsewhere.onnx"}
    for card, signed in ((forged, False), (forged, True),
                         ({**genuine, "identity": {**identity, "model": "resnet50"}}, False),
                         ({**genuine, "onnx_sha256": "0" * 64}, True)):
        body = {k: v for k, v in card.items() if k != "signature"}
        if signed:        # even signed with the right key, a name outside the cache is refused
            body["signature"] = runtimes._signed("imgsearch card v1", body)
        else:
            body["signature"] = genuine["signature"]
        card_path.write_text(json.dumps(body))
        assert runtimes.read_card("k" * 32, "onnx") is None, card
    card_path.write_text(json.dumps(genuine))
    runtimes.onnx_path(identity, 16).write_bytes(model + b"\0")      # the file it names changed
    assert runtimes.read_card("k" * 32, "onnx") is None


# -- fitted maps -------------------------------------------------------------------------------
@pytest.fixture
def mapped(tmp_path, digits_dir):
    import shutil
    src = tmp_path / "src"
    for f in sorted(digits_dir.glob("digits/*/*.png"))[::40]:
        (src / f.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copy(f, src / f.parent.name / f.name)
    home = tmp_path / "home"
    imgsearch.index_images(src, "m", model="pixels", size=8, home=home, workers=0, progress=False)
    with imgsearch.open_collection("m", home=home) as col:
        col.build_map("pca")
        coords = col.store.coords("pca").sort_values("image_id")
    return home, home / "m" / "maps" / "pca.joblib", coords


def _unplace(home, ids=(1, 2)):
    with imgsearch.open_collection("m", home=home) as col:
        with col.store.cursor() as cur:
            cur.execute(f"DELETE FROM coords WHERE image_id IN {tuple(ids)}")


class Payload:
    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def _planted_with_another_key(tmp_path, marker, path, monkeypatch):
    """What someone who can write the home but not read this user's key can make."""
    from imgsearch.analysis import mapfile
    mine = os.environ["IMGSEARCH_KEY_FILE"]
    monkeypatch.setenv("IMGSEARCH_KEY_FILE", str(tmp_path / "attacker.key"))
    mapfile.save({"pca": Payload(marker)}, path, "pca")
    monkeypatch.setenv("IMGSEARCH_KEY_FILE", mine)


@pytest.mark.parametrize("plant", ["plain pickle", "signed with another key"])
def test_a_planted_map_pickle_never_runs(mapped, tmp_path, monkeypatch, plant):
    home, path, coords = mapped
    marker = tmp_path / "pwned"
    if plant == "plain pickle":
        joblib.dump({"pca": Payload(marker)}, path)
    else:
        _planted_with_another_key(tmp_path, marker, path, monkeypatch)
    _unplace(home)                                          # two images wait for placing
    r = _cli(home, "map", "-c", "m", "--method", "pca")
    assert r.returncode == 2 and "pca.joblib was not loaded" in r.stderr and "fsck" in r.stderr
    assert _cli(home, "info", "-c", "m").returncode == 0
    r = _cli(home, "fsck", "-c", "m")
    assert r.returncode == 1 and "pca.joblib" in r.stdout + r.stderr
    svc = Service(Config.load(home=home, workers=0, progress=False))
    try:
        api = TestClient(create_app(svc, token=""), raise_server_exceptions=False)
        r = api.post("/collections/m/map/place", params={"method": "pca"})
        assert r.status_code == 409 and "was not loaded" in r.json()["detail"]
    finally:
        svc.close()
    assert not marker.exists()
    r = _cli(home, "fsck", "-c", "m", "--repair")
    assert r.returncode == 0 and "refitted the pca map" in r.stdout + r.stderr
    assert not marker.exists()
    assert _cli(home, "fsck", "-c", "m").returncode == 0
    with imgsearch.open_collection("m", home=home) as col:  # refitted from the same vectors
        again = col.store.coords("pca").sort_values("image_id")
    assert np.allclose(np.abs(again[["x", "y"]].to_numpy()), np.abs(coords[["x", "y"]].to_numpy()), atol=1e-4)


def test_an_unsigned_map_from_before_signing_is_refitted_by_fsck_repair(mapped):
    """The migration: a map written by an older imgsearch (a bare joblib file) is not loaded;
    `fsck` names it, `fsck --repair` refits it, and placing works again."""
    from imgsearch.analysis import mapfile
    home, path, coords = mapped
    joblib.dump(mapfile.load(path, "pca"), path)             # what the older version wrote
    with pytest.raises(mapfile.Refused, match="no signature"):
        mapfile.load(path, "pca")
    _unplace(home, (3,))
    assert _cli(home, "fsck", "-c", "m").returncode == 1
    assert _cli(home, "fsck", "-c", "m", "--repair").returncode == 0
    assert mapfile.load(path, "pca")["pca"].n_components_ == 2
    assert _cli(home, "map", "-c", "m", "--method", "pca").returncode == 0
    assert json.loads(_cli(home, "info", "-c", "m", "--json").stdout)["unmapped"] == {"pca": 0}


def test_a_map_others_may_write_or_a_symlinked_map_is_refused(mapped, tmp_path):
    from imgsearch.analysis import mapfile
    _, path, _ = mapped
    assert mapfile.load(path, "pca")["pca"].n_components_ == 2
    assert os.stat(path).st_mode & 0o777 == 0o600
    os.chmod(path, 0o666)
    with pytest.raises(mapfile.Refused, match="only this user may write"):
        mapfile.load(path, "pca")
    os.chmod(path, 0o600)
    os.replace(path, tmp_path / "real.joblib")
    path.symlink_to(tmp_path / "real.joblib")
    with pytest.raises(mapfile.Refused, match="symlink"):
        mapfile.load(path, "pca")


@pytest.mark.parametrize("link", ["symlink", "hard link"])
def test_temporary_names_planted_as_links_are_never_written_through(mapped, tmp_path, link):
    """Every file of a collection is written under a temporary name, then renamed into place:
    a link planted at that name while the collection is open is never written through."""
    from imgsearch.analysis import rerank
    home, _, _ = mapped
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    with imgsearch.open_collection("m", home=home) as col:
        for name in ("manifest.json.tmp", "vectors.faiss.tmp", "maps/pca.joblib.tmp", "rerank.npz.tmp"):
            if link == "symlink":
                (col.dir / name).symlink_to(victim)
            else:
                os.link(victim, col.dir / name)
        col.build_map("pca", refit=True)             # the map and the manifest
        col.remove([1])                              # the vectors
        with col.job():
            rerank.prepare(col)                      # the re-ranking sets
        assert (col.dir / "rerank.npz").is_file() and not (col.dir / "rerank.npz").is_symlink()
    assert victim.read_text() == "precious\n"
    assert _cli(home, "fsck", "-c", "m").returncode == 0


def test_the_signing_key_is_private_and_refused_when_it_is_not(tmp_path, monkeypatch):
    key_file = tmp_path / "cfg" / "imgsearch" / "signing.key"
    monkeypatch.delenv("IMGSEARCH_KEY_FILE")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    assert signing.key_path() == key_file
    mac = signing.sign("test", b"data")
    assert os.stat(key_file).st_mode & 0o777 == 0o600 and len(key_file.read_bytes()) == 32
    assert signing.verify("test", b"data", mac) and not signing.verify("other", b"data", mac)
    signing._keys.clear()
    os.chmod(key_file, 0o644)
    with pytest.raises(signing.KeyProblem, match="chmod 600"):
        signing.key()
