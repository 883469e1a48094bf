"""The command line: each command parses, calls a verb through a client, and prints.
Errors become one line. The commands live in commands.py, explore.py, labels.py and spaces.py; an
analysis without a command there gets one made from the registry (analyses.py); base.py holds
the group they register on."""
from . import commands, explore, labels, spaces  # noqa: F401  (register the commands)
from .analyses import analysis_commands
from .base import main

main.more = analysis_commands

__all__ = ["main"]
