"""The Streamlit app, shipped inside the package (found with importlib.resources)."""
