"""Errors a user can act on. Front ends show their message as one line, never a traceback."""


class ImgsearchError(Exception):
    """Base for every error caused by input, configuration or state, not by a bug."""


class CollectionNotFound(ImgsearchError):
    pass


class ModelError(ImgsearchError):
    """A model cannot be built or loaded (unknown name, missing weights, bad layer)."""


class ModelMismatch(ImgsearchError):
    """A vector or model differs from the one the collection was built with."""


class BadQuery(ImgsearchError):
    """A --where filter or a query argument is invalid."""


class BadImage(ImgsearchError):
    """A file cannot be used as an image; the message is the reason stored in `skipped`."""
