"""One rule for an id query everywhere (the image itself first, rank 1; exclude_self leaves
it out), and every hit carries its rank beside a score whose meaning the result states."""
import json
import os
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

import imgsearch
from imgsearch.api.service import Service
from imgsearch.frontends.rest.app import create_app


@pytest.fixture(scope="module")
def home(digits_dir, tmp_path_factory):
    home = tmp_path_factory.mktemp("rank")
    imgsearch.index_images(digits_dir, "d", model="pixels", size=8, home=home, workers=0,
                           labels=digits_dir / "labels.csv", progress=False)
    return home


def test_python_rank_score_and_the_self_rule(home):
    with imgsearch.open_collection("d", home=home) as col:
        for rerank in ("none", "kreciprocal", "qe"):
            res = col.search(7, k=8, rerank=rerank)
            assert [h.rank for h in res.hits] == list(range(1, 9))
            assert res.hits[0].image_id == 7 and res.hits[0].score == pytest.approx(1.0)
            assert "score: cosine similarity" in res.ordered_by
            without = col.search(7, k=8, rerank=rerank, exclude_self=True)
            assert 7 not in [h.image_id for h in without.hits] and len(without.hits) == 8
            assert [h.rank for h in without.hits] == list(range(1, 9))
            assert [h.image_id for h in without.hits][:7] == [h.image_id for h in res.hits][1:8]
        reranked = col.search(7, k=8, rerank="kreciprocal")
        assert reranked.rerank == "kreciprocal" and "need not decrease" in reranked.ordered_by
        assert "rank" in reranked.to_frame().columns


def test_rest_follows_the_same_rule(home):
    service = Service(imgsearch.Config.load(home=home, workers=0, progress=False))
    api = TestClient(create_app(service, token=""), raise_server_exceptions=False)
    try:
        got = api.get("/collections/d/images/7/neighbours", params={"k": 5}).json()
        assert got["hits"][0]["image_id"] == 7 and got["hits"][0]["rank"] == 1
        assert got["ordered_by"]
        out = api.get("/collections/d/images/7/neighbours",
                      params={"k": 5, "exclude_self": True}).json()
        assert 7 not in [h["image_id"] for h in out["hits"]] and len(out["hits"]) == 5
        body = api.post("/collections/d/search/vector",
                        json={"image_id": 7, "k": 5, "exclude_self": True}).json()
        assert [h["image_id"] for h in body["hits"]] == [h["image_id"] for h in out["hits"]]
    finally:
        service.close()


def test_cli_shows_rank_and_says_what_the_score_is(home):
    env = {**os.environ, "IMGSEARCH_HOME": str(home), "IMGSEARCH_PROGRESS": "0"}
    run = lambda *a: subprocess.run([sys.executable, "-m", "imgsearch", *a], env=env,  # noqa: E731
                                    capture_output=True, text=True, timeout=300)
    table = run("search", "--id", "7", "-c", "d", "-k", "3")
    assert table.returncode == 0, table.stderr
    assert table.stdout.split()[0] == "rank" and "order:" in table.stderr
    rows = json.loads(run("search", "--id", "7", "-c", "d", "-k", "3", "--exclude-self",
                          "--json").stdout)
    assert [r["rank"] for r in rows] == [1, 2, 3] and 7 not in [r["image_id"] for r in rows]
    wrong = run("search", "-c", "d", "--exclude-self", "--text", "x")
    assert wrong.returncode == 2 and "--exclude-self goes with --id" in wrong.stderr
