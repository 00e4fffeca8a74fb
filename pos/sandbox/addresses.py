"""Billing and consignment addresses: reading them from a request and showing them."""

from __future__ import annotations

import functools
import json
import uuid
from typing import Any

from pos.sandbox.catalog import resources_dir
from pos.sandbox.errors import Fields

ADDRESS_KEYS = (
    "first_name",
    "last_name",
    "email",
    "company",
    "address1",
    "address2",
    "city",
    "state_or_province",
    "state_or_province_code",
    "country_code",
    "postal_code",
    "phone",
)


@functools.cache
def _rules() -> dict[str, dict[str, Any]]:
    """Every country the store knows: whether it has postal codes, and the states or
    provinces an address there must name (``resources/sandbox/address_rules.json``)."""
    path = resources_dir() / "address_rules.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {str(code): dict(entry) for code, entry in data.items()}


def country_rules(code: str) -> dict[str, Any] | None:
    """A country's address rules (None for a code that is no country)."""
    if len(code) != 2 or not code.isascii() or not code.isalpha():
        return None
    return _rules().get(code.upper())


@functools.cache
def subdivisions(code: str) -> dict[str, str]:
    """A country's states or provinces: every spelling the store knows (code, local name,
    Latin name, ISO code; compared without case) → the code."""
    rules = country_rules(code) or {}
    out: dict[str, str] = {}
    for key, spellings in (rules.get("states") or {}).items():
        for spelling in (key, *spellings):
            out.setdefault(str(spelling).casefold(), str(key))
    return out


def read_address(raw: Any, where: str, *, billing: bool) -> dict[str, Any]:
    """An address of a checkout: ``email`` and a known ``country_code`` always; its
    ``state_or_province`` (a subdivision the country has) and ``postal_code`` where the
    country has them (checkouts.v3.yml requires both for consignments; which countries have
    them comes from Google's address metadata, kept in ``address_rules.json``)."""
    f = Fields(raw, where)
    out: dict[str, Any] = {}
    for key in ADDRESS_KEYS:
        value = f.str(key, required=key in ("email", "country_code"), max_length=255)
        if value is not None:
            out[key] = value
    country = out.get("country_code", "").strip().upper()
    rules = country_rules(country) if country else None
    if country and rules is None:
        f.fail("country_code", f"{country} is not a country the store ships to or bills in")
    if rules is not None:
        _check_region(f, out, country, rules)
    email = out.get("email", "")
    if email and ("@" not in email or email.startswith("@") or email.endswith("@")):
        f.fail("email", "email is not a valid address")
    custom = f.list("custom_fields")
    f.done()
    out["country_code"] = country
    out["custom_fields"] = custom or []
    for key in ADDRESS_KEYS:
        out.setdefault(key, "")
    if billing:
        out["id"] = uuid.uuid4().hex[:13]
    return out


def _check_region(f: Fields, out: dict[str, Any], country: str, rules: dict[str, Any]) -> None:
    """State and postal code as the country has them."""
    if rules.get("states"):
        known = subdivisions(country)
        state = str(out.get("state_or_province") or "").strip()
        code = str(out.get("state_or_province_code") or "").strip()
        if not state and not code:
            f.fail("state_or_province", f"state_or_province is required in {country}")
        for key, value in (("state_or_province", state), ("state_or_province_code", code)):
            if value and value.casefold() not in known:
                f.fail(key, f"{value} is not a state or province of {country}")
    if rules.get("postal_code") and not str(out.get("postal_code") or "").strip():
        f.fail("postal_code", f"postal_code is required in {country}")


def address_json(address: dict[str, Any], *, with_id: bool) -> dict[str, Any]:
    out = {key: address.get(key, "") for key in ADDRESS_KEYS}
    country = address.get("country_code", "")
    out["country"] = {
        "US": "United States",
        "CA": "Canada",
        "GB": "United Kingdom",
        "DE": "Germany",
        "FR": "France",
        "AU": "Australia",
    }.get(country, country)
    out["custom_fields"] = address.get("custom_fields", [])
    if with_id and "id" in address:
        out["id"] = address["id"]
    return out
