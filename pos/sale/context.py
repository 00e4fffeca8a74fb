"""What every part of one sale shares: the client, the journal, the settings and the
sale's state, with the plumbing around them (events to subscribers, journal writes off the
event loop, step changes, safe store calls, the checkout as last read, the order's
validity and its payment token and methods fetched in the background).

The collaborators of a sale (cart, fulfilment, order, charge, settlement, recovery) each
hold the same :class:`SaleContext`; only the facade (:mod:`pos.sale.sale`) is seen outside.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeVar

import pos.sale.view as view
from pos.api.client import BigCommerceClient
from pos.api.errors import BigCommerceError
from pos.api.models import Checkout, PaymentAccessToken, PaymentMethod
from pos.api.orders import OrderWithProducts
from pos.sale.catalog_cache import CatalogCache, CatalogItem
from pos.sale.errors import (
    DiskFull,
    SaleAlreadyPaid,
    StepNotReady,
    is_disk_full,
    store_problem,
)
from pos.sale.journal import Journal
from pos.sale.methods_cache import shared_methods_cache
from pos.sale.phrases import ADD_AN_ITEM_FIRST, ALREADY_PAID_START_NEW
from pos.sale.records import (
    Attribution,
    Callback,
    CompletedSale,
    CompletedSaleHook,
    ConsignmentInfo,
    ConsignmentPlan,
    Customer,
    Line,
    PaymentResult,
    SaleEvent,
    SaleStep,
    ShippingOptionInfo,
)
from pos.sale.settings import SaleSettings

__all__ = ["SaleContext", "quiet", "wait_ended"]

log = logging.getLogger("pos.sale")
T = TypeVar("T")
ZERO = Decimal(0)


def quiet(task: asyncio.Future[Any]) -> None:
    """Retrieve a background task's exception so that it is not reported as unhandled."""
    if not task.cancelled():
        task.exception()


async def wait_ended(*tasks: asyncio.Future[Any] | None) -> None:
    """Wait until each of ``tasks`` has ended, however it ends: their errors and their
    cancellation are theirs (retrieved, not raised). The caller's own cancellation is not
    swallowed: cancelled while it waits, the caller raises ``CancelledError`` at once
    (and the tasks it waited for are left to end by themselves)."""
    waiting = {task for task in tasks if task is not None}
    if not waiting:
        return
    try:
        await asyncio.wait(waiting)
    finally:
        for task in waiting:
            if task.done():
                quiet(task)


class SaleContext:
    """One sale's shared state and plumbing."""

    def __init__(
        self,
        client: BigCommerceClient,
        journal: Journal,
        settings: SaleSettings,
        *,
        catalog: CatalogCache | None,
        sleep: Callable[[float], Awaitable[None]],
        clock: Callable[[], float],
    ) -> None:
        self.client = client
        self.journal = journal
        self.settings = settings
        self.catalog = catalog
        self.sleep = sleep
        self.clock = clock
        self.subscribers: list[Callback] = []
        self.sale_id: str | None = None
        self.step = SaleStep.ITEMS
        self.tasks: set[asyncio.Task[Any]] = set()
        # cart and checkout
        self.cart_id: str | None = None
        self.checkout: Checkout | None = None
        self.checkout_stale = False
        self.lines: list[Line] = []
        self.labels: dict[int, str] = {}
        self.known_items: dict[int, CatalogItem] = {}
        self.stock: dict[int, int] = {}
        # customer and billing
        self.customer: Customer | None = None
        self.billing: dict[str, Any] | None = None
        # fulfilment
        self.plans: list[ConsignmentPlan] = []
        self.consignments: list[ConsignmentInfo] = []
        self.pickup_ids: set[str] = set()
        self.consignment_plans: dict[str, ConsignmentPlan] = {}
        self.chosen_types: dict[str, str] = {}
        self.coupons: list[str] = []
        # order and payment
        self.order_id: int | None = None
        self.order_ids: list[int] = []
        self.order_fresh = False
        self.order_total: Decimal | None = None
        self.shown_total: Decimal | None = None
        self.pat: PaymentAccessToken | None = None
        self.pat_order: int | None = None
        self.pat_task: asyncio.Task[PaymentAccessToken] | None = None
        self.methods_task: asyncio.Task[list[PaymentMethod]] | None = None
        self.methods: list[PaymentMethod] | None = None
        self.charging = False
        self.result: PaymentResult | None = None
        # The paid order with its products, as read to confirm it (None: not read).
        self.confirmed: OrderWithProducts | None = None
        self.paid = False
        # attempt id -> when (on ``clock``) its order may first be believed unpaid
        self.unpaid_after: dict[str, float] = {}
        # the faces' hooks: told of the completed sale; who is ringing it up
        self.on_completed: CompletedSaleHook | None = None
        self.attribution: Attribution | None = None
        self.staff_note = ""  # taken when the payment is sent
        self.staff_note_recorded = False
        self.tender = ""
        self.resumed = False
        self.completed_told = False

    # ------------------------------------------------------------------ events

    def emit(self, kind: str, **values: Any) -> None:
        event = SaleEvent(kind, **values)
        for callback in list(self.subscribers):
            try:
                callback(event)
            except Exception:  # a broken view must not break the sale
                log.exception("a sale subscriber failed on %s", kind)

    # ------------------------------------------------------------------ journal

    async def jcall(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """A journal write, off the event loop (each one is fsync'd). A full disk is
        :class:`DiskFull` (the write did not happen; nothing after it may be sent)."""
        try:
            return await asyncio.to_thread(fn, *args, **kwargs)
        except Exception as exc:
            if is_disk_full(exc):
                raise DiskFull() from None
            raise

    def background(self, coro: Awaitable[Any]) -> None:
        async def run() -> None:
            try:
                await coro
            except DiskFull:
                log.warning("a background journal write failed: the disk is full")
            except Exception:
                log.warning("a background journal write failed", exc_info=True)

        task = asyncio.ensure_future(run())
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def ensure_sale_record(self) -> str:
        if self.sale_id is None:
            self.sale_id = await self.jcall(
                self.journal.start_sale,
                self.settings.profile,
                state=self.step.value,
                currency=self.settings.currency,
            )
        return self.sale_id

    # ------------------------------------------------------------------ steps

    def set_step(self, step: SaleStep) -> None:
        """Move to ``step``: subscribers are told, the journal records it (in the
        background)."""
        if step is self.step:
            return
        self.step = step
        self.emit("step", step=step)
        if self.sale_id is not None:
            self.background(self.jcall(self.journal.set_state, self.sale_id, step.value))
        self.tell_completed()

    async def enter_step(self, step: SaleStep) -> None:
        """Move to ``step`` and wait until the journal holds it (a resumed sale)."""
        changed = step is not self.step
        self.step = step
        self.emit("step", step=step)
        if changed and self.sale_id is not None:
            await self.jcall(self.journal.set_state, self.sale_id, step.value)
        self.tell_completed()

    async def take_staff_note(self, order_id: int, *, recorded: bool) -> str:
        """Who rings the sale up, as the face says now (kept for the completed sale); the
        face journals it for ``order_id`` unless it is ``recorded`` in the payment's own
        update. Never fails the sale."""
        note = ""
        if self.attribution is not None:
            try:
                note = (await self.jcall(self.attribution, order_id, recorded)).strip()
            except Exception:  # a broken face must not break the sale
                log.exception("the sale's attribution failed")
        self.staff_note = note
        return note

    def tell_completed(self) -> None:
        """Once the sale is paid and confirmed (the clerk sees Paid): tell the face's hook
        (:class:`CompletedSale`), once."""
        if (self.completed_told or self.on_completed is None or not self.paid
                or self.step is not SaleStep.CONFIRMED or self.order_id is None):
            return
        self.completed_told = True
        result = self.result
        billing = self.billing or {}
        customer = self.customer
        name = " ".join(str(billing.get(k) or "") for k in ("first_name", "last_name")).strip()
        masked = (result.masked_card or "") if result is not None else ""
        digits = "".join(ch for ch in masked if ch.isdigit())
        amount = self.order_total
        if amount is None and result is not None:
            amount = result.grand_total
        record = CompletedSale(
            order_id=self.order_id, sale_id=self.sale_id, amount=amount,
            currency=(result.currency if result is not None and result.currency
                      else self.currency()), tender=self.tender,
            skus=tuple(line.sku for line in self.lines if line.sku),
            customer_name=name or (customer.name if customer is not None else ""),
            email=str(billing.get("email") or (customer.email if customer else "")),
            phone=str(billing.get("phone") or (customer.phone if customer else "")),
            last4=digits[-4:] if len(digits) >= 4 else "",
            status_id=result.status_id if result is not None else None,
            channel_id=self.settings.channel_id, resumed=self.resumed,
            staff_note=self.staff_note, staff_note_recorded=self.staff_note_recorded,
        )
        try:
            self.on_completed(record)
        except Exception:  # a broken listener must not break the sale
            log.exception("the completed sale's hook failed")

    def ready_step(self) -> SaleStep:
        """The first step that still needs the clerk."""
        return view.ready_step(
            paid=self.paid,
            lines=self.lines,
            billing=self.billing,
            consignments=self.consignments,
            order_ready=self.order_fresh and self.order_id is not None,
        )

    def fulfilment_missing(self) -> bool:
        return view.fulfilment_missing(self.lines, self.consignments)

    # ------------------------------------------------------------------ the store

    def ensure_open(self) -> None:
        if not self.client.is_closed:
            self.client.open()

    async def store(self, call: Awaitable[T], what: str | None = None) -> T:
        """Await a safe store call; client errors become clerk-facing StoreProblems."""
        try:
            result = await call
        except BigCommerceError as exc:
            problem = store_problem(exc, what=what)
            if problem.offline:
                self.emit("connection", online=False)
            raise problem from exc
        return result

    def require_cart(self) -> str:
        if self.cart_id is None:
            raise StepNotReady(ADD_AN_ITEM_FIRST())
        return self.cart_id

    # ------------------------------------------------------------------ checkout

    def currency(self) -> str:
        return view.currency_of(self.checkout, self.settings.currency)

    def q(self, amount: Decimal) -> Decimal:
        """``amount`` in the currency's minor unit (the API sends JSON numbers)."""
        return view.in_minor_units(amount, self.currency())

    @property
    def subtotal(self) -> Decimal:
        return sum((line.total for line in self.lines), ZERO)

    def set_checkout(
        self,
        checkout: Checkout,
        *,
        keep_options: Mapping[str, Sequence[ShippingOptionInfo]] | None = None,
    ) -> None:
        """The checkout as the store now holds it: lines, coupons, consignments, billing."""
        if keep_options is None:
            keep_options = {c.id: c.options for c in self.consignments}
        self.checkout = checkout
        self.checkout_stale = False
        self.lines = view.lines_from(checkout.cart.line_items, self.labels, self.currency())
        self.coupons = [c.code for c in (checkout.coupons or checkout.cart.coupons)]
        self.consignments = view.consignments_from(
            checkout,
            self.lines,
            pickup_ids=self.pickup_ids,
            plans=self.consignment_plans,
            keep_options=keep_options,
            pickup_method_id=self.settings.pickup_method_id,
        )
        billing = view.billing_from(checkout)
        if billing is not None and self.billing is None:
            self.billing = billing
        self.emit("lines")
        self.emit("consignments")
        self.emit("totals")

    async def refresh_checkout(self) -> Checkout:
        checkout = await self.store(self.client.checkouts.get(self.require_cart()))
        self.set_checkout(checkout)
        return checkout

    # ------------------------------------------------------------------ order validity

    def invalidate_order(self, why: str) -> None:
        """Any change after the order exists means a new order and a new token."""
        if self.paid:
            raise SaleAlreadyPaid(ALREADY_PAID_START_NEW())
        if self.order_id is None or not self.order_fresh:
            return
        log.info("order %s is void (%s); a new one is made at payment", self.order_id, why)
        self.order_fresh = False
        self.drop_pat()
        if self.sale_id is not None:
            self.background(self.jcall(
                self.journal.log_event, self.sale_id, "order_void",
                {"order_id": self.order_id, "why": why},
            ))
        self.emit("payment")
        if self.step is SaleStep.PAYMENT:
            self.set_step(SaleStep.REVIEW)

    # ------------------------------------------------------------------ background reads

    def drop_pat(self) -> None:
        self.pat = None
        self.pat_order = None
        if self.pat_task is not None and not self.pat_task.done():
            self.pat_task.cancel()
        self.pat_task = None

    def start_pat(self, order_id: int) -> None:
        """A fresh payment access token for the next attempt, in the background."""
        self.drop_pat()
        task = asyncio.ensure_future(self.client.payments.create_access_token(order_id))
        task.add_done_callback(quiet)
        self.pat_task = task
        self.pat_order = order_id

    def start_methods_fetch(self) -> None:
        """Fetch the payment methods (and stored cards) by checkout id, in the background."""
        if self.cart_id is None:
            return
        if self.customer is None and shared_methods_cache(self.client).get() is not None:
            return  # a guest sale takes the store's list from the cache
        if self.methods_task is not None and not self.methods_task.done():
            self.methods_task.cancel()
        cart_id = self.cart_id
        task = asyncio.ensure_future(self.client.payments.methods(checkout_id=cart_id))
        task.add_done_callback(quiet)
        self.methods_task = task

    def stop_reads(self) -> None:
        """Cancel the background reads (payment methods, payment token)."""
        for task in (self.methods_task, self.pat_task):
            if task is not None and not task.done():
                task.cancel()

    async def aclose(self) -> None:
        """Stop the background reads and finish the journal writes."""
        self.stop_reads()
        await wait_ended(self.methods_task, self.pat_task, *list(self.tasks))
