"""Where profiles and their data live on disk, and writing profile files atomically."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from pos import APP_NAME

from .profile_model import NAME_RULE, PROFILE_SUFFIX, Profile, ProfileError, Source, is_valid_name

ENV_PROFILES_DIR = "POS_PROFILES_DIR"
ENV_SYSTEM_PROFILES_DIR = "POS_SYSTEM_PROFILES_DIR"
ENV_DATA_DIR = "POS_DATA_DIR"


def _windows_programdata() -> Path:
    return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData"))


def user_profiles_dir() -> Path:
    """The user's profile folder (``POS_PROFILES_DIR`` overrides it)."""
    override = os.environ.get(ENV_PROFILES_DIR)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "profiles"


def system_profiles_dir() -> Path:
    """The machine-wide profile folder for fleet installs (``POS_SYSTEM_PROFILES_DIR``)."""
    override = os.environ.get(ENV_SYSTEM_PROFILES_DIR)
    if override:
        return Path(override)
    if sys.platform == "win32":
        return _windows_programdata() / APP_NAME / "profiles"
    if sys.platform == "darwin":
        return Path("/Library/Application Support") / APP_NAME / "profiles"
    return Path("/etc/xdg") / APP_NAME / "profiles.d"


def data_root() -> Path:
    """Where every profile's data lives (``POS_DATA_DIR`` overrides it)."""
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def data_dir(profile: Profile | str) -> Path:
    """The folder of one profile's data: sale journal, catalogue cache, logs.

    It is not created here; see :func:`ensure_data_dir`.
    """
    name = profile.name if isinstance(profile, Profile) else profile
    if not is_valid_name(name):
        raise ProfileError(f"invalid profile name {name!r}: use {NAME_RULE}")
    return data_root() / "profiles" / name


def ensure_data_dir(profile: Profile | str) -> Path:
    """Create the profile's data folder (0700 on POSIX) and return it."""
    path = data_dir(profile)
    _make_dirs(path)
    return path


def _make_dirs(path: Path, mode: int = 0o700) -> None:
    existed = path.is_dir()
    path.mkdir(parents=True, exist_ok=True, mode=mode)
    if os.name == "posix" and not existed:
        with contextlib.suppress(OSError):
            os.chmod(path, mode)


def profile_dir(source: Source) -> Path:
    if source == "user":
        return user_profiles_dir()
    if source == "system":
        return system_profiles_dir()
    raise ProfileError("the built-in profiles are not stored in a folder")


def profile_path(name: str, source: Source = "user") -> Path:
    if not is_valid_name(name):
        raise ProfileError(f"invalid profile name {name!r}: use {NAME_RULE}")
    return profile_dir(source) / f"{name}{PROFILE_SUFFIX}"




def atomic_write(path: Path, data: bytes, *, mode: int = 0o600, dir_mode: int = 0o700) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never half.

    A temporary file in the same folder is written and fsynced, then moved over the
    target with :func:`os.replace`, then the folder is fsynced. On POSIX the file gets
    ``mode`` (0600 by default) and a new folder gets ``dir_mode`` (0700 by default).
    """
    folder = path.parent
    if not folder.exists():
        _make_dirs(folder, dir_mode)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if os.name == "posix":
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    fsync_dir(folder)


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable (POSIX; elsewhere nothing to do).
    A folder that cannot be opened or synced is left as it is."""
    if os.name != "posix":
        return
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def save_profile(profile: Profile, source: Source = "user", *, overwrite: bool = True) -> Path:
    """Write ``profile`` to the user's (or the system-wide) folder, atomically."""
    path = profile_path(profile.name, source)
    if not overwrite and path.exists():
        raise ProfileError(f"{path} already exists")
    # The user's profiles are private (0600 in a 0700 folder). System-wide profiles are
    # written by an administrator for every user of the machine: they hold no secret and
    # must stay readable (0644 in a 0755 folder).
    modes = (0o644, 0o755) if source == "system" else (0o600, 0o700)
    try:
        atomic_write(path, profile.to_toml().encode("utf-8"), mode=modes[0], dir_mode=modes[1])
    except PermissionError as exc:
        hint = " (writing the system-wide folder needs administrator rights)" if (
            source == "system"
        ) else ""
        raise ProfileError(f"cannot write {path}: {exc.strerror}{hint}") from None
    except OSError as exc:
        raise ProfileError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def remove_profile(name: str, source: Source = "user") -> Path:
    """Delete the profile file called ``name`` from the user's (or system) folder."""
    path = profile_path(name, source)
    try:
        path.unlink()
    except FileNotFoundError:
        raise ProfileError(f"no {source} profile named {name!r} ({path} does not exist)") from None
    except OSError as exc:
        raise ProfileError(f"cannot remove {path}: {exc.strerror or exc}") from None
    return path

