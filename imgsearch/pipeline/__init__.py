"""Indexing in stages: sources (what to read) -> plan (diff against the catalog) -> embed
(decode in workers, model batched) -> commit (checkpoints). runners/ composes them locally
or on a Ray cluster."""
