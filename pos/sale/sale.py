"""The sale: one customer's purchase from the first scanned item to the confirmed order.

A :class:`Sale` is Qt-free and async; the wizard (``pos/ui``) and ``pos sale`` are two
faces of it (see ``docs/sale-engine.md``). It hides the store's latency behind the clerk's
own work (the cart is built while items are scanned, payment methods are fetched as soon as
the checkout exists, the order and its payment token are made when the payment step opens)
and makes sure that a sale is charged at most once and that the clerk always learns for
certain whether it was: the journal is written before and after every unsafe call, and an
uncertain outcome is settled by asking the store before anything else is tried.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as _dt
import enum
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal, NoReturn, TypeVar

from pydantic import SecretStr

from pos.api.client import BigCommerceClient
from pos.api.errors import (
    ApiError,
    BigCommerceError,
    ConnectionFailed,
    DuplicatePayment,
    NotFound,
    OrderNotPayable,
    OutcomeUnknown,
    PaymentAmountMismatch,
    PaymentDataInvalid,
    PaymentDeclined,
    PaymentError,
    StoredInstrumentNotFound,
)
from pos.api.models import (
    AddressInput,
    Card,
    Cart,
    CartLineItems,
    Checkout,
    ConsignmentInput,
    ConsignmentLineItem,
    LineItemInput,
    PaymentAccessToken,
    PaymentMethod,
    Variant,
)
from pos.api.models import Customer as ApiCustomer
from pos.api.models import StoredCard as ApiStoredCard
from pos.sale.addresses import validate_address
from pos.sale.cards import CardDetails, mask
from pos.sale.catalog_cache import CatalogCache, CatalogItem
from pos.sale.errors import (
    AmbiguousCode,
    ItemNotFound,
    NotSellable,
    PaymentInProgress,
    SaleAlreadyPaid,
    SaleError,
    SaleValidationError,
    StepNotReady,
    StoreProblem,
    store_problem,
)
from pos.sale.journal import (
    AlreadyPaid,
    Journal,
    PaymentAttempt,
    PaymentInFlight,
    PaymentOutcome,
    SaleRecord,
    SensitiveDataError,
    find_sensitive,
)
from pos.sale.messages import (
    ClerkMessage,
    ErrorKind,
    NextStep,
    ValidationError,
    error_kind_message,
    payment_message,
)
from pos.sale.money import MoneyError, quantize
from pos.sale.reconcile import (
    OrderCheck,
    PaymentState,
    check_order,
    find_created_order,
    reconcile_payment,
    unpaid_window_end,
)
from pos.sale.settings import SaleSettings

__all__ = [
    "AmbiguousCode",
    "ConsignmentInfo",
    "ConsignmentPlan",
    "Customer",
    "ItemNotFound",
    "Line",
    "NewCard",
    "NotSellable",
    "PaymentInProgress",
    "PaymentMethodInfo",
    "PaymentOptions",
    "PaymentResult",
    "Sale",
    "SaleAlreadyPaid",
    "SaleError",
    "SaleEvent",
    "SaleSettings",
    "SaleStep",
    "SaleValidationError",
    "ShippingOptionInfo",
    "StepNotReady",
    "StoreProblem",
    "StoredCard",
    "StoredCardInfo",
    "Totals",
    "UnfinishedSale",
]

log = logging.getLogger("pos.sale")
T = TypeVar("T")
ZERO = Decimal(0)


# --------------------------------------------------------------------------- public types


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
    ``"connection"`` (``online`` set). Failures are raised or returned, not sent here.
    """

    kind: str
    step: SaleStep | None = None
    message: str | None = None
    busy: bool | None = None
    online: bool | None = None
    result: PaymentResult | None = None


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


Payment = NewCard | StoredCard
Callback = Callable[[SaleEvent], None]



def _same_place(address: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    """Whether two addresses name the same place (street, postal code and country)."""
    if not address or not other:
        return False

    def key(a: Mapping[str, Any]) -> tuple[str, ...]:
        return tuple(
            " ".join(str(a.get(f) or "").lower().split())
            for f in ("address1", "postal_code", "country_code")
        )

    return key(address) == key(other)


def _customer_from_api(customer: ApiCustomer) -> Customer:
    """A customer of the store, its saved addresses in the fields an address form uses."""
    addresses: list[dict[str, Any]] = []
    for saved in customer.addresses or []:
        address = {
            k: v for k, v in saved.model_dump().items() if k != "country" and v not in (None, "")
        }
        address.setdefault("email", customer.email or "")
        addresses.append(address)
    return Customer.from_api(customer, addresses)


def _as_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# --------------------------------------------------------------------------- the sale


class Sale:
    """One sale. See the module documentation and ``docs/sale-engine.md``.

    ``client`` must be open (``async with client`` or ``client.open()``); the sale opens
    it if it is not. ``sleep``/``clock`` are for tests of the reconciliation timings.
    """

    def __init__(
        self,
        client: BigCommerceClient,
        journal: Journal,
        settings: SaleSettings,
        *,
        catalog: CatalogCache | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._journal = journal
        self.settings = settings
        self._catalog = catalog
        self._sleep = sleep
        self._clock = clock
        # attempt id -> when (on ``clock``) its order may first be believed unpaid
        self._unpaid_after: dict[str, float] = {}
        self._subscribers: list[Callback] = []
        self._lock = asyncio.Lock()
        self._busy = 0
        self.sale_id: str | None = None
        self._step = SaleStep.ITEMS
        # cart and checkout
        self._cart_id: str | None = None
        self._checkout: Checkout | None = None
        self._checkout_stale = False
        self._lines: list[Line] = []
        self._labels: dict[int, str] = {}
        self._known_items: dict[int, CatalogItem] = {}
        self._stock: dict[int, int] = {}
        # customer and billing
        self._customer: Customer | None = None
        self._billing: dict[str, Any] | None = None
        # fulfilment
        self._plans: list[ConsignmentPlan] = []
        self._consignments: list[ConsignmentInfo] = []
        self._pickup_ids: set[str] = set()
        self._consignment_plans: dict[str, ConsignmentPlan] = {}
        self._chosen_types: dict[str, str] = {}
        self._coupons: list[str] = []
        # order and payment
        self._order_id: int | None = None
        self._order_ids: list[int] = []
        self._order_fresh = False
        self._order_total: Decimal | None = None
        self._shown_total: Decimal | None = None
        self._pat: PaymentAccessToken | None = None
        self._pat_order: int | None = None
        self._pat_task: asyncio.Task[PaymentAccessToken] | None = None
        self._methods_task: asyncio.Task[list[PaymentMethod]] | None = None
        self._methods: list[PaymentMethod] | None = None
        self._charging = False
        self._result: PaymentResult | None = None
        self._paid = False
        self._tasks: set[asyncio.Task[Any]] = set()

    def __repr__(self) -> str:
        return (
            f"Sale(id={self.sale_id!r}, step={self._step.value}, lines={len(self._lines)}, "
            f"order={self._order_id!r})"
        )

    # ------------------------------------------------------------------ observers

    def subscribe(self, callback: Callback) -> Callable[[], None]:
        """Call ``callback(SaleEvent)`` on every change; returns the unsubscribe function."""
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                self._subscribers.remove(callback)

        return unsubscribe

    def _emit(self, kind: str, **values: Any) -> None:
        event = SaleEvent(kind, **values)
        for callback in list(self._subscribers):
            try:
                callback(event)
            except Exception:  # a broken view must not break the sale
                log.exception("a sale subscriber failed on %s", kind)

    # ------------------------------------------------------------------ state

    @property
    def step(self) -> SaleStep:
        return self._step

    @property
    def busy(self) -> bool:
        return self._busy > 0

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(self._lines)

    @property
    def subtotal(self) -> Decimal:
        return sum((line.total for line in self._lines), ZERO)

    @property
    def customer(self) -> Customer | None:
        return self._customer

    @property
    def billing_address(self) -> Mapping[str, Any] | None:
        return dict(self._billing) if self._billing is not None else None

    @property
    def consignments(self) -> tuple[ConsignmentInfo, ...]:
        return tuple(self._consignments)

    @property
    def coupons(self) -> tuple[str, ...]:
        return tuple(self._coupons)

    @property
    def cart_id(self) -> str | None:
        return self._cart_id

    @property
    def order_id(self) -> int | None:
        """The current order (None before the payment step, or after it was invalidated)."""
        return self._order_id if self._order_fresh or self._paid else None

    @property
    def order_ids(self) -> tuple[int, ...]:
        """Every order made for this sale, oldest first."""
        return tuple(self._order_ids)

    @property
    def result(self) -> PaymentResult | None:
        """The last payment result (the confirmed one once paid)."""
        return self._result

    @property
    def paid(self) -> bool:
        return self._paid

    def payment_attempted(self) -> bool:
        """The journal shows a payment attempt of this sale (any outcome) or an order
        creation without an answer: when the sale fails now, say "unknown", not "error".
        Reads the journal (a local file) on the calling thread."""
        if self.sale_id is None:
            return False
        record = self._journal.get(self.sale_id)
        return record is not None and (bool(record.attempts) or record.order_creation_pending)

    @property
    def charging(self) -> bool:
        return self._charging

    @property
    def totals(self) -> Totals | None:
        """The checkout's totals as the store computed them (None before a checkout)."""
        checkout = self._checkout
        if checkout is None:
            return None
        currency = self._currency()
        coupons = list(checkout.coupons or checkout.cart.coupons)
        coupon_amount = sum((c.discounted_amount or ZERO for c in coupons), ZERO)
        discounts = (checkout.cart.discount_amount or ZERO) + coupon_amount
        subtotal = checkout.subtotal_ex_tax
        if subtotal is None:
            subtotal = checkout.cart.base_amount or self.subtotal
        q = self._q
        return Totals(
            subtotal=q(subtotal),
            discounts=q(discounts),
            shipping=q(checkout.shipping_cost_total_ex_tax or ZERO),
            taxes=tuple((t.name or "Tax", q(t.amount or ZERO)) for t in checkout.taxes),
            tax_total=q(checkout.tax_total or ZERO),
            grand_total=q(checkout.grand_total if checkout.grand_total is not None else ZERO),
            currency=currency,
            coupons=tuple(c.code for c in coupons),
        )

    def _q(self, amount: Decimal) -> Decimal:
        """``amount`` in the currency's minor unit (the API sends JSON numbers)."""
        try:
            return quantize(amount, self._currency())
        except MoneyError:
            return amount

    def shipping_options(self, consignment_id: str) -> list[ShippingOptionInfo]:
        """The options the store offers for a shipping consignment (empty for pickup)."""
        for consignment in self._consignments:
            if consignment.id == consignment_id:
                return list(consignment.options)
        raise StepNotReady("That consignment is no longer part of the sale.")

    def _currency(self) -> str:
        checkout = self._checkout
        if checkout is not None and checkout.cart.currency and checkout.cart.currency.code:
            return checkout.cart.currency.code
        return self.settings.currency

    def _set_step(self, step: SaleStep) -> None:
        if step is self._step:
            return
        self._step = step
        self._emit("step", step=step)
        if self.sale_id is not None:
            self._background(self._jcall(self._journal.set_state, self.sale_id, step.value))

    def _ready_step(self) -> SaleStep:
        """The first step that still needs the clerk."""
        if self._paid:
            return SaleStep.CONFIRMED
        if not self._lines:
            return SaleStep.ITEMS
        if self._billing is None:
            return SaleStep.CUSTOMER
        if self._fulfilment_missing():
            return SaleStep.FULFILMENT
        if any(c.needs_option for c in self._consignments):
            return SaleStep.SHIPPING
        if self._order_fresh and self._order_id is not None:
            return SaleStep.PAYMENT
        return SaleStep.REVIEW

    def _fulfilment_missing(self) -> bool:
        covered: dict[str, int] = {}
        for consignment in self._consignments:
            for line_id, quantity in consignment.items.items():
                covered[line_id] = covered.get(line_id, 0) + quantity
        return any(covered.get(line.id, 0) < line.quantity for line in self._lines)

    # ------------------------------------------------------------------ plumbing

    @contextlib.asynccontextmanager
    async def _operation(self, *, changes: bool = False) -> AsyncIterator[None]:
        """One clerk action: serialised with the others, busy while it runs. An action
        that ``changes`` the sale is refused once it is paid or while a charge runs."""
        if changes and self._paid:
            raise SaleAlreadyPaid("This sale is already paid; start a new sale for changes.")
        if changes and self._charging:
            raise PaymentInProgress(str(error_kind_message(ErrorKind.PAYMENT_IN_FLIGHT)))
        self._busy += 1
        if self._busy == 1:
            self._emit("busy", busy=True)
        try:
            async with self._lock:
                self._ensure_open()
                yield
        finally:
            self._busy -= 1
            if self._busy == 0:
                self._emit("busy", busy=False)

    def _ensure_open(self) -> None:
        if not self._client.is_closed:
            self._client.open()

    async def _jcall(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """A journal write, off the event loop (each one is fsync'd)."""
        return await asyncio.to_thread(fn, *args, **kwargs)

    def _background(self, coro: Awaitable[Any]) -> None:
        async def run() -> None:
            try:
                await coro
            except Exception:
                log.warning("a background journal write failed", exc_info=True)

        task = asyncio.ensure_future(run())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _store(self, call: Awaitable[T], what: str | None = None) -> T:
        """Await a safe store call; client errors become clerk-facing StoreProblems."""
        try:
            result = await call
        except BigCommerceError as exc:
            problem = store_problem(exc, what=what)
            if problem.offline:
                self._emit("connection", online=False)
            raise problem from exc
        return result

    async def _ensure_sale_record(self) -> str:
        if self.sale_id is None:
            self.sale_id = await self._jcall(
                self._journal.start_sale,
                self.settings.profile,
                state=self._step.value,
                currency=self.settings.currency,
            )
        return self.sale_id

    async def aclose(self) -> None:
        """Stop the sale's background reads and finish its journal writes (the client
        stays open: it is not the sale's)."""
        for task in (self._methods_task, self._pat_task):
            if task is not None and not task.done():
                task.cancel()
        for task in (self._methods_task, self._pat_task, *list(self._tasks)):
            if task is not None:
                with contextlib.suppress(BaseException):
                    await task

    # ------------------------------------------------------------------ items

    async def search(self, text: str, limit: int = 20) -> list[CatalogItem]:
        """Keyword search from the local catalogue (empty when there is none)."""
        if self._catalog is None:
            return []
        hits = await asyncio.to_thread(self._catalog.search, text, limit)
        for hit in hits:
            if hit.variant_id is not None:
                self._known_items[hit.variant_id] = hit
        return hits

    async def add_item(self, code_or_variant: Any, quantity: int = 1) -> Line:
        """Add an item by UPC/SKU (cache first, then the API), a catalogue item, or a
        variant id seen in a search. The cart is created on the first item."""
        self._check_quantity(quantity)
        async with self._operation(changes=True):
            item = await self._resolve(code_or_variant)
            self._check_sellable(item)
            existing = next(
                (ln for ln in self._lines if ln.variant_id == item.variant_id
                 and ln.product_id == item.product_id),
                None,
            )
            wanted = quantity + (existing.quantity if existing else 0)
            self._check_stock(item.variant_id, wanted, item)
            if item.variant_id is not None and item.variant_label:
                self._labels[item.variant_id] = item.variant_label.replace(" / ", ", ")
            if existing is not None:
                cart = await self._update_line(existing, wanted)
            elif self._cart_id is None:
                cart = await self._create_cart(item, quantity)
            else:
                cart = await self._add_to_cart(item, quantity)
            await self._after_items_changed(cart)
            line = next(
                (ln for ln in self._lines if ln.variant_id == item.variant_id
                 and ln.product_id == item.product_id),
                None,
            )
            if line is None:
                raise StoreProblem(
                    error_kind_message(ErrorKind.INVALID_DATA), ErrorKind.INVALID_DATA,
                    detail="the store did not add the item",
                )
            return line

    async def set_quantity(self, line_id: str, quantity: int) -> None:
        """Change a line's quantity (0 removes it)."""
        if quantity == 0:
            await self.remove_line(line_id)
            return
        self._check_quantity(quantity)
        async with self._operation(changes=True):
            line = self._line(line_id)
            if line.quantity == quantity:
                return
            if line.variant_id is not None:
                self._check_stock(line.variant_id, quantity, None)
            cart = await self._update_line(line, quantity)
            await self._after_items_changed(cart)

    async def remove_line(self, line_id: str) -> None:
        async with self._operation(changes=True):
            line = self._line(line_id)
            assert self._cart_id is not None
            cart_id = self._cart_id
            try:
                cart = await self._client.carts.delete_item(cart_id, line.id)
            except NotFound:
                cart = await self._store(self._client.carts.get(cart_id))
            except BigCommerceError as exc:
                raise store_problem(exc) from exc
            if cart is None:
                # The cart became empty and the store deleted it: the next item makes a new one.
                self._cart_id = None
                self._checkout = None
                self._methods_task = None
                self._methods = None
                self._lines = []
                self._consignments = []
                self._plans = []
                self._coupons = []
                self._invalidate_order("the cart is empty")
                self._emit("lines")
                self._emit("totals")
                self._set_step(SaleStep.ITEMS)
                return
            await self._after_items_changed(cart)

    def _line(self, line_id: str) -> Line:
        for line in self._lines:
            if line.id == line_id:
                return line
        raise SaleValidationError.one("line_id", "That line is no longer in the sale.")

    @staticmethod
    def _check_quantity(quantity: Any) -> None:
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
            raise SaleValidationError.one("quantity", "The quantity must be a whole number of "
                                          "at least 1.")
        if quantity > 9999:
            raise SaleValidationError.one("quantity", "The quantity is too large (at most 9999).")

    def _check_sellable(self, item: CatalogItem) -> None:
        if item.purchasing_disabled:
            why = item.purchasing_disabled_message or "purchasing is disabled for it"
            raise NotSellable(f"{item.display_name} cannot be sold: {why}.")
        if item.out_of_stock:
            raise NotSellable(f"{item.display_name} cannot be sold: it is out of stock.")

    def _check_stock(self, variant_id: int | None, quantity: int, item: CatalogItem | None) -> None:
        level: int | None = None
        if item is not None:
            level = item.inventory_level
        elif variant_id is not None:
            level = self._stock.get(variant_id)
        if item is not None and variant_id is not None and level is not None:
            self._stock[variant_id] = level
        if level is not None and quantity > level:
            raise SaleValidationError.one(
                "quantity", f"Only {level} in stock; the quantity cannot be {quantity}."
            )

    async def _resolve(self, code_or_variant: Any) -> CatalogItem:
        if isinstance(code_or_variant, CatalogItem):
            return code_or_variant
        if isinstance(code_or_variant, int) and not isinstance(code_or_variant, bool):
            known = self._known_items.get(code_or_variant)
            if known is not None:
                return known
            code = str(code_or_variant)
        elif isinstance(code_or_variant, str):
            code = code_or_variant.strip()
        else:
            variant_id = _as_int(getattr(code_or_variant, "variant_id", None))
            if variant_id is not None and variant_id in self._known_items:
                return self._known_items[variant_id]
            raise ItemNotFound("That item is not known; scan it or search for it again.")
        if not code:
            raise SaleValidationError.one("code", "Scan or type a barcode or SKU.")
        found: list[CatalogItem] = []
        if self._catalog is not None:
            found = await asyncio.to_thread(self._catalog.by_code, code)
        if not found:
            found = await self._lookup_api(code)
        if not found:
            raise ItemNotFound(f"No product has the code {code}.")
        sellable = [i for i in found if not i.purchasing_disabled]
        if len(found) > 1 and len(sellable) != 1:
            raise AmbiguousCode(f"The code {code} names {len(found)} variants; choose one.",
                                found)
        item = sellable[0] if len(found) > 1 else found[0]
        if item.variant_id is not None:
            self._known_items[item.variant_id] = item
        return item

    async def _lookup_api(self, code: str) -> list[CatalogItem]:
        """A code the cache does not know: ask the catalog API (variant UPC, then SKU)."""
        catalog = self._client.catalog
        variants: list[Variant] = []
        kinds = ("upc", "sku") if code.isdigit() else ("sku", "upc")
        for kind in kinds:
            variants = await self._store(
                catalog.find_variants(**{kind: code}), "looking up the item"
            )
            if variants:
                break
        items: list[CatalogItem] = []
        names: dict[int, tuple[str, str]] = {}
        for variant in variants:
            if variant.product_id is None:
                continue
            if variant.product_id not in names:
                product = await self._store(catalog.get_product(variant.product_id))
                names[variant.product_id] = (product.name or "", product.inventory_tracking or "")
            name, tracking = names[variant.product_id]
            label = " / ".join(v.label or "" for v in variant.option_values if v.label)
            price = variant.calculated_price or variant.sale_price or variant.price
            items.append(
                CatalogItem(
                    product_id=variant.product_id,
                    variant_id=variant.id,
                    name=name,
                    variant_label=label,
                    sku=variant.sku,
                    upc=variant.upc,
                    brand="",
                    price=variant.price,
                    sale_price=variant.sale_price,
                    calculated_price=price,
                    inventory_level=variant.inventory_level if tracking != "none" else None,
                    inventory_tracking=tracking or "none",
                    purchasing_disabled=bool(variant.purchasing_disabled),
                    purchasing_disabled_message=variant.purchasing_disabled_message or "",
                    is_visible=True,
                    date_modified=None,
                    image_url=variant.image_url,
                    option_values=(),
                )
            )
        return items

    def _line_input(self, item: CatalogItem, quantity: int) -> LineItemInput:
        return LineItemInput(
            product_id=item.product_id, variant_id=item.variant_id, quantity=quantity
        )

    async def _create_cart(self, item: CatalogItem, quantity: int) -> Cart:
        sale_id = await self._ensure_sale_record()
        customer_id = self._customer.id if self._customer is not None else None
        body = [self._line_input(item, quantity)]
        try:
            cart = await self._client.carts.create(
                body,
                customer_id=customer_id,
                channel_id=self.settings.channel_id,
                currency=self.settings.currency,
                locale=self.settings.locale.replace("_", "-"),
            )
        except OutcomeUnknown:
            # An orphan cart is harmless (it expires); make another one.
            log.info("creating the cart had no certain answer; creating another")
            cart = await self._store(
                self._client.carts.create(
                    body,
                    customer_id=customer_id,
                    channel_id=self.settings.channel_id,
                    currency=self.settings.currency,
                    locale=self.settings.locale.replace("_", "-"),
                ),
                "creating the cart",
            )
        except BigCommerceError as exc:
            raise store_problem(exc, what="adding the item") from exc
        self._cart_id = cart.id
        await self._jcall(self._journal.record_cart, sale_id, cart.id)
        if customer_id is not None:
            await self._jcall(self._journal.record_customer, sale_id, customer_id)
        self._start_methods_fetch()
        return cart

    async def _add_to_cart(self, item: CatalogItem, quantity: int) -> Cart:
        assert self._cart_id is not None
        cart_id = self._cart_id
        before = {ln.id: ln.quantity for ln in self._lines}
        try:
            return await self._client.carts.add_items(cart_id, [self._line_input(item, quantity)])
        except OutcomeUnknown:
            # Re-read the cart: did the item arrive?
            cart = await self._store(self._client.carts.get(cart_id), "checking the cart")
            for found in cart.line_items.all_items():
                if (found.variant_id == item.variant_id and found.product_id == item.product_id
                        and found.quantity >= before.get(found.id, 0) + quantity):
                    return cart
            return await self._store(
                self._client.carts.add_items(cart_id, [self._line_input(item, quantity)]),
                "adding the item",
            )
        except BigCommerceError as exc:
            raise store_problem(exc, what="adding the item") from exc

    async def _update_line(self, line: Line, quantity: int) -> Cart:
        assert self._cart_id is not None
        return await self._store(
            self._client.carts.update_item(
                self._cart_id,
                line.id,
                product_id=line.product_id,
                variant_id=line.variant_id,
                quantity=quantity,
            ),
            "changing the quantity",
        )

    def _lines_from(self, items: CartLineItems) -> list[Line]:
        lines: list[Line] = []
        for item in items.all_items():
            unit = item.sale_price if item.sale_price is not None else item.list_price
            unit = unit if unit is not None else ZERO
            total = item.extended_sale_price
            if total is None:
                total = unit * item.quantity
            variant = None
            if item.variant_id is not None:
                variant = self._labels.get(item.variant_id)
            currency = self._currency()
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

    async def _after_items_changed(self, cart: Cart) -> None:
        """Items changed: new lines, the order is void, consignments are made again."""
        self._lines = self._lines_from(cart.line_items)
        self._checkout_stale = True
        self._invalidate_order("the items changed")
        self._emit("lines")
        if self._consignments or self._plans:
            await self._redo_consignments_after_items()
        elif self._checkout is not None:
            await self._refresh_checkout()
        self._set_step(SaleStep.ITEMS)

    async def _redo_consignments_after_items(self) -> None:
        """Changed items recreate the consignments: a single plan is made again with every
        line; a split one is dropped and the clerk splits again."""
        plans = self._plans
        if len(plans) == 1:
            plan = plans[0]
            again = ConsignmentPlan(
                kind=plan.kind,
                items={ln.id: ln.quantity for ln in self._lines},
                address=plan.address,
            )
            await self._apply_fulfilment([again], reuse_types=True)
            self._emit("warning", message="The items changed, so the delivery was set up again.")
        else:
            await self._delete_consignments()
            self._plans = []
            self._emit(
                "warning",
                message="The items changed: choose again what is taken now and what is shipped.",
            )

    # ------------------------------------------------------------------ customer

    async def find_customers(self, text: str) -> list[Customer]:
        """Customers by e-mail (contains "@"), phone (digits) or name, with addresses."""
        text = text.strip()
        if not text:
            return []
        digits = "".join(ch for ch in text if ch.isdigit())
        by_phone = False
        query: dict[str, Any]
        if "@" in text:
            query = {"emails": [text]}
        elif digits and len(digits) >= 6 and len(digits) >= len(text.replace(" ", "")) - 3:
            by_phone = True
            query = {"phones": [text.replace(" ", "")]}
        else:
            query = {"name_like": text}
        async with self._operation():
            found = await self._store(self._search_customers(**query), "finding the customer")
        if by_phone:
            # Keep only real matches, whatever filters the store honoured.
            found = [c for c in found if digits[-9:] in "".join(ch for ch in c.phone
                                                                 if ch.isdigit())]
        return found

    async def _search_customers(
        self,
        *,
        name_like: str | None = None,
        emails: Sequence[str] = (),
        phones: Sequence[str] = (),
        ids: Sequence[int] = (),
    ) -> list[Customer]:
        page = await self._client.customers.search(
            name_like=name_like, emails=emails, phones=phones, ids=ids,
            include=("addresses",), limit=20,
        )
        return [_customer_from_api(customer) for customer in page.items]

    async def customer_by_email(self, email: str) -> Customer | None:
        """The customer with exactly this e-mail, or None."""
        wanted = email.strip()
        async with self._operation():
            found = await self._store(
                self._search_customers(emails=[wanted]), "finding the customer"
            )
        exact = [c for c in found if c.email.lower() == wanted.lower()]
        return exact[0] if exact else None

    async def set_customer(self, customer: Customer | None) -> None:
        """Attach a customer (None: a guest). Changing the customer of a cart makes
        BigCommerce drop its coupons and shipping: they are applied again, with a warning."""
        async with self._operation(changes=True):
            new_id = customer.id if customer is not None else None
            old_id = self._customer.id if self._customer is not None else None
            self._customer = customer
            self._emit("customer")
            if new_id == old_id:
                return
            if self._cart_id is None:
                return
            sale_id = await self._ensure_sale_record()
            had_extras = bool(self._coupons or self._consignments)
            if had_extras:
                self._emit(
                    "warning",
                    message="Changing the customer makes the store drop the coupon and the "
                    "delivery choices; they are being applied again.",
                )
            await self._store(
                self._client.carts.set_customer(self._cart_id, new_id or 0),
                "attaching the customer",
            )
            await self._jcall(self._journal.record_customer, sale_id, new_id)
            self._invalidate_order("the customer changed")
            self._methods = None
            self._start_methods_fetch()
            if had_extras:
                await self._redo_after_customer_change()
            else:
                await self._refresh_checkout()
            self._set_step(self._ready_step())

    async def _redo_after_customer_change(self) -> None:
        coupons = list(self._coupons)
        plans = list(self._plans)
        checkout = await self._store(self._client.checkouts.get(self._require_cart()))
        self._set_checkout(checkout)
        if plans:
            await self._apply_fulfilment(plans, reuse_types=True)
        for code in coupons:
            if code.upper() not in {c.upper() for c in self._coupons}:
                try:
                    await self._add_coupon(code)
                except SaleError as exc:
                    self._emit("warning", message=f"The coupon {code} could not be applied "
                               f"again: {exc}")

    async def set_billing_address(self, address: Mapping[str, Any]) -> None:
        """Set the billing address (validated before any call: e-mail and country at
        least; every field given is checked)."""
        check = validate_address(address, complete=False)
        if not check.ok:
            raise SaleValidationError(check.errors)
        async with self._operation(changes=True):
            cart_id = self._require_cart()
            body = AddressInput(**{k: v for k, v in check.address.items()
                                   if k in AddressInput.model_fields})
            existing = self._checkout.billing_address if self._checkout is not None else None
            if existing is not None and existing.id:
                checkout = await self._store(
                    self._client.checkouts.update_billing_address(cart_id, str(existing.id), body),
                    "saving the billing address",
                )
            else:
                checkout = await self._add_billing(cart_id, body)
            self._billing = dict(check.address)
            self._invalidate_order("the billing address changed")
            self._set_checkout(checkout)
            self._set_step(self._ready_step())

    async def _add_billing(self, cart_id: str, body: AddressInput) -> Checkout:
        try:
            return await self._client.checkouts.add_billing_address(cart_id, body)
        except OutcomeUnknown:
            checkout = await self._store(self._client.checkouts.get(cart_id))
            if checkout.billing_address is not None and checkout.billing_address.id:
                return await self._store(
                    self._client.checkouts.update_billing_address(
                        cart_id, str(checkout.billing_address.id), body
                    ),
                    "saving the billing address",
                )
            return await self._store(
                self._client.checkouts.add_billing_address(cart_id, body),
                "saving the billing address",
            )
        except BigCommerceError as exc:
            raise store_problem(exc, what="saving the billing address") from exc

    def _require_cart(self) -> str:
        if self._cart_id is None:
            raise StepNotReady("Add an item to the sale first.")
        return self._cart_id

    # ------------------------------------------------------------------ fulfilment

    async def set_fulfilment(self, plans: Sequence[ConsignmentPlan]) -> None:
        """Pickup now and/or shipping. A line may be split between consignments by
        quantity; each line's quantities must add up to the line's quantity (checked
        before any call, each failure naming ``items.<line id>``)."""
        checked = self._check_plans(plans)
        async with self._operation(changes=True):
            self._require_cart()
            if self._billing is None:
                raise StepNotReady("Enter the customer's billing address first.")
            await self._apply_fulfilment(checked, reuse_types=False)
            self._set_step(self._ready_step())

    def _check_plans(self, plans: Sequence[ConsignmentPlan]) -> list[ConsignmentPlan]:
        errors: list[ValidationError] = []
        if not plans:
            raise SaleValidationError.one("consignments", "Choose pickup or shipping.")
        shares: dict[str, list[tuple[str, int]]] = {}
        out: list[ConsignmentPlan] = []
        for index, plan in enumerate(plans):
            where = f"consignments[{index}]"
            if plan.kind not in ("pickup", "ship"):
                errors.append(ValidationError(f"{where}.kind", "Choose pickup or ship."))
                continue
            address: dict[str, Any] | None = None
            if plan.kind == "ship":
                raw = dict(plan.address or {})
                if not raw.get("email") and self._billing is not None:
                    raw["email"] = self._billing.get("email", "")
                check = validate_address(raw, complete=True, require_email=False)
                errors += [
                    ValidationError(f"{where}.address.{e.field}", e.message) for e in check.errors
                ]
                address = check.address
            elif self.settings.pickup_method_id is None and not self.settings.pickup_address:
                errors.append(ValidationError(
                    f"{where}.kind", "This register has no pickup location; ship the items."
                ))
            items: dict[str, int] = {}
            for line_id, qty in plan.items.items():
                if isinstance(qty, bool) or not isinstance(qty, int) or qty < 1:
                    errors.append(ValidationError(
                        f"{where}.items.{line_id}", "Quantities must be whole numbers of at "
                        "least 1 (leave a line out of a consignment instead of 0).",
                    ))
                    continue
                items[line_id] = qty
                how = "taken now" if plan.kind == "pickup" else "shipped"
                shares.setdefault(line_id, []).append((how, qty))
            if not items:
                errors.append(ValidationError(f"{where}.items", "Put at least one item in it."))
            out.append(ConsignmentPlan(kind=plan.kind, items=items, address=address))
        by_id = {ln.id: ln for ln in self._lines}
        for line_id, parts in shares.items():
            line = by_id.get(line_id)
            total = sum(qty for _, qty in parts)
            if line is None:
                errors.append(ValidationError(f"items.{line_id}",
                                              "An item is no longer in the sale."))
            elif total != line.quantity:
                said = " + ".join(f"{qty} {how}" for how, qty in parts)
                if len(parts) > 1:
                    said = f"{said} = {total}"
                errors.append(ValidationError(
                    f"items.{line_id}",
                    f"{line.name}: {said}, but the sale has {line.quantity}; every one must be "
                    "either taken now or shipped.",
                ))
        for line in self._lines:
            if line.id not in shares:
                errors.append(ValidationError(f"items.{line.id}", f"{line.name}: choose pickup "
                                              "or shipping for it."))
        if sum(1 for p in plans if p.kind == "pickup") > 1:
            errors.append(ValidationError("consignments", "Only one pickup is possible."))
        if errors:
            raise SaleValidationError(errors)
        return out

    async def _delete_consignments(self) -> None:
        cart_id = self._require_cart()
        checkout = self._checkout
        if checkout is None or self._checkout_stale:
            checkout = await self._store(self._client.checkouts.get(cart_id))
        deleted = False
        for consignment in checkout.consignments:
            try:
                checkout = await self._client.checkouts.delete_consignment(
                    cart_id, str(consignment.id)
                )
                deleted = True
            except NotFound:
                deleted = True
                continue
            except BigCommerceError as exc:
                raise store_problem(exc, what="changing the delivery") from exc
        self._consignments = []
        self._pickup_ids = set()
        self._consignment_plans = {}
        if deleted:
            checkout = await self._store(self._client.checkouts.get(cart_id))
        self._set_checkout(checkout)

    def _consignment_input(self, plan: ConsignmentPlan) -> ConsignmentInput:
        items = [ConsignmentLineItem(item_id=k, quantity=v) for k, v in plan.items.items()]
        if plan.kind == "pickup":
            if self.settings.pickup_method_id is not None:
                return ConsignmentInput(
                    line_items=items,
                    pickup_option={"pickup_method_id": self.settings.pickup_method_id},
                )
            address = dict(self.settings.pickup_address)
            if not address.get("email") and self._billing is not None:
                address["email"] = self._billing.get("email", "")
            return ConsignmentInput(address=self._address_input(address), line_items=items)
        return ConsignmentInput(address=self._address_input(plan.address or {}), line_items=items)

    @staticmethod
    def _address_input(address: Mapping[str, Any]) -> AddressInput:
        return AddressInput(**{k: v for k, v in address.items() if k in AddressInput.model_fields})

    async def _apply_fulfilment(
        self, plans: Sequence[ConsignmentPlan], *, reuse_types: bool
    ) -> None:
        cart_id = self._require_cart()
        previous_types = dict(self._chosen_types) if reuse_types else {}
        old_plans = list(self._plans)
        await self._delete_consignments()
        self._invalidate_order("the delivery changed")
        body = [self._consignment_input(p) for p in plans]
        try:
            checkout = await self._client.checkouts.add_consignments(cart_id, body)
        except OutcomeUnknown:
            checkout = await self._store(self._client.checkouts.get(cart_id))
            if not checkout.consignments:
                checkout = await self._store(
                    self._client.checkouts.add_consignments(cart_id, body),
                    "saving the delivery",
                )
        except BigCommerceError as exc:
            raise store_problem(exc, what="saving the delivery") from exc
        self._chosen_types = {}
        matched = self._match_plans(checkout, plans)
        sale_id = await self._ensure_sale_record()
        if len(matched) != len(plans) or len(checkout.consignments) != len(plans):
            # The store merged or dropped part of the plan (a store that does not split a
            # line's quantity moves the whole line): never go on with a delivery the clerk
            # did not choose.
            self._plans = []
            self._consignment_plans = {}
            self._pickup_ids = set()
            self._set_checkout(checkout)
            await self._delete_consignments()
            await self._jcall(self._journal.record_consignments, sale_id, [])
            self._set_step(self._ready_step())
            split = any(
                sum(1 for p in plans if line_id in p.items) > 1
                for line_id in {i for p in plans for i in p.items}
            )
            raise StoreProblem(
                ClerkMessage(
                    "The store did not keep this delivery",
                    "The store could not take part of an item now and ship the rest. Choose "
                    "again: take each item's whole quantity now or ship it whole."
                    if split else
                    "The store changed the consignments it was sent. Choose pickup or "
                    "shipping again.",
                    NextStep.TRY_AGAIN,
                    True,
                ),
                ErrorKind.INVALID_DATA,
            )
        self._plans = list(plans)
        self._consignment_plans = matched
        self._pickup_ids = {cid for cid, plan in matched.items() if plan.kind == "pickup"}
        self._set_checkout(checkout)
        # A store id that the journal's secret filter mistakes for a card number (a
        # consignment id of 13 digits that passes the Luhn check) is left out: the ids are
        # a record only (a resumed sale reads the consignments back from the store).
        ids = [c.id for c in self._consignments if find_sensitive(c.id) is None]
        if len(ids) < len(self._consignments):
            log.info("%d consignment id(s) left out of the journal",
                     len(self._consignments) - len(ids))
        await self._jcall(self._journal.record_consignments, sale_id, ids)
        # Legacy pickup: choose the store's "Pickup In Store" option; on a redo, the option
        # types chosen before.
        for info in list(self._consignments):
            wanted: str | None = None
            if info.kind == "pickup" and info.options:
                wanted = self.settings.pickup_option_type
            elif info.kind == "ship":
                old = next((p for p in old_plans if p.kind == "ship"
                            and set(p.items) == set(info.items)), None)
                wanted = previous_types.get(self._plan_key(old)) if old is not None else None
                if wanted is None and len(previous_types) == 1 and len(plans) == 1:
                    wanted = next(iter(previous_types.values()))
            if wanted is None:
                continue
            option = next((o for o in info.options if o.type == wanted), None)
            if option is not None:
                await self._select_option(info.id, option.id)

    def _match_plans(
        self, checkout: Checkout, plans: Sequence[ConsignmentPlan]
    ) -> dict[str, ConsignmentPlan]:
        """Which consignment of the checkout is which plan: by kind, line items and address
        (a split line appears in more than one consignment)."""
        free = list(plans)
        out: dict[str, ConsignmentPlan] = {}
        for consignment in checkout.consignments:
            ids = set(consignment.line_item_ids)
            extra = consignment.model_extra or {}
            address = consignment.address.model_dump() if consignment.address else {}
            pickup = bool(extra.get("selected_pickup_option")) or (
                self.settings.pickup_method_id is None
                and _same_place(address, self.settings.pickup_address)
            )
            candidates = [p for p in free if set(p.items) == ids
                          and (p.kind == "pickup") == pickup]
            if not candidates and self.settings.pickup_method_id is None:
                # Shipped to the store's own address: the address alone cannot tell.
                candidates = [p for p in free if set(p.items) == ids]
            if len(candidates) > 1:
                candidates = [p for p in candidates
                              if _same_place(address, p.address or {})] or candidates
            if candidates:
                out[str(consignment.id)] = candidates[0]
                free.remove(candidates[0])
        return out

    @staticmethod
    def _plan_key(plan: ConsignmentPlan | None) -> str:
        if plan is None:
            return ""
        items = ",".join(f"{k}={v}" for k, v in sorted(plan.items.items()))
        return f"{plan.kind}:{items}"

    async def choose_shipping(self, consignment_id: str, option_id: str) -> None:
        """Choose one of :meth:`shipping_options` for a shipping consignment."""
        async with self._operation(changes=True):
            consignment = next((c for c in self._consignments if c.id == consignment_id), None)
            if consignment is None:
                raise StepNotReady("That consignment is no longer part of the sale.")
            if option_id not in {o.id for o in consignment.options}:
                raise SaleValidationError.one("shipping_option_id", "Choose one of the offered "
                                              "shipping options.")
            await self._select_option(consignment_id, option_id)
            self._set_step(self._ready_step())

    async def _select_option(self, consignment_id: str, option_id: str) -> None:
        cart_id = self._require_cart()
        checkout = await self._store(
            self._client.checkouts.select_shipping_option(cart_id, consignment_id, option_id),
            "choosing the shipping option",
        )
        self._invalidate_order("the shipping changed")
        options = {c.id: c.options for c in self._consignments}
        self._set_checkout(checkout, keep_options=options)
        chosen = next((c for c in self._consignments if c.id == consignment_id), None)
        if chosen is not None:
            option = next((o for o in chosen.options if o.id == option_id), None)
            plan = self._consignment_plans.get(consignment_id)
            if option is not None:
                self._chosen_types[self._plan_key(plan)] = option.type

    async def choose_cheapest_shipping(self) -> None:
        """Choose the cheapest option for every shipping consignment without one."""
        for consignment in list(self._consignments):
            if consignment.needs_option and consignment.options:
                cheapest = min(consignment.options, key=lambda o: (o.cost, o.type != "pickup"))
                await self.choose_shipping(consignment.id, cheapest.id)

    # ------------------------------------------------------------------ checkout state

    async def _refresh_checkout(self) -> Checkout:
        checkout = await self._store(self._client.checkouts.get(self._require_cart()))
        self._set_checkout(checkout)
        return checkout

    async def refresh_totals(self) -> Totals | None:
        """Read the checkout again (totals, taxes, shipping) and return the totals."""
        async with self._operation():
            if self._cart_id is not None:
                await self._refresh_checkout()
        return self.totals

    def _set_checkout(
        self,
        checkout: Checkout,
        *,
        keep_options: Mapping[str, Sequence[ShippingOptionInfo]] | None = None,
    ) -> None:
        if keep_options is None:
            keep_options = {c.id: c.options for c in self._consignments}
        self._checkout = checkout
        self._checkout_stale = False
        self._lines = self._lines_from(checkout.cart.line_items)
        self._coupons = [c.code for c in (checkout.coupons or checkout.cart.coupons)]
        quantities = {ln.id: ln.quantity for ln in self._lines}
        infos: list[ConsignmentInfo] = []
        for consignment in checkout.consignments:
            cid = str(consignment.id)
            extra = consignment.model_extra or {}
            pickup = bool(extra.get("selected_pickup_option")) or cid in self._pickup_ids
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
            if consignment.address is not None and not (
                pickup and self.settings.pickup_method_id is not None
            ):
                address = {
                    k: v for k, v in consignment.address.model_dump().items()
                    if v not in (None, "") and k != "id"
                }
            infos.append(
                ConsignmentInfo(
                    id=cid,
                    kind="pickup" if pickup else "ship",
                    address=address,
                    items=self._consignment_items(cid, consignment.line_item_ids, quantities),
                    selected_option_id=selected.id if selected is not None else None,
                    options=options,
                    shipping_cost=consignment.shipping_cost_ex_tax or ZERO,
                )
            )
        self._consignments = infos
        billing = checkout.billing_address
        if billing is not None and billing.email and self._billing is None:
            self._billing = {
                k: v for k, v in billing.model_dump().items()
                if v not in (None, "") and k not in ("id", "country")
            }
        self._emit("lines")
        self._emit("consignments")
        self._emit("totals")

    def _consignment_items(
        self, cid: str, line_ids: Sequence[str], quantities: Mapping[str, int]
    ) -> dict[str, int]:
        """A consignment's ``{line_id: quantity}``: the checkout names only the lines, so a
        split line's part comes from the plan the consignment was made from."""
        plan = self._consignment_plans.get(cid)
        out: dict[str, int] = {}
        for line_id in line_ids:
            whole = quantities.get(line_id, 0)
            part = plan.items.get(line_id) if plan is not None else None
            out[line_id] = min(part, whole) if part is not None and whole else whole
        return out

    # ------------------------------------------------------------------ coupons

    async def apply_coupon(self, code: str) -> None:
        code = code.strip()
        if not code or len(code) > 50:
            raise SaleValidationError.one("coupon_code", "Type the coupon code (at most 50 "
                                          "characters).")
        async with self._operation(changes=True):
            self._require_cart()
            await self._add_coupon(code)
            self._set_step(self._ready_step())

    async def _add_coupon(self, code: str) -> None:
        cart_id = self._require_cart()
        try:
            checkout = await self._client.checkouts.add_coupon(cart_id, code)
        except OutcomeUnknown:
            checkout = await self._store(self._client.checkouts.get(cart_id))
            if code.upper() not in {c.code.upper() for c in checkout.coupons}:
                checkout = await self._store(
                    self._client.checkouts.add_coupon(cart_id, code), "applying the coupon"
                )
        except ApiError as exc:
            if exc.status == 422:
                words = exc.body.title or "The coupon is not valid"
                raise SaleValidationError.one("coupon_code", f"{words}.") from exc
            raise store_problem(exc, what="applying the coupon") from exc
        except BigCommerceError as exc:
            raise store_problem(exc, what="applying the coupon") from exc
        self._invalidate_order("a coupon was applied")
        self._set_checkout(checkout)

    async def remove_coupon(self, code: str) -> None:
        async with self._operation(changes=True):
            cart_id = self._require_cart()
            try:
                checkout = await self._client.checkouts.remove_coupon(cart_id, code.strip())
            except NotFound:
                checkout = await self._store(self._client.checkouts.get(cart_id))
            except BigCommerceError as exc:
                raise store_problem(exc, what="removing the coupon") from exc
            self._invalidate_order("a coupon was removed")
            self._set_checkout(checkout)
            self._set_step(self._ready_step())

    # ------------------------------------------------------------------ payment methods

    def _start_methods_fetch(self) -> None:
        """Fetch the payment methods (and stored cards) by checkout id, in the background."""
        if self._cart_id is None:
            return
        if self._methods_task is not None and not self._methods_task.done():
            self._methods_task.cancel()
        cart_id = self._cart_id
        task = asyncio.ensure_future(self._client.payments.methods(checkout_id=cart_id))
        task.add_done_callback(_quiet)
        self._methods_task = task

    async def _payment_methods(self, order_id: int) -> list[PaymentMethod]:
        if self._methods is not None:
            return self._methods
        task = self._methods_task
        methods: list[PaymentMethod] | None = None
        if task is not None:
            try:
                methods = await task
            except (BigCommerceError, asyncio.CancelledError):
                methods = None
        if methods is None:
            methods = await self._store(
                self._client.payments.methods(order_id=order_id), "reading the payment methods"
            )
        self._methods = methods
        return methods

    def _card_method(self, methods: Sequence[PaymentMethod]) -> PaymentMethod:
        for method in methods:
            if (method.type or "").lower() == "card":
                return method
        for method in methods:
            if any(i.instrument_type.upper() in ("VISA", "MASTERCARD", "STORED_CARD")
                   for i in method.supported_instruments):
                return method
        raise StoreProblem(
            ClerkMessage(
                "No card payments", "The store has no card payment method for this register. "
                "A manager must check the payment settings.", NextStep.FIX_STORE_SETUP, False,
            ),
            ErrorKind.INVALID_DATA,
        )

    def _stored_cards(self, methods: Sequence[PaymentMethod]) -> list[StoredCardInfo]:
        if self._customer is None:
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
                        brand=_brand_name(inst.brand or ""),
                        last_4=inst.last_4 or "",
                        expiry_month=inst.expiry_month or 0,
                        expiry_year=inst.expiry_year or 0,
                        requires_cvv=requires,
                        is_default=bool(inst.is_default),
                        method_id=method.id,
                    )
                )
        return out

    # ------------------------------------------------------------------ order and token

    def _invalidate_order(self, why: str) -> None:
        """Any change after the order exists means a new order and a new token."""
        if self._paid:
            raise SaleAlreadyPaid("This sale is already paid; start a new sale for changes.")
        if self._order_id is None or not self._order_fresh:
            return
        log.info("order %s is void (%s); a new one is made at payment", self._order_id, why)
        self._order_fresh = False
        self._drop_pat()
        if self.sale_id is not None:
            self._background(self._jcall(
                self._journal.log_event, self.sale_id, "order_void",
                {"order_id": self._order_id, "why": why},
            ))
        self._emit("payment")
        if self._step is SaleStep.PAYMENT:
            self._set_step(SaleStep.REVIEW)

    def _drop_pat(self) -> None:
        self._pat = None
        self._pat_order = None
        if self._pat_task is not None and not self._pat_task.done():
            self._pat_task.cancel()
        self._pat_task = None

    def _start_pat(self, order_id: int) -> None:
        """A fresh payment access token for the next attempt, in the background."""
        self._drop_pat()
        task = asyncio.ensure_future(self._client.payments.create_access_token(order_id))
        task.add_done_callback(_quiet)
        self._pat_task = task
        self._pat_order = order_id

    async def _take_pat(self, order_id: int) -> PaymentAccessToken:
        """The token for this attempt (single use: it is forgotten once taken)."""
        pat = self._pat if self._pat_order == order_id else None
        if pat is None:
            task = self._pat_task if self._pat_order == order_id else None
            if task is None:
                self._start_pat(order_id)
                task = self._pat_task
            assert task is not None
            try:
                pat = await task
            except OutcomeUnknown:
                # An orphan token is harmless: make another.
                pat = await self._store(
                    self._client.payments.create_access_token(order_id), "preparing the payment"
                )
            except BigCommerceError as exc:
                self._drop_pat()
                raise store_problem(exc, what="preparing the payment") from exc
        self._pat = None
        self._pat_task = None
        self._pat_order = None
        return pat

    async def _cancel_old_orders(self) -> None:
        """Orders this sale abandoned stay unpaid: cancel them (best effort) so that
        nothing can pay them later.

        An abandoned order that turns out paid or pending (a payment whose answer came too
        late, after the order was given up) means the sale is paid, or may be: raises
        :class:`SaleAlreadyPaid` (the sale is then confirmed with that order) or
        :class:`PaymentInProgress`, and nothing is charged again.
        """
        attempted: set[int] = set()
        if self.sale_id is not None:
            record = await self._jcall(self._journal.get, self.sale_id)
            if record is not None:
                attempted = {a.order_id for a in record.attempts if a.order_id is not None}
        for order_id in list(self._order_ids):
            if order_id == self._order_id and self._order_fresh:
                continue
            # An order a payment was sent for may still be paid: it must be read, and
            # cancelled for certain, before another order is made. One never charged
            # cannot be paid by this register: cancelling it is a courtesy.
            must = order_id in attempted
            try:
                look = await check_order(self._client, order_id)
            except BigCommerceError as exc:
                if must:
                    raise store_problem(exc, what="checking an earlier order of this sale") \
                        from exc
                log.info("could not check the abandoned order %s", order_id)
                continue
            await self._settle_old_order(look)
            if look.status_id != 0:
                continue
            try:
                await self._client.orders.set_status(order_id, 5)
            except BigCommerceError as exc:
                if not must:
                    log.info("could not cancel the abandoned order %s", order_id)
                    continue
                log.info("cancelling order %s failed (%s); reading it", order_id,
                         type(exc).__name__)
            if not must:
                continue
            # Verify: only a cancelled order can no longer be paid.
            try:
                look = await check_order(self._client, order_id)
            except BigCommerceError as exc:
                raise store_problem(exc, what="checking an earlier order of this sale") \
                    from exc
            await self._settle_old_order(look)
            if look.status_id != 5 and look.state is not PaymentState.CLOSED:
                raise StoreProblem(
                    ClerkMessage(
                        "An earlier order could not be cancelled",
                        f"Order {order_id} of this sale could still be paid, so no new order "
                        "was made and nothing was charged. Try again in a moment.",
                        NextStep.TRY_AGAIN,
                        False,
                    ),
                    ErrorKind.SERVER_ERROR,
                    detail=f"order {order_id} is still status {look.status_id}",
                )

    async def _settle_old_order(self, look: OrderCheck) -> None:
        """An earlier order found paid makes the sale paid; one pending stops everything."""
        if look.state is PaymentState.PAID:
            await self._paid_by_old_order(look)
        if look.state is PaymentState.PENDING:
            raise PaymentInProgress(
                f"A payment of an earlier order of this sale (order {look.order_id}) is still "
                "being processed by the store. Nothing more is charged: wait a moment, "
                "then open the payment step again."
            )

    async def _paid_by_old_order(self, look: OrderCheck) -> NoReturn:
        """An order this sale had given up was paid after all: the sale is paid with it."""
        order_id = look.order_id
        log.warning("order %s of this sale was paid after it was given up", order_id)
        if self.sale_id is not None:
            await self._jcall(self._journal.log_event, self.sale_id, "late_payment",
                              {"order_id": order_id})
            # The journal records the store's truth: the attempt believed failed was paid.
            record = await self._jcall(self._journal.get, self.sale_id)
            late = [a for a in record.attempts if a.order_id == order_id] if record else []
            if late and late[-1].outcome is not PaymentOutcome.SUCCESS:
                try:
                    await self._jcall(self._journal.late_success, late[-1].attempt_id,
                                      look.transaction_id)
                except SensitiveDataError:
                    await self._jcall(self._journal.late_success, late[-1].attempt_id)
        self._order_id = order_id
        if look.order is not None and look.order.total_inc_tax is not None:
            self._order_total = self._q(look.order.total_inc_tax)
        text = (
            f"This sale is already paid with order {order_id}: a payment the store answered "
            "late went through. Nothing more is charged. Changes made to the sale since that "
            "order are not in it."
        )
        result = await self._confirm(order_id, look.transaction_id, None, message=text)
        self._result = result
        self._emit("payment", result=result)
        self._set_step(SaleStep.CONFIRMED)
        raise SaleAlreadyPaid(text)

    async def prepare_payment(self) -> PaymentOptions:
        """Open the payment step: make the order and its payment token (when the sale
        changed since, a new order and a new token) and return what to show."""
        async with self._operation():
            return await self._prepare()

    async def _prepare(self) -> PaymentOptions:
        if self._paid:
            raise SaleAlreadyPaid("This sale is already paid.")
        await self._settle_uncertain_first()
        self._require_ready_for_order()
        cart_id = self._require_cart()
        if not self._order_fresh or self._order_id is None:
            if self._checkout is None or self._checkout_stale:
                await self._refresh_checkout()
            await self._create_order(cart_id)
        order_id = self._order_id
        assert order_id is not None
        if self._pat is None and self._pat_task is None:
            self._start_pat(order_id)
        methods = await self._payment_methods(order_id)
        if self._pat_task is not None and self._pat_order == order_id:
            try:
                self._pat = await self._pat_task
                self._pat_task = None
            except BigCommerceError:
                self._pat = None
                self._pat_task = None
        total = self._order_total if self._order_total is not None else ZERO
        self._shown_total = total
        self._set_step(SaleStep.PAYMENT)
        card_methods = tuple(
            PaymentMethodInfo(m.id, m.name or m.id, m.type or "") for m in methods
        )
        self._emit("payment")
        return PaymentOptions(
            order_id=order_id,
            total=total,
            currency=self._currency(),
            methods=card_methods,
            stored_cards=tuple(self._stored_cards(methods)),
            totals=self.totals,
        )

    def _require_ready_for_order(self) -> None:
        step = self._ready_step()
        if step.position < SaleStep.REVIEW.position:
            messages = {
                SaleStep.ITEMS: "Add an item to the sale first.",
                SaleStep.CUSTOMER: "Enter the customer's billing address first.",
                SaleStep.FULFILMENT: "Choose pickup or shipping for every item first.",
                SaleStep.SHIPPING: "Choose a shipping option for every shipment first.",
            }
            raise StepNotReady(messages[step])

    async def _create_order(self, cart_id: str) -> None:
        sale_id = await self._ensure_sale_record()
        await self._cancel_old_orders()
        checkout = self._checkout
        assert checkout is not None
        total = self._q(checkout.grand_total if checkout.grand_total is not None else ZERO)
        await self._jcall(self._journal.record_totals, sale_id, total, self._currency())
        await self._jcall(self._journal.begin_order_creation, sale_id)
        order_id: int | None
        try:
            order_id = await self._client.checkouts.create_order(cart_id)
        except OutcomeUnknown:
            order_id = await self._find_order(cart_id)
            if order_id is None:
                await self._jcall(self._journal.order_not_created, sale_id, "verified: none")
                # Provably no order: one more try.
                await self._jcall(self._journal.begin_order_creation, sale_id)
                try:
                    order_id = await self._client.checkouts.create_order(cart_id)
                except OutcomeUnknown:
                    order_id = await self._find_order(cart_id)
                    if order_id is None:
                        await self._jcall(
                            self._journal.order_not_created, sale_id, "verified: none"
                        )
                        raise StoreProblem(
                            error_kind_message(ErrorKind.SERVER_ERROR), ErrorKind.SERVER_ERROR,
                            detail="the order could not be made",
                        ) from None
                except BigCommerceError as exc:
                    await self._order_failed(sale_id, exc)
                    raise store_problem(exc, what="making the order") from exc
        except BigCommerceError as exc:
            await self._order_failed(sale_id, exc)
            raise store_problem(exc, what="making the order") from exc
        await self._jcall(self._journal.order_created, sale_id, order_id)
        self._order_id = order_id
        if order_id not in self._order_ids:
            self._order_ids.append(order_id)
        self._order_fresh = True
        self._order_total = total
        self._start_pat(order_id)

    async def _order_failed(self, sale_id: str, exc: BigCommerceError) -> None:
        if isinstance(exc, ConnectionFailed | ApiError):
            await self._jcall(self._journal.order_not_created, sale_id, type(exc).__name__)
        # Anything else leaves the creation pending in the journal: resume reconciles it.

    async def _find_order(self, cart_id: str) -> int | None:
        try:
            return await find_created_order(
                self._client, cart_id, set(self._order_ids), self.settings,
                sleep=self._sleep, clock=self._clock,
            )
        except BigCommerceError as exc:
            raise store_problem(exc, what="checking whether the order was made") from exc

    # ------------------------------------------------------------------ charge

    async def charge(self, payment: Payment) -> PaymentResult:
        """Send the payment, then confirm the order's status.

        Refused (:class:`PaymentInProgress`) while another charge or check of this sale
        runs; refused (:class:`SaleAlreadyPaid`) once paid. Validation failures raise
        :class:`SaleValidationError` before anything is sent.
        """
        if self._charging:
            raise PaymentInProgress(str(error_kind_message(ErrorKind.PAYMENT_IN_FLIGHT)))
        if self._paid:
            raise SaleAlreadyPaid("This sale is already paid; it is not charged again.")
        self._charging = True
        validated = False
        try:
            self._validate_payment(payment)
            validated = True
            async with self._operation():
                result = await self._charge(payment)
            return self._settled(result)
        finally:
            self._charging = False
            if validated and isinstance(payment, NewCard):
                # Whatever the answer, the card data leaves memory now (PCI DSS 3.3.1).
                payment.card.wipe()

    def _validate_payment(self, payment: Payment) -> None:
        if isinstance(payment, NewCard):
            errors = payment.card.validate()
            if payment.save and self._customer is None:
                errors.append(ValidationError(
                    "save_instrument", "A card can be saved only for a known customer."
                ))
            if errors:
                raise SaleValidationError(errors)
        elif isinstance(payment, StoredCard):
            if self._customer is None:
                raise SaleValidationError.one("token", "Stored cards need the customer who owns "
                                              "them; choose the customer first.")
            if payment.cvv is not None and not (
                payment.cvv.isdigit() and len(payment.cvv) in (3, 4)
            ):
                raise SaleValidationError.one("cvv", "The security code has 3 or 4 digits.")
        else:
            raise SaleValidationError.one("payment", "Choose a card.")

    async def _settle_uncertain_first(self) -> None:
        """Never start anything while an earlier attempt's outcome is uncertain."""
        if self.sale_id is None:
            return
        record = await self._jcall(self._journal.get, self.sale_id)
        if record is not None and record.payment_uncertain:
            result = await self._reconcile_record(record)
            self._result = result
            if result.outcome == "paid":
                self._set_step(SaleStep.CONFIRMED)
                raise SaleAlreadyPaid(result.message or "This sale is already paid.")
            if result.outcome == "unknown":
                raise PaymentInProgress(result.message)

    async def _charge(self, payment: Payment) -> PaymentResult:
        await self._settle_uncertain_first()
        if not self._order_fresh or self._order_id is None:
            before = self._shown_total
            options = await self._prepare()
            if before is None or options.total != before:
                message = payment_message(30004)
                return self._failure_result(
                    "error", message, 30004,
                    masked=_masked(payment, self._stored_for(payment)),
                )
        elif self._shown_total is not None and self._order_total != self._shown_total:
            self._shown_total = self._order_total
            return self._failure_result("error", payment_message(30004), 30004, masked=None)
        order_id = self._order_id
        assert order_id is not None
        sale_id = await self._ensure_sale_record()
        methods = await self._payment_methods(order_id)
        stored = self._stored_for(payment)
        if isinstance(payment, StoredCard):
            method_id = stored.method_id if stored is not None and stored.method_id else \
                self._card_method(methods).id
            kind = "stored_card"
            brand = stored.brand if stored is not None else None
            last4 = stored.last_4 if stored is not None and stored.last_4.isdigit() else None
        else:
            method_id = self._card_method(methods).id
            kind = "card"
            brand = payment.card.brand.display_name if payment.card.brand is not None else None
            last4 = payment.card.last4 or None
        masked = _masked(payment, stored)
        amount = self._order_total if self._order_total is not None else ZERO
        pat = await self._take_pat(order_id)
        try:
            attempt_id = await self._jcall(
                self._journal.begin_payment_attempt,
                sale_id,
                order_id=order_id,
                method_kind=kind,
                amount=amount,
                currency=self._currency(),
                brand=brand,
                last4=last4,
                payment_method_id=method_id,
            )
        except AlreadyPaid:
            self._start_pat(order_id)
            record = await self._jcall(self._journal.get, sale_id)
            assert record is not None
            return await self._reconcile_record(record)
        except PaymentInFlight:
            self._start_pat(order_id)
            record = await self._jcall(self._journal.get, sale_id)
            assert record is not None
            return await self._reconcile_record(record)
        instrument: Card | ApiStoredCard
        if isinstance(payment, NewCard):
            card = payment.card
            instrument = Card(
                cardholder_name=card.cardholder_name,
                number=SecretStr(card.number),
                expiry_month=int(card.expiry_month),
                expiry_year=int(card.expiry_year),
                verification_value=SecretStr(card.cvv) if card.cvv else None,
            )
            save: bool | None = True if payment.save else None
        else:
            instrument = ApiStoredCard(
                token=SecretStr(payment.token),
                verification_value=SecretStr(payment.cvv) if payment.cvv else None,
            )
            save = None
        client = self._client.with_options(timeout=self.settings.payment_timeout)
        # The unpaid window is measured from here, when the request is sent, whatever
        # happens to the call: see _note_sent.
        self._note_sent(attempt_id, self._clock())
        try:
            try:
                answer = await client.payments.process(pat, instrument, method_id,
                                                       save_instrument=save)
            finally:
                del instrument
                if isinstance(payment, NewCard):
                    # The answer (any answer, or none) is in: the card data leaves memory
                    # now, before any reconciliation (PCI DSS 3.3.1).
                    payment.card.wipe()
        except ConnectionFailed as exc:
            # Provably not sent: nothing was charged.
            await self._outcome(attempt_id, PaymentOutcome.FAILED,
                              message="not sent")
            self._start_pat(order_id)
            problem = store_problem(exc)
            return self._failure_result("error", problem.clerk, None, masked=masked)
        except OutcomeUnknown as exc:
            log.warning("payment of order %s: no certain answer (%s)", order_id, exc.reason)
            await self._outcome(attempt_id, PaymentOutcome.UNKNOWN,
                              message=f"no answer ({exc.reason})")
            return await self._reconcile_attempt(attempt_id, order_id, masked)
        except DuplicatePayment as exc:
            await self._outcome(attempt_id, PaymentOutcome.UNKNOWN,
                              code=exc.code, message="duplicate; verifying")
            return await self._reconcile_attempt(attempt_id, order_id, masked, code=exc.code)
        except OrderNotPayable as exc:
            if exc.code == 30101:
                # Not Incomplete any more: perhaps already paid. Verify before anything.
                await self._outcome(attempt_id,
                                  PaymentOutcome.UNKNOWN, code=exc.code,
                                  message="order not payable")
                return await self._reconcile_attempt(attempt_id, order_id, masked, code=exc.code)
            await self._outcome(attempt_id, PaymentOutcome.FAILED,
                              code=exc.code, message="order not found")
            self._order_fresh = False
            return self._failure_result("error", payment_message(exc.code), exc.code,
                                        masked=masked)
        except PaymentAmountMismatch as exc:
            await self._outcome(attempt_id, PaymentOutcome.FAILED,
                              code=exc.code, message="total changed")
            # Rebuild: a new order and token, the new total shown, then charge again.
            self._order_fresh = False
            self._drop_pat()
            await self._refresh_checkout()
            if self._fulfilment_missing() and self._plans:
                await self._redo_consignments_after_items()
            try:
                options = await self._prepare()
            except StepNotReady as not_ready:
                self._set_step(self._ready_step())
                clerk = ClerkMessage(
                    "The sale changed", f"Nothing was charged. {not_ready}",
                    NextStep.REBUILD_ORDER, True,
                )
                return self._failure_result("error", clerk, 30004, masked=masked)
            return self._failure_result("error", payment_message(30004), 30004, masked=masked,
                                        total=options.total)
        except PaymentError as exc:
            declined = isinstance(exc, PaymentDeclined | PaymentDataInvalid
                                  | StoredInstrumentNotFound)
            await self._outcome(
                attempt_id,
                PaymentOutcome.DECLINED if declined else PaymentOutcome.FAILED,
                code=exc.code, message=type(exc).__name__,
            )
            self._start_pat(order_id)
            words = payment_message(exc.code)
            detail = (exc.detail or "").lower()
            if "3-d secure" in detail or "3d secure" in detail or "3ds" in detail:
                words = ClerkMessage(
                    "The card needs 3-D Secure",
                    "Nothing was charged. A card that needs 3-D Secure cannot be keyed in at "
                    "the register; it can be charged once the customer has saved it in an "
                    "online checkout. Ask for another card or another way to pay.",
                    NextStep.OTHER_PAYMENT,
                    True,
                )
            return self._failure_result("declined" if declined else "error", words, exc.code,
                                        masked=masked)
        except BigCommerceError as exc:
            if exc.request_sent is False:
                await self._outcome(attempt_id,
                                  PaymentOutcome.FAILED, message=type(exc).__name__)
                self._start_pat(order_id)
                problem = store_problem(exc)
                return self._failure_result("error", problem.clerk, None, masked=masked)
            if isinstance(exc, ApiError) and 400 <= exc.status < 500 and exc.status != 429:
                # Refused before anything was charged (bad request, token refused...).
                await self._outcome(attempt_id,
                                  PaymentOutcome.FAILED, message=type(exc).__name__)
                self._start_pat(order_id)
                problem = store_problem(exc)
                return self._failure_result("error", problem.clerk, None, masked=masked)
            await self._outcome(attempt_id, PaymentOutcome.UNKNOWN,
                              message=type(exc).__name__)
            return await self._reconcile_attempt(attempt_id, order_id, masked)
        except BaseException:
            # Cancelled or a bug while the payment may be on its way: uncertain.
            with contextlib.suppress(Exception):
                await asyncio.shield(self._outcome(
                    attempt_id, PaymentOutcome.UNKNOWN,
                    message="interrupted",
                ))
            raise
        status = (answer.status or "").lower()
        if status == "success":
            # The order's status and transactions are read while the outcome and the
            # sale's end are written (one journal transaction, one fsync): the clerk is
            # told "paid" only once it is durable, without waiting for the disk first.
            look = asyncio.ensure_future(check_order(self._client, order_id))
            look.add_done_callback(_quiet)
            await self._outcome(attempt_id, PaymentOutcome.SUCCESS,
                                transaction_id=answer.id, finished="paid")
            return await self._confirm(order_id, answer.id, masked, journaled=True,
                                       look=look)
        await self._outcome(attempt_id, PaymentOutcome.PENDING,
                          transaction_id=answer.id, message=status or "no status")
        return await self._reconcile_attempt(attempt_id, order_id, masked)

    def _stored_for(self, payment: Payment) -> StoredCardInfo | None:
        if not isinstance(payment, StoredCard) or self._methods is None:
            return None
        for info in self._stored_cards(self._methods):
            if info.token == payment.token:
                return info
        return None

    def _failure_result(
        self,
        outcome: Literal["declined", "unknown", "error"],
        message: ClerkMessage,
        code: int | None,
        *,
        masked: str | None,
        total: Decimal | None = None,
    ) -> PaymentResult:
        return PaymentResult(
            outcome=outcome,
            message=str(message),
            code=code,
            order_id=self._order_id,
            masked_card=masked,
            may_charge_again=message.may_charge_again,
            next_step=message.next_step,
            grand_total=total if total is not None else self._order_total,
            currency=self._currency(),
        )

    async def _confirm(self, order_id: int, transaction_id: str | None,
                       masked: str | None, *, message: str = "",
                       journaled: bool = False,
                       look: Awaitable[OrderCheck] | None = None) -> PaymentResult:
        """Paid: read the order's status and transactions (in parallel) for the receipt.

        The receipt's transaction id is the store's own (its v3 transaction ``id``) when
        the transactions could be read, else ``transaction_id``. ``journaled``: the
        journal already marks the sale finished as paid. ``look``: that read, already
        started.
        """
        status_id: int | None = None
        status: str | None = None
        try:
            found = await (look if look is not None else check_order(self._client, order_id))
            status_id, status = found.status_id, found.status
            transaction_id = found.transaction_id or transaction_id
        except BigCommerceError:
            log.info("order %s is paid; its status could not be read now", order_id)
        await self._mark_paid(order_id, journaled=journaled)
        return PaymentResult(
            outcome="paid",
            message=message or "Paid.",
            order_id=order_id,
            status_id=status_id,
            status=status,
            transaction_id=transaction_id,
            masked_card=masked,
            may_charge_again=False,
            next_step=None,
            grand_total=self._order_total,
            currency=self._currency(),
        )

    async def _mark_paid(self, order_id: int, *, journaled: bool = False) -> None:
        self._paid = True
        self._order_id = order_id
        self._order_fresh = True
        self._drop_pat()
        if self.sale_id is not None and not journaled:
            await self._jcall(self._journal.mark_finished, self.sale_id, "paid")

    async def _outcome(
        self,
        attempt_id: str,
        outcome: PaymentOutcome,
        *,
        transaction_id: str | None = None,
        code: int | None = None,
        message: str | None = None,
        finished: str | None = None,
    ) -> None:
        """Journal an attempt's outcome. A text field the journal refuses (an id that looks
        like a token or a card number to its secret filter) is left out and the outcome
        written again without it: a refused field never aborts an outcome, least of all
        a paid one."""
        try:
            await self._jcall(self._journal.payment_outcome, attempt_id, outcome,
                              transaction_id=transaction_id, code=code, message=message,
                              finished=finished)
        except SensitiveDataError as exc:
            # The message names the field, never its value.
            log.warning("payment attempt %s: %s; recorded without it", attempt_id, exc)
            await self._jcall(self._journal.payment_outcome, attempt_id, outcome,
                              code=code, finished=finished)

    def _note_sent(self, attempt_id: str, sent_at: float) -> None:
        """A payment request leaves now: its order is never believed unpaid before
        ``payment_timeout + store_processing_limit`` from now."""
        self._unpaid_after[attempt_id] = unpaid_window_end(self.settings, sent_at)

    def _note_ended(self, attempt_id: str) -> float:
        """The payment call ended without a certain answer: the window also lasts at
        least ``store_processing_limit`` from now. Returns the window's end."""
        now = self._clock()
        end = max(self._unpaid_after.get(attempt_id, now),
                  now + max(0.0, self.settings.store_processing_limit))
        self._unpaid_after[attempt_id] = end
        return end

    def _window_of(self, attempt: PaymentAttempt) -> float:
        """The end of an attempt's unpaid window, on this sale's clock: kept in memory for
        the attempts of this process, else from the journal's times (a resumed sale)."""
        known = self._unpaid_after.get(attempt.attempt_id)
        if known is not None:
            return known
        now = self._clock()
        wall = _dt.datetime.now(_dt.UTC)

        def on_clock(moment: _dt.datetime) -> float:
            # A moment "in the future" (clocks disagree) counts as now: a later window.
            return now - max(0.0, (wall - moment).total_seconds())

        ended = on_clock(attempt.finished_at) if attempt.finished_at is not None else None
        return unpaid_window_end(self.settings, on_clock(attempt.started_at), ended)

    async def _reconcile_attempt(
        self, attempt_id: str, order_id: int, masked: str | None, *, code: int | None = None
    ) -> PaymentResult:
        unpaid_after = self._note_ended(attempt_id)
        self._emit("payment", result=PaymentResult(
            outcome="unknown", message=str(error_kind_message(ErrorKind.OUTCOME_UNKNOWN)),
            order_id=order_id, masked_card=masked, next_step=NextStep.VERIFY_PAYMENT,
        ))
        look = await reconcile_payment(
            self._client, order_id, self.settings, sleep=self._sleep, clock=self._clock,
            unpaid_after=unpaid_after,
        )
        return await self._settle(attempt_id, order_id, look, masked, code=code)

    async def _settle(
        self,
        attempt_id: str,
        order_id: int,
        look: OrderCheck,
        masked: str | None,
        *,
        code: int | None = None,
    ) -> PaymentResult:
        """Record what the store says about an uncertain attempt and tell the clerk."""
        if look.state is PaymentState.PAID:
            await self._outcome(attempt_id, PaymentOutcome.SUCCESS,
                                transaction_id=look.transaction_id, code=code,
                                finished="paid")
            words = str(payment_message(30105)) if code == 30105 else "Paid."
            await self._mark_paid(order_id, journaled=True)
            return PaymentResult(
                outcome="paid", message=words, code=code, order_id=order_id,
                status_id=look.status_id, status=look.status,
                transaction_id=look.transaction_id, masked_card=masked,
                grand_total=self._order_total, currency=self._currency(),
            )
        if look.state is PaymentState.UNPAID:
            await self._outcome(attempt_id, PaymentOutcome.FAILED,
                              code=code, message="verified: not charged")
            if self._order_id == order_id and self._order_fresh:
                self._start_pat(order_id)
            clerk = ClerkMessage(
                "The payment did not go through",
                "The store confirms that nothing was charged. Charge again when ready.",
                NextStep.TRY_AGAIN,
                True,
            )
            return self._failure_result("error", clerk, code, masked=masked)
        if look.state is PaymentState.CLOSED:
            await self._outcome(attempt_id, PaymentOutcome.FAILED,
                              code=code, message="order closed, not charged")
            if self._order_id == order_id:
                self._order_fresh = False
                self._drop_pat()
            clerk = ClerkMessage(
                "The order was closed without payment",
                "Nothing was charged. Open the payment step again to make a new order.",
                NextStep.START_OVER,
                True,
            )
            return self._failure_result("error", clerk, code, masked=masked)
        kind = ErrorKind.PAYMENT_PENDING if look.state is PaymentState.PENDING else \
            ErrorKind.OUTCOME_UNKNOWN
        clerk = error_kind_message(kind)
        return PaymentResult(
            outcome="unknown", message=str(clerk), code=code, order_id=order_id,
            status_id=look.status_id, status=look.status, masked_card=masked,
            may_charge_again=False, next_step=NextStep.VERIFY_PAYMENT,
            grand_total=self._order_total, currency=self._currency(),
        )

    async def check_payment(self) -> PaymentResult:
        """Settle an uncertain payment by asking the store (never charges)."""
        if self._charging:
            raise PaymentInProgress(str(error_kind_message(ErrorKind.PAYMENT_IN_FLIGHT)))
        self._charging = True
        try:
            async with self._operation():
                if self.sale_id is None:
                    raise StepNotReady("Nothing has been charged in this sale yet.")
                record = await self._jcall(self._journal.get, self.sale_id)
                assert record is not None
                result = await self._reconcile_record(record)
            return self._settled(result)
        finally:
            self._charging = False

    def _settled(self, result: PaymentResult) -> PaymentResult:
        """Keep and announce the answer of a charge or a check; paid confirms the sale."""
        self._result = result
        self._emit("payment", result=result)
        if result.outcome == "paid":
            self._set_step(SaleStep.CONFIRMED)
        return result

    async def _reconcile_record(self, record: SaleRecord) -> PaymentResult:
        """Settle every uncertain attempt of the journal's record; a paid order wins."""
        uncertain = [a for a in record.attempts if a.outcome.uncertain]
        for attempt in uncertain:
            if attempt.order_id is None:
                continue
            masked = f"{attempt.brand or ''} {mask(attempt.last4)}".strip() if attempt.last4 \
                else None
            look = await reconcile_payment(
                self._client, attempt.order_id, self.settings,
                sleep=self._sleep, clock=self._clock, unpaid_after=self._window_of(attempt),
            )
            if attempt.order_id == self._order_id or self._order_id is None:
                self._order_total = self._order_total or attempt.amount
            result = await self._settle(attempt.attempt_id, attempt.order_id, look, masked,
                                        code=attempt.code)
            if result.outcome in ("paid", "unknown"):
                return result
        if record.paid or self._paid:
            paid = next(
                (a for a in record.attempts if a.outcome is PaymentOutcome.SUCCESS), None
            )
            if paid is not None and paid.order_id is not None:
                masked = f"{paid.brand or ''} {mask(paid.last4)}".strip() if paid.last4 \
                    else None
                return await self._confirm(paid.order_id, paid.transaction_id, masked)
            paid_order = self._order_id or record.order_id
            if paid_order is not None:
                return await self._confirm(paid_order, None, None)
        last = self._result
        if last is not None and last.outcome != "unknown":
            return last
        return PaymentResult(
            outcome="error", message="Nothing was charged.", order_id=self._order_id,
            may_charge_again=True, next_step=NextStep.TRY_AGAIN,
            grand_total=self._order_total, currency=self._currency(),
        )

    # ------------------------------------------------------------------ abandon

    async def abandon(self) -> None:
        """Give up the sale: unpaid orders are cancelled, the journal marks it finished."""
        if self._charging:
            raise PaymentInProgress(str(error_kind_message(ErrorKind.PAYMENT_IN_FLIGHT)))
        async with self._operation():
            if self._paid:
                raise SaleAlreadyPaid("This sale is paid; it cannot be abandoned.")
            if self.sale_id is not None:
                record = await self._jcall(self._journal.get, self.sale_id)
                if record is not None and record.payment_uncertain:
                    raise PaymentInProgress("Check the payment before abandoning the sale.")
            self._order_fresh = False
            await self._cancel_old_orders()
            if self.sale_id is not None:
                await self._jcall(self._journal.mark_finished, self.sale_id, "abandoned")

    # ------------------------------------------------------------------ resume

    @staticmethod
    def unfinished(journal: Journal, profile: str | None = None) -> list[UnfinishedSale]:
        """Unfinished sales of the journal, payment-uncertain first."""
        out: list[UnfinishedSale] = []
        for record in journal.unfinished_sales(profile):
            when = record.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            total = ""
            if record.grand_total is not None:
                total = f" {record.grand_total} {record.currency or ''}".rstrip()
            order = f" order {record.order_id}" if record.order_id is not None else ""
            label = f"{when}{order}{total} ({record.state})"
            out.append(
                UnfinishedSale(
                    sale_id=record.sale_id,
                    label=label,
                    payment_unknown=record.payment_uncertain,
                    order_creation_unknown=record.order_creation_pending,
                    state=record.state,
                    order_id=record.order_id,
                    grand_total=record.grand_total,
                    currency=record.currency,
                    created_at=record.created_at,
                    payment_attempted=bool(record.attempts) or record.order_creation_pending,
                )
            )
        return out

    @classmethod
    async def resume(
        cls,
        client: BigCommerceClient,
        journal: Journal,
        settings: SaleSettings,
        sale_id: str,
        *,
        catalog: CatalogCache | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> Sale:
        """Continue an unfinished sale of the journal from the right step.

        Reconciles with the store first: an uncertain order creation is looked up, an
        uncertain payment is settled, and a sale with a paid order goes straight to
        :attr:`SaleStep.CONFIRMED` (``sale.result`` holds the confirmation). A sale whose
        payment is still uncertain stays at PAYMENT with an ``"unknown"`` result (call
        :meth:`check_payment` later). Raises :class:`SaleError` when the store no longer
        has anything to continue (the journal then marks the sale abandoned).
        """
        record = await asyncio.to_thread(journal.get, sale_id)
        if record is None:
            raise SaleError("That sale is not in this register's journal.")
        sale = cls(client, journal, settings, catalog=catalog, sleep=sleep, clock=clock)
        sale.sale_id = record.sale_id
        sale._cart_id = record.cart_id
        sale._order_ids = list(record.order_ids)
        sale._order_id = record.order_id
        sale._order_total = record.grand_total
        sale._charging = True
        try:
            async with sale._operation():
                await sale._recover(record)
        finally:
            sale._charging = False
        return sale

    async def _recover(self, record: SaleRecord) -> None:
        sale_id = record.sale_id
        if record.order_creation_pending and record.cart_id:
            found = await self._find_order(record.cart_id)
            if found is None:
                await self._jcall(self._journal.order_not_created, sale_id, "verified: none")
            else:
                await self._jcall(self._journal.order_created, sale_id, found)
                if found not in self._order_ids:
                    self._order_ids.append(found)
                self._order_id = found
            fresh = await self._jcall(self._journal.get, sale_id)
            assert fresh is not None
            record = fresh
        if record.payment_uncertain or record.paid:
            result = await self._reconcile_record(record)
            self._result = result
            if result.outcome == "paid":
                self._step = SaleStep.CONFIRMED
                self._emit("step", step=self._step)
                return
            if result.outcome == "unknown":
                self._step = SaleStep.PAYMENT
                self._emit("step", step=self._step)
                return
        # Any order of the sale paid by a route the journal did not see?
        for order_id in reversed(self._order_ids):
            try:
                look = await check_order(self._client, order_id)
            except BigCommerceError as exc:
                raise store_problem(exc, what="checking the order") from exc
            if look.state is PaymentState.PAID:
                self._order_id = order_id
                self._result = await self._confirm(order_id, look.transaction_id, None)
                self._step = SaleStep.CONFIRMED
                self._emit("step", step=self._step)
                return
            if look.state is PaymentState.PENDING:
                self._order_id = order_id
                self._result = PaymentResult(
                    outcome="unknown",
                    message=str(error_kind_message(ErrorKind.PAYMENT_PENDING)),
                    order_id=order_id, status_id=look.status_id, status=look.status,
                    next_step=NextStep.VERIFY_PAYMENT,
                )
                self._step = SaleStep.PAYMENT
                self._emit("step", step=self._step)
                return
        if self._cart_id is None:
            await self._jcall(self._journal.mark_finished, sale_id, "abandoned")
            raise SaleError("This sale had no items in the store; it was closed.")
        try:
            checkout = await self._client.checkouts.get(self._cart_id)
        except NotFound:
            await self._jcall(self._journal.mark_finished, sale_id, "abandoned")
            raise SaleError("The store no longer has this sale's cart and nothing was paid; "
                            "start a new sale.") from None
        except BigCommerceError as exc:
            raise store_problem(exc, what="reading the sale") from exc
        customer_id = checkout.cart.customer_id or record.customer_id or 0
        if customer_id:
            try:
                found_customers = await self._search_customers(ids=[customer_id])
                self._customer = next(
                    (c for c in found_customers if c.id == customer_id), None
                )
            except BigCommerceError:
                self._customer = Customer(id=customer_id, name="", email="")
        self._set_checkout(checkout)
        if checkout.billing_address is None or not checkout.billing_address.email:
            self._billing = None
        self._consignment_plans = {
            c.id: ConsignmentPlan(kind=c.kind, items=dict(c.items), address=c.address)
            for c in self._consignments
        }
        self._plans = list(self._consignment_plans.values())
        # Keep the current order when it is still unpaid and matches the checkout.
        self._order_fresh = False
        if self._order_id is not None and checkout.grand_total is not None:
            current: OrderCheck | None
            try:
                current = await check_order(self._client, self._order_id)
            except BigCommerceError:
                current = None
            look = current if current is not None else OrderCheck(0, PaymentState.UNKNOWN)
            order = look.order
            if (look.state is PaymentState.UNPAID and order is not None
                    and order.total_inc_tax is not None
                and self._q(order.total_inc_tax) == self._q(checkout.grand_total)):
                self._order_fresh = True
                self._order_total = self._q(checkout.grand_total)
        self._start_methods_fetch()
        self._step = self._ready_step()
        if self._step is SaleStep.PAYMENT:
            self._step = SaleStep.REVIEW  # the clerk opens the payment step again
            self._order_fresh = self._order_fresh and self._order_id is not None
        self._emit("step", step=self._step)


def _quiet(task: asyncio.Task[Any]) -> None:
    """Retrieve a background task's exception so that it is not reported as unhandled."""
    if not task.cancelled():
        task.exception()


_BRANDS = {
    "VISA": "Visa",
    "MASTERCARD": "Mastercard",
    "AMEX": "American Express",
    "DISCOVER": "Discover",
    "DINERS_CLUB": "Diners Club",
    "JCB": "JCB",
    "MAESTRO": "Maestro",
}


def _brand_name(brand: str) -> str:
    return _BRANDS.get(brand.upper().replace(" ", "_"), brand.title())


def _masked(payment: Payment, stored: StoredCardInfo | None) -> str | None:
    if isinstance(payment, NewCard):
        return str(payment.card)
    if stored is not None:
        return stored.masked
    return None
