"""The app as an ASGI application: Streamlit (app.py) plus the map's HTTP routes, behind the
app's key when `imgsearch ui` gave it one (guard.py).

`imgsearch ui` runs `streamlit run` on this file (and `streamlit run ui/app.py` at the top of
the repository builds the same app); Streamlit finds `app` and serves both. The script path is
absolute: Streamlit resolves a relative one against whichever script it was started with.
"""
from pathlib import Path

import streamlit as st

from imgsearch.frontends.ui.guard import app_middleware
from imgsearch.frontends.ui.mapview.routes import ROUTES

app = st.App(Path(__file__).resolve().with_name("app.py"), routes=ROUTES, middleware=app_middleware())
