"""Folders and files the register makes for its sale data: only their owner may read them.

Folders the register creates are 0700 (a folder that already exists is left as it is: the
owner chose its mode); the journal, the catalogue cache and every log are 0600.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DIR_MODE", "FILE_MODE", "make_private_dir", "make_private_file"]

DIR_MODE = 0o700
FILE_MODE = 0o600


def make_private_dir(path: Path) -> None:
    """Creates ``path`` and its missing parents, each 0700 whatever the umask. OSError when
    it cannot be made (NotADirectoryError when ``path`` is something else)."""
    missing: list[Path] = []
    here = path
    while not here.exists():
        missing.append(here)
        if here.parent == here:
            break
        here = here.parent
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=DIR_MODE)
        except FileExistsError:
            continue  # made meanwhile by another process
        if os.name == "posix":
            os.chmod(folder, DIR_MODE)
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a folder")


def make_private_file(path: Path) -> None:
    """Creates ``path`` empty with mode 0600 when it does not exist; makes an existing
    regular file 0600."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0),
                 FILE_MODE)
    try:
        if os.name == "posix" and os.path.isfile(path):
            os.fchmod(fd, FILE_MODE)
    finally:
        os.close(fd)
