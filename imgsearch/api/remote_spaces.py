"""The remote collection's verbs of embedding spaces (mixed into remote.RemoteCollection):
list and remove spaces, a timeline over some of them, vectors made elsewhere imported into
one. Every request of a collection seen through a space (`in_space`) names that space."""
from __future__ import annotations

import pandas as pd

from ..analysis.timeline import Timeline
from ..core.spaces import SpaceInfo, VectorImport
from . import query as queries
from .protocol import CollectionAPI
from . import verb_requests as vr
from .verb_requests import takes


class RemoteSpaces:
    """Needs `client`, `name`, `_base`, `_space` and `_get` (remote.RemoteCollection)."""

    def in_space(self, space: str | None = None) -> CollectionAPI:
        """The collection seen through one of its spaces: every request names it."""
        from ..core.spaces import DEFAULT, check_space
        other = type(self)(self.client, self.name)
        other._space = None if check_space(space) == DEFAULT else space
        return other

    @property
    def space_name(self) -> str:
        return self._space or "default"

    def spaces(self) -> list[SpaceInfo]:
        return [SpaceInfo(**s) for s in self._get("/spaces").json()]

    @takes(vr.TimelineRequest)
    def timeline(self, **args) -> Timeline:
        query = {**args, "spaces": list(args["spaces"])}
        return Timeline(**self._get("/timeline", **query).json())

    def predictions(self) -> pd.DataFrame:
        rows = self._get("/predictions").json()
        return pd.DataFrame(rows, columns=["image_id", "prediction", "confidence"])

    def remove_space(self, space: str) -> None:
        from ..core.spaces import check_space
        self.client.request("DELETE", f"{self._base}/spaces/{check_space(space)}")

    @takes(vr.VectorsRequest, first=("data",))
    def import_vectors(self, data, space, paths, postprocess, name) -> VectorImport:
        """Upload a Parquet file (path, vector) or an .npy matrix and its paths."""
        files = queries.vectors_upload(data, paths, name)
        form = {"space": space, **({"postprocess": postprocess} if postprocess else {})}
        r = self.client.post(self._base + "/spaces/import", None, files=files, data=form)
        return VectorImport(**r.json())
