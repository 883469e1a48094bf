"""The command line: each command parses, calls the core through a client, and prints.
Errors become one line. The commands live in commands.py and explore.py; base.py holds the
group they register on."""
from . import commands, explore  # noqa: F401  (register the commands)
from .base import main

__all__ = ["main"]
