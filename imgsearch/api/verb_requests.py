"""The request models of the verbs beside index and map (those are in requests.py): search,
explain, evaluate, the exports, tagging and removing, importing predictions and vectors,
compare and timeline, fsck. Each holds the verb's parameters, their defaults, bounds and help,
written once; what the verb acts on (a query, an output file, an uploaded file) stays an
argument of its own.

From a model: the verb's Python signature (`takes` below), the REST body (frontends/rest/bodies.py subclasses it) or the route's query
parameters (`Annotated[Model, Query()]`), the remote client's request (`sent` below), and the
CLI options that are not spelled by hand (frontends/cli/options.py `request_options`).
tests/test_verb_requests.py checks that the Python verbs, the REST routes and the CLI commands
take every field, by the same name and with the same default: a new parameter of a verb is one
field here (and the stage code that uses it)."""
from __future__ import annotations

import functools
import inspect
import operator
import types
import typing
from typing import Literal

from pydantic import BaseModel, Field, create_model

from .bounds import MAX_IDS, Filters, ImageId
from .requests import SEED

WHERE = "Filter on catalog columns, e.g. \"label = 'dog'\"."
SPACE = "The collection's embedding space to search (default: its own)."
Ids = list[ImageId]


class SearchRequest(BaseModel):
    """How to search, whatever the query (an indexed image, an uploaded one, a vector, words)."""
    k: int = Field(10, ge=1, le=1000, description="How many hits.")
    where: str | None = Field(None, description=WHERE)
    filters: Filters = Field(None, description="{column: [values]} an image must match.")
    min_score: float | None = Field(None, ge=-1.0, le=1.0, description="Lowest cosine similarity.")
    rerank: str | None = Field(None, description=(
        "Re-rank: k-reciprocal neighbours (auto: when the collection has its neighbour graph), "
        "query expansion, or none (plain cosine order)."))
    # an image_id query: leave the image itself out (by default it comes first, rank 1)
    exclude_self: bool = Field(False, description=(
        "With an image id: leave the image itself out (by default it comes first, rank 1)."))
    space: str | None = Field(None, max_length=64, description=SPACE)


class ExplainRequest(BaseModel):
    image_id: ImageId
    k: int = Field(10, ge=1, le=1000, description="Neighbours shown per class.")


class EvaluateRequest(BaseModel):
    sample: int = Field(5000, ge=100, le=100_000, description=(
        "Images the silhouette is computed on (it compares every pair)."))
    seed: int = SEED


class MetascatterRequest(BaseModel):
    prefix: str | None = Field(None, description="Make Paths relative to this folder.")
    method: str = Field("umap", description="The map to export.")
    where: str | None = Field(None, max_length=4000, description=WHERE)
    all_maps: bool = Field(False, description="Add every other stored map as <method>_coords_0/1.")
    ids: Ids | None = Field(None, max_length=MAX_IDS, description="Only these images.")
    spelling: str = Field("documented", description=(
        "Paths/X-Coord/Y-Coord, or the sample script's Image_path/<method>_coords_0."))


class ParquetRequest(BaseModel):
    where: str | None = Field(None, max_length=4000, description=WHERE)


class SubsetRequest(BaseModel):
    where: str | None = Field(None, max_length=4000, description=WHERE)
    exclude_tag: str | None = Field("exclude", description="Leave out the images with this tag.")
    prefix: str | None = Field(None, description="Make paths relative to this folder.")
    ids: Ids | None = Field(None, max_length=MAX_IDS, description="Only these images.")


class TagRequest(BaseModel):
    ids: Ids = Field(..., max_length=MAX_IDS, description="Image ids.")
    tag: str = Field(..., description="The tag, e.g. exclude or relabel:dog.")


class IdsRequest(BaseModel):
    ids: Ids = Field(..., max_length=MAX_IDS, description="Image ids.")


class PredictionsRequest(BaseModel):
    """Your predictions per image: the file is the verb's argument."""
    name: str | None = Field(None, description=(
        "The file's name, whose extension says its format (.csv or .parquet)."))
    classes: list[str] | None = Field(None, description=(
        "Class names naming the entries of a list column of probabilities (prob_<class> "
        "columns name themselves)."))


class VectorsRequest(BaseModel):
    """Vectors made elsewhere into a space: the Parquet or .npy file is the verb's argument."""
    space: str = Field(..., max_length=64, description=(
        "The space to hold the vectors (created; importing into it again replaces them)."))
    paths: bytes | str | None = Field(None, description=(
        "With an .npy matrix: the images' paths, one a line, in the rows' order."))
    postprocess: Literal["center", "whiten", "none"] | None = Field(None, description=(
        "Post-processing fitted on the imported vectors (default center)."))
    name: str | None = Field(None, description=(
        "The file's name, whose extension says its format (.parquet or .npy)."))


class CompareRequest(BaseModel):
    """Two collections of the same images: the other one is the verb's argument."""
    k: int = Field(10, ge=1, le=1000, description="Neighbours compared per image.")


class TimelineRequest(BaseModel):
    spaces: list[str] = Field(..., max_length=200, description=(
        "Spaces of the collection, in order (checkpoints, layers)."))
    k: int = Field(10, ge=1, le=100, description="Neighbours compared per image.")


class FsckRequest(BaseModel):
    repair: bool = Field(False, description="Make catalog, vectors and manifest agree.")


def takes(model: type[BaseModel], first=(), last=()):
    """A verb written `def verb(self, <first>, **args)` takes `first`, then the model's fields
    in their order, then `last` ((name, default) pairs), each by position or by name, as a
    function with those parameters would (help() shows them; an unknown name is a
    TypeError). Its body gets every field by name, defaults filled in."""
    P = inspect.Parameter
    params = [P("self", P.POSITIONAL_OR_KEYWORD), *(P(n, P.POSITIONAL_OR_KEYWORD) for n in first)]
    for name, info in model.model_fields.items():
        default = P.empty if info.is_required() else info.get_default(call_default_factory=True)
        params.append(P(name, P.POSITIONAL_OR_KEYWORD, default=default,
                        annotation=_plain(info.annotation)))
    params += [P(n, P.POSITIONAL_OR_KEYWORD, default=d) for n, d in last]

    def mark(fn):
        sig = inspect.Signature(params, return_annotation=fn.__annotations__.get("return", P.empty))

        @functools.wraps(fn)
        def verb(*given, **named):
            try:
                bound = sig.bind(*given, **named)
            except TypeError as e:           # as Python says it of any function
                raise TypeError(f"{fn.__name__}() {e}") from None
            bound.apply_defaults()
            args = dict(bound.arguments)
            leading = [args.pop(n) for n in ("self", *first)]
            return fn(*leading, **args)
        verb.__signature__ = sig
        verb.request = model
        return verb
    return mark


def _plain(annotation):
    """The annotation without its validation markers (what help() should show): `list[int]`
    for `list[Annotated[int, Field(ge=...)]]`."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        return _plain(args[0])
    if origin is list:
        return list[_plain(args[0])]
    if origin in (typing.Union, types.UnionType):
        return functools.reduce(operator.or_, (_plain(a) for a in args))
    return annotation


def sent(model: type[BaseModel], given: dict, skip=()) -> dict:
    """The model's fields out of a verb's arguments (its `locals()`): what a client sends. A
    field the verb does not take is a KeyError here, and a test failure before that."""
    return {n: given[n] for n in model.model_fields if n not in skip}


def merged(name: str, *models: type[BaseModel]) -> type[BaseModel]:
    """One model with the fields of several (the first one's spelling of a shared field):
    the query parameters of a route that serves several verbs."""
    found: dict = {}
    for model in models:
        for field, info in model.model_fields.items():
            found.setdefault(field, (info.annotation, info))
    return create_model(name, **found)


def without(model: type[BaseModel], *names: str) -> type[BaseModel]:
    """The model less some fields (those a route takes from its path)."""
    return create_model(f"{model.__name__}Query", **{
        n: (f.annotation, f) for n, f in model.model_fields.items() if n not in names})
