"""The app as an ASGI application: Streamlit (app.py) plus the map's HTTP routes, behind the
app's key when `imgsearch ui` gave it one (guard.py).

`imgsearch ui` runs `streamlit run` on this file; Streamlit finds `app` and serves both.
"""
import os

import streamlit as st
from starlette.middleware import Middleware

from imgsearch.frontends.ui.guard import KeyRequired
from imgsearch.frontends.ui.mapview.routes import ROUTES

app = st.App("app.py", routes=ROUTES,
             middleware=[Middleware(KeyRequired, key=os.environ.get("IMGSEARCH_APP_KEY"))])
