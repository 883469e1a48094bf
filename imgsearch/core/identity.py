"""Whether a model may add vectors to a collection (or one of its spaces): the same model,
weights, layer and precision that built the vectors there."""
from __future__ import annotations


def check_identity(col, identity: dict) -> None:
    from ..errors import ModelMismatch
    space = getattr(col, "space_name", "default")
    where = f"collection {col.name!r}" if space == "default" else f"space {space!r} of {col.name!r}"
    mine = col.manifest.model.model_dump() if col.manifest.model else None
    # A collection's vectors come from one precision (features/base.py PRECISIONS): the
    # fp32 and int8 vectors of one image differ (cosine 0.98 to 0.997), so mixing them would
    # score an image against its own copy below 1. A query vector made in the other
    # precision is accepted (search by vector): its neighbours agree at overlap@10 0.97.
    precision, theirs = (mine or {}).get("precision", "fp32"), identity.get("precision", "fp32")
    if mine and precision != theirs:
        raise ModelMismatch(
            f"{where} holds {precision} vectors of {mine['model']}; this "
            f"model is {theirs}", param="precision",
            fix=f"use precision {precision} with this collection, or index into a new one")
    if mine and any(identity.get(k) != mine.get(k) for k in identity):
        diff = ", ".join(f"{k}: {mine.get(k)!r} vs {identity.get(k)!r}"
                         for k in identity if identity.get(k) != mine.get(k))
        raise ModelMismatch(
            f"{where} was built with {mine['model']} ({mine['layer']}); "
            f"this model differs ({diff})", param="model",
            fix="use the collection's model, or index into a new collection" if space == "default"
            else f"use the space's model, or add another space (--space NAME)")
