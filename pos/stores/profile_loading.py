"""Loading profiles: every folder read, every broken file reported and skipped, the
later source winning over the earlier when two share a name."""

from __future__ import annotations

import errno
import os
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .profile_folders import profile_path, system_profiles_dir, user_profiles_dir
from .profile_model import (
    DEMO_PROFILE,
    PROFILE_SUFFIX,
    Profile,
    ProfileError,
    ProfileProblem,
    Source,
    is_valid_name,
)
from .profile_toml import key_line, parse_profile

#: The largest profile file read. Real profiles are a few hundred bytes; anything bigger
#: is reported and skipped rather than read.
MAX_PROFILE_BYTES = 64 * 1024

_SOURCE_RANK: dict[str, int] = {"builtin": 0, "system": 1, "user": 2}


@dataclass(frozen=True)
class Fallback:
    """A broken profile file whose name is served by a profile of lower precedence: e.g. a
    broken user ``shop.toml`` while the system-wide ``shop`` is used instead."""

    name: str
    broken: Path
    broken_source: Source
    used: Profile

    def __str__(self) -> str:
        where = f" ({self.used.path})" if self.used.path else ""
        return (
            f"{self.broken}: the {self.used.source} profile {self.name!r}{where} is used "
            f"instead, because this {self.broken_source} file is broken; fix or remove it"
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "broken_path": str(self.broken),
            "broken_source": self.broken_source,
            "used_source": self.used.source,
            "used_path": str(self.used.path) if self.used.path else None,
        }


@dataclass(frozen=True)
class LoadedProfiles:
    """Every usable profile (after precedence) and every problem found on the way.

    ``fallbacks`` lists the broken files whose profile name is served by another source.
    """

    profiles: tuple[Profile, ...]
    problems: tuple[ProfileProblem, ...]
    shadowed: tuple[Profile, ...] = ()
    fallbacks: tuple[Fallback, ...] = ()
    #: Profile folders that exist but cannot be listed (their problems are in ``problems``
    #: too): a fleet's system-wide profiles may be missing because of them.
    unreadable_folders: tuple[ProfileProblem, ...] = ()

    def fallback_for(self, name: str) -> Fallback | None:
        """Why the profile ``name`` comes from a lower source (its own file is broken)."""
        for fallback in self.fallbacks:
            if fallback.name == name:
                return fallback
        return None

    def get(self, name: str) -> Profile | None:
        for profile in self.profiles:
            if profile.name == name:
                return profile
        return None

    def names(self) -> list[str]:
        return [p.name for p in self.profiles]

    def problems_for(self, path: Path | None) -> list[ProfileProblem]:
        return [p for p in self.problems if path is not None and p.path == path]

    def broken_files(self) -> list[Path]:
        seen: list[Path] = []
        for problem in self.problems:
            if problem.severity == "error" and problem.path and problem.path not in seen:
                seen.append(problem.path)
        return seen


def _broken_name(text: str | None, path: Path) -> str:
    """The profile name a broken file was meant to define: its ``name`` key when the file
    is still TOML, else the file's name."""
    if text is not None:
        try:
            named = tomllib.loads(text).get("name")
        except (tomllib.TOMLDecodeError, RecursionError, MemoryError):
            named = None
        if isinstance(named, str) and is_valid_name(named):
            return named
    return path.stem


class ProfileUnreadable(Exception):
    """A profile file that is not read: the reason, in words."""


def read_profile_text(path: Path, limit: int = MAX_PROFILE_BYTES) -> str:
    """The text of one profile file: a regular file (a FIFO, a device or a folder named
    ``x.toml`` is refused without blocking) of at most ``limit`` bytes, in UTF-8."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.EISDIR:
            raise ProfileUnreadable("not a regular file") from None
        raise ProfileUnreadable(exc.strerror or type(exc).__name__) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ProfileUnreadable("not a regular file")
        if info.st_size > limit:
            raise ProfileUnreadable(f"larger than {limit // 1024} KiB; a profile is much smaller")
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise ProfileUnreadable(f"larger than {limit // 1024} KiB; a profile is much smaller")
    except OSError as exc:
        raise ProfileUnreadable(exc.strerror or type(exc).__name__) from None
    finally:
        os.close(fd)
    try:
        return b"".join(chunks).decode("utf-8")
    except UnicodeDecodeError:
        raise ProfileUnreadable("not UTF-8 text") from None


def _folder_entries(folder: Path) -> list[Path]:
    """The profile files of ``folder`` (hidden files left out), sorted; [] when the folder
    does not exist. Raises OSError when it exists but cannot be listed."""
    try:
        with os.scandir(folder) as found:
            names = [e.name for e in found]
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        raise OSError(errno.ENOTDIR, "not a folder") from None
    return sorted(
        folder / name
        for name in names
        if name.endswith(PROFILE_SUFFIX) and not name.startswith(".")
    )


def _read_folder(
    folder: Path, source: Source, broken: list[tuple[str, Path]] | None = None
) -> tuple[list[Profile], list[ProfileProblem]]:
    """The profiles of one folder and their problems; ``broken`` collects the name and path
    of each file that could not be used. A folder that cannot be listed is a problem too."""
    profiles: list[Profile] = []
    problems: list[ProfileProblem] = []
    broken = broken if broken is not None else []
    try:
        entries = _folder_entries(folder)
    except OSError as exc:
        return [], [ProfileProblem(
            folder, f"cannot list the {source} profile folder: {exc.strerror or exc}"
        )]
    names: dict[str, Path] = {}
    for path in entries:
        try:
            text = read_profile_text(path)
        except ProfileUnreadable as exc:
            problems.append(ProfileProblem(path, f"cannot read the file: {exc}"))
            broken.append((path.stem, path))
            continue
        profile, found = parse_profile(text, path=path, source=source, default_name=path.stem)
        problems.extend(found)
        if profile is None:
            broken.append((_broken_name(text, path), path))
            continue
        if profile.name in names:
            problems.append(
                ProfileProblem(
                    path,
                    f"profile {profile.name!r} is already defined in {names[profile.name]}; "
                    "this file is ignored",
                    field="name",
                    line=key_line(text, None, "name"),
                )
            )
            continue
        names[profile.name] = path
        profiles.append(profile)
    return profiles, problems


def load_profiles(*, include_builtin: bool = True) -> LoadedProfiles:
    """Read every profile: built-in, then system-wide, then the user's (later wins).

    Never raises for a broken file: its problems are returned instead.
    """
    layers: list[list[Profile]] = []
    problems: list[ProfileProblem] = []
    broken: list[tuple[str, Path, Source]] = []
    unreadable: list[ProfileProblem] = []
    if include_builtin:
        layers.append([DEMO_PROFILE])
    folders: tuple[tuple[Source, Path], ...] = (
        ("system", system_profiles_dir()), ("user", user_profiles_dir()),
    )
    for source, folder in folders:
        unusable: list[tuple[str, Path]] = []
        found, issues = _read_folder(folder, source, unusable)
        layers.append(found)
        problems.extend(issues)
        unreadable.extend(p for p in issues if p.path == folder)
        broken.extend((name, path, source) for name, path in unusable)
    chosen: dict[str, Profile] = {}
    shadowed: list[Profile] = []
    for layer in layers:
        for profile in layer:
            if profile.name in chosen:
                shadowed.append(chosen[profile.name])
            chosen[profile.name] = profile
    ordered = tuple(sorted(chosen.values(), key=lambda p: p.name))
    # A broken file does not stop the app, but it must not hide that another profile of
    # the same name (the system-wide one, or the built-in demo) is used in its place.
    fallbacks = tuple(
        Fallback(name, path, source, chosen[name])
        for name, path, source in broken
        if name in chosen and _SOURCE_RANK[chosen[name].source] < _SOURCE_RANK[source]
    )
    return LoadedProfiles(
        ordered, tuple(problems), tuple(shadowed), fallbacks, tuple(unreadable)
    )


def get_profile(name: str) -> Profile:
    """The profile called ``name`` (after precedence), or :class:`ProfileError`."""
    loaded = load_profiles()
    profile = loaded.get(name)
    if profile is not None:
        return profile
    sources: tuple[Source, ...] = ("user", "system")
    for source in sources:
        path = profile_path(name, source)
        issues = loaded.problems_for(path)
        if issues:
            details = "; ".join(str(p) for p in issues)
            raise ProfileError(f"profile {name!r} cannot be used: {details}")
    known = ", ".join(loaded.names()) or "none"
    raise ProfileError(f"no profile named {name!r} (known profiles: {known})")
