"""The remote client lives in the API layer (imgsearch/api/remote.py); this name still finds it."""
from ...api.remote import RemoteClient, RemoteCollection  # noqa: F401
