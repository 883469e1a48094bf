"""HTTP routes of the app beside Streamlit's own (mounted by ui/server.py through st.App):

    /mapdata/<hash>.bin       a registered map blob, gzipped byte planes (content-addressed: cached for good)
    /thumb/<collection>/<id>.jpg?size=N   a thumbnail (the map's hover)
    /sprites/<hash>.jpg       the sprite sheet of a map's even sample (built on first request)

Plain functions: Starlette runs them in its thread pool (the core is thread-safe).
"""
from __future__ import annotations

import gzip

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from . import THUMBS, sprite_sheet, stored_blob

IMMUTABLE = {"Cache-Control": "public, max-age=31536000, immutable"}


def mapdata(request: Request) -> Response:
    found = stored_blob(request.path_params["name"])
    if found is None:
        return Response("unknown map data (the app restarted?): reload the page", status_code=404)
    packed, media = found
    # gzipped once when registered: sent as it is (a compressing middleware leaves a response
    # that names its encoding alone); a client that takes no gzip gets the planes unpacked
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(packed, media_type=media,
                        headers={**IMMUTABLE, "Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
    return Response(gzip.decompress(packed), media_type=media,
                    headers={**IMMUTABLE, "Vary": "Accept-Encoding"})


def thumb(request: Request) -> Response:
    fetch = THUMBS.get(request.path_params["collection"])
    name = request.path_params["name"]
    stem = name[:-4] if name.endswith(".jpg") else name
    if fetch is None or not stem.isdigit():
        return Response(status_code=404)
    try:
        size = min(512, max(16, int(request.query_params.get("size", 128))))
        data = fetch(int(stem), size)
    except Exception:   # noqa: BLE001 - unknown id, file gone: no picture
        return Response(status_code=404)
    return Response(data, media_type="image/jpeg", headers={"Cache-Control": "public, max-age=3600"})


def sprites(request: Request) -> Response:
    data = sprite_sheet(request.path_params["name"].split(".")[0])
    if data is None:
        return Response(status_code=404)
    return Response(data, media_type="image/jpeg", headers=IMMUTABLE)


ROUTES = [Route("/mapdata/{name}", mapdata), Route("/thumb/{collection}/{name}", thumb),
          Route("/sprites/{name}", sprites)]
