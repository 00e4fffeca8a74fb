"""The sandbox store's own rules: where it is, its currency, its tax rates and its
shipping prices."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from pos.sandbox.catalog import us_states

STORE_ADDRESS = {
    "address1": "500 Congress Avenue",
    "city": "Austin",
    "state_or_province": "Texas",
    "state_or_province_code": "TX",
    "postal_code": "78701",
    "country_code": "US",
}
STORE_COUNTRY = "US"
STORE_STATE = "TX"
CURRENCY = "USD"
PICKUP_METHOD_ID = 1
FREE_SHIPPING_THRESHOLD = Decimal("100.00")
FLAT_RATE = {True: Decimal("7.50"), False: Decimal("25.00")}  # domestic?
BY_WEIGHT_BASE = {True: Decimal("4.00"), False: Decimal("12.00")}
BY_WEIGHT_PER_LB = {True: Decimal("1.25"), False: Decimal("2.50")}

# Sales tax by US state (percent); other US states pay US_DEFAULT_RATE.
US_STATE_RATES = {
    "TX": Decimal("8.25"),
    "CA": Decimal("7.25"),
    "NY": Decimal("8.875"),
    "WA": Decimal("6.5"),
    "FL": Decimal("6"),
    "IL": Decimal("6.25"),
    "MA": Decimal("6.25"),
    "CO": Decimal("2.9"),
    "OR": Decimal("0"),
    "MT": Decimal("0"),
    "NH": Decimal("0"),
    "DE": Decimal("0"),
}
US_DEFAULT_RATE = Decimal("5")
# Other countries (percent, tax name); countries not listed are not taxed.
COUNTRY_RATES = {
    "CA": (Decimal("5"), "GST"),
    "AU": (Decimal("10"), "GST"),
    "GB": (Decimal("20"), "VAT"),
    "DE": (Decimal("19"), "VAT"),
    "FR": (Decimal("20"), "VAT"),
    "NL": (Decimal("21"), "VAT"),
}


def tax_rate(country_code: str, state_code: str) -> tuple[Decimal, str]:
    """(rate in percent, tax name) for an address."""
    country = (country_code or "").upper()
    if country == "US":
        return US_STATE_RATES.get(state_code.upper(), US_DEFAULT_RATE), "Sales Tax"
    return COUNTRY_RATES.get(country, (Decimal(0), "Tax"))


def state_code_of(address: dict[str, Any]) -> str:
    code = str(address.get("state_or_province_code") or "").strip().upper()
    if code:
        return code
    state = str(address.get("state_or_province") or "").strip()
    if len(state) == 2:
        return state.upper()
    return us_states().get(state.lower(), "")
