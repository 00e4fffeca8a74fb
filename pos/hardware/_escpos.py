"""The one door to python-escpos.

When it is first imported, python-escpos loads its printer database and caches it as a
pickle in ``ESCPOS_CAPABILITIES_PICKLE_DIR``; it also makes a temporary folder for that
cache whether the variable is set or not, and never removes it. The register points the
variable at a private folder of the user's cache (mode 0700: a pickle is code, so no one
else may write there), and has the temporary folder made there too, then removes it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import threading
from pathlib import Path
from typing import Any

ENV = "ESCPOS_CAPABILITIES_PICKLE_DIR"
_lock = threading.Lock()


def _cache_dir() -> Path:
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("bc-pos", appauthor=False)) / "escpos"


def printer_module() -> Any:
    """``escpos.printer``, imported with the capabilities cache in its place."""
    with _lock:
        return _import()


def _import() -> Any:
    import sys

    if "escpos.printer" in sys.modules:
        return sys.modules["escpos.printer"]
    folder = _cache_dir()
    scratch = folder / "scratch"
    try:
        scratch.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)
    except OSError:
        from escpos import printer  # python-escpos then uses temporary folders of its own

        return printer
    os.environ.setdefault(ENV, str(folder))
    saved = tempfile.tempdir
    tempfile.tempdir = str(scratch)
    try:
        from escpos import printer
    finally:
        tempfile.tempdir = saved
        for leftover in scratch.iterdir():
            with contextlib.suppress(OSError):
                leftover.rmdir()  # empty: the cache went to ENV
    return printer
