"""The default model ships inside the package: a core install without torch indexes, searches,
maps and answers REST searches with it, and gives the features and identity that the torch
export gives (so collections built either way match)."""
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

import imgsearch
from imgsearch.features import bundled_model, load_model

ROOT = Path(__file__).resolve().parent.parent

CORE_RUN = textwrap.dedent('''
    import importlib.util, json, sys
    assert importlib.util.find_spec("torch") is None, "torch is installed in the core venv"
    try:
        import torch  # noqa: F401
        raise SystemExit("import torch worked")
    except ImportError:
        pass
    import numpy as np
    import imgsearch
    from fastapi.testclient import TestClient
    from imgsearch.api.service import Service
    from imgsearch.frontends.rest.app import create_app
    photos, home = sys.argv[1], sys.argv[2]
    imgsearch.index_images(photos, "photos", home=home, workers=1, progress=False)
    with imgsearch.open_collection("photos", home=home) as col:
        hits = col.search(photos + "/chelsea__flip.jpg", k=3).hits
        col.build_map("umap")
        ids, vectors = col.raw_vectors()
        identity = col.manifest.model.model_dump()
    service = Service(imgsearch.Config.load(home=home, workers=0, progress=False))
    api = TestClient(create_app(service, token=""))
    with open(photos + "/chelsea__flip.jpg", "rb") as f:
        answer = api.post("/collections/photos/search/image", files={"file": ("q.jpg", f)})
    service.close()
    assert answer.status_code == 200, answer.text
    assert "torch" not in sys.modules, sorted(m for m in sys.modules if "torch" in m)
    np.save(home + "/vectors.npy", vectors)
    np.save(home + "/ids.npy", ids)
    print(json.dumps({"first": hits[0].path, "rest_first": answer.json()["hits"][0]["path"],
                      "identity": identity}))
''')


@pytest.fixture(scope="module")
def core_venv(tmp_path_factory):
    """A venv with imgsearch's core dependencies only (`pip install -e .`): no torch."""
    venv = tmp_path_factory.mktemp("core") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    done = subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "-e", str(ROOT)],
                          capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, done.stderr[-3000:]
    return venv


def _run(venv, *args, env=None, **kw):
    return subprocess.run([str(venv / "bin" / args[0]), *map(str, args[1:])], capture_output=True,
                          text=True, timeout=900, env={**os.environ, **(env or {})}, **kw)


def test_the_core_install_runs_the_default_path_without_torch(core_venv, photos_dir, tmp_path):
    home = tmp_path / "home"
    done = _run(core_venv, "python", "-c", CORE_RUN, photos_dir / "photos", home, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert Path(out["first"]).name.startswith("chelsea") and out["first"] == out["rest_first"]
    # the same identity and the same vectors as a build with torch in this process
    with imgsearch.open_collection("photos", home=home) as col:
        assert col.manifest.model.model_dump() == out["identity"]
    torch_model = load_model(runtime="torch", cached=False)
    assert torch_model.identity() == {k: out["identity"][k] for k in torch_model.identity()}
    ids = np.load(home / "ids.npy")
    with imgsearch.open_collection("photos", home=home) as col:
        paths = dict(zip(col.table(columns=["image_id", "path"])["image_id"],
                         col.table(columns=["image_id", "path"])["path"]))
    from PIL import Image
    images = [Image.open(paths[i]).convert("RGB") for i in ids[:6]]
    ref = torch_model.embed(np.stack([torch_model.preprocess(im) for im in images])).features
    got = np.load(home / "vectors.npy")[:6]
    cos = (ref * got).sum(1) / np.linalg.norm(ref, axis=1) / np.linalg.norm(got, axis=1)
    assert cos.min() >= 0.9999, cos


def test_without_torch_the_cli_says_what_to_install(core_venv, photos_dir, tmp_path):
    env = {"IMGSEARCH_HOME": str(tmp_path / "home"), "IMGSEARCH_PROGRESS": "0"}
    models = _run(core_venv, "imgsearch", "models", env=env)
    assert models.returncode == 0 and models.stdout.split() == ["efficientnet-lite0", "pixels"]
    assert "pip install 'imgsearch[torch]'" in models.stderr
    photos = photos_dir / "photos"
    needs = _run(core_venv, "imgsearch", "index", photos, "-c", "r", "--model", "resnet18",
                 env=env)
    assert needs.returncode == 2 and "pip install 'imgsearch[torch]'" in needs.stderr
    assert "Traceback" not in needs.stderr and len(needs.stderr.strip().splitlines()) <= 2
    index = _run(core_venv, "imgsearch", "index", photos, "-c", "p", env=env)
    assert index.returncode == 0, index.stderr[-2000:]
    search = _run(core_venv, "imgsearch", "search", photos / "chelsea__flip.jpg", "-c", "p",
                  "-k", "2", "--json", env=env)
    assert search.returncode == 0 and "chelsea" in search.stdout


def test_a_fresh_export_matches_the_shipped_model(tmp_path, photos_dir):
    pytest.importorskip("torch")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "export_default_model.py"),
                           "--out", str(tmp_path)], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    fresh = json.loads((tmp_path / "efficientnet-lite0.json").read_text())
    shipped = bundled_model.card()
    for key in ("weights", "input_size", "classes"):
        assert fresh[key] == shipped[key], key
    assert set(fresh["exports"]) == set(shipped["exports"]) == {"gem", "avg"}
    from imgsearch.features import runtimes
    from PIL import Image
    model = load_model(cached=False)
    assert model.runtime == "onnx" and model.spec.pooling == "gem"     # the default is shipped
    batch = np.stack([model.preprocess(Image.open(p).convert("RGB"))
                      for p in sorted((photos_dir / "photos").glob("*.jpg"))[:8]])
    for pooling, export in fresh["exports"].items():
        assert export["layer"] == shipped["exports"][pooling]["layer"]
        a = runtimes.onnx_runner((tmp_path / export["onnx"]).read_bytes(), 1)(batch)[0]
        b = runtimes.onnx_runner(bundled_model.model_bytes(pooling), 1)(batch)[0]
        cos = (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)
        assert cos.min() >= 0.9999, (pooling, cos)


def test_every_shipped_variant_is_what_torch_builds(photos_dir):
    """The shipped exports serve both poolings and both views with torch's identity and
    features, so collections built before GeM was the default keep working without torch."""
    pytest.importorskip("torch")
    from PIL import Image
    from imgsearch.features import ModelSpec
    images = [Image.open(p).convert("RGB") for p in sorted((photos_dir / "photos").glob("*.jpg"))[:4]]
    for pooling in ("gem", "avg"):
        for view in ("whole", "crop"):
            spec = dict(pooling=pooling, view=view)
            shipped = load_model(ModelSpec(**spec, runtime="onnx"), cached=False)
            ref = load_model(ModelSpec(**spec, runtime="torch"), cached=False)
            assert shipped.identity() == ref.identity(), spec
            a, b = shipped.embed_images(images).features, ref.embed_images(images).features
            cos = (a * b).sum(1) / np.linalg.norm(a, axis=1) / np.linalg.norm(b, axis=1)
            assert cos.min() >= 0.999, (spec, cos)


def test_a_damaged_shipped_file_is_refused(tmp_path, monkeypatch):
    import shutil
    from imgsearch.errors import ModelError
    from imgsearch.features import ModelSpec
    folder = tmp_path / "bundled"
    shutil.copytree(bundled_model.FOLDER, folder)
    with open(folder / "efficientnet-lite0-gem.onnx", "r+b") as f:
        f.seek(5000)
        f.write(b"\0" * 64)
    monkeypatch.setattr(bundled_model, "FOLDER", folder)
    bundled_model.card.cache_clear()
    try:
        spec = ModelSpec().with_(pooling="gem", normalize="inception", view="whole")
        with pytest.raises(ModelError, match="does not match its card"):
            bundled_model.load(spec, "onnx")
    finally:
        bundled_model.card.cache_clear()
