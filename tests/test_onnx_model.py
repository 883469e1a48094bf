"""--model onnx: the user's own network as an ONNX export, run by ONNX Runtime from the file's
bytes. Its features and logits agree with the network in torch; a layer is chosen by its module
path or tensor name; what cannot be run safely (not ONNX, external weights, custom operators)
is refused in one line."""
import warnings

import numpy as np
import pytest

from imgsearch.errors import ModelError
from imgsearch.features import ModelSpec, load_model

torch = pytest.importorskip("torch")
onnx = pytest.importorskip("onnx")
from torch import nn  # noqa: E402


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 4, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                                      nn.Conv2d(4, 6, 3, padding=1), nn.ReLU(),
                                      nn.AdaptiveAvgPool2d(1), nn.Flatten())
        self.fc = nn.Linear(6, 3)

    def forward(self, x):
        return self.fc(self.features(x))


def _export(net, path, side=12, channels=3, dynamic=False):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(net.eval(), torch.zeros(1, channels, side, side), str(path),
                          input_names=["x"], output_names=["y"], dynamo=False,
                          dynamic_axes={"x": {0: "n"}, "y": {0: "n"}} if dynamic else None)
    return str(path)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    folder = tmp_path_factory.mktemp("onnx")
    torch.manual_seed(0)
    net = Tiny().eval()
    return net, _export(net, folder / "fixed.onnx"), _export(net, folder / "dyn.onnx", dynamic=True)


def _load(path, **kw):
    return load_model(ModelSpec(name="onnx", weights=path, **kw), cached=False)


def test_features_and_logits_agree_with_the_network_in_torch(tiny):
    net, fixed, dynamic = tiny
    x = np.random.default_rng(0).normal(size=(5, 3, 12, 12)).astype(np.float32)
    with torch.no_grad():
        feats, logits = net.features(torch.from_numpy(x)).numpy(), net(torch.from_numpy(x)).numpy()
    for path in (fixed, dynamic):         # a batch fixed at 1 runs image by image
        model = _load(path, classes=["a", "b", "c"])
        assert (model.layer, model.dim, model.runtime, model.classes) == ("input of fc", 6, "onnx",
                                                                          ["a", "b", "c"])
        assert model.preprocess.description == "resize12x12-imagenet-norm"
        out = model.embed(x)
        np.testing.assert_allclose(out.features, feats, rtol=1e-4, atol=1e-5)
        assert out.pred_index.tolist() == logits.argmax(1).tolist()
        assert model.identity()["weights"].startswith("sha256:")


def test_a_layer_by_module_path_or_tensor_name_pooled_as_asked(tiny):
    net, _, path = tiny
    x = np.random.default_rng(1).normal(size=(2, 3, 12, 12)).astype(np.float32)
    with torch.no_grad():
        fmap = net.features[:5](torch.from_numpy(x)).numpy()      # after the second ReLU
    by_module = _load(path, layer="features.4")
    assert (by_module.layer, by_module.dim) == ("features.4", 6)
    np.testing.assert_allclose(by_module.embed(x).features, fmap.mean(axis=(2, 3)), rtol=1e-4,
                               atol=1e-5)
    assert by_module.classes == ["0", "1", "2"]         # the head's outputs, by index
    high = _load(path, layer="features.4", pooling="max")
    assert high.layer == "max of features.4"
    np.testing.assert_allclose(high.embed(x).features, fmap.max(axis=(2, 3)), rtol=1e-4, atol=1e-5)
    tensor = next(n.output[0] for n in onnx.load(path).graph.node if n.op_type == "MaxPool")
    assert _load(path, layer=tensor).dim == 4
    with pytest.raises(ModelError, match=r"layer 'feature.4' not in the network; close matches: "
                                         r"\['features.4'"):
        _load(path, layer="feature.4")


def test_what_cannot_be_run_safely_is_refused_in_one_line(tiny, tmp_path):
    net, _, path = tiny
    torch.save(net.state_dict(), tmp_path / "state.pt")          # a pickle: never unpickled
    refusals = {str(tmp_path / "state.pt"): "is not an ONNX file"}
    model = onnx.load(path)
    onnx.save_model(model, str(tmp_path / "ext.onnx"), save_as_external_data=True,
                    all_tensors_to_one_file=True, location="ext.bin", size_threshold=0)
    refusals[str(tmp_path / "ext.onnx")] = "keeps its weights in other files"
    custom = onnx.load(path)
    custom.graph.node[1].domain = "my.plugins"
    onnx.save_model(custom, str(tmp_path / "custom.onnx"))
    refusals[str(tmp_path / "custom.onnx")] = "custom domain 'my.plugins'"
    gray = nn.Sequential(nn.Conv2d(1, 2, 3), nn.Flatten(), nn.Linear(200, 2))
    refusals[_export(gray, tmp_path / "gray.onnx", channels=1)] = "takes a 1x1x12x12 input"
    refusals[str(tmp_path / "none.onnx")] = "weights file not found"
    for file, reason in refusals.items():
        with pytest.raises(ModelError, match=reason) as err:
            _load(file)
        assert "\n" not in str(err.value)
    with pytest.raises(ModelError, match="give its file as weights"):
        load_model(ModelSpec(name="onnx"), cached=False)
    with pytest.raises(ModelError, match="ONNX Runtime on the CPU"):
        _load(path, runtime="torch")
    with pytest.raises(ModelError, match="2 class names for the 3 outputs"):
        _load(path, classes=["a", "b"])


def test_a_space_of_an_onnx_network_through_the_service(tiny, home, digits_dir):
    """The remote client uploads the .onnx file as the weights; the service's space has the
    same vectors as one made locally with the same file."""
    from fastapi.testclient import TestClient
    from imgsearch.api.remote import RemoteClient
    from imgsearch.api.service import Service
    from imgsearch.config import Config
    from imgsearch.frontends.rest.app import create_app
    _, _, path = tiny
    src = digits_dir / "digits" / "3"
    svc = Service(Config.load(home=home, workers=0, progress=False))
    try:
        local = svc.collection("o", create=True)
        local.index(src, model="pixels", size=8)
        secret = "0123456789abcdef" * 4
        remote = RemoteClient("http://testserver", None, secret=secret)
        remote.http = TestClient(create_app(svc, token="", secret=secret),
                                 headers={"X-Imgsearch-Secret": secret})
        report = remote.collection("o").index(str(src), model="onnx", weights=path, space="net")
        assert report.indexed == len(local.ids())
        local.index(src, model="onnx", weights=path, space="here")
        ids, there = local.in_space("net").raw_vectors()
        ids2, here = local.in_space("here").raw_vectors()
        assert ids.tolist() == ids2.tolist()
        np.testing.assert_allclose(there, here, rtol=1e-5, atol=1e-6)
        info = {s.name: s for s in local.spaces()}
        assert (info["net"].model, info["net"].dim, info["net"].weights) == \
            ("onnx", 6, info["here"].weights)
    finally:
        svc.close()
