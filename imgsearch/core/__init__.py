"""The service core: Collection (catalog + vectors + manifest, kept in agreement), its locks,
the typed manifest, the vector indexes, and the Service that owns open collections and jobs."""
