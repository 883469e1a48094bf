"""The app as an ASGI application: Streamlit (app.py) plus the map's HTTP routes.

`imgsearch ui` runs `streamlit run` on this file, and `streamlit run ui/app.py` at the top of
the repository imports `app` from here; Streamlit finds `app` and serves both. The script path
is absolute: Streamlit resolves a relative one against whichever script it was started with.
"""
from pathlib import Path

import streamlit as st

from imgsearch.frontends.ui.mapview.routes import ROUTES

app = st.App(Path(__file__).resolve().with_name("app.py"), routes=ROUTES)
