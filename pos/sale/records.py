"""The sale's public value types: what the engine hands its faces and takes from them.

Plain frozen records; no behaviour beyond formatting. Faces import them from
:mod:`pos.sale` (``from pos.sale import Line, SaleStep``).
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from pos.api.models import Customer as ApiCustomer
from pos.sale.cards import CardDetails, mask
from pos.sale.messages import NextStep

__all__ = [
    "Attribution",
    "Callback",
    "CompletedSale",
    "CompletedSaleHook",
    "ConsignmentInfo",
    "ConsignmentPlan",
    "Customer",
    "GiftCertificatePayment",
    "Line",
    "NewCard",
    "Payment",
    "PaymentMethodInfo",
    "PaymentOptions",
    "PaymentResult",
    "SaleEvent",
    "SaleStep",
    "ShippingOptionInfo",
    "StoreCreditPayment",
    "StoredCard",
    "StoredCardInfo",
    "Totals",
    "UnfinishedSale",
]

ZERO = Decimal(0)

_STEP_NAMES = ("items", "customer", "fulfilment", "shipping", "review", "payment", "confirmed")


class SaleStep(enum.StrEnum):
    """Where the sale is: the first step that still needs the clerk."""

    ITEMS = "items"
    CUSTOMER = "customer"
    FULFILMENT = "fulfilment"
    SHIPPING = "shipping"
    REVIEW = "review"
    PAYMENT = "payment"
    CONFIRMED = "confirmed"

    @property
    def position(self) -> int:
        """0 for ITEMS ... 6 for CONFIRMED."""
        return _STEP_NAMES.index(self.value)


@dataclass(frozen=True)
class SaleEvent:
    """One change of the sale, given to every subscriber.

    ``kind``: ``"lines"`` (items changed), ``"totals"``, ``"customer"``,
    ``"consignments"``, ``"step"`` (``step`` set), ``"busy"`` (``busy`` set),
    ``"payment"`` (order, token or payment state changed; ``result`` may be set),
    ``"warning"`` (``message``: something the clerk should know, nothing failed),
    ``"connection"`` (``online`` set; ``retry_in``: seconds until the register tries the
    store again by itself, when it will). Failures are raised or returned, not sent here.
    """

    kind: str
    step: SaleStep | None = None
    message: str | None = None
    busy: bool | None = None
    online: bool | None = None
    result: PaymentResult | None = None
    retry_in: float | None = None


@dataclass(frozen=True)
class Line:
    """One line of the cart (``id`` is the cart's line item id)."""

    id: str
    product_id: int
    variant_id: int | None
    name: str
    variant: str | None
    sku: str
    quantity: int
    unit_price: Decimal
    total: Decimal
    image_url: str | None = None


@dataclass(frozen=True)
class Customer:
    """A store customer as the register shows it; ``addresses`` in BigCommerce field names."""

    id: int
    name: str
    email: str
    phone: str = ""
    first_name: str = ""
    last_name: str = ""
    addresses: tuple[Mapping[str, Any], ...] = ()

    @classmethod
    def from_api(
        cls, customer: ApiCustomer, addresses: Sequence[Mapping[str, Any]] = ()
    ) -> Customer:
        first = customer.first_name or ""
        last = customer.last_name or ""
        return cls(
            id=customer.id,
            name=" ".join(p for p in (first, last) if p),
            email=customer.email or "",
            phone=customer.phone or "",
            first_name=first,
            last_name=last,
            addresses=tuple(dict(a) for a in addresses),
        )


@dataclass(frozen=True)
class ShippingOptionInfo:
    id: str
    type: str
    description: str
    cost: Decimal
    transit_time: str


@dataclass(frozen=True)
class ConsignmentInfo:
    """A consignment of the checkout: pickup now, or shipped to ``address``."""

    id: str
    kind: Literal["pickup", "ship"]
    address: Mapping[str, Any] | None
    items: Mapping[str, int]
    selected_option_id: str | None
    options: tuple[ShippingOptionInfo, ...] = ()
    shipping_cost: Decimal = ZERO

    @property
    def needs_option(self) -> bool:
        return self.kind == "ship" and self.selected_option_id is None


@dataclass(frozen=True)
class ConsignmentPlan:
    """What the clerk wants: ``kind`` ``"pickup"`` or ``"ship"`` (with ``address``), and
    ``items`` ``{line_id: quantity}``. A line may be split between consignments (1 of 3
    taken now, 2 shipped): across all plans, each line's quantities add up to the line's
    quantity."""

    kind: Literal["pickup", "ship"]
    items: Mapping[str, int]
    address: Mapping[str, Any] | None = None


@dataclass(frozen=True)
class Totals:
    subtotal: Decimal
    discounts: Decimal
    shipping: Decimal
    taxes: tuple[tuple[str, Decimal], ...]
    tax_total: Decimal
    grand_total: Decimal
    currency: str
    coupons: tuple[str, ...] = ()
    #: Each coupon with what it takes off (``discounts`` includes these amounts).
    coupon_amounts: tuple[tuple[str, Decimal], ...] = ()


@dataclass(frozen=True)
class StoredCardInfo:
    """One of the customer's stored cards. ``token`` never shows in ``repr``."""

    token: str = field(repr=False)
    brand: str
    last_4: str
    expiry_month: int
    expiry_year: int
    requires_cvv: bool = False
    is_default: bool = False
    method_id: str = ""

    @property
    def masked(self) -> str:
        return f"{self.brand} {mask(self.last_4)}".strip()


@dataclass(frozen=True)
class PaymentMethodInfo:
    id: str
    name: str
    type: str


@dataclass(frozen=True)
class PaymentOptions:
    """What the payment step shows: the total to charge and how the customer may pay."""

    order_id: int
    total: Decimal
    currency: str
    methods: tuple[PaymentMethodInfo, ...]
    stored_cards: tuple[StoredCardInfo, ...]
    totals: Totals | None = None


@dataclass(frozen=True)
class NewCard:
    """A card typed by the clerk; ``save`` only for a known customer who agreed."""

    card: CardDetails
    save: bool = False


@dataclass(frozen=True)
class StoredCard:
    """One of the customer's stored cards by its token; CVV when the method asks for it."""

    token: str = field(repr=False)
    cvv: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class PaymentResult:
    """What came of a charge (or of checking one).

    ``outcome``: ``"paid"``, ``"declined"`` (nothing charged; another card or payment),
    ``"unknown"`` (not settled yet: never charge again until :meth:`Sale.check_payment`
    says otherwise), ``"error"`` (nothing charged; see ``next_step``).
    """

    outcome: Literal["paid", "declined", "unknown", "error"]
    message: str = ""
    code: int | None = None
    order_id: int | None = None
    status_id: int | None = None
    status: str | None = None
    transaction_id: str | None = None
    masked_card: str | None = None
    may_charge_again: bool = False
    next_step: NextStep | None = None
    grand_total: Decimal | None = None
    currency: str | None = None

    @property
    def paid(self) -> bool:
        return self.outcome == "paid"


#: How many of a sale's lines the journal keeps for the Start page (the rest are counted).
SUMMARY_ITEMS = 5


@dataclass(frozen=True)
class UnfinishedSale:
    """An unfinished sale of the journal, as a start page lists it."""

    sale_id: str
    label: str
    payment_unknown: bool
    order_creation_unknown: bool
    state: str
    order_id: int | None
    grand_total: Decimal | None
    currency: str | None
    created_at: _dt.datetime
    payment_attempted: bool = False
    """A payment was sent (whatever its outcome) or an order creation has no answer: if
    this sale cannot be settled now, money may have moved."""
    customer: str = ""
    """The customer's name (a guest's billing name), as the sale last had it; "" unknown."""
    items: tuple[tuple[str, int], ...] = ()
    """The sale's lines as it last had them: (item name, quantity), at most
    :data:`SUMMARY_ITEMS` of them."""
    more_items: int = 0
    """How many more lines the sale had than ``items`` lists."""


@dataclass(frozen=True)
class GiftCertificatePayment:
    """A gift certificate by its code, charged through the Payments API."""

    code: str = field(repr=False)


@dataclass(frozen=True)
class StoreCreditPayment:
    """The customer's store credit, charged through the Payments API."""


Payment = NewCard | StoredCard | GiftCertificatePayment | StoreCreditPayment
Callback = Callable[[SaleEvent], None]


@dataclass(frozen=True)
class UndeliveredSale:
    """A paid sale whose outcome never reached anyone (the register or ``pos sale`` ended
    before printing or showing it): it must be presented before anything else."""

    sale_id: str
    order_id: int | None
    grand_total: Decimal | None
    currency: str | None
    message: str


@dataclass(frozen=True)
class CompletedSale:
    """A sale the register completed (paid and confirmed: card, cash, terminal, or resumed
    after a crash), as the engine tells whoever listens once the clerk has seen Paid: the
    register's index of its sales, the staff attribution on the order.

    What the sale itself knows; a resumed sale may know only its order (``skus`` empty,
    no customer): a listener then reads the rest from the store.
    """

    order_id: int
    sale_id: str | None
    amount: Decimal | None
    currency: str
    tender: str  # "card", "cash", "terminal", "other", "split", ... ; "" when resumed
    skus: tuple[str, ...] = ()
    customer_name: str = ""
    email: str = ""
    phone: str = ""
    last4: str = ""
    status_id: int | None = None
    channel_id: int = 1
    resumed: bool = False
    #: Who rang the sale up (``"Clerk: Ana; approved by: Maria"``), "" when nobody was
    #: signed in; ``staff_note_recorded``: already on the order (folded into the update
    #: that recorded a cash or terminal payment).
    staff_note: str = ""
    staff_note_recorded: bool = False
    completed_at: _dt.datetime = field(default_factory=lambda: _dt.datetime.now(_dt.UTC))


#: Told of each completed sale, once, on the event loop: it must return at once (start its
#: own work in the background) and never raise into the sale.
CompletedSaleHook = Callable[[CompletedSale], None]

#: Who rings up a sale, asked just before its payment is sent, off the event loop:
#: (order id, recorded) → the order's staff note (``"Clerk: Ana"``; "" when nobody is
#: signed in). ``recorded``: the note rides on the payment's own order update (cash, the
#: terminal); otherwise the face keeps it (journaled) until the order is paid and the note
#: is on it, so that a crash after the payment never loses it.
Attribution = Callable[[int, bool], str]
