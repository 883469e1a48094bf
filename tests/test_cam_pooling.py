"""Class-activation pooling (`--pooling cam`): the last convolution's map averaged over the
positions where the predicted class's activation map is positive, for models with a linear
head; checked against a computation of its own, across runtimes, and on what it is for."""
import numpy as np
import pytest
import skimage.data
import torch
import torchvision.models as tvm
from click.testing import CliRunner
from PIL import Image

import imgsearch
from imgsearch.errors import ModelError
from imgsearch.features import ModelSpec, load_model
from imgsearch.frontends.cli import main


def _images() -> list[Image.Image]:
    return [Image.fromarray(getattr(skimage.data, n)()).convert("RGB")
            for n in ("chelsea", "coffee", "astronaut", "rocket", "camera")]


def _by_hand(images, preprocess) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(layer4 maps N x 512 x 7 x 7, logits, head weights) of torchvision's resnet18 with the
    weights imgsearch's `random` builds (seed 0), read with a forward hook."""
    with torch.random.fork_rng():
        torch.manual_seed(0)
        net = tvm.resnet18(weights=None).eval()
    seen = {}
    net.layer4.register_forward_hook(lambda mod, inp, out: seen.update(map=out))
    with torch.inference_mode():
        logits = net(torch.from_numpy(np.stack([preprocess(im) for im in images])))
    return seen["map"].numpy(), logits.numpy(), net.fc.weight.detach().numpy()


def test_cam_pooling_of_resnet18_is_the_class_weighted_average():
    images = _images()
    cam = load_model(ModelSpec(name="resnet18", weights="random", pooling="cam", runtime="torch"))
    avg = load_model(ModelSpec(name="resnet18", weights="random", pooling="avg", runtime="torch"))
    assert cam.dim == 512 and cam.layer == "cam of the input of avgpool (weighted by fc's predicted class)"
    got = cam.embed_images(images)
    assert got.features.shape == (5, 512)
    # deterministic, and the same through ONNX Runtime (the CPU's default runtime)
    np.testing.assert_array_equal(cam.embed_images(images).features, got.features)
    onnx = load_model(ModelSpec(name="resnet18", weights="random", pooling="cam", runtime="onnx"))
    assert onnx.runtime == "onnx"
    np.testing.assert_allclose(onnx.embed_images(images).features, got.features, rtol=1e-3, atol=1e-4)
    # the definition, computed here from the hooked map: weights max(w_c . F, 0), summing to 1
    fmap, logits, w = _by_hand(images, cam.preprocess)
    pred = logits.argmax(1)
    act = np.maximum(np.einsum("nc,nchw->nhw", w[pred], fmap), 0)
    assert (act.reshape(5, -1).sum(1) > 0).all()     # these images all have class evidence
    weights = act / act.sum(axis=(1, 2), keepdims=True)
    want = np.einsum("nhw,nchw->nc", weights, fmap)
    np.testing.assert_allclose(got.features, want, rtol=1e-4, atol=1e-5)
    # against average pooling: the same map read elsewhere. Where the class evidence is, the
    # predicted class scores higher (sum a*CAM >= mean CAM for a proportional to max(CAM, 0));
    # the vectors differ, and stay in the same channels (non-negative after the ReLU)
    plain = avg.embed_images(images).features
    np.testing.assert_allclose(plain, fmap.mean(axis=(2, 3)), rtol=1e-4, atol=1e-5)
    w_pred = w[pred]
    score_cam, score_avg = (got.features * w_pred).sum(1), (plain * w_pred).sum(1)
    assert (score_cam > score_avg).all(), (score_cam, score_avg)
    assert (got.features >= 0).all()
    cos = (got.features * plain).sum(1) / np.linalg.norm(got.features, axis=1) / np.linalg.norm(plain, axis=1)
    assert (cos < 0.9999).all() and (cos > 0.3).all(), cos


def test_cam_pooling_brings_one_object_on_other_backgrounds_together():
    """What it is for: with ImageNet weights (the offline EfficientNet-Lite0), the same cat
    pasted on four different photos is nearer itself under cam pooling than under average
    pooling, which also reads the backgrounds."""
    cat = Image.fromarray(skimage.data.chelsea()).resize((180, 140))

    def on(background):
        out = Image.fromarray(background).convert("RGB").resize((320, 320))
        out.paste(cat, (70, 90))
        return out
    images = [on(getattr(skimage.data, n)()) for n in ("coffee", "rocket", "brick", "grass")]
    sims = {}
    for pooling in ("avg", "cam"):
        m = load_model(ModelSpec(runtime="torch", pooling=pooling, view="whole"))
        out = m.embed_images(images)
        assert set(m.class_names(out.pred_index)) == {"Egyptian cat"}
        f = out.features / np.linalg.norm(out.features, axis=1, keepdims=True)
        sims[pooling] = (f @ f.T)[np.triu_indices(4, 1)]
    assert (sims["cam"] > sims["avg"] + 0.05).all(), sims


def test_models_without_a_linear_head_are_refused_in_one_line(tmp_path):
    with pytest.raises(ModelError, match="pixels model has neither") as e:
        load_model(ModelSpec(name="pixels", pooling="cam"))
    assert e.value.param == "pooling"
    with pytest.raises(ModelError, match="squeezenet1_1 has no linear head") as e:
        load_model(ModelSpec(name="squeezenet1_1", weights="random", pooling="cam", runtime="torch"))
    assert e.value.param == "pooling"
    with pytest.raises(ModelError, match="leave out --layer"):
        load_model(ModelSpec(name="resnet18", weights="random", pooling="cam", layer="layer3",
                             runtime="torch"))
    # a linear head that does not read the pooled last convolution (VGG's reads 4,096 values)
    with pytest.raises(ModelError, match="head to read the pooled last convolution"):
        load_model(ModelSpec(name="vgg11", weights="random", pooling="cam", runtime="torch"))


def test_index_with_cam_pooling(tmp_path):
    """`imgsearch index --pooling cam` from the CLI: recorded in the manifest, refused for the
    pixels model in one line."""
    from imgsearch.demo import write_digits
    write_digits(tmp_path / "img", n=12, size=32)
    env = {"IMGSEARCH_HOME": str(tmp_path / "home"), "IMGSEARCH_PROGRESS": "0"}
    r = CliRunner().invoke(main, ["index", str(tmp_path / "img"), "-c", "d", "--model",
                                  "resnet18", "--weights", "random", "--pooling", "cam",
                                  "--workers", "0"], env=env)
    assert r.exit_code == 0, r.output
    with imgsearch.open_collection("d", home=tmp_path / "home", progress=False) as col:
        assert col.info().layer.startswith("cam of the input of avgpool")
        assert col.manifest.model_args["pooling"] == "cam" and col.vector_count() == 12
    r = CliRunner().invoke(main, ["index", str(tmp_path / "img"), "-c", "p", "--model", "pixels",
                                  "--pooling", "cam"], env=env)
    assert r.exit_code != 0 and "pixels model has neither" in r.output
    assert "Traceback" not in r.output and len(r.output.strip().splitlines()) <= 2, r.output
