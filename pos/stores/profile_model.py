"""The store profile model: what a profile holds, the built-in demo profile, and the
problems found in a profile file. No file access here (see :mod:`pos.stores.profiles`)."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

import tomli_w

from pos import APP_NAME
from pos.api.urls import DEFAULT_API_BASE_URL, DEFAULT_PAYMENTS_BASE_URL

Source = Literal["user", "system", "builtin"]
Severity = Literal["error", "warning"]

DEMO_PROFILE_NAME = "demo"
PROFILE_SUFFIX = ".toml"

#: A profile name: matched whole (``fullmatch``), so a trailing newline is refused too.
NAME_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
NAME_RULE = "1-64 letters, digits, '.', '_' or '-', starting with a letter or digit"


def is_valid_name(name: object) -> bool:
    """Whether ``name`` is a usable profile name (the whole text, nothing after it)."""
    return isinstance(name, str) and NAME_RE.fullmatch(name) is not None


class ProfileError(Exception):
    """A profile could not be found, read, validated or written."""


# ---------------------------------------------------------------------------
# The model


@dataclass(frozen=True)
class PickupLocation:
    """The store's own address, used for pickup-in-store consignments.

    Field names are BigCommerce's address field names.
    """

    first_name: str = ""
    last_name: str = ""
    company: str = ""
    address1: str = ""
    address2: str = ""
    city: str = ""
    state_or_province: str = ""
    state_or_province_code: str = ""
    country_code: str = ""
    postal_code: str = ""
    phone: str = ""
    email: str = ""

    REQUIRED: ClassVar[tuple[str, ...]] = (
        "first_name", "last_name", "address1", "city", "country_code", "email",
    )

    def as_address(self) -> dict[str, str]:
        """The address as a BigCommerce address body (empty fields left out)."""
        return {k: v for k, v in dataclasses.asdict(self).items() if v}

    def missing_fields(self) -> list[str]:
        """The fields a consignment address needs that are empty."""
        return [name for name in self.REQUIRED if not getattr(self, name)]

    def is_empty(self) -> bool:
        return not any(dataclasses.asdict(self).values())


PICKUP_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(PickupLocation))


@dataclass(frozen=True)
class Profile:
    """One store profile. ``source`` and ``path`` say where it was read from; they are
    not part of the file."""

    name: str
    store_hash: str = ""
    display_name: str = ""
    channel_id: int = 1
    api_base_url: str = DEFAULT_API_BASE_URL
    payments_base_url: str = DEFAULT_PAYMENTS_BASE_URL
    currency: str = "USD"
    locale: str = "en_US"
    language: str = ""
    """The language of the register's screens (``"es"``); empty: the system's (``LANG``)."""
    pickup_location: PickupLocation = field(default_factory=PickupLocation)
    terminal_name: str = ""
    receipt_header: tuple[str, ...] = ()
    receipt_footer: tuple[str, ...] = ()
    ca_bundle: Path | None = None
    printer: str | None = None
    drawer_pin: int = 2
    paper_width: int = 80
    customer_display: bool = False
    pole_display: bool = False
    allow_refunds: bool = True
    refund_reasons: tuple[str, ...] = ()
    inventory_location_id: int = 1
    cash_rounding: str = ""
    tenders: tuple[str, ...] = ()
    require_shift: bool = False
    sandbox: bool = False
    source: Source = field(default="user", compare=False)
    path: Path | None = field(default=None, compare=False)

    @property
    def title(self) -> str:
        """What the clerk sees: the display name, or the name."""
        return self.display_name or self.name

    @property
    def needs_token(self) -> bool:
        """The sandbox is started by the app with its own token; real stores need one."""
        return not self.sandbox

    def resolved_for_sandbox(
        self, *, api_base_url: str, payments_base_url: str, store_hash: str
    ) -> Profile:
        """This sandbox profile pointed at a running sandbox store (the app starts it)."""
        if not self.sandbox:
            raise ProfileError(f"profile {self.name!r} is not a sandbox profile")
        return dataclasses.replace(
            self,
            api_base_url=api_base_url.rstrip("/"),
            payments_base_url=payments_base_url.rstrip("/"),
            store_hash=store_hash,
        )

    def with_source(self, source: Source, path: Path | None) -> Profile:
        return dataclasses.replace(self, source=source, path=path)

    def to_data(self) -> dict[str, Any]:
        """The file contents as a TOML-ready mapping (no ``source``/``path``, no token)."""
        data: dict[str, Any] = {"name": self.name}
        if self.display_name:
            data["display_name"] = self.display_name
        if self.sandbox:
            data["sandbox"] = True
        if self.store_hash:
            data["store_hash"] = self.store_hash
        data["channel_id"] = self.channel_id
        if not self.sandbox:
            data["api_base_url"] = self.api_base_url
            data["payments_base_url"] = self.payments_base_url
        data["currency"] = self.currency
        data["locale"] = self.locale
        if self.language:
            data["language"] = self.language
        if self.terminal_name:
            data["terminal_name"] = self.terminal_name
        if self.receipt_header:
            data["receipt_header"] = list(self.receipt_header)
        if self.receipt_footer:
            data["receipt_footer"] = list(self.receipt_footer)
        if self.ca_bundle is not None:
            data["ca_bundle"] = str(self.ca_bundle)
        if self.printer is not None:
            data["printer"] = self.printer
        for key, default in (("drawer_pin", 2), ("paper_width", 80),
                             ("customer_display", False), ("pole_display", False),
                             ("allow_refunds", True), ("inventory_location_id", 1)):
            if getattr(self, key) != default:
                data[key] = getattr(self, key)
        if self.refund_reasons:
            data["refund_reasons"] = list(self.refund_reasons)
        if self.cash_rounding:
            data["cash_rounding"] = self.cash_rounding
        if self.tenders:
            data["tenders"] = list(self.tenders)
        if self.require_shift:
            data["require_shift"] = True
        pickup = {k: v for k, v in dataclasses.asdict(self.pickup_location).items() if v}
        if pickup:
            data["pickup_location"] = pickup
        return data

    def to_toml(self) -> str:
        header = f"# Store profile {self.name!r} for {APP_NAME}. It holds no token.\n"
        return header + tomli_w.dumps(self.to_data())


DEMO_PROFILE = Profile(
    name=DEMO_PROFILE_NAME,
    display_name="Demo store (sandbox)",
    sandbox=True,
    currency="USD",
    locale="en_US",
    terminal_name="Demo register",
    receipt_header=("Demo store", "This is a training receipt"),
    receipt_footer=("Demo store: no real card was charged", "Thank you!"),
    pickup_location=PickupLocation(
        first_name="Demo",
        last_name="Store",
        company="Demo store",
        address1="1 Sandbox Street",
        city="Austin",
        state_or_province="Texas",
        state_or_province_code="TX",
        country_code="US",
        postal_code="78701",
        phone="555-0100",
        email="store@example.com",
    ),
    source="builtin",
)


# ---------------------------------------------------------------------------
# Problems


@dataclass(frozen=True)
class ProfileProblem:
    """What is wrong with one profile file; ``line`` and ``field`` when known."""

    path: Path | None
    message: str
    severity: Severity = "error"
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = str(self.path) if self.path is not None else "<profile>"
        if self.line is not None:
            where += f":{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {self.severity}: {what}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": str(self.path) if self.path is not None else None,
            "line": self.line,
            "field": self.field,
            "severity": self.severity,
            "message": self.message,
        }
