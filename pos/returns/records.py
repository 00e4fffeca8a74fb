"""Public value types of the returns room (no Qt, no I/O)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

__all__ = [
    "DEFAULT_REASONS",
    "OrderLine",
    "OrderView",
    "QuoteView",
    "RefundOutcome",
    "RefundResult",
    "ReturnLine",
    "ReturnsSettings",
]

RefundOutcome = Literal["refunded", "voided", "declined", "unknown", "error", "none"]

#: The reasons offered when the profile names none.
DEFAULT_REASONS = ("Changed mind", "Wrong size", "Damaged", "Faulty", "Other")

#: Reasons whose items never go back on the shelf.
DAMAGED_REASONS = frozenset({"damaged", "faulty"})


@dataclass(frozen=True)
class ReturnsSettings:
    """What the returns room needs from a profile (it never reads a profile itself)."""

    allow_refunds: bool = True
    reasons: tuple[str, ...] = DEFAULT_REASONS
    location_id: int = 1
    #: How long a refund must be absent from the store's list before a lost answer is
    #: believed never to have arrived (a slow store may still be processing it).
    absent_confirm: float = 5.0
    poll_interval: float = 0.25


@dataclass(frozen=True)
class OrderLine:
    """One line of an order as the store holds it."""

    item_id: int  # the order product id (a refund's item_id)
    sku: str
    name: str
    variant_id: int | None
    quantity: int
    refunded: int
    unit_price: Decimal  # including tax

    @property
    def refundable(self) -> int:
        return max(0, self.quantity - self.refunded)


@dataclass(frozen=True)
class OrderView:
    order_id: int
    status_id: int
    status: str
    payment_status: str
    currency: str
    total: Decimal
    refunded_amount: Decimal
    shipping_cost: Decimal
    shipping_address_id: int | None
    customer_id: int
    customer_name: str
    email: str
    lines: tuple[OrderLine, ...]
    refund_ids: frozenset[int] = frozenset()
    voidable: bool = False
    #: The order's billing address in a checkout's field names (for an exchange's sale).
    billing: tuple[tuple[str, str], ...] = ()

    def line(self, sku: str) -> OrderLine | None:
        return next((x for x in self.lines if x.sku == sku), None)


@dataclass(frozen=True)
class ReturnLine:
    """A chosen line: how many come back, and whether they go back on the shelf."""

    item_id: int
    quantity: int
    restock: bool = True
    sku: str = ""
    variant_id: int | None = None


@dataclass(frozen=True)
class QuoteView:
    """The store's refund quote, as shown before the clerk confirms."""

    order_id: int
    total: Decimal
    tax: Decimal
    currency: str
    provider_id: str
    provider_description: str
    offline: bool
    methods: tuple[tuple[str, Decimal], ...] = ()


@dataclass(frozen=True)
class RefundResult:
    outcome: RefundOutcome
    order_id: int
    refund_id: int | None = None
    amount: Decimal | None = None
    currency: str | None = None
    status_id: int | None = None
    status: str | None = None
    message: str = ""
    restocked: tuple[str, ...] = field(default_factory=tuple)

    def as_json(self) -> dict[str, object]:
        return {
            "outcome": self.outcome,
            "order_id": self.order_id,
            "refund_id": self.refund_id,
            "amount": None if self.amount is None else f"{self.amount:.2f}",
            "currency": self.currency,
            "status_id": self.status_id,
            "status": self.status,
            "message": self.message,
        }


def settings_from_profile(profile: object, **overrides: object) -> ReturnsSettings:
    """The returns settings of a store profile (``allow_refunds``, ``refund_reasons``,
    ``inventory_location_id``); a profile without them gets the defaults."""
    values: dict[str, object] = {
        "allow_refunds": bool(getattr(profile, "allow_refunds", True)),
        "reasons": tuple(getattr(profile, "refund_reasons", ()) or DEFAULT_REASONS),
        "location_id": int(getattr(profile, "inventory_location_id", 1) or 1),
    }
    values.update(overrides)
    return ReturnsSettings(**values)  # type: ignore[arg-type]
