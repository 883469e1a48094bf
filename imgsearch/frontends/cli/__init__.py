"""The command line: each command parses, calls the core through a client, and prints.
Errors become one line. The commands live in commands.py, explore.py and labels.py; base.py
holds the group they register on."""
from . import commands, explore, labels  # noqa: F401  (register the commands)
from .base import main

__all__ = ["main"]
