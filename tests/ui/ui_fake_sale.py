"""A stand-in for :class:`pos.sale.Sale`, kept for what the sandbox store cannot produce.

The wizard's tests run the real engine against the sandbox store. The sandbox has no price
lists or customer groups, so its cart always charges the catalogue's price: the one case
of a cart price that differs from the catalogue's (``cart_prices``) runs on this stand-in.
It answers with the engine's own records, and ``test_engine_contract.py`` holds its public
interface to the real engine's (names, signatures, properties), apart from ``TEST_KNOBS``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from pos.sale import (
    AmbiguousCode,
    ConsignmentInfo,
    ConsignmentPlan,
    NewCard,
    PaymentOptions,
    PaymentResult,
    PendingScan,
    SaleError,
    SaleStep,
    ShippingOptionInfo,
    StoredCard,
    StoredCardInfo,
    Totals,
)
from pos.sale.addresses import validate_address
from pos.sale.catalog_cache import CatalogItem
from pos.sale.messages import PAYMENT_CODE_MESSAGES, InvalidInput, ValidationError

#: What a test sets or reads on the stand-in that the real engine does not have.
TEST_KNOBS = frozenset({"delay", "fail_next", "pending_unknown", "calls", "charges",
                        "cart_prices", "billing", "stored_cards"})


class StoreUnreachable(SaleError):
    offline = True


@dataclass
class Line:
    id: str
    variant_id: int
    name: str
    variant: str | None
    sku: str
    quantity: int
    unit_price: Decimal

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.quantity


def Hit(
    variant_id: int, name: str, variant: str | None, sku: str, price: Decimal,
    stock: int | None, upc: str = "", purchasable: bool = True, reason: str | None = None,
) -> CatalogItem:
    return CatalogItem(
        product_id=variant_id // 100, variant_id=variant_id, name=name,
        variant_label=(variant or "").replace(", ", " / "), sku=sku, upc=upc or None,
        brand="", price=price, sale_price=None, calculated_price=price,
        inventory_level=stock, inventory_tracking="variant" if stock is not None else "none",
        purchasing_disabled=not purchasable and reason != "Out of stock",
        purchasing_disabled_message=reason or "" if not purchasable else "",
        is_visible=True, date_modified=None, image_url=None, option_values=(),
    )


@dataclass
class Customer:
    id: int
    name: str
    email: str
    phone: str
    addresses: list[dict[str, Any]] = field(default_factory=list)
    stored_cards: list[Any] = field(default_factory=list)


@dataclass
class SaleEvent:
    kind: str
    step: str | None = None
    message: str | None = None


CATALOG = [
    Hit(101, "Canvas Tote", None, "TOTE-1", Decimal("19.50"), 12, upc="0012345678905"),
    Hit(201, "Field Shirt", "Blue, M", "SHIRT-BL-M", Decimal("35.00"), 5, upc="0098765432109"),
    Hit(202, "Field Shirt", "Blue, L", "SHIRT-BL-L", Decimal("35.00"), 3),
    Hit(203, "Field Shirt", "Red, M", "SHIRT-RD-M", Decimal("35.00"), 0, purchasable=False,
        reason="Out of stock"),
    Hit(301, "Espresso Cup", None, "CUP-ESP", Decimal("8.25"), None),
    Hit(401, "Gift Box", None, "GIFT-BOX", Decimal("5.00"), 40, purchasable=False,
        reason="Purchasing is disabled for this product"),
]

ADDRESS = {
    "first_name": "Ana", "last_name": "Diaz", "email": "ana@example.com",
    "address1": "1 Main St", "city": "Austin", "country_code": "US",
    "state_or_province": "Texas", "state_or_province_code": "TX", "postal_code": "78701",
    "phone": "+15125550100",
}

CUSTOMERS = [
    Customer(7, "Ana Diaz", "ana@example.com", "+15125550100", [dict(ADDRESS)],
             [StoredCardInfo("tok_visa_7", "Visa", "1111", 12, 2030)]),
    Customer(8, "Bo Chen", "bo@example.com", "+15125550101", []),
]

OUTCOMES = {
    "4000000000000002": 30104,
    "4000000000009995": 30106,
    "4000000000000069": 30103,
}


class FakeSale:
    def __init__(self, delay: float = 0.0, *, fail_next: int = 0) -> None:
        self.delay = delay
        self.step = SaleStep.ITEMS
        self.lines: list[Line] = []
        self.customer: Customer | None = None
        self.billing: dict[str, Any] | None = None
        self.consignments: list[ConsignmentInfo] = []
        self.coupons: list[str] = []
        self.order_id: int | None = None
        self.charges: list[Any] = []
        self.paid = False
        self.pending_unknown = 0
        self.fail_next = fail_next
        self.calls: list[str] = []
        self._subs: list[Callable[[SaleEvent], None]] = []
        self._charging = False
        self._n = 0
        # The cart's own price per SKU, where the store's price (a price list, a customer
        # group, a promotion) differs from the catalogue's.
        self.cart_prices: dict[str, Decimal] = {}
        self.sale_id: str | None = None
        self.result: PaymentResult | None = None
        self.confirmed_order = None  # no store to have read the paid order from

    @property
    def billing_address(self) -> Mapping[str, Any] | None:
        return self.billing

    # -- plumbing --------------------------------------------------------------------------

    def subscribe(self, callback: Callable[[SaleEvent], None]) -> Callable[[], None]:
        self._subs.append(callback)
        return lambda: self._subs.remove(callback)

    def _emit(self, kind: str, **kw: Any) -> None:
        for cb in list(self._subs):
            cb(SaleEvent(kind, **kw))

    async def _io(self, name: str) -> None:
        self.calls.append(name)
        await asyncio.sleep(self.delay)
        if self.fail_next:
            self.fail_next -= 1
            raise StoreUnreachable("The store cannot be reached. Check the connection.")

    # -- items -----------------------------------------------------------------------------

    @property
    def subtotal(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal(0))

    async def search(self, text: str, limit: int = 20) -> list[Hit]:
        await asyncio.sleep(0)
        t = text.casefold()
        return [h for h in CATALOG if t in h.name.casefold() or t in h.sku.casefold()][:limit]

    async def add_item(self, code_or_variant: Any, quantity: int = 1) -> Line:
        await self._io("add_item")
        if code_or_variant == "SHIRT":  # a product code naming several variants
            raise AmbiguousCode("SHIRT names several variants; choose one.",
                                [h for h in CATALOG if h.sku.startswith("SHIRT")])
        hit = next(
            (h for h in CATALOG if code_or_variant in (h, h.variant_id, h.sku, h.upc)), None
        )
        if hit is None:
            raise SaleError(f"No product has the code {code_or_variant}.")
        if hit.purchasing_disabled:
            raise SaleError(f"{hit.name} cannot be sold: {hit.purchasing_disabled_message}.")
        if hit.out_of_stock:
            raise SaleError(f"{hit.name} cannot be sold: it is out of stock.")
        self._invalidate_order()
        for line in self.lines:
            if line.variant_id == hit.variant_id:
                line.quantity += quantity
                self._emit("lines")
                return line
        self._n += 1
        line = Line(f"L{self._n}", hit.variant_id, hit.name,
                    hit.variant_label.replace(" / ", ", ") or None, hit.sku, quantity,
                    self.cart_prices.get(hit.sku, hit.display_price))
        self.lines.append(line)
        self._emit("lines")
        return line

    async def scan(self, code_or_item: Any, quantity: int = 1) -> PendingScan:
        """A store that answers at once: the scan is added before it is shown."""
        line = await self.add_item(code_or_item, quantity)
        return PendingScan(id=f"scan-{line.id}", code=line.sku, name=line.name,
                           variant=line.variant, sku=line.sku, quantity=quantity,
                           state="pending", variant_id=line.variant_id)

    def scan_now(self, code_or_item: Any, quantity: int = 1) -> PendingScan:
        """The scan goes to the (instant) store in the background; shown when it answers."""
        task = asyncio.ensure_future(self.add_item(code_or_item, quantity))
        task.add_done_callback(lambda t: t.cancelled() or t.exception())
        return PendingScan(id=f"scan-{len(self.lines) + 1}", code=str(code_or_item),
                           name=str(code_or_item), variant=None, sku=str(code_or_item),
                           quantity=quantity, state="pending", variant_id=None)

    @property
    def pending_lines(self) -> tuple[PendingScan, ...]:
        return ()

    @property
    def waiting_scans(self) -> int:
        return 0

    def dismiss_line(self, scan_id: str) -> None:
        pass

    def retry_now(self) -> None:
        pass

    async def scans_settled(self) -> None:
        await asyncio.sleep(0)

    async def set_quantity(self, line_id: str, quantity: int) -> None:
        await self._io("set_quantity")
        self._invalidate_order()
        for line in self.lines:
            if line.id == line_id:
                line.quantity = quantity
        self.lines = [line for line in self.lines if line.quantity > 0]
        self._emit("lines")

    async def remove_line(self, line_id: str) -> None:
        await self._io("remove_line")
        self._invalidate_order()
        self.lines = [line for line in self.lines if line.id != line_id]
        self._emit("lines")

    def _invalidate_order(self) -> None:
        if self.order_id is not None and not self.paid:
            self.order_id = None

    # -- customer --------------------------------------------------------------------------

    async def find_customers(self, text: str) -> list[Customer]:
        await self._io("find_customers")
        t = text.casefold()
        return [c for c in CUSTOMERS if t in c.name.casefold() or t in c.email or t in c.phone]

    async def set_customer(self, customer: Customer | None) -> None:
        await self._io("set_customer")
        self.customer = customer
        self._emit("totals")

    async def set_billing_address(self, address: Mapping[str, Any]) -> None:
        check = validate_address(address, complete=False)
        if not check.ok:
            raise InvalidInput(check.errors)
        await self._io("set_billing_address")
        self.billing = check.address

    # -- fulfilment ------------------------------------------------------------------------

    async def set_fulfilment(self, plans: Sequence[ConsignmentPlan]) -> None:
        errors: list[ValidationError] = []
        for index, plan in enumerate(plans):
            for line_id, qty in plan.items.items():
                if isinstance(qty, bool) or not isinstance(qty, int) or qty < 1:
                    errors.append(ValidationError(f"consignments[{index}].items.{line_id}",
                                                  "Quantities must be whole numbers of at "
                                                  "least 1."))
        for line in self.lines:
            # Like the engine: a line may be split by quantity between consignments, and
            # its parts add up to the line's quantity.
            sent = sum(p.items.get(line.id, 0) for p in plans)
            if sent != line.quantity:
                errors.append(ValidationError(f"items.{line.id}", f"{line.name}: {sent} "
                                              f"chosen, but the sale has {line.quantity}; "
                                              "every one must be either taken now or "
                                              "shipped."))
        if errors:
            raise InvalidInput(errors)
        for plan in plans:
            if plan.kind == "ship":
                check = validate_address(plan.address or {}, require_email=False)
                if not check.ok:
                    raise InvalidInput(check.errors)
        await self._io("set_fulfilment")
        self.consignments = [
            ConsignmentInfo(f"C{i}", p.kind, p.address, dict(p.items),
                            "pickup" if p.kind == "pickup" else None)
            for i, p in enumerate(plans, 1)
        ]
        self._emit("totals")

    def shipping_options(self, consignment_id: str) -> list[ShippingOptionInfo]:
        return [
            ShippingOptionInfo("ground", "shipping_flatrate", "Ground", Decimal("7.00"),
                               "3-5 business days"),
            ShippingOptionInfo("express", "shipping_flatrate", "Express", Decimal("21.00"),
                               "1 business day"),
        ]

    async def choose_shipping(self, consignment_id: str, option_id: str) -> None:
        await self._io("choose_shipping")
        self.consignments = [
            replace(c, selected_option_id=option_id) if c.id == consignment_id else c
            for c in self.consignments
        ]
        self._invalidate_order()
        self._emit("totals")

    # -- review ----------------------------------------------------------------------------

    @property
    def totals(self) -> Totals:
        shipping = Decimal(0)
        for c in self.consignments:
            for o in self.shipping_options(c.id):
                if o.id == c.selected_option_id:
                    shipping += o.cost
        discount = (self.subtotal * Decimal("0.10")).quantize(Decimal("0.01")) if (
            "SAVE10" in self.coupons) else Decimal(0)
        taxable = self.subtotal - discount + shipping
        state = (self.billing or {}).get("state_or_province_code") or ""
        tax = (taxable * Decimal("0.0625")).quantize(Decimal("0.01"))
        city = (taxable * Decimal("0.02")).quantize(Decimal("0.01"))
        taxes = [(f"{state or 'State'} tax", tax), ("City tax", city)]
        return Totals(self.subtotal, discount, shipping, tuple(taxes), tax + city,
                      taxable + tax + city, "USD", tuple(self.coupons))

    async def apply_coupon(self, code: str) -> None:
        await self._io("apply_coupon")
        if code.upper() != "SAVE10":
            raise SaleError(f"The coupon {code} is not valid for this sale.")
        self.coupons.append("SAVE10")
        self._invalidate_order()
        self._emit("totals")

    async def remove_coupon(self, code: str) -> None:
        await self._io("remove_coupon")
        self.coupons = [c for c in self.coupons if c != code]
        self._emit("totals")

    # -- payment ---------------------------------------------------------------------------

    async def prepare_payment(self) -> PaymentOptions:
        await self._io("prepare_payment")
        if self.order_id is None:
            self.order_id = 100 + len(self.calls)
        cards = list(self.customer.stored_cards) if self.customer else []
        return PaymentOptions(self.order_id, self.totals.grand_total, "USD", (), tuple(cards))

    async def charge(self, payment: NewCard | StoredCard) -> PaymentResult:
        if self._charging:
            raise SaleError("A payment is already being sent.")
        if self.paid:
            raise SaleError("This order is already paid.")
        self._charging = True
        try:
            await self._io("charge")
            self.charges.append(payment)
            if isinstance(payment, NewCard):
                number = payment.card.number
                masked = payment.card.masked
                code = OUTCOMES.get(number)
            else:
                masked = "•••• 1111"
                code = None
            if self.pending_unknown:
                return PaymentResult("unknown", "Checking with the store…", None,
                                     self.order_id, masked_card=masked)
            if code is not None:
                msg = PAYMENT_CODE_MESSAGES[code]
                return PaymentResult("declined", str(msg), code, self.order_id,
                                     masked_card=masked, may_charge_again=msg.may_charge_again)
            self.paid = True
            self.step = SaleStep.CONFIRMED
            return PaymentResult("paid", "", None, self.order_id, 11, "Awaiting Fulfillment",
                                 f"txn_{self.order_id}", masked)
        finally:
            self._charging = False

    async def abandon(self) -> None:
        self.calls.append("abandon")
        self.order_id = None

    async def check_payment(self) -> PaymentResult:
        await self._io("check_payment")
        if self.pending_unknown > 1:
            self.pending_unknown -= 1
            return PaymentResult("unknown", "Checking with the store…", None, self.order_id)
        self.pending_unknown = 0
        self.paid = True
        return PaymentResult("paid", "", None, self.order_id, 11, "Awaiting Fulfillment",
                             f"txn_{self.order_id}", "•••• 0259")
