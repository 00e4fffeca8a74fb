"""A desktop point-of-sale register for BigCommerce stores."""

import sys

# httpx loads its own command-line client (click, pygments, rich) when it is imported, if
# those libraries happen to be installed (click is: the demo store's server needs it). The
# register never uses that client: marked absent, it is skipped by httpx's own fallback
# for a missing dependency, which takes about 25 ms off every start.
sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

__version__ = "0.1.0"
APP_NAME = "bc-pos"
APP_DISPLAY_NAME = "BigCommerce Register"
