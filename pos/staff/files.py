"""Where staff data lives, and how it is written.

- The staff list of a profile: ``<profile folder>/staff/<profile>.toml`` in the user's
  profile folder, or in the system-wide one for fleet installs (the user's file, when
  there is one, is used instead of the system's, as with profiles).
- What one register keeps for itself (the audit log, wrong-PIN lockouts): the profile's
  data folder.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Literal

from pos.stores.profiles import (
    atomic_write,
    data_dir,
    system_profiles_dir,
    user_profiles_dir,
)

Source = Literal["user", "system"]

STAFF_FOLDER = "staff"
STAFF_SUFFIX = ".toml"
AUDIT_LOG_NAME = "audit.jsonl"
AUDIT_HEAD_NAME = "audit.head.json"
LOCKOUTS_NAME = "staff-lockouts.json"

PROFILE_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")

#: File modes: the user's staff file is private; the system-wide one is readable by the
#: group of the register's users (the administrator sets that group) but by no one else.
USER_FILE_MODE = 0o600
SYSTEM_FILE_MODE = 0o640
USER_DIR_MODE = 0o700
SYSTEM_DIR_MODE = 0o755


class StaffFileError(Exception):
    """A staff file cannot be read, parsed or written (the message says which and why)."""


def check_profile_name(name: str) -> str:
    if not isinstance(name, str) or not PROFILE_NAME_RE.match(name):
        raise StaffFileError(
            f"invalid profile name {name!r}: use 1-64 letters, digits, '.', '_' or '-'"
        )
    return name


def staff_dir(source: Source) -> Path:
    base = system_profiles_dir() if source == "system" else user_profiles_dir()
    return base / STAFF_FOLDER


def staff_path(profile: str, source: Source) -> Path:
    return staff_dir(source) / f"{check_profile_name(profile)}{STAFF_SUFFIX}"


def register_dir(profile: str) -> Path:
    """This register's own staff data for ``profile`` (audit log, lockouts)."""
    return data_dir(check_profile_name(profile))


def make_dirs(path: Path, mode: int) -> None:
    existed = path.is_dir()
    path.mkdir(parents=True, exist_ok=True, mode=mode)
    if os.name == "posix" and not existed:
        with contextlib.suppress(OSError):
            os.chmod(path, mode)


def write_atomic(
    path: Path, data: bytes, *, mode: int = USER_FILE_MODE, dir_mode: int = USER_DIR_MODE
) -> None:
    """Write ``data`` so that readers see the old file or the new one, never half of it
    (the profiles' own atomic write: temporary file, fsync, :func:`os.replace`, folder
    fsync)."""
    atomic_write(path, data, mode=mode, dir_mode=dir_mode)


_THREAD_LOCK = threading.Lock()


@contextlib.contextmanager
def exclusive(handle: IO[bytes]) -> Iterator[None]:
    """Hold an exclusive lock on an open file (between threads and between processes)."""
    with _THREAD_LOCK:
        if os.name == "posix":
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
        else:  # pragma: no cover - Windows
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)  # type: ignore[attr-defined]
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
