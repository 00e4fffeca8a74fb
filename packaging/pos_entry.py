"""The bundle's entry point: the ``pos`` command, frozen."""

import os
import sys


def _ensure_std_streams() -> None:
    """A windowed program (Windows' ``bc-pos.exe``, a macOS ``.app`` started from the
    Finder) has no console: ``sys.stdout`` / ``sys.stderr`` are None, and anything that
    writes to them or asks ``isatty()`` (logging, uvicorn) would crash. Give them a sink."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115


_ensure_std_streams()

from pos.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
