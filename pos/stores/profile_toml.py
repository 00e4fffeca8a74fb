"""Profile files as TOML: parsing and validating one file's text, and the field table
the command line and the setup dialog write through. Reading files from disk is
:mod:`pos.stores.profile_loading`'s job."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomli_w

from pos.api.urls import (
    DEFAULT_API_BASE_URL,
    DEFAULT_PAYMENTS_BASE_URL,
    StoreUrlError,
    parse_store_url,
)
from pos.hardware.uri import check_hardware_fields
from pos.locales import (
    UnknownLanguage,
    UnknownLocale,
    check_interface_language,
    check_locale,
    is_currency_code,
)
from pos.stores.phrases import STORE_WORDS

from .profile_model import (
    PICKUP_FIELDS,
    PickupLocation,
    Profile,
    ProfileProblem,
    Severity,
    Source,
    is_valid_name,
)

_MISSING_HASH = STORE_WORDS(
    "profile.store_hash_missing",
    "missing required key (the store hash from the API account's API path, e.g. "
    "https://api.bigcommerce.com/stores/abc123/v3/)",
)
_SECRET_KEY = STORE_WORDS(
    "profile.secret_key",
    "API tokens never go in a profile; run pos profile set-token {name} and delete this line",
)
_MUST_BE_KIND = STORE_WORDS("profile.must_be_kind", "must be {kind}, not {found}")
_UNKNOWN_KEY = STORE_WORDS("profile.unknown_key", "unknown key (ignored); known keys: {keys}")
_MISSING_KEY = STORE_WORDS("profile.missing_key", "missing required key")
_NAME_RULE = STORE_WORDS(
    "profile.name_rule",
    "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit",
)
_HASH_RULE = STORE_WORDS(
    "profile.store_hash_rule",
    "must be letters and digits only, e.g. 'abc123'",
)
_NOT_EMPTY = STORE_WORDS("profile.not_empty", "must not be empty")
_CHANNEL_RULE = STORE_WORDS(
    "profile.channel_rule",
    "must be 1 or more (1 is the store's default channel)",
)
_CURRENCY_RULE = STORE_WORDS(
    "profile.currency_rule",
    "must be a three-letter ISO 4217 code in capitals, e.g. 'USD'",
)
_CURRENCY_UNKNOWN = STORE_WORDS(
    "profile.currency_unknown",
    "is not a current ISO 4217 currency code, e.g. 'USD'",
)
_LOCALE_RULE = STORE_WORDS("profile.locale_rule", "must look like 'en_US' or 'fr_CA'")
_UNKNOWN_LOCALE = STORE_WORDS("profile.locale_unknown", "is not a locale the register knows")
_UNKNOWN_LOCALE_HINT = STORE_WORDS(
    "profile.locale_unknown_hint",
    "is not a locale the register knows; did you mean {suggestions}?",
)
_UNKNOWN_LANGUAGE = STORE_WORDS(
    "profile.language_unknown",
    "is not a language the register speaks; choose one of {languages}",
)
_UNKNOWN_FIELD = STORE_WORDS(
    "profile.unknown_field",
    "unknown address field (ignored); known fields: {fields}",
)
_COUNTRY_RULE = STORE_WORDS(
    "profile.country_rule",
    "must be a two-letter ISO 3166 code in capitals, e.g. 'US'",
)
_COIN_RULE = STORE_WORDS(
    "profile.coin_rule",
    "must be the smallest coin as an amount, e.g. '0.05'",
)

# Each pattern is matched whole (``fullmatch``): "USD\n" is not a currency.
_STORE_HASH_RE = re.compile(r"[A-Za-z0-9]{1,64}")
_CURRENCY_RE = re.compile(r"[A-Z]{3}")
_LOCALE_RE = re.compile(r"[a-z]{2,3}([_-][A-Za-z0-9]{2,8})*")
_COUNTRY_RE = re.compile(r"[A-Z]{2}")
_TOML_LINE_RE = re.compile(r"line (\d+)(?:, column (\d+))?")
_TOML_AT_RE = re.compile(r"\s*\(at [^)]*\)")


def key_line(text: str, table: str | None, key: str) -> int | None:
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

#: Every top-level key of a profile file and the kind of value it holds.
FIELD_KINDS: dict[str, str] = {
    "name": "str",
    "display_name": "str",
    "store_hash": "str",
    "channel_id": "int",
    "api_base_url": "url",
    "payments_base_url": "url",
    "currency": "str",
    "locale": "str",
    "language": "str",
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
    "allow_refunds": "bool",
    "refund_reasons": "lines",
    "inventory_location_id": "int",
    "cash_rounding": "str",
    "tenders": "lines",
    "require_shift": "bool",
    "sandbox": "bool",
}
FIELD_NAMES: tuple[str, ...] = tuple(FIELD_KINDS)

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
    name = profile_name if is_valid_name(profile_name) else "NAME"
    return _SECRET_KEY(name=name)


_TYPE_WORDS = {
    kind: STORE_WORDS(f"profile.kind.{kind}", english)()
    for kind, english in (
        ("str", "a string"),
        ("url", "a URL string"),
        ("int", "an integer"),
        ("bool", "true or false"),
        ("lines", "a list of strings"),
        ("table", "a table of address fields"),
    )
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
            line = key_line(self.text, table, key)
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
        v.add(_MUST_BE_KIND(kind=_TYPE_WORDS[kind], found=_toml_type(value)), key=key)
        return False
    if kind == "url":
        try:
            parse_store_url(value.rstrip("/") if isinstance(value, str) else value)
        except StoreUrlError as exc:
            # The value is not repeated: whatever was typed here could be a secret.
            v.add(str(exc), key=key)
            return False
    return True


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
    except (RecursionError, MemoryError):
        v.problems.append(ProfileProblem(path, "not valid TOML: nested too deeply"))
        return None, v.problems
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
        kind = FIELD_KINDS.get(key)
        if kind is None:
            v.add(
                _UNKNOWN_KEY(keys=", ".join(FIELD_NAMES)),
                key=key, severity="warning",
            )
            continue
        if _check_value(v, key, kind, value):
            values[key] = value

    name = values.get("name", default_name)
    if name is None:
        v.add(_MISSING_KEY(), key="name")
    elif not is_valid_name(name):
        v.add(_NAME_RULE(), key="name")
    sandbox = bool(values.get("sandbox", False))
    store_hash = values.get("store_hash", "")
    if "store_hash" not in raw and not sandbox:
        v.problems.append(
            ProfileProblem(
                v.path,
                _MISSING_HASH(),
                field="store_hash",
            )
        )
    elif store_hash and not _STORE_HASH_RE.fullmatch(store_hash):
        v.add(_HASH_RULE(), key="store_hash")
    elif "store_hash" in values and not store_hash and not sandbox:
        v.add(_NOT_EMPTY(), key="store_hash")
    channel_id = values.get("channel_id", 1)
    if "channel_id" in values and channel_id < 1:
        v.add(_CHANNEL_RULE(), key="channel_id")
    currency = values.get("currency", "USD")
    if "currency" in values and not _CURRENCY_RE.fullmatch(currency):
        v.add(_CURRENCY_RULE(), key="currency")
    elif "currency" in values and not is_currency_code(currency):
        v.add(_CURRENCY_UNKNOWN(), key="currency")
    locale = values.get("locale", "en_US")
    if "locale" in values and not _LOCALE_RE.fullmatch(locale):
        v.add(_LOCALE_RULE(), key="locale")
    elif "locale" in values:
        try:
            locale = check_locale(locale)  # CLDR's spelling of the name
        except UnknownLocale as exc:
            suggestions = ", ".join(exc.suggestions)
            v.add(_UNKNOWN_LOCALE_HINT(suggestions=suggestions) if suggestions
                  else _UNKNOWN_LOCALE(), key="locale")
    language = values.get("language", "")
    if language:
        try:
            language = check_interface_language(language)
        except UnknownLanguage as exc:
            v.add(_UNKNOWN_LANGUAGE(languages=", ".join(exc.known)), key="language")

    pickup = PickupLocation()
    raw_pickup = values.get("pickup_location")
    if isinstance(raw_pickup, dict):
        pickup_values: dict[str, str] = {}
        for key, value in raw_pickup.items():
            if is_secret_key(key):
                v.add(secret_key_message(profile_name), key=key, table="pickup_location")
            elif key not in PICKUP_FIELDS:
                v.add(
                    _UNKNOWN_FIELD(fields=", ".join(PICKUP_FIELDS)),
                    key=key, table="pickup_location", severity="warning",
                )
            elif not isinstance(value, str):
                v.add(_MUST_BE_KIND(kind=_TYPE_WORDS["str"], found=_toml_type(value)), key=key,
                      table="pickup_location")
            else:
                pickup_values[key] = value
        cc = pickup_values.get("country_code")
        if cc and not _COUNTRY_RE.fullmatch(cc):
            v.add(_COUNTRY_RULE(),
                  key="country_code", table="pickup_location")
        pickup = PickupLocation(**pickup_values)

    for key, message in check_hardware_fields(values):
        v.add(message, key=key)
    if values.get("cash_rounding") and not _is_coin(values["cash_rounding"]):
        v.add(_COIN_RULE(), key="cash_rounding")
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
        language=language,
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
        allow_refunds=values.get("allow_refunds", True),
        refund_reasons=tuple(values.get("refund_reasons", ())),
        inventory_location_id=values.get("inventory_location_id", 1),
        cash_rounding=values.get("cash_rounding", ""),
        tenders=tuple(values.get("tenders", ())),
        require_shift=values.get("require_shift", False),
        sandbox=sandbox,
        source=source,
        path=v.path,
    )
    return profile, v.problems


def _is_coin(text: str) -> bool:
    from decimal import Decimal, InvalidOperation

    try:
        coin = Decimal(text)
    except InvalidOperation:
        return False
    return coin.is_finite() and coin > 0 and coin == coin.quantize(Decimal("0.01"))


def profile_from_data(
    data: Mapping[str, Any], *, source: Source = "user", path: Path | None = None
) -> tuple[Profile | None, list[ProfileProblem]]:
    """Validate a mapping (e.g. built from command-line options) as a profile."""
    text = tomli_w.dumps(dict(data))
    return _profile_from_data(data, _Validator(text, path), source=source, default_name=None)
