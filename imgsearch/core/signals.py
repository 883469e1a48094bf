"""The saved columns of analyses: which table holds which per-image column, and its SQL type.

The catalog joins every one of them into its view. Analyses declare theirs through
`register_signal` (analysis/registry.py); the four built in are also created by the catalog's
schema, so every catalog has them."""
from __future__ import annotations

SIGNALS = {"sig_cluster": "cluster", "sig_outlier": "outlier_score",
           "sig_duplicate": "duplicate_group", "sig_label_issue": "label_issue_score"}
SIGNAL_TYPES = {"sig_cluster": "VARCHAR", "sig_outlier": "DOUBLE", "sig_duplicate": "BIGINT",
                "sig_label_issue": "DOUBLE"}


def register_signal(table: str, column: str, sql_type: str) -> None:
    """Declare an analysis's saved column; catalogs opened from now on have its table."""
    SIGNALS[table], SIGNAL_TYPES[table] = column, sql_type
