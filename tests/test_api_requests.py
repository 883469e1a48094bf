"""One request model per verb: the REST body, the remote client's call, the local verb and the
CLI options come from it; and the OpenAPI schema only gains over the surface recorded in
tests/data/openapi_surface.json."""
import inspect
import json
from pathlib import Path

import click
import pytest
from pydantic import Field, create_model

from imgsearch.api.local import Collection as LocalCollection
from imgsearch.api.remote import RemoteCollection
from imgsearch.api.requests import IndexRequest, MapRequest, spec_fields
from imgsearch.api.service import Service
from imgsearch.config import Config
from imgsearch.frontends.cli import main
from imgsearch.frontends.cli.options import request_options
from imgsearch.frontends.rest.app import create_app
from imgsearch.frontends.rest.bodies import IndexBody, MapBody

from .openapi_surface import surface

RECORDED = Path(__file__).parent / "data" / "openapi_surface.json"


@pytest.fixture(scope="module")
def openapi(tmp_path_factory):
    svc = Service(Config.load(home=tmp_path_factory.mktemp("home")))
    try:
        yield create_app(svc, token="").openapi()
    finally:
        svc.close()


def test_openapi_only_gains(openapi):
    now, before = surface(openapi), json.loads(RECORDED.read_text())
    for route, was in before.items():
        assert route in now, f"{route} is gone"
        for key in ("parameters", "responses"):
            assert set(was[key]) <= set(now[route][key]), (route, key)
        for ctype, fields in was["body"].items():
            assert set(fields) <= set(now[route]["body"].get(ctype, [])), (route, ctype)
    assert "GET /collections/{name}/ids" in now and "GET /collections/{name}/tags" in now


def test_the_bodies_are_the_request_models(openapi):
    assert issubclass(IndexBody, IndexRequest) and IndexBody.model_fields.keys() == IndexRequest.model_fields.keys()
    assert issubclass(MapBody, MapRequest) and MapBody.model_fields.keys() == MapRequest.model_fields.keys()
    body = openapi["components"]["schemas"]["IndexBody"]["properties"]
    assert sorted(body) == sorted(IndexRequest.model_fields)
    assert body["size"]["anyOf"][0]["maximum"] == 512


def test_build_map_takes_the_map_request_fields():
    want = [(n, f.default) for n, f in MapRequest.model_fields.items()]
    for impl in (LocalCollection, RemoteCollection):
        params = inspect.signature(impl.build_map).parameters
        assert [(n, params[n].default) for n, _ in want] == want, impl


def test_the_index_command_has_an_option_for_every_field():
    command = main.commands["index"]
    names = {p.name for p in command.params}
    assert set(IndexRequest.model_fields) <= names
    size = next(p for p in command.params if p.name == "size")
    assert (size.type.min, size.type.max) == (1, 512)
    pooling = next(p for p in command.params if p.name == "pooling")
    assert list(pooling.type.choices) == ["avg", "gem", "max", "cam"]


def test_a_new_field_is_a_new_option_and_reaches_model_spec():
    """What adding a parameter takes: one field. The CLI option appears from it, and a field
    marked Spec() is a ModelSpec parameter."""
    from typing import Annotated, Literal
    from imgsearch.api.requests import Spec
    grown = create_model("Grown", __base__=IndexRequest, dither=(
        Annotated[Literal["none", "ordered"] | None, Spec()], Field(None, description="Dithering.")))

    @click.command()
    @request_options(grown, skip=("source",))
    def cmd(**options):
        click.echo(json.dumps(options["dither"]))

    from click.testing import CliRunner
    r = CliRunner().invoke(cmd, ["--dither", "ordered"])
    assert r.exit_code == 0 and r.output.strip() == '"ordered"'
    assert CliRunner().invoke(cmd, ["--dither", "random"]).exit_code == 2
    assert spec_fields(grown)["dither"] == "dither"
    # `precision` (int8) was added to the index verb exactly so: one field, no other change
    assert spec_fields(IndexRequest) == {"model": "name", "weights": "weights", "layer": "layer",
                                         "classes": "classes", "size": "size",
                                         "pooling": "pooling", "view": "view",
                                         "precision": "precision"}


def test_search_and_its_bodies_agree():
    from imgsearch.frontends.rest.bodies import SearchBody, TextBody
    for impl in (LocalCollection, RemoteCollection):
        params = inspect.signature(impl.search).parameters
        for body, names in ((SearchBody, ("k", "where", "filters", "min_score", "rerank", "exclude_self")),
                            (TextBody, ("k", "where", "filters", "min_score", "rerank"))):
            for name in names:
                assert body.model_fields[name].default == params[name].default, (impl, body, name)


def test_the_analysis_verbs_take_their_parameters_models():
    from imgsearch.analysis.registry import analyses
    checked = 0
    for analysis in analyses().values():
        for impl in (LocalCollection, RemoteCollection):
            verb = getattr(impl, analysis.verb(), None)
            if verb is None:
                continue
            params = inspect.signature(verb).parameters
            ranked = {"top"} if analysis.ranked else set()      # the first rows only
            assert set(params) == {"self", "save", *ranked, *analysis.params.model_fields}, (
                impl, analysis.name)
            assert not ranked or params["top"].default is None
            for name, info in analysis.params.model_fields.items():
                assert params[name].default == info.default, (impl, analysis.name, name)
            checked += 1
    assert checked == 8


def test_the_map_command_has_the_map_request_fields_and_defaults():
    params = {p.name: p for p in main.commands["map"].params}
    for name, info in MapRequest.model_fields.items():
        assert name in params, name
        default = params[name].get_default(click.Context(main.commands["map"]))
        assert default == info.default, name
