"""imgsearch Streamlit app: `imgsearch ui --collection NAME` starts it (with the service under it)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import streamlit as st

st.set_page_config(page_title="imgsearch", page_icon="🔍", layout="wide")   # an emoji: no icon download

parser = argparse.ArgumentParser()
parser.add_argument("--collection")
known, _ = parser.parse_known_args(sys.argv[1:])
if known.collection and "collection" not in st.session_state:
    st.session_state["collection"] = known.collection

# "views", not "pages": a pages/ folder switches Streamlit to its legacy multipage mode
views = Path(__file__).resolve().parent / "views"
st.navigation([
    st.Page(views / "map.py", title="Map", icon=":material/map:", default=True),
    st.Page(views / "search.py", title="Search", icon=":material/search:"),
    st.Page(views / "investigate.py", title="Investigate", icon=":material/troubleshoot:"),
    st.Page(views / "curate.py", title="Curate", icon=":material/cleaning_services:"),
    st.Page(views / "compare.py", title="Compare", icon=":material/compare:"),
    st.Page(views / "timeline.py", title="Timeline", icon=":material/timeline:"),
]).run()
