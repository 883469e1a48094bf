"""Analyses over a collection: maps, explain / confusion / label issues, curation, compare,
re-ranking. Each computes and returns typed results; nothing is written unless asked."""
