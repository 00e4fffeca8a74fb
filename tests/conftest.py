"""Test set-up shared by every room of the house.

Qt runs offscreen, and Python's cyclic garbage collector runs only on the main
(GUI) thread: automatic collection is disabled during each test and done by hand
after it, so that no Qt object is ever destroyed from a server or executor thread.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import pytest


@pytest.fixture(autouse=True)
def _collect_garbage_on_main_thread() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.collect()
        if was_enabled:
            gc.enable()
