"""The four built-in analyses under verbs of their own: each is `analyse(name, ...)` with its
parameters spelled out, written once for the local and the remote implementation (they differ
only in `analyse`)."""
from __future__ import annotations

from ..results import Rows


class NamedAnalyses:
    def label_issues(self, k: int = 10, save: bool = False, method: str | None = None,
                     top: int | None = None) -> Rows:
        """Mislabel suspects, most suspect first (top: only the first so many). method:
        confident (cleanlab's confident learning on your class probabilities, else on a
        cross-validated linear probe; the default) or knn (the similarity-weighted vote of
        the k nearest neighbours)."""
        return self.analyse("label-issues", save, top=top, k=k, method=method)

    def duplicates(self, threshold: float = 0.55, margin: float = 0.05, save: bool = False,
                   verify: bool = True) -> Rows:
        return self.analyse("duplicates", save, threshold=threshold, margin=margin,
                            verify=verify)

    def outliers(self, k: int = 10, save: bool = False, top: int | None = None) -> Rows:
        return self.analyse("outliers", save, top=top, k=k)

    def clusters(self, method: str = "kmeans", k: int | None = None, within_label: bool = False,
                 seed: int = 0, save: bool = False) -> Rows:
        return self.analyse("clusters", save, method=method, k=k, within_label=within_label,
                            seed=seed)
