"""The app as an ASGI application: Streamlit (app.py) plus the map's HTTP routes.

`imgsearch ui` runs `streamlit run` on this file; Streamlit finds `app` and serves both.
"""
import streamlit as st

from imgsearch.frontends.ui.mapview.routes import ROUTES

app = st.App("app.py", routes=ROUTES)
