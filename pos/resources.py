"""Where the register's resources are: icons, the style sheet, translations, demo data.

One answer for every part of the app (the window, the translations, the sandbox store's
demo data, the self-test), in this order:

1. ``POS_RESOURCES_DIR``: a folder named in the environment (tests, unusual installs);
2. a frozen bundle (PyInstaller): ``resources/`` inside the bundle (``sys._MEIPASS``);
3. an installed package (a wheel): ``pos/_resources``, where the build put ``resources/``;
4. a source checkout or an editable install: the repository's own ``resources/``.

This module imports nothing from ``pos``: the sandbox store may use it too.
"""

from __future__ import annotations

import enum
import os
import sys
from dataclasses import dataclass
from pathlib import Path

ENV_VAR = "POS_RESOURCES_DIR"
#: The name of the resources folder inside the installed package.
PACKAGE_FOLDER = "_resources"

_PACKAGE_DIR = Path(__file__).resolve().parent


class Origin(enum.Enum):
    ENVIRONMENT = "environment"
    BUNDLE = "bundle"
    PACKAGE = "package"
    SOURCE = "source"


@dataclass(frozen=True)
class Resources:
    """The resources folder and how it was found."""

    path: Path
    origin: Origin

    @property
    def writable_build_products(self) -> bool:
        """Build products (compiled translations) may be written next to their sources.

        True for a source checkout (they are ignored by version control) and a folder
        named in the environment; an installed package or a bundle is left as installed.
        """
        return self.origin in {Origin.SOURCE, Origin.ENVIRONMENT}


def is_frozen() -> bool:
    """Running from a frozen bundle (PyInstaller)."""
    return bool(getattr(sys, "frozen", False))


def locate(environ: dict[str, str] | None = None) -> Resources:
    """The resources folder of this installation (see the module's docstring for the order).

    The folder may be missing when the installation is broken: callers that need a file
    report the path they looked at.
    """
    env = os.environ if environ is None else environ
    override = env.get(ENV_VAR, "").strip()
    if override:
        return Resources(Path(override).expanduser(), Origin.ENVIRONMENT)
    meipass = getattr(sys, "_MEIPASS", None)
    if is_frozen() or meipass:
        base = Path(meipass) if meipass else Path(sys.executable).resolve().parent
        return Resources(base / "resources", Origin.BUNDLE)
    installed = _PACKAGE_DIR / PACKAGE_FOLDER
    if installed.is_dir():
        return Resources(installed, Origin.PACKAGE)
    return Resources(_PACKAGE_DIR.parent / "resources", Origin.SOURCE)


def resources_dir() -> Path:
    """The folder holding ``icons/``, ``translations/``, ``sandbox/`` and ``style.qss``."""
    return locate().path


def resource_path(*parts: str) -> Path:
    """A file or folder inside the resources folder, e.g. ``resource_path("icons", "pos.svg")``."""
    return resources_dir().joinpath(*parts)
