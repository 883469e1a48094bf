"""Thin adapters over the core: cli/ (click), rest/ (FastAPI), ui/ (Streamlit)."""
