"""The staff list of one store profile: who may sign in, with which role, and settings.

The file (TOML, written by ``pos staff``) looks like::

    [settings]
    idle_lock_seconds = 300          # lock the register after 5 idle minutes (0: never)
    discount_limit_percent = "10"    # discounts above this need discount_override

    [roles.shift-lead]               # a custom role
    permissions = ["void", "no_sale"]

    [[staff]]
    name = "Ana"
    role = "clerk"
    active = true
    pin_hash = "scrypt$n=32768,r=8,p=1$...$..."

It holds no PIN, only scrypt hashes (see :mod:`pos.staff.pins`).
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import tomli_w

from pos.staff.files import (
    SYSTEM_DIR_MODE,
    SYSTEM_FILE_MODE,
    USER_DIR_MODE,
    USER_FILE_MODE,
    Source,
    StaffFileError,
    check_profile_name,
    staff_path,
    write_atomic,
)
from pos.staff.pins import is_pin_hash
from pos.staff.roles import BUILTIN_ROLES, Permission, Role, RoleError, roles_from_data

DEFAULT_IDLE_LOCK_SECONDS = 300
MAX_NAME_LENGTH = 64
_SPACES_RE = re.compile(r"\s+")


class StaffError(Exception):
    """A staff member or a staff file is not as it should be (the message says what)."""


def clean_name(name: str) -> str:
    """A staff member's name as stored: trimmed, single spaces, printable."""
    text = _SPACES_RE.sub(" ", unicodedata.normalize("NFC", name or "")).strip()
    if not text:
        raise StaffError("a staff member needs a name")
    if len(text) > MAX_NAME_LENGTH:
        raise StaffError(f"a staff member's name is at most {MAX_NAME_LENGTH} characters")
    if any(unicodedata.category(ch).startswith("C") for ch in text):
        raise StaffError("a staff member's name cannot hold control characters")
    if text.isdigit():
        raise StaffError("a staff member's name cannot be only digits")
    return text


def name_key(name: str) -> str:
    """How names are compared: ``Ana`` and ``ana`` are the same person."""
    return clean_name(name).casefold()


@dataclass(frozen=True)
class StaffMember:
    name: str
    role: str
    pin_hash: str = field(repr=False)
    active: bool = True

    @property
    def key(self) -> str:
        return name_key(self.name)


@dataclass(frozen=True)
class StaffSettings:
    idle_lock_seconds: int = DEFAULT_IDLE_LOCK_SECONDS
    discount_limit_percent: Decimal = Decimal(0)


@dataclass(frozen=True)
class Roster:
    """The staff of one profile, and where the list was read from (``None``: no file)."""

    profile: str
    members: tuple[StaffMember, ...] = ()
    roles: Mapping[str, Role] = field(default_factory=lambda: dict(BUILTIN_ROLES))
    settings: StaffSettings = StaffSettings()
    custom_roles: Mapping[str, Any] = field(default_factory=dict)
    source: Source | None = None
    path: Path | None = None

    @property
    def has_staff(self) -> bool:
        """Whether the register asks for a PIN: some active staff member exists."""
        return any(m.active for m in self.members)

    def active_members(self) -> list[StaffMember]:
        return [m for m in self.members if m.active]

    def find(self, name: str) -> StaffMember | None:
        try:
            key = name_key(name)
        except StaffError:
            return None
        for member in self.members:
            if member.key == key:
                return member
        return None

    def get(self, name: str) -> StaffMember:
        member = self.find(name)
        if member is None:
            raise StaffError(f"no staff member named {name!r} in profile {self.profile!r}")
        return member

    def role_of(self, member: StaffMember) -> Role:
        role = self.roles.get(member.role)
        if role is None:  # a role removed from the file: no permission at all
            return Role(member.role, frozenset())
        return role

    def allows(self, member: StaffMember, permission: Permission) -> bool:
        return member.active and self.role_of(member).allows(permission)

    def with_member(self, member: StaffMember) -> Roster:
        """A copy with ``member`` added, or replacing the member of the same name."""
        if member.role not in self.roles:
            raise StaffError(
                f"unknown role {member.role!r}; roles: {', '.join(sorted(self.roles))}"
            )
        kept = [m for m in self.members if m.key != member.key]
        index = next((i for i, m in enumerate(self.members) if m.key == member.key), None)
        if index is None:
            kept.append(member)
        else:
            kept.insert(index, member)
        return dataclasses.replace(self, members=tuple(kept))

    def without(self, name: str) -> Roster:
        member = self.get(name)
        return dataclasses.replace(
            self, members=tuple(m for m in self.members if m.key != member.key)
        )

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "settings": {
                "idle_lock_seconds": self.settings.idle_lock_seconds,
                "discount_limit_percent": str(self.settings.discount_limit_percent),
            },
        }
        if self.custom_roles:
            data["roles"] = {k: dict(v) for k, v in self.custom_roles.items()}
        data["staff"] = [
            {"name": m.name, "role": m.role, "active": m.active, "pin_hash": m.pin_hash}
            for m in self.members
        ]
        return data

    def to_toml(self) -> str:
        header = (
            f"# Staff of store profile {self.profile!r}. PINs are never stored: only salted\n"
            "# scrypt hashes. Written by 'pos staff'; see docs/staff.md.\n"
        )
        return header + tomli_w.dumps(self.to_data())


def _settings(raw: object, where: str) -> StaffSettings:
    if raw is None:
        return StaffSettings()
    if not isinstance(raw, Mapping):
        raise StaffError(f"{where}: [settings] must be a table")
    unknown = set(raw) - {"idle_lock_seconds", "discount_limit_percent"}
    if unknown:
        raise StaffError(f"{where}: [settings]: unknown key(s) {', '.join(sorted(unknown))}")
    idle = raw.get("idle_lock_seconds", DEFAULT_IDLE_LOCK_SECONDS)
    if isinstance(idle, bool) or not isinstance(idle, int) or not 0 <= idle <= 86400:
        raise StaffError(f"{where}: idle_lock_seconds must be a whole number 0-86400")
    limit_raw = raw.get("discount_limit_percent", "0")
    if isinstance(limit_raw, bool) or not isinstance(limit_raw, int | str):
        raise StaffError(f"{where}: discount_limit_percent must be a number in quotes, "
                         "like \"10\"")
    try:
        limit = Decimal(str(limit_raw))
    except InvalidOperation:
        raise StaffError(f"{where}: discount_limit_percent must be a number 0-100") from None
    if not limit.is_finite() or not Decimal(0) <= limit <= Decimal(100):
        raise StaffError(f"{where}: discount_limit_percent must be a number 0-100")
    return StaffSettings(idle, limit)


def _member(raw: object, index: int, roles: Mapping[str, Role], where: str) -> StaffMember:
    at = f"{where}: staff entry {index}"
    if not isinstance(raw, Mapping):
        raise StaffError(f"{at} must be a table")
    unknown = set(raw) - {"name", "role", "active", "pin_hash"}
    if unknown:
        # A key such as "pin" would hold a PIN in plain text: refuse the file, never
        # repeat the value.
        raise StaffError(f"{at}: unknown key(s) {', '.join(sorted(unknown))} (a staff file "
                         "holds name, role, active and pin_hash only)")
    name, role = raw.get("name"), raw.get("role", "clerk")
    active, pin_hash = raw.get("active", True), raw.get("pin_hash")
    if not isinstance(name, str):
        raise StaffError(f"{at}: name must be a string")
    try:
        name = clean_name(name)
    except StaffError as exc:
        raise StaffError(f"{at}: {exc}") from None
    if not isinstance(role, str) or role not in roles:
        raise StaffError(f"{at} ({name}): unknown role {role!r}; roles: "
                         f"{', '.join(sorted(roles))}")
    if not isinstance(active, bool):
        raise StaffError(f"{at} ({name}): active must be true or false")
    if not isinstance(pin_hash, str) or not is_pin_hash(pin_hash):
        raise StaffError(f"{at} ({name}): pin_hash is missing or not a scrypt hash "
                         f"(set it with: pos staff set-pin)")
    return StaffMember(name, role, pin_hash, active)


def roster_from_text(
    text: str, *, profile: str, source: Source | None = None, path: Path | None = None
) -> Roster:
    where = str(path) if path is not None else "staff file"
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise StaffError(f"{where}: not valid TOML: {exc}") from None
    unknown = set(raw) - {"settings", "roles", "staff"}
    if unknown:
        raise StaffError(f"{where}: unknown key(s) {', '.join(sorted(unknown))} (known: "
                         "settings, roles, staff)")
    custom = raw.get("roles", {})
    if not isinstance(custom, Mapping):
        raise StaffError(f"{where}: [roles] must hold one table per role")
    try:
        roles = roles_from_data(custom)
    except RoleError as exc:
        raise StaffError(f"{where}: {exc}") from None
    staff = raw.get("staff", [])
    if not isinstance(staff, list):
        raise StaffError(f"{where}: staff must be a list of [[staff]] tables")
    members: list[StaffMember] = []
    seen: set[str] = set()
    for index, entry in enumerate(staff, start=1):
        member = _member(entry, index, roles, where)
        if member.key in seen:
            raise StaffError(f"{where}: {member.name!r} is listed twice")
        seen.add(member.key)
        members.append(member)
    return Roster(
        profile, tuple(members), roles, _settings(raw.get("settings"), where),
        custom, source, path,
    )


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except PermissionError:
        raise StaffError(f"cannot read {path}: permission denied (the staff file must be "
                         "readable by the register's user)") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise StaffError(f"cannot read {path}: {reason or exc}") from None


def load_roster(profile: str, source: Source | None = None) -> Roster:
    """The staff of ``profile``: the user's file when it exists, else the system-wide one
    (or only ``source``'s). No file means no staff: the register opens without a PIN."""
    try:
        check_profile_name(profile)
    except StaffFileError as exc:
        raise StaffError(str(exc)) from None
    sources: tuple[Source, ...] = (source,) if source else ("user", "system")
    for where in sources:
        path = staff_path(profile, where)
        text = _read(path)
        if text is not None:
            return roster_from_text(text, profile=profile, source=where, path=path)
    return Roster(profile)


def save_roster(roster: Roster, source: Source) -> Path:
    """Write the staff file atomically (user: 0600 in a 0700 folder; system: 0640)."""
    path = staff_path(roster.profile, source)
    modes = (SYSTEM_FILE_MODE, SYSTEM_DIR_MODE) if source == "system" else (
        USER_FILE_MODE, USER_DIR_MODE)
    try:
        write_atomic(path, roster.to_toml().encode("utf-8"), mode=modes[0], dir_mode=modes[1])
    except PermissionError:
        hint = " (the system-wide folder needs administrator rights)" if (
            source == "system") else ""
        raise StaffError(f"cannot write {path}: permission denied{hint}") from None
    except OSError as exc:
        raise StaffError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path
