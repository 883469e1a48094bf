"""The REST trust boundary for paths and code: an API client that is not local names server
paths only under the operator's --allow-root folders (403 otherwise), sends labels, class
names and checkpoints as uploads, gets hub models only with --allow-hub-models, and nothing
read from disk ever runs as code. Real files, a real pickle payload, a real FIFO, a real
`imgsearch serve` process."""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pandas as pd
import pytest
import torch
from fastapi.testclient import TestClient

from imgsearch.config import Config
from imgsearch.api.service import Service
from imgsearch.frontends.rest.app import create_app

IMGSEARCH = [sys.executable, "-m", "imgsearch"]
RESAVE = "torch.save(model.state_dict(), 'weights.pt')"


LOCAL_SECRET = "0123456789abcdef" * 4


def local_client(service, **kwargs) -> TestClient:
    """A caller proven to run as the service's own user, the way the CLI proves it: the
    service's secret in X-Imgsearch-Secret (the guard then marks the request local)."""
    return TestClient(create_app(service, token="", secret=LOCAL_SECRET, **kwargs),
                      headers={"X-Imgsearch-Secret": LOCAL_SECRET}, raise_server_exceptions=False)


class Payload:
    """Unpickling this creates `marker`: what a hostile checkpoint would do with os.system."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


@pytest.fixture(scope="module")
def world(tmp_path_factory, digits_dir):
    """allowed/ (the operator's root) holds images and a labels CSV; outside/ holds copies the
    roots do not cover; home/ is the service's."""
    base = tmp_path_factory.mktemp("trust")
    files = [f for d in range(6) for f in sorted(digits_dir.glob(f"digits/{d}/*.png"))[:2]]
    for folder in ("allowed/imgs", "outside/imgs"):
        (base / folder).mkdir(parents=True)
        for f in files:
            (base / folder / f"{f.parent.name}_{f.name}").write_bytes(f.read_bytes())
    rows = pd.DataFrame({"path": sorted(p.name for p in (base / "allowed/imgs").iterdir())})
    rows["label"] = [f"digit-{name[0]}" for name in rows["path"]]
    for folder in ("allowed", "outside"):
        rows.to_csv(base / folder / "labels.csv", index=False)
    (base / "outside/classes.txt").write_text("".join(f"class-{i:04d}\n" for i in range(1000)))
    (base / "allowed/escape.csv").symlink_to(base / "outside/labels.csv")
    evil = base / "outside/evil.pt"
    torch.save({"fc.weight": Payload(base / "pwned")}, evil)
    svc = Service(Config.load(home=base / "home", workers=0, progress=False, runtime="torch"))
    yield {"base": base, "svc": svc, "home": base / "home", "evil": evil, "marker": base / "pwned"}
    svc.close()


def clients(world):
    svc, base = world["svc"], world["base"]
    return (TestClient(create_app(svc, token=""), raise_server_exceptions=False),
            TestClient(create_app(svc, token="", allow_roots=[base / "allowed"]),
                       raise_server_exceptions=False),
            local_client(svc))


def finished(api, job, timeout=300):
    deadline = time.time() + timeout
    while job["state"] in ("queued", "running") and time.time() < deadline:
        time.sleep(0.1)
        job = api.get(f"/jobs/{job['id']}").json()
    return job


def test_the_payload_is_live_and_never_runs(world, tmp_path):
    """The checkpoint really runs code under pickle; imgsearch refuses it over REST (a local
    caller's path and a remote caller's upload) and from the CLI, saying how to re-save."""
    decoy = tmp_path / "decoy"
    torch.save({"fc.weight": Payload(decoy)}, tmp_path / "decoy.pt")
    torch.load(tmp_path / "decoy.pt", weights_only=False)
    assert decoy.exists()                        # what a pickle load would do

    closed, _, local = clients(world)
    body = {"source": str(world["base"] / "allowed/imgs"), "model": "resnet18",
            "weights": str(world["evil"]), "runtime": "torch"}
    job = finished(local, local.post("/collections/evil1/index", json=body).json())
    assert job["state"] == "failed" and RESAVE in job["message"], job
    with world["evil"].open("rb") as f:
        up = closed.post("/uploads", params={"kind": "weights"}, files={"file": ("w.pt", f)})
    assert up.status_code == 201, up.text
    body["weights"] = up.json()["ref"]
    r = clients(world)[1].post("/collections/evil2/index", json=body)
    job = finished(closed, r.json())
    assert job["state"] == "failed" and RESAVE in job["message"], job
    cli = subprocess.run([*IMGSEARCH, "index", world["base"] / "outside/imgs", "-c", "evil3",
                          "-m", "resnet18", "--weights", world["evil"], "--runtime", "torch"],
                         env={**os.environ, "IMGSEARCH_HOME": str(tmp_path / "clihome"),
                              "IMGSEARCH_PROGRESS": "0"}, capture_output=True, text=True, timeout=300)
    assert cli.returncode == 2 and RESAVE in cli.stderr and len(cli.stderr.strip().splitlines()) == 1
    assert "Traceback" not in cli.stderr
    assert not world["marker"].exists()


def test_weights_planted_in_the_torch_cache_never_run(world, tmp_path, monkeypatch):
    """torchvision loads its cached downloads with weights_only=False by default; imgsearch
    makes it load tensors only."""
    import torchvision
    from urllib.parse import urlparse
    url = torchvision.models.get_model_weights("mobilenet_v3_small").DEFAULT.url
    cache = tmp_path / "torch/hub/checkpoints"
    cache.mkdir(parents=True)
    marker = tmp_path / "planted-ran"
    torch.save({"features.0.weight": Payload(marker)}, cache / Path(urlparse(url).path).name)
    cli = subprocess.run([*IMGSEARCH, "index", world["base"] / "outside/imgs", "-c", "planted",
                          "-m", "mobilenet_v3_small", "--runtime", "torch"],
                         env={**os.environ, "IMGSEARCH_HOME": str(tmp_path / "h"),
                              "TORCH_HOME": str(tmp_path / "torch"), "IMGSEARCH_PROGRESS": "0"},
                         capture_output=True, text=True, timeout=300)
    assert cli.returncode == 2 and "not a plain state dict" in cli.stderr, cli.stderr
    assert not marker.exists()
    # genuine cached weights (a state dict) still load through the same loader
    from imgsearch.features import load_model
    from imgsearch.features.torch_models import torchvision_weights_cached
    torch.save(torchvision.models.mobilenet_v3_small().state_dict(), cache / Path(urlparse(url).path).name)
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    assert torchvision_weights_cached("mobilenet_v3_small")
    model = load_model(name="mobilenet_v3_small", runtime="torch", cached=False)
    assert model.weights_id.startswith("torchvision:") and model.classes[0] == "tench"


@pytest.mark.parametrize("param", ["source", "labels", "classes", "weights", "allow_roots"])
def test_paths_outside_the_roots_are_403(world, param):
    closed, remote, _ = clients(world)
    base = world["base"]
    outside = {"source": base / "outside/imgs", "labels": base / "outside/labels.csv",
               "classes": base / "outside/classes.txt", "weights": world["evil"],
               "allow_roots": base / "outside"}[param]
    body = {"source": str(base / "allowed/imgs"), "model": "pixels", "size": 8}
    body[param] = [str(outside)] if param == "allow_roots" else str(outside)
    for api in (closed, remote) if param == "source" else (remote,):   # no roots: source first
        r = api.post(f"/collections/out-{param}/index", json=body)
        assert r.status_code == 403, r.text
        detail = r.json()
        assert detail["param"] == param and detail["kind"] == "Forbidden"
        assert "--allow-root" in detail["fix"] and "\n" not in detail["detail"]
    if param != "source":
        assert "upload" in detail["fix"]
    assert not (world["home"] / f"out-{param}").exists()


def test_a_link_under_a_root_that_leaves_it_is_403(world):
    _, remote, _ = clients(world)
    base = world["base"]
    r = remote.post("/collections/link/index", json={
        "source": str(base / "allowed/imgs"), "labels": str(base / "allowed/escape.csv")})
    assert r.status_code == 403 and r.json()["param"] == "labels"
    r = remote.post("/collections/link/index", json={"source": "allowed/imgs"})   # relative
    assert r.status_code == 422
    assert not (world["home"] / "link").exists()


def test_paths_are_checked_again_when_the_job_starts(world, tmp_path):
    """A folder under the root that became a link out of it while the job waited in line."""
    from imgsearch.errors import Forbidden
    from imgsearch.frontends.rest import trust
    base = world["base"]
    roots = trust.operator_roots([base / "allowed"])
    swap = base / "allowed/swap"
    swap.mkdir()
    trust.recheck(str(swap), {"labels": None}, world["home"], roots)
    swap.rmdir()
    swap.symlink_to(base / "outside/imgs")
    try:
        with pytest.raises(Forbidden):
            trust.recheck(str(swap), {"labels": None}, world["home"], roots)
        work = trust.index_work({"source": str(swap)}, False, world["home"], roots)
        with pytest.raises(Forbidden):
            work(None, None)
    finally:
        swap.unlink()


def test_paths_inside_an_allowed_root_work(world):
    _, remote, _ = clients(world)
    base = world["base"]
    r = remote.post("/collections/inside/index", json={
        "source": str(base / "allowed/imgs"), "labels": str(base / "allowed/labels.csv"),
        "model": "pixels", "size": 8})
    assert r.status_code == 202, r.text
    job = finished(remote, r.json())
    assert job["state"] == "done" and job["result"]["indexed"] == 12, job
    assert sorted(remote.get("/collections/inside/values/label").json()) == [
        f"digit-{d}" for d in sorted({p.name[0] for p in (base / "allowed/imgs").iterdir()})]


def test_uploaded_labels_classes_and_weights_end_to_end(world, tmp_path):
    """A remote client (not local) indexes an allowed folder with a labels CSV, a class list
    and a state-dict checkpoint that exist only on its side: each is uploaded."""
    from imgsearch.frontends.rest.client import RemoteClient
    import torchvision
    base = world["base"]
    weights = tmp_path / "mine.pt"
    torch.manual_seed(0)
    torch.save(torchvision.models.mobilenet_v3_small().state_dict(), weights)
    labels = tmp_path / "labels.csv"
    labels.write_bytes((base / "outside/labels.csv").read_bytes())
    client = RemoteClient("http://testserver", None)
    client.http = clients(world)[1]
    assert getattr(client, "local", False) is False
    report = client.collection("uploaded", create=True).index(
        base / "allowed/imgs", model="mobilenet_v3_small", weights=weights, labels=labels,
        classes=base / "outside/classes.txt", runtime="torch")
    assert report.indexed == 12
    api = clients(world)[1]
    assert set(api.get("/collections/uploaded/values/label").json()) >= {"digit-0", "digit-1"}
    predictions = api.get("/collections/uploaded/values/prediction").json()
    assert predictions and all(p.startswith("class-") for p in predictions)
    info = api.get("/collections/uploaded").json()
    import hashlib
    assert info["weights"] == "sha256:" + hashlib.sha256(weights.read_bytes()).hexdigest()
    stored = {p.name: p for p in (world["home"] / ".uploads").iterdir()}
    assert hashlib.sha256(labels.read_bytes()).hexdigest() in stored
    assert all(p.stat().st_mode & 0o077 == 0 for p in stored.values())   # the service's own


def test_uploads_are_capped_content_addressed_and_checked(world, tmp_path):
    svc = Service(Config.load(home=tmp_path / "home", max_upload_bytes=1000, progress=False))
    api = TestClient(create_app(svc, token=""), raise_server_exceptions=False)
    try:
        first = api.post("/uploads", params={"kind": "labels"}, files={"file": ("a", b"path\nx\n")})
        again = api.post("/uploads", params={"kind": "classes"}, files={"file": ("b", b"path\nx\n")})
        assert first.status_code == again.status_code == 201
        assert first.json()["ref"] == again.json()["ref"] and first.json()["ref"].startswith("upload:")
        big = api.post("/uploads", params={"kind": "labels"}, files={"file": ("c", b"x" * 5000)})
        assert big.status_code == 413
        assert len(list((tmp_path / "home/.uploads").iterdir())) == 1     # nothing else kept
        assert api.post("/uploads", params={"kind": "code"}, files={"file": ("d", b"x")}).status_code == 422
        src = str(world["base"] / "allowed/imgs")
        local = local_client(svc)
        for ref in ("upload:" + "0" * 64, "upload:../../etc/passwd", "upload:"):
            r = local.post("/collections/u/index", json={"source": src, "labels": ref})
            assert r.status_code == 422 and r.json()["param"] == "labels", r.text
        assert local.post("/collections/u/index", json={"source": first.json()["ref"]}).status_code == 422
        assert not (tmp_path / "home/u").exists()
    finally:
        svc.close()


def test_dev_zero_and_a_fifo_are_refused_at_once_and_the_next_job_runs(world, tmp_path):
    _, _, local = clients(world)
    fifo = tmp_path / "labels.fifo"
    os.mkfifo(fifo)
    src = str(world["base"] / "allowed/imgs")
    for bad, kind in (("/dev/zero", "character device"), (str(fifo), "FIFO")):
        for param in ("labels", "classes"):
            t0 = time.monotonic()
            r = local.post("/collections/fifo/index", json={"source": src, param: bad})
            assert time.monotonic() - t0 < 5
            assert r.status_code == 422 and kind in r.json()["detail"], r.text
    assert not (world["home"] / "fifo").exists()
    # the same files reaching the job itself (as the CLI passes them) are refused there too
    import imgsearch
    t0 = time.monotonic()
    with pytest.raises(imgsearch.InvalidArgument, match="FIFO"):
        imgsearch.index_images(src, "fifo-local", model="pixels", size=8, labels=fifo,
                               home=tmp_path / "h", workers=0, progress=False)
    assert time.monotonic() - t0 < 30
    r = local.post("/collections/after/index", json={"source": src, "model": "pixels", "size": 8,
                                                       "labels": str(world["base"] / "allowed/labels.csv")})
    assert finished(local, r.json())["state"] == "done"
    from imgsearch.frontends.rest.client import RemoteClient
    with pytest.raises(imgsearch.InvalidArgument, match="FIFO"):     # a client never sends one
        RemoteClient("http://127.0.0.1:9", None).upload(fifo, "labels")
    # a FIFO as the checkpoint of the default model, from the CLI: refused, not read forever
    cli = subprocess.run([*IMGSEARCH, "index", src, "-c", "fifo-cli", "--weights", fifo],
                         env={**os.environ, "IMGSEARCH_HOME": str(tmp_path / "h2"),
                              "IMGSEARCH_PROGRESS": "0"}, capture_output=True, text=True, timeout=120)
    assert cli.returncode == 2 and "FIFO" in cli.stderr, cli.stderr


def test_hub_models_need_the_operators_flag(world):
    from imgsearch.features.torch_models import torchvision_weights_cached
    from imgsearch.frontends.rest import trust
    closed, remote, local = clients(world)
    src = str(world["base"] / "allowed/imgs")
    for model in ("timm/hf-hub:someone/anything", "openclip/ViT-B-32", "timm/resnet18.a1_in1k"):
        r = remote.post("/collections/hub/index", json={"source": src, "model": model})
        assert r.status_code == 403 and "--allow-hub-models" in r.json()["fix"], r.text
    if not torchvision_weights_cached("squeezenet1_1"):
        r = remote.post("/collections/hub/index", json={"source": src, "model": "squeezenet1_1"})
        assert r.status_code == 403, r.text
    trust.check_model("timm/hf-hub:someone/anything", None, allow_hub=True)   # the operator's choice
    trust.check_model("timm/resnet18", "random", allow_hub=False)             # no download
    # the model a collection was built with is on this machine: asking for it again is allowed
    from types import SimpleNamespace as NS
    built = NS(collections=lambda: ["clip"], collection=lambda name: NS(manifest=NS(
        model_args={"name": "openclip/ViT-B-32", "weights": None})))
    assert trust._already_built_with(built, "clip", {"model": "openclip/ViT-B-32", "weights": None})
    assert not trust._already_built_with(built, "clip", {"model": "openclip/RN50", "weights": None})
    assert not trust._already_built_with(built, "other", {"model": "openclip/ViT-B-32"})
    assert not (world["home"] / "hub").exists()


@pytest.mark.parametrize("change,param", [({"index": "bogus"}, "index"),
                                          ({"model": "resnet9000"}, "model"),
                                          ({"runtime": "tpu"}, "runtime"),
                                          ({"source": "/no/such/folder"}, "source"),
                                          ({"weights": "/no/such.pt"}, "weights")])
def test_bad_requests_are_422_before_anything_exists(world, change, param):
    _, _, local = clients(world)
    body = {"source": str(world["base"] / "allowed/imgs"), "model": "pixels", "size": 8, **change}
    jobs = len(local.get("/jobs").json())
    r = local.post("/collections/never/index", json=body)
    assert r.status_code == 422 and r.json()["param"] == param, r.text
    assert not (world["home"] / "never").exists() and len(local.get("/jobs").json()) == jobs


def test_a_real_service_keeps_clients_to_its_roots(tmp_path, world):
    """`imgsearch serve --allow-root DIR` as a process, asked over HTTP by a client that is
    not local: inside the root (with uploaded labels) it indexes, outside it is 403."""
    base = world["base"]
    home = tmp_path / "home"
    env = {**os.environ, "IMGSEARCH_HOME": str(home), "IMGSEARCH_PROGRESS": "0"}
    env.pop("IMGSEARCH_API_TOKEN", None)
    proc = subprocess.Popen([*IMGSEARCH, "serve", "--port", "0", "--allow-root", base / "allowed"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 60
        while not (home / ".imgsearch-service.json").exists():
            assert proc.poll() is None and time.time() < deadline, proc.stderr.read()
            time.sleep(0.2)
        time.sleep(0.2)
        url = json.loads((home / ".imgsearch-service.json").read_text())["url"]
        with httpx.Client(base_url=url, timeout=120) as http:
            ref = http.post("/uploads", params={"kind": "labels"}, files={
                "file": ("l.csv", (base / "outside/labels.csv").read_bytes())}).json()["ref"]
            r = http.post("/collections/real/index", json={
                "source": str(base / "allowed/imgs"), "labels": ref, "model": "pixels", "size": 8})
            assert r.status_code == 202, r.text
            job = finished(http, r.json())
            assert job["state"] == "done" and job["result"]["indexed"] == 12, job
            assert "digit-0" in http.get("/collections/real/values/label").json()
            r = http.post("/collections/real2/index", json={"source": str(base / "outside/imgs")})
            assert r.status_code == 403 and "--allow-root" in r.json()["fix"]
        assert not (home / "real2").exists()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
