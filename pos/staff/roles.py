"""Roles and the permissions they grant.

Three roles are built in (clerk, supervisor, manager); a profile's staff file may define
more, or redefine these, under ``[roles.NAME]`` with a ``permissions`` list.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


class Permission(enum.StrEnum):
    """What a gated action needs. The value is the name used in staff files and the log."""

    REFUND = "refund"
    VOID = "void"
    DISCOUNT_OVERRIDE = "discount_override"  # a discount or price override above the limit
    NO_SALE = "no_sale"  # open the cash drawer with no sale
    CASH_PAID_IN_OUT = "cash_paid_in_out"
    ABANDON_UNKNOWN_PAYMENT = "abandon_unknown_payment"  # a sale whose payment is unknown
    CLOSE_SHIFT = "close_shift"
    EDIT_PROFILE = "edit_profile"

    @property
    def label(self) -> str:
        """The action in plain words (English; the screens translate their own)."""
        return _TITLES[self]


_TITLES: dict[Permission, str] = {
    Permission.REFUND: "refund",
    Permission.VOID: "void a sale",
    Permission.DISCOUNT_OVERRIDE: "discount or price override above the limit",
    Permission.NO_SALE: "open the cash drawer (no sale)",
    Permission.CASH_PAID_IN_OUT: "cash paid in or out",
    Permission.ABANDON_UNKNOWN_PAYMENT: "abandon a sale whose payment is unknown",
    Permission.CLOSE_SHIFT: "close the shift",
    Permission.EDIT_PROFILE: "edit the store profile",
}

ROLE_NAME_RE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")


class RoleError(ValueError):
    """A role is unknown or badly defined."""


@dataclass(frozen=True)
class Role:
    name: str
    permissions: frozenset[Permission]
    builtin: bool = False

    def allows(self, permission: Permission) -> bool:
        return permission in self.permissions


BUILTIN_ROLES: dict[str, Role] = {
    "clerk": Role("clerk", frozenset(), builtin=True),
    "supervisor": Role(
        "supervisor",
        frozenset({
            Permission.VOID, Permission.DISCOUNT_OVERRIDE, Permission.NO_SALE,
            Permission.CASH_PAID_IN_OUT, Permission.ABANDON_UNKNOWN_PAYMENT,
        }),
        builtin=True,
    ),
    "manager": Role("manager", frozenset(Permission), builtin=True),
}


def parse_permissions(values: Iterable[object], *, role: str) -> frozenset[Permission]:
    found: set[Permission] = set()
    for value in values:
        try:
            found.add(Permission(str(value)))
        except ValueError:
            known = ", ".join(p.value for p in Permission)
            raise RoleError(
                f"role {role!r}: unknown permission {value!r} (known: {known})"
            ) from None
    return frozenset(found)


def roles_from_data(data: Mapping[str, object]) -> dict[str, Role]:
    """The built-in roles overlaid with ``[roles.*]`` tables of a staff file."""
    roles = dict(BUILTIN_ROLES)
    for name, table in data.items():
        if not ROLE_NAME_RE.match(name):
            raise RoleError(
                f"role name {name!r}: use 1-32 lower-case letters, digits, '_' or '-'"
            )
        if not isinstance(table, Mapping):
            raise RoleError(f"role {name!r} must be a table with a permissions list")
        unknown = set(table) - {"permissions"}
        if unknown:
            raise RoleError(f"role {name!r}: unknown key(s) {', '.join(sorted(unknown))}")
        perms = table.get("permissions", [])
        if not isinstance(perms, list):
            raise RoleError(f"role {name!r}: permissions must be a list of names")
        roles[name] = Role(name, parse_permissions(perms, role=name))
    return roles
