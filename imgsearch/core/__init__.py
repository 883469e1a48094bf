"""The core: one collection's data (catalog + vectors + manifest, kept in agreement), its locks,
the typed manifest, the vector indexes, and vector search. The verbs above it live in api/."""
