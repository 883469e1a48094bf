"""The local and the remote implementation have every verb the protocol declares, with the same
parameters, defaults and return annotations; and they answer alike on a real collection."""
import inspect

import numpy as np
import pytest
from fastapi.testclient import TestClient

import imgsearch
from imgsearch.api.local import Collection as LocalCollection
from imgsearch.api.protocol import ClientAPI, CollectionAPI, verbs
from imgsearch.api.remote import RemoteClient, RemoteCollection
from imgsearch.api.requests import IndexRequest
from imgsearch.client import LocalClient


def shape(fn) -> tuple:
    """(parameters as (name, kind, default, annotation), return annotation) of a function."""
    sig = inspect.signature(fn)
    params = tuple((p.name, p.kind, p.default, str(p.annotation)) for p in sig.parameters.values())
    return params, str(sig.return_annotation)


def drift(protocol, impl) -> list[str]:
    """What an implementation lacks or spells otherwise than the protocol."""
    out = []
    for name in verbs(protocol):
        if not callable(getattr(impl, name, None)):
            out.append(f"{impl.__name__} has no {name}")
        elif shape(getattr(protocol, name)) != shape(getattr(impl, name)):
            out.append(f"{impl.__name__}.{name}{inspect.signature(getattr(impl, name))} is not "
                       f"{name}{inspect.signature(getattr(protocol, name))}")
    return out


@pytest.mark.parametrize("impl", [LocalCollection, RemoteCollection])
def test_collections_implement_the_protocol(impl):
    assert drift(CollectionAPI, impl) == []


@pytest.mark.parametrize("impl", [LocalClient, RemoteClient])
def test_clients_implement_the_protocol(impl):
    assert drift(ClientAPI, impl) == []


def test_the_check_finds_drift():
    class Drifting:
        def info(self):                          # no return annotation
            ...

        def thumbnail(self, image_id: int, size: int = 128) -> bytes:    # another default
            ...

    found = drift(CollectionAPI, Drifting)
    assert any("Drifting.info" in f for f in found)
    assert any("Drifting.thumbnail" in f for f in found)
    assert "Drifting has no search" in found
    assert len(verbs(CollectionAPI)) >= 35


def test_index_takes_the_request_model_fields_everywhere():
    want = ["self", "source", *[n for n in IndexRequest.model_fields if n != "source"], "progress"]
    for impl in (LocalCollection, RemoteCollection):
        sig = inspect.signature(impl.index)
        assert list(sig.parameters) == want, impl
        assert sig.parameters["prune"].default is False and sig.parameters["runner"].default == "local"
    assert shape(LocalCollection.index) == shape(RemoteCollection.index)
    with pytest.raises(TypeError, match="unexpected keyword argument 'modle'"):
        LocalCollection.index(object.__new__(LocalCollection), "x", modle="pixels")


def test_open_collection_has_every_verb(home):
    with imgsearch.open_collection("verbs", create=True, home=home) as col:
        assert isinstance(col, CollectionAPI)
        assert all(callable(getattr(col, v)) for v in verbs(CollectionAPI))


def test_remote_ids_filters_and_tags_agree_with_local(home, digits_dir):
    """ids(where, filters) and tags() answer the same through the service as in-process (the
    remote ids once ignored filters; tags once downloaded the whole table)."""
    from imgsearch.api.service import Service
    from imgsearch.config import Config
    from imgsearch.frontends.rest.app import create_app
    svc = Service(Config.load(home=home, workers=0, progress=False))
    try:
        local = svc.collection("d", create=True)
        local.index(digits_dir, model="pixels", size=8, labels=digits_dir / "labels.csv")
        first = local.ids()[:5].tolist()
        local.tag(first, "keep")
        local.tag(first[:2], "star")
        api = TestClient(create_app(svc, token=""))
        remote = RemoteClient("http://testserver", None)
        remote.http = api
        rcol = remote.collection("d")
        label = local.distinct("label")[0]
        for where, filters in ((None, None), ("image_id > 10", None), (None, {"label": [label]}),
                               ("image_id > 10", {"label": [label]})):
            assert np.array_equal(rcol.ids(where, filters), local.ids(where, filters)), (where, filters)
        assert 0 < len(local.ids(None, {"label": [label]})) < len(local.ids())
        assert rcol.tags() == local.tags() == ["keep", "star"]
        tags_calls = [r for r in api.app.openapi()["paths"] if r.endswith("/tags")]
        assert tags_calls == ["/collections/{name}/tags"]
    finally:
        svc.close()
