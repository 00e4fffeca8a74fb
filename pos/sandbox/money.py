"""Money for the sandbox: Decimal inside, JSON numbers (v3) or 4-decimal strings (v2) outside."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

CENT = Decimal("0.01")


def D(value: Any) -> Decimal:
    """A Decimal from a str/int/Decimal (floats go through their shortest repr)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    try:
        return Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError(f"not an amount: {value!r}") from None


def cents(value: Decimal) -> Decimal:
    """Rounded half-up to cents."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def num(value: Decimal) -> float:
    """A v3 JSON number (rounded to cents)."""
    return float(cents(value))


def v2(value: Decimal) -> str:
    """A v2 money string with four decimals, e.g. ``"225.0000"``."""
    return f"{cents(value):.4f}"


def minor_units(value: Decimal) -> int:
    return int((cents(value) * 100).to_integral_value())
