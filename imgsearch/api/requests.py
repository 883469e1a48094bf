"""One request model per verb that takes more than a name (pydantic): its parameters, their
defaults, bounds and help, written once.

The REST routes take these as bodies (frontends/rest/bodies.py names them for the OpenAPI
schema), the remote client sends their fields, the local verb takes them as keyword arguments
(`verb_signature` gives it the model's signature), and the CLI builds its options from them
(frontends/cli/options.py). A new parameter of a verb is one field here; one that the model
loader takes is marked `Spec()` and reaches `ModelSpec` by itself.
"""
from __future__ import annotations

import inspect
import os
from typing import Annotated, Literal

from pydantic import BaseModel, Field


SEED = Field(0, ge=0, le=2**31 - 1, description="Random seed.")


class Spec:
    """Marks a request field that is a parameter of the model (features.ModelSpec), under the
    ModelSpec field `name` (the request's own name when None)."""
    def __init__(self, name: str | None = None):
        self.name = name


class IndexRequest(BaseModel):
    """Index a folder (recursively) or a CSV of paths."""
    source: str
    labels: str | None = Field(None, description=(
        "`folder` (class-per-folder: the first folder below the indexed one, or below train/, "
        "val/, test/, is the label; that folder the split), or a CSV or Parquet file of "
        "path,label,... to import."))
    model: Annotated[str | None, Spec("name")] = Field(None, description=(
        "efficientnet-lite0 (default, offline), efficientnet-lite2, a torchvision name, pixels, "
        "or onnx (your own network exported to ONNX, given as weights)."))
    weights: Annotated[str | None, Spec()] = Field(None, description=(
        "Your checkpoint (a state dict file; with --model onnx, the .onnx file), or `random` for "
        "the untrained architecture."))
    layer: Annotated[str | None, Spec()] = Field(None, description=(
        "Module or graph node to take features from (default: the input of the head)."))
    classes: Annotated[str | None, Spec()] = Field(None, description="Class names, one per line.")
    size: Annotated[int | None, Spec()] = Field(None, ge=1, le=512, description=(
        "Side length for --model pixels (default 32)."))
    runtime: str | None = Field(None, description=(
        "Inference runtime (auto: ONNX Runtime on the CPU, torch on a GPU)."))
    postprocess: Literal["center", "whiten", "none"] | None = Field(None, description=(
        "Collection-level post-processing, fixed by the first run (default center)."))
    pooling: Annotated[Literal["avg", "gem", "max", "cam"] | None, Spec()] = Field(None, description=(
        "Pooling of the feature map (default gem for EfficientNet-Lite, else avg; gem and max "
        "pool the last convolution's map; cam averages it where the predicted class's "
        "activation map is positive, for models with a linear head)."))
    view: Annotated[Literal["crop", "whole"] | None, Spec()] = Field(None, description=(
        "What the model sees: the whole image resized to its input (default for "
        "EfficientNet-Lite) or the centre crop (torchvision's evaluation transform)."))
    precision: Annotated[Literal["fp32", "int8"] | None, Spec()] = Field(None, description=(
        "int8: the default model quantised (faster on CPUs with int8 units; neighbours agree "
        "with fp32's at overlap@10 >= 0.95); fixed by the first run."))
    prune: bool = Field(False, description="Remove images whose files have vanished.")
    space: str | None = Field(None, max_length=64, description=(
        "Embed into this named space of the collection (created on first use) the images it "
        "has already catalogued, with this space's own model; default: the collection's own."))
    index: str | None = Field(None, description=(
        "Vector index (auto: flat below 200k, then HNSW; IVF-SQ8/IVF-PQ if memory is short; "
        "ivfpq-ondisk: IVF-PQ memory-mapped from disk, for more than RAM)."))
    allow_roots: list[str] = Field([], description=(
        "Folders CSV paths may point into besides the CSV's own."))
    runner: Literal["local", "ray"] = Field("local", description=(
        "local: this process; ray: decode and embed on a Ray cluster."))
    # a service joins only the cluster it was started with (IMGSEARCH_RAY_ADDRESS): joining a
    # Ray cluster means exchanging pickled code with it
    ray_address: str | None = Field(None, max_length=300, description=(
        "With --runner ray: auto, ray://HOST:10001 or HOST:PORT (default: IMGSEARCH_RAY_ADDRESS, "
        "else a local Ray)."))


class MapRequest(BaseModel):
    method: str = "umap"
    pca_dims: int = Field(50, ge=2, le=1024)
    neighbors: int = Field(15, ge=2, le=1000)
    min_dist: float = Field(0.1, ge=0.0, le=1.0)
    seed: int = SEED
    refit: bool = False
    fit_sample: int = Field(50_000, ge=0, description=(
        "Fit the map on this many images (stratified by label when there are labels) and place "
        "the rest with the fitted reducer; 0: fit on every image."))
    supervised: bool = Field(False, description=(
        "UMAP with the labels as its target (unlabelled images count as unknown): classes "
        "pull apart on the map, which then shows the labels as well as the vectors."))
    target_weight: float = Field(0.5, ge=0.0, le=1.0, description=(
        "With --supervised: 0 lays out by the vectors only, 1 by the labels only."))


# -- the Python side of a request model ------------------------------------------------------
def fields(model: type[BaseModel], skip=()) -> dict:
    return {n: f for n, f in model.model_fields.items() if n not in skip}


def spec_fields(model: type[BaseModel]) -> dict[str, str]:
    """{request field: ModelSpec field} of the fields marked Spec()."""
    out = {}
    for name, info in model.model_fields.items():
        for mark in info.metadata:
            if isinstance(mark, Spec):
                out[name] = mark.name or name
    return out


def python_args(model: type[BaseModel], verb: str, given: dict, skip=()) -> dict:
    """Every field of the model, as given or by its default, for a verb called from Python.
    Values are not validated here (the verb's own checks answer as they always have); an
    unknown name is a TypeError, as for any Python function."""
    known = fields(model, skip)
    unknown = [n for n in given if n not in known]
    if unknown:
        raise TypeError(f"{verb}() got an unexpected keyword argument {unknown[0]!r}")
    out = {n: f.get_default(call_default_factory=True) for n, f in known.items()}
    out.update({n: os.fspath(v) if isinstance(v, os.PathLike) else v for n, v in given.items()})
    return out


def verb_signature(model: type[BaseModel], first=(), last=(), skip=()) -> inspect.Signature:
    """The signature of a verb that takes a model's fields as keyword arguments: `first`
    (positional) and `last` (keyword) parameters around them."""
    params = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    params += [inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD) for n in first]
    for name, info in fields(model, set(skip) | set(first)).items():
        params.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY,
                                        default=info.get_default(call_default_factory=True),
                                        annotation=info.annotation))
    params += [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=d) for n, d in last]
    return inspect.Signature(params)


def with_signature(model: type[BaseModel], first=(), last=(), skip=()):
    """Give a `def verb(self, source, progress=None, **options)` the model's full signature
    (what help() and editors show)."""
    def mark(fn):
        sig = verb_signature(model, first, last, skip)
        fn.__signature__ = sig.replace(return_annotation=fn.__annotations__.get("return", sig.empty))
        fn.request = model
        return fn
    return mark

