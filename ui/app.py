"""`streamlit run ui/app.py`: the imgsearch app, the Streamlit way.

It opens the collections of IMGSEARCH_HOME (default `./indexes`) in this process, or becomes a
client of the service that owns them when `imgsearch serve` runs for that home. `imgsearch ui`
does the same and also starts the service under the app. The app's pages live in the package
(`imgsearch/frontends/ui/`); this file hands Streamlit that app with the map's HTTP routes.
Streamlit recognises `app = st.App(...)` by reading this file, so it is spelled out here.
"""
from pathlib import Path

import streamlit as st

import imgsearch.frontends.ui as pages
from imgsearch.frontends.ui.guard import app_middleware
from imgsearch.frontends.ui.mapview.routes import ROUTES

app = st.App(Path(pages.__file__).resolve().with_name("app.py"), routes=ROUTES,
             middleware=app_middleware())
