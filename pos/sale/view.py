"""The checkout as the sale shows it: pure functions from the store's answers (cart,
checkout, payment methods, customers) to the sale's records (lines, consignments, totals,
stored cards) and to the step that still needs the clerk. No calls, no state."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from pos.api.models import CartLineItems, Checkout, PaymentMethod
from pos.api.models import Customer as ApiCustomer
from pos.sale.errors import StoreProblem
from pos.sale.messages import ClerkMessage, ErrorKind, NextStep
from pos.sale.money import MoneyError, quantize
from pos.sale.phrases import ADD_AN_ITEM_FIRST, BILLING_FIRST, SALE_WORDS
from pos.sale.records import (
    SUMMARY_ITEMS,
    ConsignmentInfo,
    ConsignmentPlan,
    Customer,
    Line,
    NewCard,
    Payment,
    SaleStep,
    ShippingOptionInfo,
    StoredCardInfo,
    Totals,
)

_NO_CARD_PAYMENTS = SALE_WORDS("no_card_payments.title", "No card payments")
_NO_CARD_PAYMENTS_TEXT = SALE_WORDS(
    "no_card_payments.text",
    "The store has no card payment method for this register. A manager must check the payment"
    " settings.",
)

ZERO = Decimal(0)


def currency_of(checkout: Checkout | None, default: str) -> str:
    """The checkout's currency code, else ``default`` (the register's)."""
    if checkout is not None and checkout.cart.currency and checkout.cart.currency.code:
        return checkout.cart.currency.code
    return default


def in_minor_units(amount: Decimal, currency: str) -> Decimal:
    """``amount`` in the currency's minor unit (the API sends JSON numbers)."""
    try:
        return quantize(amount, currency)
    except MoneyError:
        return amount


def lines_from(items: CartLineItems, labels: Mapping[int, str], currency: str) -> list[Line]:
    """The cart's line items as the sale's lines (variant labels as the catalogue gave them)."""
    lines: list[Line] = []
    for item in items.all_items():
        unit = item.sale_price if item.sale_price is not None else item.list_price
        unit = unit if unit is not None else ZERO
        total = item.extended_sale_price
        if total is None:
            total = unit * item.quantity
        variant = None
        if item.variant_id is not None:
            variant = labels.get(item.variant_id)
        with contextlib.suppress(MoneyError):
            unit, total = quantize(unit, currency), quantize(total, currency)
        lines.append(
            Line(
                id=item.id,
                product_id=item.product_id or 0,
                variant_id=item.variant_id,
                name=item.name or item.sku or "",
                variant=variant or None,
                sku=item.sku or "",
                quantity=item.quantity,
                unit_price=unit,
                total=total,
                image_url=item.image_url,
            )
        )
    return lines


def consignment_items(
    line_ids: Sequence[str], quantities: Mapping[str, int], plan: ConsignmentPlan | None
) -> dict[str, int]:
    """A consignment's ``{line_id: quantity}``: the checkout names only the lines, so a
    split line's part comes from the plan the consignment was made from."""
    out: dict[str, int] = {}
    for line_id in line_ids:
        whole = quantities.get(line_id, 0)
        part = plan.items.get(line_id) if plan is not None else None
        out[line_id] = min(part, whole) if part is not None and whole else whole
    return out


def consignments_from(
    checkout: Checkout,
    lines: Sequence[Line],
    *,
    pickup_ids: set[str],
    plans: Mapping[str, ConsignmentPlan],
    keep_options: Mapping[str, Sequence[ShippingOptionInfo]],
    pickup_method_id: int | None,
) -> list[ConsignmentInfo]:
    """The checkout's consignments: pickup or ship, their items, options and choice."""
    quantities = {ln.id: ln.quantity for ln in lines}
    infos: list[ConsignmentInfo] = []
    for consignment in checkout.consignments:
        cid = str(consignment.id)
        extra = consignment.model_extra or {}
        pickup = bool(extra.get("selected_pickup_option")) or cid in pickup_ids
        options = tuple(
            ShippingOptionInfo(
                id=o.id,
                type=o.type or "",
                description=o.description or o.type or "",
                cost=o.cost or ZERO,
                transit_time=o.transit_time or "",
            )
            for o in (consignment.available_shipping_options or [])
        )
        if not options:
            options = tuple(keep_options.get(cid, ()))
        selected = consignment.selected_shipping_option
        address = None
        if consignment.address is not None and not (pickup and pickup_method_id is not None):
            address = {
                k: v for k, v in consignment.address.model_dump().items()
                if v not in (None, "") and k != "id"
            }
        infos.append(
            ConsignmentInfo(
                id=cid,
                kind="pickup" if pickup else "ship",
                address=address,
                items=consignment_items(consignment.line_item_ids, quantities, plans.get(cid)),
                selected_option_id=selected.id if selected is not None else None,
                options=options,
                shipping_cost=consignment.shipping_cost_ex_tax or ZERO,
            )
        )
    return infos


def billing_from(checkout: Checkout) -> dict[str, Any] | None:
    """The checkout's billing address in the fields an address form uses (None when the
    store holds none with an e-mail)."""
    billing = checkout.billing_address
    if billing is None or not billing.email:
        return None
    return {
        k: v for k, v in billing.model_dump().items()
        if v not in (None, "") and k not in ("id", "country")
    }


def totals_from(checkout: Checkout, currency: str, lines_subtotal: Decimal) -> Totals:
    """The checkout's totals as the store computed them."""
    coupons = list(checkout.coupons or checkout.cart.coupons)
    coupon_amount = sum((c.discounted_amount or ZERO for c in coupons), ZERO)
    discounts = (checkout.cart.discount_amount or ZERO) + coupon_amount
    subtotal = checkout.subtotal_ex_tax
    if subtotal is None:
        subtotal = checkout.cart.base_amount or lines_subtotal

    def q(amount: Decimal) -> Decimal:
        return in_minor_units(amount, currency)

    return Totals(
        subtotal=q(subtotal),
        discounts=q(discounts),
        shipping=q(checkout.shipping_cost_total_ex_tax or ZERO),
        taxes=tuple((t.name or "Tax", q(t.amount or ZERO)) for t in checkout.taxes),
        tax_total=q(checkout.tax_total or ZERO),
        grand_total=q(checkout.grand_total if checkout.grand_total is not None else ZERO),
        currency=currency,
        coupons=tuple(c.code for c in coupons),
        coupon_amounts=tuple((c.code, q(c.discounted_amount or ZERO)) for c in coupons),
    )


def fulfilment_missing(lines: Sequence[Line], consignments: Sequence[ConsignmentInfo]) -> bool:
    """Some of a line's quantity is in no consignment."""
    covered: dict[str, int] = {}
    for consignment in consignments:
        for line_id, quantity in consignment.items.items():
            covered[line_id] = covered.get(line_id, 0) + quantity
    return any(covered.get(line.id, 0) < line.quantity for line in lines)


def ready_step(
    *,
    paid: bool,
    lines: Sequence[Line],
    billing: Mapping[str, Any] | None,
    consignments: Sequence[ConsignmentInfo],
    order_ready: bool,
) -> SaleStep:
    """The first step that still needs the clerk."""
    if paid:
        return SaleStep.CONFIRMED
    if not lines:
        return SaleStep.ITEMS
    if billing is None:
        return SaleStep.CUSTOMER
    if fulfilment_missing(lines, consignments):
        return SaleStep.FULFILMENT
    if any(c.needs_option for c in consignments):
        return SaleStep.SHIPPING
    if order_ready:
        return SaleStep.PAYMENT
    return SaleStep.REVIEW


NOT_READY_FOR_ORDER = {
    SaleStep.ITEMS: ADD_AN_ITEM_FIRST(),
    SaleStep.CUSTOMER: BILLING_FIRST(),
    SaleStep.FULFILMENT: SALE_WORDS("not_ready.fulfilment",
                                    "Choose pickup or shipping for every item first.")(),
    SaleStep.SHIPPING: SALE_WORDS("not_ready.shipping",
                                  "Choose a shipping option for every shipment first.")(),
}


def same_place(address: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """Whether two addresses name the same place (street, postal code and country)."""
    if not address or not other:
        return False

    def key(a: Mapping[str, Any]) -> tuple[str, ...]:
        return tuple(
            " ".join(str(a.get(f) or "").lower().split())
            for f in ("address1", "postal_code", "country_code")
        )

    return key(address) == key(other)


def plan_key(plan: ConsignmentPlan | None) -> str:
    """A plan's kind and items as text (what a shipping choice is remembered by)."""
    if plan is None:
        return ""
    items = ",".join(f"{k}={v}" for k, v in sorted(plan.items.items()))
    return f"{plan.kind}:{items}"


def customer_from_api(customer: ApiCustomer) -> Customer:
    """A customer of the store, its saved addresses in the fields an address form uses."""
    addresses: list[dict[str, Any]] = []
    for saved in customer.addresses or []:
        address = {
            k: v for k, v in saved.model_dump().items() if k != "country" and v not in (None, "")
        }
        address.setdefault("email", customer.email or "")
        addresses.append(address)
    return Customer.from_api(customer, addresses)


def as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


_BRANDS = {
    "VISA": "Visa",
    "MASTERCARD": "Mastercard",
    "AMEX": "American Express",
    "DISCOVER": "Discover",
    "DINERS_CLUB": "Diners Club",
    "JCB": "JCB",
    "MAESTRO": "Maestro",
}


def brand_name(brand: str) -> str:
    return _BRANDS.get(brand.upper().replace(" ", "_"), brand.title())


def card_method(methods: Sequence[PaymentMethod]) -> PaymentMethod:
    """The store's card payment method (StoreProblem when it has none)."""
    for method in methods:
        if (method.type or "").lower() == "card":
            return method
    for method in methods:
        if any(i.instrument_type.upper() in ("VISA", "MASTERCARD", "STORED_CARD")
               for i in method.supported_instruments):
            return method
    raise StoreProblem(
        ClerkMessage(
            _NO_CARD_PAYMENTS(), _NO_CARD_PAYMENTS_TEXT(), NextStep.FIX_STORE_SETUP, False,
        ),
        ErrorKind.INVALID_DATA,
    )


def stored_cards(methods: Sequence[PaymentMethod], *, has_customer: bool) -> list[StoredCardInfo]:
    """The customer's stored cards as the payment methods list them (none for a guest)."""
    if not has_customer:
        return []
    out: list[StoredCardInfo] = []
    for method in methods:
        requires = any(
            i.instrument_type.upper() == "STORED_CARD" and bool(i.verification_value_required)
            for i in method.supported_instruments
        )
        for inst in method.stored_instruments:
            if inst.type != "stored_card":
                continue
            out.append(
                StoredCardInfo(
                    token=inst.token,
                    brand=brand_name(inst.brand or ""),
                    last_4=inst.last_4 or "",
                    expiry_month=inst.expiry_month or 0,
                    expiry_year=inst.expiry_year or 0,
                    requires_cvv=requires,
                    is_default=bool(inst.is_default),
                    method_id=method.id,
                )
            )
    return out


def masked(payment: Payment, stored: StoredCardInfo | None) -> str | None:
    """The card of a payment as the receipt shows it (last 4 only)."""
    if isinstance(payment, NewCard):
        return str(payment.card)
    if stored is not None:
        return stored.masked
    return None


#: The journal event that keeps who an unfinished sale is for and what it holds.
SUMMARY_EVENT = "summary"


def sale_summary(customer: Customer | None, billing: Mapping[str, Any] | None,
                 lines: Sequence[Line]) -> dict[str, Any]:
    """Who the sale is for (the customer's name, or a guest's billing name) and its first
    lines (name, quantity), as the journal keeps them for the Start page."""
    if customer is not None:
        name = customer.name
    else:
        billing = billing or {}
        name = " ".join(str(billing.get(k) or "").strip()
                        for k in ("first_name", "last_name")).strip()
    items = [[line.name + (f" ({line.variant})" if line.variant else ""), line.quantity]
             for line in lines]
    return {"customer": name, "items": items[:SUMMARY_ITEMS],
            "more_items": max(0, len(items) - SUMMARY_ITEMS)}


def summary_of(events: Sequence[Any]) -> tuple[str, tuple[tuple[str, int], ...], int]:
    """(customer, items, more items) from a sale's latest summary event (journal events
    with ``kind`` and ``detail``); empty when the journal holds none."""
    for event in reversed(events):
        if event.kind != SUMMARY_EVENT or not isinstance(event.detail, dict):
            continue
        detail = event.detail
        items = tuple(
            (str(item[0]), int(item[1])) for item in detail.get("items") or ()
            if isinstance(item, (list, tuple)) and len(item) == 2
            and isinstance(item[1], int)
        )
        more = detail.get("more_items")
        return (str(detail.get("customer") or ""), items,
                more if isinstance(more, int) else 0)
    return "", (), 0
