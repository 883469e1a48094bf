"""Errors a user can act on, neutral to the front end.

Each names the parameter it is about (``param``) and, where there is one, the fix (``fix``),
in words that fit any front end. The CLI prints them as one line (and adds its flag names),
the REST layer maps each kind to an HTTP status, the app shows the message. None of them is
ever shown as a traceback.
"""
from __future__ import annotations


class ImgsearchError(Exception):
    """Base for every error caused by input, configuration or state, not by a bug."""

    status = 400  # the HTTP status the REST layer answers with

    def __init__(self, message: str, *, param: str | None = None, fix: str | None = None):
        super().__init__(message)
        self.message, self.param, self.fix = message, param, fix

    def __str__(self) -> str:
        return self.message + (f" ({self.fix})" if self.fix else "")


class NotFound(ImgsearchError):
    """A collection, image, map or job that does not exist."""
    status = 404


class InvalidArgument(ImgsearchError):
    """An argument (a filter, k, a file, a name) that cannot be used as given."""
    status = 422


class Conflict(ImgsearchError):
    """The request clashes with the collection's state (e.g. it has no model yet)."""
    status = 409


class Busy(Conflict):
    """Another process or job holds what the request needs; the message names the holder."""


class ModelMismatch(Conflict):
    """A vector, model, runtime or post-processing differs from the collection's."""


class Damaged(Conflict):
    """A file of the collection is missing or corrupt; the message names it and the repair."""


class Unauthorized(ImgsearchError):
    status = 401


class Forbidden(ImgsearchError):
    """The caller may not ask for this (a server path outside the operator's roots, a model
    from a hub the operator did not allow)."""
    status = 403
class Cancelled(Conflict):
    """A job stopped on request (or because the service shuts down) at a safe point: what it
    had committed stays, nothing after that point was written."""


# Older names of these errors, kept so code written against them still imports.
CollectionNotFound = NotFound
BadQuery = InvalidArgument


class ModelError(InvalidArgument):
    """A model cannot be built or loaded (unknown name, missing weights, bad layer)."""


class BadImage(InvalidArgument):
    """A file cannot be used as an image; the message is the reason stored in `skipped`."""


class TooLarge(BadImage):
    """An upload or file over a size, pixel or memory limit."""
    status = 413
