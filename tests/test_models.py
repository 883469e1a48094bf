import urllib.error

import pytest
import skimage.data
import torch
import torchvision.models as tvm
from PIL import Image

from imgsearch.errors import ModelError
from imgsearch.models import load_model


def test_offline_default_labels_chelsea_as_a_cat():
    m = load_model()
    out = m.embed_images([Image.fromarray(skimage.data.chelsea())])
    assert out.features.shape == (1, 1280) and m.dim == 1280
    assert m.class_names(out.pred_index)[0] in {"Egyptian cat", "tabby", "tiger cat"}
    assert 0 < out.confidence[0] <= 1
    assert m.identity()["weights"].startswith("sha256:")


def test_pixels_model_has_no_head():
    m = load_model("pixels", size=8)
    out = m.embed_images([Image.fromarray(skimage.data.astronaut())])
    assert out.features.shape == (1, 192) and out.pred_index is None
    with pytest.raises(ModelError, match="--size"):
        load_model("pixels", size=0)


@pytest.mark.parametrize("name,dim", [("resnet18", 512), ("resnet50", 2048),
                                      ("mobilenet_v3_large", 1280), ("efficientnet_b0", 1280),
                                      ("convnext_tiny", 768)])
def test_user_checkpoint_default_layer_is_the_input_of_the_head(tmp_path, name, dim):
    torch.manual_seed(0)
    net = tvm.get_model(name, weights=None, num_classes=3)
    head = [mod for mod in net.modules() if isinstance(mod, torch.nn.Linear)][-1]
    with torch.no_grad():  # make the checkpoint's own head decide: 'dog' by a wide margin
        head.weight.mul_(0.01)
        head.bias.copy_(torch.tensor([0.0, 8.0, 0.0]))
    torch.save(net.state_dict(), tmp_path / "my.pt")
    (tmp_path / "classes.txt").write_text("horse\ndog\ncat\n")
    m = load_model(name, weights=str(tmp_path / "my.pt"), classes=str(tmp_path / "classes.txt"))
    out = m.embed_images([Image.fromarray(skimage.data.chelsea())])
    assert m.dim == dim and out.features.shape == (1, dim)
    assert m.class_names(out.pred_index)[0] == "dog" and out.confidence[0] > 0.9


def test_user_checkpoint_chosen_layer_is_pooled(tmp_path):
    net = tvm.resnet18(weights=None, num_classes=5)
    torch.save({"state_dict": {f"module.{k}": v for k, v in net.state_dict().items()}},
               tmp_path / "wrapped.pth")
    m = load_model("resnet18", weights=str(tmp_path / "wrapped.pth"), layer="layer3")
    assert m.dim == 256 and m.layer == "layer3"
    out = m.embed_images([Image.fromarray(skimage.data.coffee())])
    assert out.features.shape == (1, 256) and out.pred_index is not None
    with pytest.raises(ModelError, match="close matches"):
        load_model("resnet18", weights=str(tmp_path / "wrapped.pth"), layer="layer33")


def test_wrong_checkpoint_and_unknown_model(tmp_path):
    torch.save(tvm.resnet18(weights=None).state_dict(), tmp_path / "r18.pt")
    with pytest.raises(ModelError, match="does not fit resnet50"):
        load_model("resnet50", weights=str(tmp_path / "r18.pt"))
    with pytest.raises(ModelError, match="unknown model 'resnet5'.*resnet50"):
        load_model("resnet5")
    with pytest.raises(ModelError, match="not found"):
        load_model("resnet18", weights=str(tmp_path / "missing.pt"))


def test_failed_download_names_cause_and_fix(monkeypatch):
    def offline(*a, **kw):
        raise urllib.error.URLError("no network")
    monkeypatch.setattr("torchvision.models._api.load_state_dict_from_url", offline)
    with pytest.raises(ModelError, match=r"cannot download.*--weights PATH.*efficientnet-lite0"):
        load_model("resnet18")


def test_cuda_request_without_cuda_is_a_clear_error():
    if torch.cuda.is_available():
        pytest.skip("has CUDA")
    with pytest.raises(ModelError, match="CUDA is not available"):
        load_model("pixels", device="cuda")
    assert load_model("pixels", device="auto").device.type == "cpu"
