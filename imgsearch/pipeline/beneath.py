"""The no-follow file helpers sit below every layer (imgsearch/beneath.py); this old name is
the same module object, so reading or setting its names reaches the one everyone uses."""
import sys

from .. import beneath as _beneath

sys.modules[__name__] = _beneath
