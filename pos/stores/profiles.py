"""Store profiles: TOML files that say which store a register sells for, and how.

A profile is written, copied and deployed without a network and holds no secret: the
API token lives in the OS keyring (see :mod:`pos.stores.secrets`). Profiles come from
three places, the later winning over the earlier when two share a name:

1. ``builtin``: the demo profile, which points at the in-process sandbox store;
2. ``system``: a machine-wide folder for fleet installs (``POS_SYSTEM_PROFILES_DIR``);
3. ``user``: the user's own configuration folder (``POS_PROFILES_DIR``).

A broken file never stops the app: :func:`load_profiles` returns the profiles it could
read together with the problems it found (file, line, field, what is wrong).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import re
import sys
import tempfile
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Literal

import tomli_w

from pos import APP_NAME

Source = Literal["user", "system", "builtin"]
Severity = Literal["error", "warning"]

DEFAULT_API_BASE_URL = "https://api.bigcommerce.com"
DEFAULT_PAYMENTS_BASE_URL = "https://payments.bigcommerce.com"
DEMO_PROFILE_NAME = "demo"
PROFILE_SUFFIX = ".toml"

ENV_PROFILES_DIR = "POS_PROFILES_DIR"
ENV_SYSTEM_PROFILES_DIR = "POS_SYSTEM_PROFILES_DIR"
ENV_DATA_DIR = "POS_DATA_DIR"

_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_STORE_HASH_RE = re.compile(r"^[A-Za-z0-9]{1,64}$")
_CURRENCY_RE = re.compile(r"^[A-Z]{3}$")
_LOCALE_RE = re.compile(r"^[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*$")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
_TOML_LINE_RE = re.compile(r"line (\d+)(?:, column (\d+))?")
_TOML_AT_RE = re.compile(r"\s*\(at [^)]*\)")


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
                             ("customer_display", False), ("pole_display", False)):
            if getattr(self, key) != default:
                data[key] = getattr(self, key)
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


def _key_line(text: str, table: str | None, key: str) -> int | None:
    """The 1-based line where ``key`` is set (inside ``[table]`` when given)."""
    current: str | None = None
    key_re = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    dotted_re = re.compile(
        rf"^\s*[\"']?{re.escape(table)}[\"']?\s*\.\s*[\"']?{re.escape(key)}[\"']?\s*="
    ) if table else None
    table_re = re.compile(r"^\s*\[\s*([^\]]+?)\s*\]\s*(#.*)?$")
    for number, line in enumerate(text.splitlines(), start=1):
        match = table_re.match(line)
        if match:
            current = match.group(1).strip("\"' ")
            if table is not None and key == "" and current == table:
                return number
            continue
        if table is None and current is None and key_re.match(line):
            return number
        if table is not None and current == table and key_re.match(line):
            return number
        if dotted_re is not None and current is None and dotted_re.match(line):
            return number
    return None


# ---------------------------------------------------------------------------
# Parsing and validation

_TOP_LEVEL: dict[str, str] = {
    "name": "str",
    "display_name": "str",
    "store_hash": "str",
    "channel_id": "int",
    "api_base_url": "url",
    "payments_base_url": "url",
    "currency": "str",
    "locale": "str",
    "pickup_location": "table",
    "terminal_name": "str",
    "receipt_header": "lines",
    "receipt_footer": "lines",
    "ca_bundle": "str",
    "printer": "str",
    "drawer_pin": "int",
    "paper_width": "int",
    "customer_display": "bool",
    "pole_display": "bool",
    "sandbox": "bool",
}
FIELD_NAMES: tuple[str, ...] = tuple(_TOP_LEVEL)

#: Keys that would hold a credential. A profile never does: such a key is an error (not an
#: unknown-key warning), reported with its file and line and never with its value.
SECRET_KEYS: frozenset[str] = frozenset({
    "token", "access_token", "api_token", "auth_token", "x_auth_token", "api_key",
    "client_secret", "password", "secret",
})


def is_secret_key(key: str) -> bool:
    """Whether a profile key looks like it holds a credential (``token``, ``password``…)."""
    return key.strip().lower().replace("-", "_") in SECRET_KEYS


def secret_key_message(profile_name: str | None) -> str:
    name = profile_name if profile_name and _NAME_RE.match(profile_name) else "NAME"
    return (
        f"API tokens never go in a profile; run pos profile set-token {name} "
        "and delete this line"
    )
_TYPE_WORDS = {
    "str": "a string",
    "url": "a URL string",
    "int": "an integer",
    "bool": "true or false",
    "lines": "a list of strings",
    "table": "a table of address fields",
}


def _toml_type(value: object) -> str:
    names = {
        str: "a string",
        int: "an integer",
        float: "a number with a fraction",
        bool: "a boolean",
        list: "a list",
        dict: "a table",
    }
    return names.get(type(value), type(value).__name__)


class _Validator:
    def __init__(self, text: str, path: Path | None) -> None:
        self.text = text
        self.path = path
        self.problems: list[ProfileProblem] = []

    def add(
        self, message: str, *, key: str | None = None, table: str | None = None,
        severity: Severity = "error",
    ) -> None:
        line = None
        if key is not None:
            line = _key_line(self.text, table, key)
        name = f"{table}.{key}" if table and key else key
        self.problems.append(
            ProfileProblem(self.path, message, severity=severity, line=line, field=name)
        )

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.problems)


def _check_value(v: _Validator, key: str, kind: str, value: object) -> bool:
    ok: bool
    if kind in {"str", "url"}:
        ok = isinstance(value, str)
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "bool":
        ok = isinstance(value, bool)
    elif kind == "lines":
        ok = isinstance(value, list) and all(isinstance(x, str) for x in value)
    else:
        ok = isinstance(value, dict)
    if not ok:
        v.add(f"must be {_TYPE_WORDS[kind]}, not {_toml_type(value)}", key=key)
        return False
    if kind == "url":
        assert isinstance(value, str)
        if not re.match(r"^https?://[^\s/]+(:\d+)?(/\S*)?$", value):
            # The value is not repeated: whatever was typed here could be a secret.
            v.add(f"must be an http(s) URL like {DEFAULT_API_BASE_URL}", key=key)
            return False
        if value.startswith("http://") and not _is_loopback_url(value):
            v.add("must use https:// (plain http is allowed only for localhost)", key=key)
            return False
    return True


def _is_loopback_url(url: str) -> bool:
    host = re.sub(r"^https?://", "", url).split("/", 1)[0].rsplit(":", 1)[0].strip("[]")
    return host in {"localhost", "127.0.0.1", "::1"}


def parse_profile(
    text: str,
    *,
    path: Path | None = None,
    source: Source = "user",
    default_name: str | None = None,
) -> tuple[Profile | None, list[ProfileProblem]]:
    """Parse and validate one profile file.

    Returns the profile (``None`` when there is any error) and every problem found;
    warnings (unknown keys) do not stop the profile from loading.
    """
    v = _Validator(text, path)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_LINE_RE.search(message)
        line = int(match.group(1)) if match else None
        if match and match.group(2):
            message = _TOML_AT_RE.sub(f" at column {match.group(2)}", message)
        else:
            message = _TOML_AT_RE.sub("", message)
        v.problems.append(
            ProfileProblem(path, f"not valid TOML: {message}", line=line)
        )
        return None, v.problems
    return _profile_from_data(raw, v, source=source, default_name=default_name)


def _profile_from_data(
    raw: Mapping[str, Any],
    v: _Validator,
    *,
    source: Source,
    default_name: str | None,
) -> tuple[Profile | None, list[ProfileProblem]]:
    values: dict[str, Any] = {}
    named = raw.get("name")
    profile_name = named if isinstance(named, str) else default_name
    for key, value in raw.items():
        if is_secret_key(key):
            v.add(secret_key_message(profile_name), key=key)
            continue
        kind = _TOP_LEVEL.get(key)
        if kind is None:
            v.add(
                f"unknown key (ignored); known keys: {', '.join(FIELD_NAMES)}",
                key=key, severity="warning",
            )
            continue
        if _check_value(v, key, kind, value):
            values[key] = value

    name = values.get("name", default_name)
    if name is None:
        v.add("missing required key", key="name")
    elif not _NAME_RE.match(name):
        v.add(
            "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit",
            key="name",
        )
    sandbox = bool(values.get("sandbox", False))
    store_hash = values.get("store_hash", "")
    if "store_hash" not in raw and not sandbox:
        v.problems.append(
            ProfileProblem(
                v.path,
                "missing required key (the store hash from the API account's "
                "API path, e.g. https://api.bigcommerce.com/stores/abc123/v3/)",
                field="store_hash",
            )
        )
    elif store_hash and not _STORE_HASH_RE.match(store_hash):
        v.add("must be letters and digits only, e.g. 'abc123'", key="store_hash")
    elif "store_hash" in values and not store_hash and not sandbox:
        v.add("must not be empty", key="store_hash")
    channel_id = values.get("channel_id", 1)
    if "channel_id" in values and channel_id < 1:
        v.add("must be 1 or more (1 is the store's default channel)", key="channel_id")
    currency = values.get("currency", "USD")
    if "currency" in values and not _CURRENCY_RE.match(currency):
        v.add("must be a three-letter ISO 4217 code in capitals, e.g. 'USD'", key="currency")
    locale = values.get("locale", "en_US")
    if "locale" in values and not _LOCALE_RE.match(locale):
        v.add("must look like 'en_US' or 'fr_CA'", key="locale")

    pickup = PickupLocation()
    raw_pickup = values.get("pickup_location")
    if isinstance(raw_pickup, dict):
        pickup_values: dict[str, str] = {}
        for key, value in raw_pickup.items():
            if is_secret_key(key):
                v.add(secret_key_message(profile_name), key=key, table="pickup_location")
            elif key not in PICKUP_FIELDS:
                v.add(
                    f"unknown address field (ignored); known fields: {', '.join(PICKUP_FIELDS)}",
                    key=key, table="pickup_location", severity="warning",
                )
            elif not isinstance(value, str):
                v.add(f"must be a string, not {_toml_type(value)}", key=key,
                      table="pickup_location")
            else:
                pickup_values[key] = value
        cc = pickup_values.get("country_code")
        if cc and not _COUNTRY_RE.match(cc):
            v.add("must be a two-letter ISO 3166 code in capitals, e.g. 'US'",
                  key="country_code", table="pickup_location")
        pickup = PickupLocation(**pickup_values)

    from pos.hardware.uri import check_hardware_fields

    for key, message in check_hardware_fields(values):
        v.add(message, key=key)
    if v.failed or name is None:
        return None, v.problems
    ca_bundle = values.get("ca_bundle")
    profile = Profile(
        name=name,
        store_hash=store_hash,
        display_name=values.get("display_name", ""),
        channel_id=channel_id,
        api_base_url=values.get("api_base_url", DEFAULT_API_BASE_URL).rstrip("/"),
        payments_base_url=values.get("payments_base_url", DEFAULT_PAYMENTS_BASE_URL).rstrip("/"),
        currency=currency,
        locale=locale,
        pickup_location=pickup,
        terminal_name=values.get("terminal_name", ""),
        receipt_header=tuple(values.get("receipt_header", ())),
        receipt_footer=tuple(values.get("receipt_footer", ())),
        ca_bundle=Path(ca_bundle) if ca_bundle else None,
        printer=values.get("printer"),
        drawer_pin=values.get("drawer_pin", 2),
        paper_width=values.get("paper_width", 80),
        customer_display=values.get("customer_display", False),
        pole_display=values.get("pole_display", False),
        sandbox=sandbox,
        source=source,
        path=v.path,
    )
    return profile, v.problems


def profile_from_data(
    data: Mapping[str, Any], *, source: Source = "user", path: Path | None = None
) -> tuple[Profile | None, list[ProfileProblem]]:
    """Validate a mapping (e.g. built from command-line options) as a profile."""
    text = tomli_w.dumps(dict(data))
    return _profile_from_data(data, _Validator(text, path), source=source, default_name=None)


# ---------------------------------------------------------------------------
# Folders


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
    if not _NAME_RE.match(name):
        raise ProfileError(f"invalid profile name {name!r}")
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
    if not _NAME_RE.match(name):
        raise ProfileError(
            f"invalid profile name {name!r}: use 1-64 letters, digits, '.', '_' or '-'"
        )
    return profile_dir(source) / f"{name}{PROFILE_SUFFIX}"


# ---------------------------------------------------------------------------
# Loading


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
        except tomllib.TOMLDecodeError:
            named = None
        if isinstance(named, str) and _NAME_RE.match(named):
            return named
    return path.stem


def _read_folder(
    folder: Path, source: Source, broken: list[tuple[str, Path]] | None = None
) -> tuple[list[Profile], list[ProfileProblem]]:
    """The profiles of one folder and their problems; ``broken`` collects the name and path
    of each file that could not be used."""
    profiles: list[Profile] = []
    problems: list[ProfileProblem] = []
    broken = broken if broken is not None else []
    try:
        entries = sorted(folder.glob(f"*{PROFILE_SUFFIX}"))
    except OSError as exc:
        return [], [ProfileProblem(folder, f"cannot list the folder: {exc.strerror or exc}")]
    names: dict[str, Path] = {}
    for path in entries:
        if path.name.startswith("."):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
            problems.append(ProfileProblem(path, f"cannot read the file: {reason or exc}"))
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
                    line=_key_line(text, None, "name"),
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
    if include_builtin:
        layers.append([DEMO_PROFILE])
    folders: tuple[tuple[Source, Path], ...] = (
        ("system", system_profiles_dir()), ("user", user_profiles_dir()),
    )
    for source, folder in folders:
        if folder.is_dir():
            unusable: list[tuple[str, Path]] = []
            found, issues = _read_folder(folder, source, unusable)
            layers.append(found)
            problems.extend(issues)
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
    return LoadedProfiles(ordered, tuple(problems), tuple(shadowed), fallbacks)


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


# ---------------------------------------------------------------------------
# Writing


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
    if os.name == "posix":
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


def replace_fields(profile: Profile, changes: Iterable[tuple[str, str]]) -> dict[str, Any]:
    """Apply ``key=value`` changes (values as typed on a command line) to the profile's
    file data. Dotted keys reach into ``pickup_location``. Returns the new data, which
    the caller validates with :func:`profile_from_data`."""
    data = profile.to_data()
    for key, text in changes:
        if is_secret_key(key.rsplit(".", 1)[-1]):
            raise ProfileError(
                f"API tokens never go in a profile: run pos profile set-token {profile.name}"
            )
        if key.startswith("pickup_location."):
            sub = key.split(".", 1)[1]
            pickup = dict(data.get("pickup_location", {}))
            if text == "":
                pickup.pop(sub, None)
            else:
                pickup[sub] = text
            data["pickup_location"] = pickup
            continue
        kind = _TOP_LEVEL.get(key)
        if kind is None:
            raise ProfileError(f"unknown field {key!r}; known fields: {', '.join(FIELD_NAMES)}")
        if text == "" and key not in {"name", "store_hash"}:
            data.pop(key, None)
            continue
        data[key] = convert_value(key, text)
    return data


def convert_value(key: str, text: str) -> Any:
    """Turn a command-line string into the value a profile field holds."""
    kind = _TOP_LEVEL.get(key, "str")
    if kind == "int":
        try:
            return int(text)
        except ValueError:
            raise ProfileError(f"{key} must be an integer, not {text!r}") from None
    if kind == "bool":
        lowered = text.strip().lower()
        if lowered in {"true", "yes", "1", "on"}:
            return True
        if lowered in {"false", "no", "0", "off"}:
            return False
        raise ProfileError(f"{key} must be true or false, not {text!r}")
    if kind == "lines":
        stripped = text.strip()
        if stripped.startswith("["):
            try:
                value = tomllib.loads(f"v = {stripped}")["v"]
            except tomllib.TOMLDecodeError as exc:
                raise ProfileError(f"{key}: not a TOML list of strings: {exc}") from None
            return value
        return text.split("|")
    return text
