"""The feature sources and what each can do, for callers that hold a stored model identity
(a collection's manifest) and must not load the model to ask it.

A zoo source reads every model at the same place and records that place as the identity's
layer (features/__init__.py takes it from here); that is how a source recognises the
identities its models made. Sources whose layer the user picks (torchvision,
EfficientNet-Lite) or that have no model (pixels) claim no capability.

Nothing heavy is imported here (no torch).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    name: str
    layer: str | None = None        # the identity's layer for every model of this source
    supports_text: bool = False     # has a text encoder: a sentence can be a query

    def recognises(self, identity: dict | None) -> bool:
        return bool(identity) and self.layer is not None and identity.get("layer") == self.layer


SOURCES: dict[str, Source] = {s.name: s for s in (
    Source("efficientnet-lite"),
    Source("torchvision"),
    Source("pixels"),
    Source("timm", layer="pre-logits"),
    Source("openclip", layer="image embedding", supports_text=True),
)}


def source_of(identity: dict | None) -> Source | None:
    """The source whose models make such an identity (None: not one with a fixed layer)."""
    return next((s for s in SOURCES.values() if s.recognises(identity)), None)


def supports_text(identity: dict | None) -> bool:
    """Whether the model behind a stored identity can embed text queries."""
    source = source_of(identity)
    return source is not None and source.supports_text
