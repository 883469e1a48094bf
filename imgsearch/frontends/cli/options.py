"""CLI options built from a verb's request model (api/requests.py): one option per field that a
command does not declare by hand, named --field-name, with the field's help, choices (a
Literal), bounds (an int with ge/le), flag (a bool) or repetition (a list). A new field of a
request model is a new option of every command built from it, with nothing written here."""
from __future__ import annotations

import types
import typing
from typing import Literal

import click
from annotated_types import Ge, Le
from pydantic import BaseModel


def _bare(annotation):
    """The annotation without `| None` and Annotated markers."""
    if typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(annotation) if a is not type(None)]
        if len(rest) == 1:
            return _bare(rest[0])
    return annotation


def option_for(name: str, info):
    """The click option (a decorator) of one request field."""
    kind = _bare(info.annotation)
    flag = "--" + name.replace("_", "-")
    extra: dict = {"help": info.description}
    if kind is bool:
        return click.option(flag, name, is_flag=True, **extra)
    if typing.get_origin(kind) is Literal:
        extra["type"] = click.Choice([str(c) for c in typing.get_args(kind)])
    elif kind is int:
        low = next((m.ge for m in info.metadata if isinstance(m, Ge)), None)
        high = next((m.le for m in info.metadata if isinstance(m, Le)), None)
        extra["type"] = click.IntRange(low, high) if low is not None or high is not None else int
    elif kind is float:
        extra["type"] = float
    elif typing.get_origin(kind) is list:
        extra["multiple"] = True
    default = info.get_default(call_default_factory=True)
    if default not in (None, [], ()) and not extra.get("multiple"):
        extra.update(default=default, show_default=True)
    return click.option(flag, name, **extra)


def request_options(model: type[BaseModel], by_hand=(), skip=(), absent=()):
    """A decorator adding an option for every field of `model` not in `by_hand` (declared on
    the command with the field's name as its destination), `skip` (an argument) or `absent`
    (a value the command line cannot spell, or one the command takes from an argument: the
    verb's default applies). `__requests__` records each model a command is built from, for
    tests/test_verb_requests.py to check the command against it."""
    def add(command):
        for name, info in reversed(list(model.model_fields.items())):
            if name not in by_hand and name not in skip and name not in absent:
                command = option_for(name, info)(command)
        command.__request__ = (model, tuple(by_hand), tuple(skip))
        command.__requests__ = getattr(command, "__requests__", ()) + (
            (model, tuple(by_hand), tuple(skip), tuple(absent)),)
        return command
    return add


def request_args(model: type[BaseModel], values: dict) -> dict:
    """The command's values of the model's fields (what the verb takes as keywords)."""
    return {n: values.pop(n) for n in list(values) if n in model.model_fields}
