"""What the wizard needs from the sale engine (``pos.sale.sale.Sale``), written down.

The wizard is a view of a sale: it reads these attributes and calls these coroutines, and
nothing else. The protocols below are the contract (``tests/ui/test_engine_contract.py``
holds ``pos.sale.sale`` to it). They follow ``docs/sale-engine.md`` and add what a screen
needs that the page does not spell out (see each "screen needs" note).

Also used, when present: ``Sale.result`` (a resumed sale's outcome), ``Sale.abandon()``,
``Sale.billing_address``, ``SaleEvent.kind`` values ``lines totals consignments customer
step busy payment warning error connection``, errors with ``offline``, ``errors`` (field
errors) and ``choices`` (a code naming several variants), and ``ShippingOptionInfo.type``
(pickup-in-store options are not offered for a parcel).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol, runtime_checkable


class LineView(Protocol):
    id: str
    name: str
    variant: str | None  # screen needs: the option values, e.g. "Blue, L"
    sku: str
    quantity: int
    unit_price: Decimal  # screen needs
    total: Decimal  # screen needs (unit_price * quantity after line discounts)


class CatalogHitView(Protocol):
    """A search result: ``pos.sale.catalog_cache.CatalogItem`` (see ``pages/items.py``)."""

    product_id: int
    variant_id: int | None
    name: str
    variant_label: str
    sku: str | None
    upc: str | None
    inventory_level: int | None
    purchasing_disabled: bool
    purchasing_disabled_message: str

    @property
    def display_price(self) -> Decimal | None: ...

    @property
    def out_of_stock(self) -> bool: ...


class CustomerView(Protocol):
    id: int
    name: str  # screen needs: "First Last"
    email: str
    phone: str
    addresses: Sequence[Mapping[str, Any]]  # BigCommerce field names


class ShippingOptionView(Protocol):
    id: str
    type: str
    description: str
    cost: Decimal
    transit_time: str


class ConsignmentView(Protocol):  # screen needs: sale.consignments
    id: str
    kind: str  # "pickup" | "ship"
    address: Mapping[str, Any] | None
    items: Mapping[str, int]
    selected_option_id: str | None


class TotalsView(Protocol):
    subtotal: Decimal
    discounts: Decimal
    shipping: Decimal
    taxes: Sequence[tuple[str, Decimal]]
    tax_total: Decimal
    grand_total: Decimal
    currency: str
    coupons: Sequence[str]  # screen needs: the codes applied


class StoredCardView(Protocol):
    token: str
    brand: str
    last_4: str
    expiry_month: int
    expiry_year: int
    requires_cvv: bool  # screen needs: CVV only when the method requires it


class PaymentOptionsView(Protocol):
    stored_cards: Sequence[StoredCardView]
    total: Decimal
    currency: str


class PaymentResultView(Protocol):
    outcome: str  # "paid" | "declined" | "unknown" | "error"
    message: str
    code: int | None
    order_id: int | None
    status: str | None
    transaction_id: str | None
    masked_card: str | None
    may_charge_again: bool  # screen needs: from pos.sale.messages.ClerkMessage


@runtime_checkable
class SaleEngine(Protocol):
    step: Any
    lines: Sequence[LineView]
    subtotal: Decimal
    totals: TotalsView | None
    customer: CustomerView | None  # screen needs
    consignments: Sequence[ConsignmentView]  # screen needs

    def subscribe(self, callback: Callable[[Any], None]) -> Any: ...
    async def add_item(self, code_or_variant: Any, quantity: int = 1) -> LineView: ...
    async def set_quantity(self, line_id: str, quantity: int) -> None: ...
    async def remove_line(self, line_id: str) -> None: ...
    async def search(self, text: str, limit: int = 20) -> list[CatalogHitView]: ...
    async def find_customers(self, text: str) -> list[CustomerView]: ...
    async def set_customer(self, customer: CustomerView | None) -> None: ...
    async def set_billing_address(self, address: Mapping[str, Any]) -> None: ...
    async def set_fulfilment(self, plans: Sequence[Any]) -> None: ...
    def shipping_options(self, consignment_id: str) -> list[ShippingOptionView]: ...
    async def choose_shipping(self, consignment_id: str, option_id: str) -> None: ...
    async def apply_coupon(self, code: str) -> None: ...
    async def remove_coupon(self, code: str) -> None: ...
    async def prepare_payment(self) -> PaymentOptionsView: ...
    async def charge(self, payment: Any) -> PaymentResultView: ...
    # screen needs: settle an "unknown" outcome by asking the store (never charges).
    async def check_payment(self) -> PaymentResultView: ...
