"""The sale: one customer's purchase from the first scanned item to the confirmed order.

A :class:`Sale` is Qt-free and async; the wizard (``pos/ui``) and ``pos sale`` are two
faces of it (see ``docs/sale-engine.md``). It hides the store's latency behind the clerk's
own work (the cart is built while items are scanned, payment methods are fetched as soon as
the checkout exists, the order and its payment token are made when the payment step opens)
and makes sure that a sale is charged at most once and that the clerk always learns for
certain whether it was: the journal is written before and after every unsafe call, and an
uncertain outcome is settled by asking the store before anything else is tried.

This module is the facade only: the public coroutines, the lock that serialises them,
``busy`` and ``subscribe``. The work is done by the collaborators below it: the context
(:mod:`pos.sale.context`), the cart and customer (:mod:`pos.sale.cart`), fulfilment
(:mod:`pos.sale.fulfilment`), the order and token (:mod:`pos.sale.order`), the charge
(:mod:`pos.sale.charge`), settlement (:mod:`pos.sale.settlement`) and recovery
(:mod:`pos.sale.recovery`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import pos.sale.view as view
from pos.api.client import BigCommerceClient
from pos.api.errors import BigCommerceError, NotFound
from pos.api.orders import OrderWithProducts
from pos.sale.addresses import validate_address
from pos.sale.cart import CartKeeper, check_quantity
from pos.sale.catalog_cache import CatalogCache, CatalogItem
from pos.sale.charge import RECORDED, Charger, Tender, tender_for
from pos.sale.context import SaleContext
from pos.sale.errors import (
    PaymentInProgress,
    SaleAlreadyPaid,
    SaleError,
    SaleValidationError,
    StepNotReady,
)
from pos.sale.fulfilment import Fulfilment
from pos.sale.journal import Journal
from pos.sale.messages import ErrorKind, error_kind_message
from pos.sale.order import Orders
from pos.sale.phones import default_region, looks_like_phone, same_phone, search_forms
from pos.sale.phrases import (
    ALREADY_PAID_START_NEW,
    BILLING_FIRST,
    CONSIGNMENT_GONE,
    SALE_WORDS,
    doing,
)
from pos.sale.records import (
    Attribution,
    Callback,
    CompletedSaleHook,
    ConsignmentInfo,
    ConsignmentPlan,
    Customer,
    GiftCertificatePayment,
    Line,
    Payment,
    PaymentOptions,
    PaymentResult,
    SaleStep,
    ShippingOptionInfo,
    StoreCreditPayment,
    Totals,
    UndeliveredSale,
    UnfinishedSale,
)
from pos.sale.recovery import Recovery
from pos.sale.scans import PendingScan, ScanQueue
from pos.sale.settings import SaleSettings
from pos.sale.settlement import Settlement
from pos.sale.tenders import (
    CashPayment,
    OtherPayment,
    RecordedPayment,
    SplitPayment,
    TenderRecord,
    TerminalPayment,
)

_SCANS_WAIT = SALE_WORDS(
    "scans.wait",
    "{count} scanned item(s) still wait for the store; the payment waits until they are "
    "added.",
)

_COUPON_CODE = SALE_WORDS("coupon.code", "Type the coupon code (at most {limit} characters).")
_NO_GIFT_CERTIFICATE = SALE_WORDS("gift.none", "The store has no gift certificate with this code.")
_GIFT_TOO_LOW = SALE_WORDS(
    "gift.too_low",
    "The gift certificate's balance is {balance}, less than the {total} due. Nothing was "
    "charged; choose another way to pay.",
)
_CREDIT_TOO_LOW = SALE_WORDS(
    "credit.too_low",
    "The customer's store credit is {balance}, less than the {total} due. Nothing was "
    "charged; choose another way to pay.",
)
#: An unfinished sale as the Start page lists it: when it began, its order and total when
#: it has them, and the step it stopped at.
_UNFINISHED = {
    (True, True): SALE_WORDS("unfinished.order_total", "{when} order {order} {total} ({state})"),
    (True, False): SALE_WORDS("unfinished.order", "{when} order {order} ({state})"),
    (False, True): SALE_WORDS("unfinished.total", "{when} {total} ({state})"),
    (False, False): SALE_WORDS("unfinished.plain", "{when} ({state})"),
}
#: The steps a sale stops at, as an unfinished sale names them.
_STEPS = {
    step: SALE_WORDS("step." + step, step)()
    for step in ("items", "customer", "fulfilment", "shipping", "review", "payment",
                 "confirmed")
}
_PAID_NOT_AGAIN = SALE_WORDS(
    "paid.not_again",
    "This sale is already paid; it is not charged again.",
)
_NOTHING_CHARGED_YET = SALE_WORDS(
    "check.nothing_yet",
    "Nothing has been charged in this sale yet.",
)
_PAID_NO_ABANDON = SALE_WORDS("paid.no_abandon", "This sale is paid; it cannot be abandoned.")
_CHECK_BEFORE_ABANDON = SALE_WORDS(
    "check.before_abandon",
    "Check the payment before abandoning the sale.",
)
_PAID_ORDER = SALE_WORDS("undelivered.order", "Paid: order {order}{total} — print the receipt.")
_PAID_SALE = SALE_WORDS("undelivered.sale", "Paid: a sale{total} — print the receipt.")
_NOT_IN_JOURNAL = SALE_WORDS(
    "resume.not_in_journal",
    "That sale is not in this register's journal.",
)

__all__ = ["Sale"]


log = logging.getLogger("pos.sale")

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
        on_completed: CompletedSaleHook | None = None,
        attribution: Attribution | None = None,
    ) -> None:
        self.settings = settings
        ctx = SaleContext(client, journal, settings, catalog=catalog, sleep=sleep, clock=clock)
        # The faces' hooks (see pos.composition): told of the completed sale, once; who
        # rings the sale up (a signed-in clerk's note for the order's staff notes: see
        # pos.sale.records.Attribution).
        ctx.on_completed = on_completed
        ctx.attribution = attribution
        self._ctx = ctx
        self._settlement = Settlement(ctx)
        self._fulfilment = Fulfilment(ctx)
        self._orders = Orders(ctx, self._settlement)
        self._cart = CartKeeper(ctx, self._fulfilment)
        self._charger = Charger(ctx, self._orders, self._fulfilment, self._settlement)
        #: What the last recorded tender (cash, terminal...) told the store: change due.
        self.tender_record: TenderRecord | None = None
        self._recovery = Recovery(ctx, self._cart, self._orders, self._settlement)
        self._lock = asyncio.Lock()
        self._busy = 0
        self._noted_summary: dict[str, Any] | None = None
        self._summary_writing = False
        self._scans = ScanQueue(ctx, self._cart, lambda: self._operation(changes=True))

    @property
    def client(self) -> BigCommerceClient:
        """The store's client (a face reads the paid order back with it, for the receipt)."""
        return self._ctx.client

    def __repr__(self) -> str:
        ctx = self._ctx
        return (
            f"Sale(id={ctx.sale_id!r}, step={ctx.step.value}, lines={len(ctx.lines)}, "
            f"order={ctx.order_id!r})"
        )

    # ------------------------------------------------------------------ observers

    def subscribe(self, callback: Callback) -> Callable[[], None]:
        """Call ``callback(SaleEvent)`` on every change; returns the unsubscribe function."""
        subscribers = self._ctx.subscribers
        subscribers.append(callback)

        def unsubscribe() -> None:
            with contextlib.suppress(ValueError):
                subscribers.remove(callback)

        return unsubscribe

    # ------------------------------------------------------------------ state

    @property
    def sale_id(self) -> str | None:
        """The journal's id of this sale (None until the first item)."""
        return self._ctx.sale_id

    @property
    def step(self) -> SaleStep:
        return self._ctx.step

    @property
    def busy(self) -> bool:
        return self._busy > 0

    @property
    def lines(self) -> tuple[Line, ...]:
        return tuple(self._ctx.lines)

    @property
    def subtotal(self) -> Decimal:
        return self._ctx.subtotal

    @property
    def customer(self) -> Customer | None:
        return self._ctx.customer

    @property
    def billing_address(self) -> Mapping[str, Any] | None:
        billing = self._ctx.billing
        return dict(billing) if billing is not None else None

    @property
    def consignments(self) -> tuple[ConsignmentInfo, ...]:
        return tuple(self._ctx.consignments)

    @property
    def coupons(self) -> tuple[str, ...]:
        return tuple(self._ctx.coupons)

    @property
    def cart_id(self) -> str | None:
        return self._ctx.cart_id

    @property
    def order_id(self) -> int | None:
        """The current order (None before the payment step, or after it was invalidated)."""
        ctx = self._ctx
        return ctx.order_id if ctx.order_fresh or ctx.paid else None

    @property
    def order_ids(self) -> tuple[int, ...]:
        """Every order made for this sale, oldest first."""
        return tuple(self._ctx.order_ids)

    @property
    def result(self) -> PaymentResult | None:
        """The last payment result (the confirmed one once paid)."""
        return self._ctx.result

    @property
    def confirmed_order(self) -> OrderWithProducts | None:
        """The paid order with its products (lines and totals as the store holds them), as
        read to confirm the payment; None when it was not read (a sale resumed after a
        crash, or the store could not be read then)."""
        ctx = self._ctx
        confirmed = ctx.confirmed
        if confirmed is None or not ctx.paid or confirmed.order.id != ctx.order_id:
            return None
        return confirmed

    @property
    def paid(self) -> bool:
        return self._ctx.paid

    def payment_attempted(self) -> bool:
        """The journal shows a payment attempt of this sale (any outcome) or an order
        creation without an answer: when the sale fails now, say "unknown", not "error".
        Reads the journal (a local file) on the calling thread."""
        ctx = self._ctx
        if ctx.sale_id is None:
            return False
        record = ctx.journal.get(ctx.sale_id)
        return record is not None and (bool(record.attempts) or record.order_creation_pending)

    @property
    def charging(self) -> bool:
        return self._ctx.charging

    @property
    def totals(self) -> Totals | None:
        """The checkout's totals as the store computed them (None before a checkout)."""
        ctx = self._ctx
        if ctx.checkout is None:
            return None
        return view.totals_from(ctx.checkout, ctx.currency(), ctx.subtotal)

    def shipping_options(self, consignment_id: str) -> list[ShippingOptionInfo]:
        """The options the store offers for a shipping consignment (empty for pickup)."""
        for consignment in self._ctx.consignments:
            if consignment.id == consignment_id:
                return list(consignment.options)
        raise StepNotReady(CONSIGNMENT_GONE())

    # ------------------------------------------------------------------ plumbing

    @contextlib.asynccontextmanager
    async def _operation(self, *, changes: bool = False) -> AsyncIterator[None]:
        """One clerk action: serialised with the others, busy while it runs. An action
        that ``changes`` the sale is refused once it is paid or while a charge runs."""
        ctx = self._ctx
        if changes and ctx.paid:
            raise SaleAlreadyPaid(ALREADY_PAID_START_NEW())
        if changes and ctx.charging:
            raise PaymentInProgress(str(error_kind_message(ErrorKind.PAYMENT_IN_FLIGHT)))
        self._busy += 1
        if self._busy == 1:
            ctx.emit("busy", busy=True)
        try:
            async with self._lock:
                ctx.ensure_open()
                yield
                if changes:
                    self._note_summary()
        except SaleError as exc:
            if exc.offline:
                # The store is unreachable: the register keeps trying by itself.
                self._scans.went_offline()
            raise
        finally:
            self._busy -= 1
            if self._busy == 0:
                ctx.emit("busy", busy=False)

    def _note_summary(self) -> None:
        """Keep who the sale is for and what it holds in the journal (in the background), so
        that the Start page can name an unfinished sale after a restart. Names and
        quantities only: nothing of a card."""
        ctx = self._ctx
        summary = view.sale_summary(ctx.customer, ctx.billing, ctx.lines)
        if ctx.sale_id is None or summary == self._noted_summary:
            return
        self._noted_summary = summary
        if not self._summary_writing:
            self._summary_writing = True
            ctx.background(self._write_summaries())  # failures are logged, never raised

    async def _write_summaries(self) -> None:
        """Writes the latest summary until it is in the journal (one writer at a time, so
        an older summary never lands after a newer one)."""
        ctx = self._ctx
        written: dict[str, Any] | None = None
        try:
            while self._noted_summary is not None and self._noted_summary != written:
                written = self._noted_summary
                if ctx.sale_id is None:
                    return
                await ctx.jcall(ctx.journal.log_event, ctx.sale_id, view.SUMMARY_EVENT,
                                written)
        finally:
            self._summary_writing = False

    def _refuse_while_charging(self) -> None:
        if self._ctx.charging:
            raise PaymentInProgress(str(error_kind_message(ErrorKind.PAYMENT_IN_FLIGHT)))

    async def aclose(self) -> None:
        """Stop the sale's background reads and finish its journal writes (the client
        stays open: it is not the sale's). The tasks' own errors and cancellations are
        not raised; a close that is cancelled itself raises ``CancelledError``."""
        self._ctx.stop_reads()
        await self._scans.aclose()
        await self._ctx.aclose()

    def _refuse_while_scans_wait(self) -> None:
        waiting = self._scans.waiting
        if waiting:
            raise StepNotReady(_SCANS_WAIT(count=waiting))

    # ------------------------------------------------------------------ items

    async def search(self, text: str, limit: int = 20) -> list[CatalogItem]:
        """Keyword search from the local catalogue (empty when there is none)."""
        return await self._cart.search(text, limit)

    async def add_item(self, code_or_variant: Any, quantity: int = 1) -> Line:
        """Add an item by UPC/SKU (cache first, then the API), a catalogue item, or a
        variant id seen in a search. The cart is created on the first item."""
        check_quantity(quantity)
        async with self._operation(changes=True):
            return await self._cart.add_item(code_or_variant, quantity)

    async def scan(self, code_or_item: str | CatalogItem, quantity: int = 1) -> PendingScan:
        """A scan (a code, or a catalogue item chosen in a search) kept as a pending line at
        once, from the local catalogue, without waiting for the store; it is sent with the
        other pending lines in the next cart call, and tried again by itself while the
        store cannot be reached. :attr:`pending_lines` shows it until the store adds it
        (then it is one of :attr:`lines`) or refuses it (then it is marked refused).
        Raises at once what the catalogue knows already: a code naming several variants
        (:class:`AmbiguousCode`), an item that cannot be sold, a quantity beyond stock."""
        self._may_scan(quantity)
        return await self._scans.scan(code_or_item, quantity)

    def scan_now(self, code_or_item: str | CatalogItem, quantity: int = 1) -> PendingScan:
        """:meth:`scan` at once, on the calling thread (called from the event loop's
        thread): the local catalogue's indexed look-up is made here, so a register shows
        the pending line in the same frame as the scan. Raises as :meth:`scan` does."""
        self._may_scan(quantity)
        return self._scans.scan_now(code_or_item, quantity)

    def _may_scan(self, quantity: int) -> None:
        check_quantity(quantity)
        if self._ctx.paid:
            raise SaleAlreadyPaid("This sale is already paid; start a new sale for changes.")
        self._refuse_while_charging()

    @property
    def pending_lines(self) -> tuple[PendingScan, ...]:
        """Scanned lines the store has not added yet, in scan order, and those it refused."""
        return self._scans.lines

    @property
    def waiting_scans(self) -> int:
        """How many scanned lines still wait for the store (nothing is charged until 0)."""
        return self._scans.waiting

    def dismiss_line(self, scan_id: str) -> None:
        """Take a refused scanned line off :attr:`pending_lines`."""
        self._scans.dismiss(scan_id)

    def retry_now(self) -> None:
        """Send what waits now: not at the next automatic retry, nor after the next scan
        (the clerk asked to pay, or pressed Retry)."""
        self._scans.retry_now()

    async def scans_settled(self) -> None:
        """Wait until every scanned line is added or refused."""
        await self._scans.settled()

    async def set_quantity(self, line_id: str, quantity: int) -> None:
        """Change a line's quantity (0 removes it)."""
        if quantity == 0:
            await self.remove_line(line_id)
            return
        check_quantity(quantity)
        async with self._operation(changes=True):
            await self._cart.set_quantity(line_id, quantity)

    async def remove_line(self, line_id: str) -> None:
        async with self._operation(changes=True):
            await self._cart.remove_line(line_id)

    # ------------------------------------------------------------------ customer

    async def find_customers(self, text: str) -> list[Customer]:
        """Customers by e-mail (contains "@"), phone (digits) or name, with addresses.

        A phone number is searched in the spellings a store is likely to hold for it
        (``5125559337`` finds ``(512) 555-9337``); only customers that really have that
        number are returned, so an empty list means no customer has it."""
        text = text.strip()
        if not text:
            return []
        region = default_region(self.settings.pickup_address.get("country_code"),
                                self.settings.locale)
        by_phone = False
        query: dict[str, Any]
        if "@" in text:
            query = {"emails": [text]}
        elif looks_like_phone(text):
            by_phone = True
            query = {"phones": search_forms(text, region)}
        else:
            query = {"name_like": text}
        async with self._operation():
            found = await self._ctx.store(self._cart.search_customers(**query),
                                          doing("finding the customer"))
        if by_phone:
            # Keep only real matches, whatever filters the store honoured.
            found = [c for c in found if c.phone and same_phone(c.phone, text, region)]
        return found

    async def customer_by_email(self, email: str) -> Customer | None:
        """The customer with exactly this e-mail, or None."""
        wanted = email.strip()
        async with self._operation():
            found = await self._ctx.store(
                self._cart.search_customers(emails=[wanted]), doing("finding the customer")
            )
        exact = [c for c in found if c.email.lower() == wanted.lower()]
        return exact[0] if exact else None

    async def set_customer(self, customer: Customer | None) -> None:
        """Attach a customer (None: a guest). Changing the customer of a cart makes
        BigCommerce drop its coupons and shipping: they are applied again, with a warning."""
        async with self._operation(changes=True):
            await self._cart.set_customer(customer)

    async def set_billing_address(self, address: Mapping[str, Any]) -> None:
        """Set the billing address (validated before any call: e-mail and country at
        least; every field given is checked)."""
        check = validate_address(address, complete=False)
        if not check.ok:
            raise SaleValidationError(check.errors)
        async with self._operation(changes=True):
            await self._cart.set_billing_address(check.address)

    # ------------------------------------------------------------------ fulfilment

    async def set_fulfilment(self, plans: Sequence[ConsignmentPlan]) -> None:
        """Pickup now and/or shipping. A line may be split between consignments by
        quantity; each line's quantities must add up to the line's quantity (checked
        before any call, each failure naming ``items.<line id>``)."""
        checked = self._fulfilment.check_plans(plans)
        async with self._operation(changes=True):
            ctx = self._ctx
            ctx.require_cart()
            if ctx.billing is None:
                raise StepNotReady(BILLING_FIRST())
            await self._fulfilment.apply(checked, reuse_types=False)
            ctx.set_step(ctx.ready_step())

    async def choose_shipping(self, consignment_id: str, option_id: str) -> None:
        """Choose one of :meth:`shipping_options` for a shipping consignment."""
        async with self._operation(changes=True):
            await self._fulfilment.choose(consignment_id, option_id)

    async def choose_cheapest_shipping(self) -> None:
        """Choose the cheapest option for every shipping consignment without one."""
        for consignment in list(self._ctx.consignments):
            if consignment.needs_option and consignment.options:
                cheapest = min(consignment.options, key=lambda o: (o.cost, o.type != "pickup"))
                await self.choose_shipping(consignment.id, cheapest.id)

    async def refresh_totals(self) -> Totals | None:
        """Read the checkout again (totals, taxes, shipping) and return the totals."""
        async with self._operation():
            if self._ctx.cart_id is not None:
                await self._ctx.refresh_checkout()
        return self.totals

    # ------------------------------------------------------------------ coupons

    async def apply_coupon(self, code: str) -> None:
        code = code.strip()
        if not code or len(code) > 50:
            raise SaleValidationError.one("coupon_code", _COUPON_CODE(limit=50))
        async with self._operation(changes=True):
            ctx = self._ctx
            ctx.require_cart()
            await self._cart.add_coupon(code)
            ctx.set_step(ctx.ready_step())

    async def remove_coupon(self, code: str) -> None:
        async with self._operation(changes=True):
            await self._cart.remove_coupon(code)

    # ------------------------------------------------------------------ payment

    async def prepare_payment(self) -> PaymentOptions:
        """Open the payment step: make the order and its payment token (when the sale
        changed since, a new order and a new token) and return what to show."""
        self._refuse_while_scans_wait()
        async with self._operation():
            self._refuse_while_scans_wait()
            return await self._orders.prepare()

    async def charge(self, payment: Payment | RecordedPayment) -> PaymentResult:
        """Send the payment, then confirm the order's status.

        Refused (:class:`PaymentInProgress`) while another charge or check of this sale
        runs; refused (:class:`SaleAlreadyPaid`) once paid. Validation failures raise
        :class:`SaleValidationError` before anything is sent.
        """
        ctx = self._ctx
        self._refuse_while_charging()
        if ctx.paid:
            raise SaleAlreadyPaid(_PAID_NOT_AGAIN())
        self._refuse_while_scans_wait()
        ctx.charging = True
        validated: Tender | None = None
        try:
            if RECORDED.accepts(payment):
                assert isinstance(payment, CashPayment | TerminalPayment | OtherPayment
                                  | SplitPayment)
                RECORDED.validate(payment, has_customer=ctx.customer is not None)
                async with self._operation():
                    result, self.tender_record = await self._charger.record(payment, RECORDED)
                return self._settlement.announce(result)
            assert not isinstance(payment, CashPayment | TerminalPayment | OtherPayment
                                  | SplitPayment)
            tender = tender_for(payment)
            tender.validate(payment, has_customer=ctx.customer is not None)
            validated = tender
            if isinstance(payment, GiftCertificatePayment):
                await self._enough_on(payment.code)
            elif isinstance(payment, StoreCreditPayment):
                await self._enough_credit()
            async with self._operation():
                result = await self._charger.charge(payment, tender)
            return self._settlement.announce(result)
        finally:
            ctx.charging = False
            if validated is not None and not isinstance(
                    payment, CashPayment | TerminalPayment | OtherPayment | SplitPayment):
                # Whatever the answer, the card data leaves memory now (PCI DSS 3.3.1).
                validated.wipe(payment)

    async def gift_certificate_balance(self, code: str) -> Decimal | None:
        """The balance of a gift certificate, to show before it is used (None: the store
        has no certificate by that code)."""
        return await self._ctx.client.payments.gift_certificate_balance(code)

    async def store_credit_balance(self) -> Decimal | None:
        """The sale's customer's store credit, to show before it is used (None: no
        customer, or the store does not say)."""
        customer = self._ctx.customer
        if customer is None:
            return None
        found = await self._ctx.client.customers.search(ids=[customer.id],
                                                        include=("storecredit",))
        for item in found.items:
            if item.id == customer.id:
                return item.store_credit
        return None

    async def _enough_credit(self) -> None:
        """Refuse, with the balance, store credit that cannot pay the whole total."""
        ctx = self._ctx
        balance = await self.store_credit_balance()
        total = ctx.order_total if ctx.order_total is not None else ctx.shown_total
        if balance is not None and total is not None and balance < total:
            cur = ctx.currency()
            raise SaleValidationError.one(
                "payment", _CREDIT_TOO_LOW(balance=f"{balance} {cur}", total=f"{total} {cur}"))

    async def _enough_on(self, code: str) -> None:
        """Refuse, with the balance, a gift certificate that cannot pay the whole total
        (its instrument pays the order's whole amount)."""
        ctx = self._ctx
        balance = await self.gift_certificate_balance(code)
        if balance is None:
            raise SaleValidationError.one("code", _NO_GIFT_CERTIFICATE())
        total = ctx.order_total if ctx.order_total is not None else ctx.shown_total
        if total is not None and balance < total:
            cur = ctx.currency()
            raise SaleValidationError.one(
                "code", _GIFT_TOO_LOW(balance=f"{balance} {cur}", total=f"{total} {cur}"))

    async def check_payment(self) -> PaymentResult:
        """Settle an uncertain payment by asking the store (never charges)."""
        ctx = self._ctx
        self._refuse_while_charging()
        ctx.charging = True
        try:
            async with self._operation():
                if ctx.sale_id is None:
                    raise StepNotReady(_NOTHING_CHARGED_YET())
                record = await ctx.jcall(ctx.journal.get, ctx.sale_id)
                assert record is not None
                result = await self._settlement.reconcile_record(record)
            return self._settlement.announce(result)
        finally:
            ctx.charging = False

    # ------------------------------------------------------------------ abandon

    async def abandon(self) -> None:
        """Give up the sale: unpaid orders are cancelled, the journal marks it finished."""
        ctx = self._ctx
        self._refuse_while_charging()
        await self._scans.aclose()  # what still waits is not sent to a given-up sale
        async with self._operation():
            if ctx.paid:
                raise SaleAlreadyPaid(_PAID_NO_ABANDON())
            if ctx.sale_id is not None:
                record = await ctx.jcall(ctx.journal.get, ctx.sale_id)
                if record is not None and record.payment_uncertain:
                    raise PaymentInProgress(_CHECK_BEFORE_ABANDON())
            await self._orders.cancel_abandoned()
            await self._delete_cart()
            if ctx.sale_id is not None:
                await ctx.jcall(ctx.journal.mark_finished, ctx.sale_id, "abandoned")

    async def _delete_cart(self) -> None:
        """The given-up sale's cart is no longer needed: deleted (best effort; a cart the
        store already dropped, or one that cannot be deleted now, expires by itself)."""
        ctx = self._ctx
        if ctx.cart_id is None:
            return
        try:
            await ctx.client.carts.delete(ctx.cart_id)
        except NotFound:
            pass
        except BigCommerceError as exc:
            log.info("the abandoned cart could not be deleted now (%s)", type(exc).__name__)

    # ------------------------------------------------------------------ resume

    @staticmethod
    def unfinished(journal: Journal, profile: str | None = None) -> list[UnfinishedSale]:
        """Unfinished sales of the journal, payment-uncertain first."""
        out: list[UnfinishedSale] = []
        for record in journal.unfinished_sales(profile):
            customer, items, more = view.summary_of(record.events)
            when = record.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            total = ""
            if record.grand_total is not None:
                total = f"{record.grand_total} {record.currency or ''}".rstrip()
            phrase = _UNFINISHED[record.order_id is not None, bool(total)]
            params: dict[str, object] = {"when": when, "state": _STEPS.get(record.state,
                                                                           record.state)}
            if record.order_id is not None:
                params["order"] = record.order_id
            if total:
                params["total"] = total
            label = phrase(**params)
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
                    customer=customer,
                    items=items,
                    more_items=more,
                )
            )
        return out

    @staticmethod
    def undelivered(journal: Journal, profile: str | None = None) -> list[UndeliveredSale]:
        """Paid sales whose outcome never reached anyone, oldest first ("Paid: order 100,
        $182.11 — print the receipt"); :meth:`delivered` once each is shown."""
        from pos.sale.money import format_money

        out: list[UndeliveredSale] = []
        for record in journal.undelivered_sales(profile):
            total = ""
            if record.grand_total is not None:
                total = ", " + format_money(record.grand_total, record.currency or "USD")
            out.append(UndeliveredSale(
                sale_id=record.sale_id, order_id=record.order_id,
                grand_total=record.grand_total, currency=record.currency,
                message=_PAID_ORDER(order=record.order_id, total=total)
                if record.order_id is not None else _PAID_SALE(total=total),
            ))
        return out

    @staticmethod
    def delivered(journal: Journal, sale_id: str) -> None:
        """The outcome of ``sale_id`` reached its caller (printed, shown on the Done page)."""
        journal.mark_delivered(sale_id)

    async def mark_delivered(self) -> None:
        """This sale's outcome reached its caller (printed, shown on the Done page)."""
        ctx = self._ctx
        if ctx.sale_id is not None:
            await ctx.jcall(ctx.journal.mark_delivered, ctx.sale_id)

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
        on_completed: CompletedSaleHook | None = None,
        attribution: Attribution | None = None,
    ) -> Sale:
        """Continue an unfinished sale of the journal from the right step.

        Reconciles with the store first: an uncertain order creation is looked up, an
        uncertain payment is settled, and a sale with a paid order goes straight to
        :attr:`SaleStep.CONFIRMED` (``sale.result`` holds the confirmation). A sale whose
        payment is still uncertain stays at PAYMENT with an ``"unknown"`` result (call
        :meth:`check_payment` later). Raises :class:`SaleError` when the store no longer
        has anything to continue (the journal then marks the sale abandoned). Every step
        the resumed sale takes is journaled.
        """
        record = await asyncio.to_thread(journal.get, sale_id)
        if record is None:
            raise SaleError(_NOT_IN_JOURNAL())
        sale = cls(client, journal, settings, catalog=catalog, sleep=sleep, clock=clock,
                   on_completed=on_completed, attribution=attribution)
        sale._ctx.resumed = True
        sale._recovery.load(record)
        sale._ctx.charging = True
        try:
            async with sale._operation():
                await sale._recovery.recover(record)
        finally:
            sale._ctx.charging = False
        return sale
