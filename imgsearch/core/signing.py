"""The signing key of the files this program writes sits below every layer
(imgsearch/signing.py); this old name is the same module object."""
import sys

from .. import signing as _signing

sys.modules[__name__] = _signing
