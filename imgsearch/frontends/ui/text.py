"""Values as the app shows them: missing labels named, and any value (a label, a path, a tag)
made safe to put into Streamlit's Markdown."""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

NO_LABEL = "(no label)"


def shown(value) -> str:
    """A value as a person reads it: missing labels say so."""
    if value is None or (not isinstance(value, (list, tuple, np.ndarray)) and pd.isna(value)):
        return NO_LABEL
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


# The characters that make Markdown (and Streamlit's directives, math and HTML): escaped with a
# backslash, as CommonMark allows for any ASCII punctuation; quotes, dots and slashes stay as
# they are, so messages read the same in the page source. Colons (and the dot of "www.") too:
# the parser's own URL autolinks would take a following backslash into the link; the renderer
# still links a bare URL, but only as itself.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#!|<>~$&:]|(?<=www)\.)")


def md(value) -> str:
    """A value (a label, a path, a tag, a message quoting them) to put into Markdown text
    (captions, headers, messages) so that it shows as written: `![t](http://host/x.png)` is
    text, not an image the viewer's browser fetches, and no label becomes a link with other
    text, a heading, HTML, a formula or a coloured directive."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", shown(value)).replace("\n", " ").replace("\r", " ")
    return "\\" + text if text[:1] in ("-", "+", "=") else text   # not a list item or a rule
