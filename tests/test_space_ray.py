"""A space filled by the Ray runner (`index --space S --runner ray`): the images the collection
catalogued are decoded and embedded on a local Ray, and the space gets the same vectors and
predictions as one filled by the local runner."""
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

import imgsearch
from imgsearch.errors import InvalidArgument

from .test_ray import needs_ray


def _network(folder: Path) -> Path:
    """A small untrained CNN with a 3-class head, exported to ONNX, and its class names."""
    torch = pytest.importorskip("torch")
    pytest.importorskip("onnx")
    from torch import nn
    torch.manual_seed(0)
    net = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
                        nn.Flatten(), nn.Linear(4, 3))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(net.eval(), torch.zeros(1, 3, 16, 16), str(folder / "net.onnx"),
                          dynamo=False)
    (folder / "classes.txt").write_text("a\nb\nc\n")
    return folder / "net.onnx"


def _by_id(ids: np.ndarray, vectors: np.ndarray):
    """Rows in image-id order: Ray hands batches back in the order they finish, so a space
    filled on Ray stores its rows in another order than one filled locally."""
    order = np.argsort(ids, kind="stable")
    return ids[order], vectors[order]


@needs_ray
def test_a_space_filled_on_ray_equals_one_filled_locally(tmp_path, digits_dir):
    import ray
    from imgsearch.pipeline.spaces import predictions
    src = digits_dir / "digits" / "5"
    net = _network(tmp_path)
    home = tmp_path / "h"
    imgsearch.index_images(src, "r", model="pixels", size=8, home=home, workers=0)
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        with imgsearch.open_collection("r", home=home, workers=0) as c:
            args = dict(model="onnx", weights=net, classes=tmp_path / "classes.txt")
            report = c.index(src, space="on_ray", runner="ray", **args)
            assert report.indexed == len(c.ids()) and "on Ray" in report.notes[0]
            c.index(src, space="here", **args)
            ids, there = _by_id(*c.in_space("on_ray").raw_vectors())
            ids2, here = _by_id(*c.in_space("here").raw_vectors())
            assert ids.tolist() == ids2.tolist() and len(ids) == len(c.ids())
            np.testing.assert_allclose(there, here, rtol=1e-5, atol=1e-6)
            a = predictions(c, "on_ray").sort_values("image_id").reset_index(drop=True)
            b = predictions(c, "here").sort_values("image_id").reset_index(drop=True)
            assert a["prediction"].tolist() == b["prediction"].tolist() and len(a) == len(ids)
            np.testing.assert_allclose(a["confidence"], b["confidence"], rtol=1e-5)
            assert c.index(src, space="on_ray", runner="ray").indexed == 0    # nothing left
            with pytest.raises(InvalidArgument, match="a Ray address needs the ray runner"):
                c.index(src, space="x", ray_address="auto", model="pixels")
    finally:
        ray.shutdown()


def test_without_ray_a_space_on_ray_says_how_to_install(monkeypatch, tmp_path, digits_dir):
    from click.testing import CliRunner
    from imgsearch.frontends.cli import main
    home, src = tmp_path / "h", digits_dir / "digits" / "2"
    imgsearch.index_images(src, "n", model="pixels", size=8, home=home, workers=0)
    monkeypatch.setenv("IMGSEARCH_HOME", str(home))
    monkeypatch.setitem(sys.modules, "ray", None)     # `import ray` now fails
    result = CliRunner().invoke(main, ["index", str(src), "-c", "n", "--space", "p4", "--model",
                                       "pixels", "--size", "4", "--runner", "ray", "--no-progress"])
    assert result.exit_code != 0
    assert "the Ray runner needs Ray" in result.output and "pip install -e '.[ray]'" in result.output
    assert len(result.output.strip().splitlines()) == 1, result.output
    with imgsearch.open_collection("n", home=home, workers=0) as c:
        assert [s.name for s in c.spaces()] == ["default"]        # nothing left behind
