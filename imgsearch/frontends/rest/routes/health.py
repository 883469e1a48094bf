"""The service itself: is it up, and is it the one that wrote the announcement."""
from __future__ import annotations

from fastapi import APIRouter, Header, Request

from .... import __version__
from ..bodies import Health

router = APIRouter(tags=["service"])


@router.get("/healthz", response_model=Health)
def healthz(request: Request,
            challenge: str | None = Header(None, alias="X-Imgsearch-Challenge", max_length=128)):
    from ....client import service_proof
    secret = request.app.state.secret
    proof = service_proof(secret, challenge) if secret and challenge else None
    return Health(version=__version__, proof=proof)
