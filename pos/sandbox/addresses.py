"""Billing and consignment addresses: reading them from a request and showing them."""

from __future__ import annotations

import uuid
from typing import Any

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


def read_address(raw: Any, where: str, *, billing: bool) -> dict[str, Any]:
    f = Fields(raw, where)
    out: dict[str, Any] = {}
    for key in ADDRESS_KEYS:
        value = f.str(key, required=key in ("email", "country_code"), max_length=255)
        if value is not None:
            out[key] = value
    country = out.get("country_code", "")
    if country and (len(country) != 2 or not country.isalpha()):
        f.fail("country_code", "country_code must be a two-letter ISO 3166 code")
    email = out.get("email", "")
    if email and ("@" not in email or email.startswith("@") or email.endswith("@")):
        f.fail("email", "email is not a valid address")
    custom = f.list("custom_fields")
    f.done()
    out["country_code"] = country.upper()
    out["custom_fields"] = custom or []
    for key in ADDRESS_KEYS:
        out.setdefault(key, "")
    if billing:
        out["id"] = uuid.uuid4().hex[:13]
    return out


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
