"""The REST API through FastAPI's TestClient: every route, its errors (401/404/413/422/409),
and a schemathesis run over the OpenAPI schema that must find no server error."""
import io
import time

import pytest
import skimage.data
from fastapi.testclient import TestClient
from PIL import Image

import imgsearch
from imgsearch.config import Config
from imgsearch.api.service import Service
from imgsearch.frontends.rest.app import create_app

TOKEN = "s3cret-token"


@pytest.fixture(scope="module")
def service(digits_dir, photos_dir, tmp_path_factory):
    home = tmp_path_factory.mktemp("rest_home")
    imgsearch.index_images(digits_dir, "digits", model="pixels", size=8,
                           labels=digits_dir / "labels.csv", home=home, workers=0, progress=False)
    with imgsearch.open_collection("digits", home=home) as col:
        col.build_map("pca")
    svc = Service(Config.load(home=home, workers=0, progress=False))
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def api(service):
    return TestClient(create_app(service, token=""), raise_server_exceptions=False)


LOCAL_SECRET = "0123456789abcdef" * 4


def local_client(service, **kwargs) -> TestClient:
    """A caller proven to run as the service's own user, the way the CLI proves it: the
    service's secret in X-Imgsearch-Secret (the guard then marks the request local)."""
    return TestClient(create_app(service, token="", secret=LOCAL_SECRET, **kwargs),
                      headers={"X-Imgsearch-Secret": LOCAL_SECRET}, raise_server_exceptions=False)


@pytest.fixture(scope="module")
def local_api(service):
    return local_client(service)


def _png(img=None) -> bytes:
    buf = io.BytesIO()
    (img or Image.fromarray(skimage.data.astronaut())).save(buf, "PNG")
    return buf.getvalue()


def test_health_and_collections(api):
    assert api.get("/healthz").json()["ok"] is True
    assert "digits" in api.get("/collections").json()
    info = api.get("/collections/digits").json()
    assert info["indexed"] == 1797 and info["model"] == "pixels" and info["maps"] == ["pca"]
    assert api.get("/collections/nope").status_code == 404
    assert api.get("/collections/bad%20name").status_code == 422
    assert api.get("/openapi.json").status_code == 200 and api.get("/docs").status_code == 200


def test_search_by_upload_by_id_and_by_vector(api, digits_dir):
    one = sorted(digits_dir.glob("digits/4/*.png"))[0]
    r = api.post("/collections/digits/search/image", params={"k": 5},
                 files={"file": ("q.png", one.read_bytes(), "image/png")})
    assert r.status_code == 200, r.text
    hits = r.json()["hits"]
    assert len(hits) == 5 and hits[0]["path"] == str(one) and hits[0]["score"] >= 0.999
    assert set(hits[0]) >= {"image_id", "path", "score", "label", "prediction", "confidence"}
    image_id = hits[0]["image_id"]
    r = api.get(f"/collections/digits/images/{image_id}/neighbours",
                params={"k": 4, "where": "label = '4'"})
    assert r.status_code == 200 and all(h["label"] == "4" for h in r.json()["hits"])
    assert r.json()["hits"][0]["image_id"] == image_id
    vec = api.post("/collections/digits/search/vector", json={"image_id": image_id, "k": 1}).json()
    assert vec["hits"][0]["image_id"] == image_id
    r = api.post("/collections/digits/search/vector", json={"vector": [0.5] * 192, "k": 3,
                                                            "filters": {"label": ["7"]}})
    assert r.status_code == 200 and [h["label"] for h in r.json()["hits"]] == ["7"] * 3


@pytest.mark.parametrize("call,status", [
    (lambda a: a.post("/collections/digits/search/vector", json={"vector": [1.0] * 5}), 409),
    (lambda a: a.post("/collections/digits/search/vector", json={"k": 3}), 422),
    (lambda a: a.post("/collections/digits/search/vector", json={"vector": [1.0] * 192, "k": 0}), 422),
    (lambda a: a.get("/collections/digits/images/1/neighbours", params={"where": "bogus = 1"}), 422),
    (lambda a: a.get("/collections/digits/images/1/neighbours", params={"where": "1=1; DROP TABLE images"}), 422),
    (lambda a: a.get("/collections/digits/images/99999999"), 404),
    (lambda a: a.get("/collections/digits/images/99999999/neighbours"), 404),
    (lambda a: a.post("/collections/digits/search/image", files={"file": ("x.jpg", b"not an image")}), 422),
    (lambda a: a.post("/collections/digits/search/image", files={"file": ("x.png", b"x" * (21 << 20))}), 413),
    (lambda a: a.post("/collections/digits/search/image",
                      files={"file": ("b.png", _png(Image.new("L", (10_000, 10_000))))}), 413),
    (lambda a: a.get("/collections/digits/map", params={"method": "umap"}), 404),
    (lambda a: a.get("/jobs/nope"), 404),
    (lambda a: a.post("/collections/digits/tags", json={"ids": [1], "tag": "bad tag!"}), 422),
    (lambda a: a.get("/collections/digits/export/zip"), 404),
    (lambda a: a.post("/collections/digits/analyses/astrology", json={}), 404),
])
def test_errors_are_statuses_with_a_detail(api, call, status):
    r = call(api)
    assert r.status_code == status, r.text
    assert r.json()["detail"]


def test_images_files_and_thumbnails(api):
    meta = api.get("/collections/digits/images/3").json()
    assert meta["image_id"] == 3 and meta["label"] is not None
    f = api.get("/collections/digits/images/3/file")
    assert f.status_code == 200 and f.headers["content-type"] == "image/png"
    t = api.get("/collections/digits/images/3/thumbnail", params={"size": 64})
    assert t.status_code == 200 and Image.open(io.BytesIO(t.content)).size[0] <= 64
    assert api.get("/collections/digits/images/3/thumbnail", params={"size": 5}).status_code == 422
    rows = api.get("/collections/digits/images", params={"where": "label = '1'", "limit": 5}).json()
    assert len(rows) == 5 and all(r["label"] == "1" for r in rows)
    assert "label" in api.get("/collections/digits/columns").json()


def test_map_json_and_arrow(api):
    import pyarrow as pa
    m = api.get("/collections/digits/map").json()
    assert m["method"] == "pca" and len(m["columns"]["image_id"]) == 1797 and m["unplaced"] == 0
    r = api.get("/collections/digits/map", params={"format": "arrow"})
    table = pa.ipc.open_stream(r.content).read_all()
    assert table.num_rows == 1797 and {"image_id", "x", "y", "label"} <= set(table.column_names)
    assert len(r.content) < len(api.get("/collections/digits/map").content)


def test_analyses_get_never_writes_and_post_saves(api):
    before = api.get("/collections/digits/images", params={"columns": ["outlier_score"], "limit": 3}).json()
    assert all(r["outlier_score"] is None for r in before)
    assert len(api.get("/collections/digits/outliers", params={"top": 5}).json()) == 5
    assert all(r["outlier_score"] is None for r in api.get(
        "/collections/digits/images", params={"columns": ["outlier_score"], "limit": 3}).json())
    assert api.post("/collections/digits/analyses/outliers", json={"params": {"k": 5}}).json() == 1797
    assert all(r["outlier_score"] is not None for r in api.get(
        "/collections/digits/images", params={"columns": ["outlier_score"], "limit": 3}).json())
    assert api.get("/collections/digits/confusion").json()["pairs"]
    assert api.get("/collections/digits/explain/5").json()["verdict"]
    assert api.get("/collections/digits/label-issues", params={"top": 3}).status_code == 200
    assert api.get("/collections/digits/duplicates").status_code == 200
    assert api.get("/collections/digits/clusters", params={"k": 3}).status_code == 200
    assert api.get("/collections/digits/compare/digits").json()["overlap_mean"] > 0.99


def test_tags_exports_and_jobs(api, local_api, digits_dir, tmp_path):
    assert api.post("/collections/digits/tags", json={"ids": [1, 2], "tag": "review"}).json() == 2
    assert api.post("/collections/digits/untag", json={"ids": [2], "tag": "review"}).json() == 1
    csv = api.get("/collections/digits/export/metascatter", params={"method": "pca"}).text
    assert csv.startswith("Paths,X-Coord,Y-Coord")
    subset = api.get("/collections/digits/export/subset", params={"exclude_tag": "review"}).text
    assert len(subset.strip().splitlines()) == 1 + 1796
    assert api.get("/collections/digits/export/parquet").content[:4] == b"PAR1"
    small = tmp_path / "small"
    small.mkdir()
    for f in sorted(digits_dir.glob("digits/5/*.png"))[:6]:
        (small / f.name).write_bytes(f.read_bytes())
    job = local_api.post("/collections/fresh/index", json={"source": str(small), "model": "pixels",
                                                            "size": 8}).json()
    assert job["state"] in ("queued", "running", "done")
    for _ in range(600):
        job = api.get(f"/jobs/{job['id']}").json()
        if job["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert job["state"] == "done", job
    assert job["result"]["indexed"] == 6 and job["total"] == 6 and job["done"] == 6
    bad = local_api.post("/collections/fresh/index", json={"source": "/no/such/folder"})
    assert bad.status_code == 422 and "not a folder" in bad.json()["detail"]   # before any job
    fsck = api.post("/collections/fresh/fsck").json()
    for _ in range(100):
        fsck = api.get(f"/jobs/{fsck['id']}").json()
        if fsck["state"] == "done":
            break
        time.sleep(0.1)
    assert fsck["result"]["ok"] is True


def test_auth_when_a_token_is_set(service):
    api = TestClient(create_app(service, token=TOKEN), raise_server_exceptions=False)
    assert api.get("/healthz").status_code == 200
    for path in ("/collections", "/collections/digits", "/collections/digits/map", "/jobs"):
        assert api.get(path).status_code == 401
        assert api.get(path, headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert api.get(path, headers={"Authorization": TOKEN}).status_code == 401
    ok = api.get("/collections", headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200 and "digits" in ok.json()


def test_serve_refuses_a_public_address_without_a_token(tmp_path, monkeypatch):
    from imgsearch.frontends.rest.server import serve
    monkeypatch.delenv("IMGSEARCH_API_TOKEN", raising=False)
    with pytest.raises(imgsearch.InvalidArgument, match="without an API token"):
        serve(Config.load(home=tmp_path), host="0.0.0.0", port=0)


@pytest.fixture(scope="module")
def rest_schema(service):
    import schemathesis
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(service, token=""))
    # jobs that write (index, map, fsck, remove, save) are covered above, not fuzzed
    return schema.exclude(path_regex="/index$|/map$|/fsck$|/remove$|/analyses/|/place$")


def test_schemathesis_finds_no_server_error(rest_schema):
    """Every read route, fed generated cases from its own OpenAPI description."""
    from hypothesis import HealthCheck, given, settings
    checked = 0
    for result in rest_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)
        def check(case):
            response = case.call()
            assert response.status_code < 500, (case.method, case.path, response.text[:300])
        check()
        checked += 1
    assert checked >= 20


HOSTILE_PATHS = ["/etc/passwd", "/dev/zero", "..", "../../../../../etc/passwd", "/",
                 "/proc/self/environ", "./../..", "%2e%2e%2fetc%2fpasswd", "~root/.bashrc"]


@pytest.fixture(scope="module")
def authed_schema(service):
    import schemathesis
    app = create_app(service, token=TOKEN)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app,
                                            headers={"Authorization": f"Bearer {TOKEN}"})
    return schema.exclude(path_regex="/index$|/map$|/fsck$|/remove$|/analyses/|/place$")


def test_schemathesis_with_a_token_and_hostile_paths(authed_schema, digits_dir):
    """The same routes behind a token: without the header every one is 401; with it, cases
    whose string fields (path, query, body) are swapped for hostile paths find no server
    error, and nothing is ever served from outside the indexed folder."""
    import hashlib
    from hypothesis import HealthCheck, given, settings, strategies as st
    served = {hashlib.sha256(f.read_bytes()).digest() for f in digits_dir.rglob("*.png")}
    auth = {"Authorization": f"Bearer {TOKEN}"}
    checked, swapped = 0, [0]
    for result in authed_schema.get_all_operations():
        operation = result.ok()
        refused = []

        @given(case=operation.as_strategy(), data=st.data())
        @settings(max_examples=5, deadline=None, suppress_health_check=list(HealthCheck),
                  database=None)
        def check(case, data):
            for part in ("path_parameters", "query", "body"):
                values = getattr(case, part, None)
                if isinstance(values, dict):
                    for key, value in list(values.items()):
                        if isinstance(value, str) and data.draw(st.booleans()):
                            values[key] = data.draw(st.sampled_from(HOSTILE_PATHS))
                            swapped[0] += 1
            if not refused and operation.path != "/healthz":
                refused.append(case.call().status_code)
                assert refused == [401], (case.method, case.path, refused)
            response = case.call(headers=auth)
            where = (case.method, case.path, case.path_parameters, case.query)
            assert response.status_code < 500, (*where, response.text[:300])
            assert b"root:x:0:0" not in response.content, where
            if response.status_code == 200 and case.path.endswith("/file"):
                assert hashlib.sha256(response.content).digest() in served, where
        check()
        checked += 1
    assert checked >= 20 and swapped[0] >= 30, (checked, swapped)


def test_a_crafted_map_method_never_reaches_a_file(api, tmp_path):
    """The method names a pickle on disk: only the known names may (found by the attack pass)."""
    import joblib
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))
    joblib.dump(Payload(), tmp_path / "evil.joblib")
    r = api.post("/collections/digits/map/place", params={"method": str(tmp_path / "evil")})
    assert r.status_code == 422 and not marker.exists()


@pytest.mark.parametrize("call", [
    lambda a: a.get("/collections/digits/images", params={"columns": ["nope"]}),
    lambda a: a.post("/collections/digits/search/vector", json={"vector": [1.0] * 192, "filters": {"width": ["abc"]}}),
    lambda a: a.post("/collections/digits/search/vector", json={"vector": [1.0] * 192, "filters": {"added_at": ["x"]}}),
    lambda a: a.get("/collections/digits/clusters", params={"seed": "1e30"}),
    lambda a: a.get("/collections/digits/clusters", params={"seed": 2**40}),
    lambda a: a.post("/collections/digits/analyses/clusters", json={"params": {"k": "abc"}}),
    lambda a: a.post("/collections/digits/analyses/duplicates", json={"params": {"threshold": "x"}}),
    lambda a: a.post("/collections/digits/analyses/outliers", json={"params": {"threshold": 0.5}}),
    lambda a: a.get("/collections/digits/export/subset", params={"prefix": "\0"}),
    lambda a: a.get("/collections/digits/export/subset", params={"ids": [10**30]}),
    lambda a: a.get("/collections/digits/images/99999999999999999999999"),
])
def test_bad_parameters_are_4xx_not_500(api, call):
    r = call(api)
    assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])
