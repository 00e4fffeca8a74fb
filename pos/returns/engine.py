"""A return: a sibling of a sale, on the same journal discipline and the same helper for
unsafe writes (:func:`pos.sale.unsafe.unsafe_write`).

The flow of one refund (docs/returns.md)::

    read the order, its products and its refunds   (GET /v2/orders/{id}, …/products,
                                                    GET /v3/orders/{id}/payment_actions/refunds)
    quote                                          POST …/refund_quotes (computes only)
    journal: intent (with the ids of the refunds the order already has), then sending
    refund                                         POST …/refunds       (unsafe: sent once;
                                                    a lost answer is reconciled with the
                                                    order's refund list before any resend)
    journal: refunded (refund id, amount)
    restock the chosen lines                       POST /v3/inventory/adjustments/relative
    journal: finished (the order's status as the store now holds it)

Refunds of one order run one at a time (a lock per order, and an unfinished journal row of
the order blocks a new refund until it is resumed). Amounts, tax and the provider's share
come from the store's quote, never from arithmetic here.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from decimal import Decimal
from typing import Any

from pos.api.client import BigCommerceClient
from pos.api.errors import BigCommerceError, ClientError, OutcomeUnknown
from pos.api.inventory import Adjustment
from pos.api.models import Refund, RefundItem, RefundPayment, RefundQuote
from pos.returns.index import SalesIndex
from pos.returns.journal import RefundJournal, RefundRow
from pos.returns.records import (
    DAMAGED_REASONS,
    OrderLine,
    OrderView,
    QuoteView,
    RefundResult,
    ReturnLine,
    ReturnsSettings,
)
from pos.sale.errors import StoreProblem
from pos.sale.unsafe import unsafe_write

__all__ = ["QuoteChanged", "RefundRecorder", "Returns", "ReturnsError"]

#: Called after each refund the store made: (tender, amount, order id). The shift room's
#: ``record_refund`` fits here.
RefundRecorder = Callable[[str, Decimal, int], None]

#: Gates a refund or a void: (action, order id) → who did it and who approved it, as the
#: order's staff notes say it (``"Clerk: Ana; approved by: Maria"``; None: nobody signed
#: in). Raises :class:`ReturnsError` when the action is refused.
Approve = Callable[[str, int], Awaitable[str | None]]

#: Puts an attribution line on the order's staff notes at the store (journaled, sent in
#: the background: :class:`pos.composition.AfterSales`).
Attribute = Callable[[int, str], Awaitable[None]]

_REFUNDABLE = ("captured", "partially refunded")

log = logging.getLogger("pos.returns")


class ReturnsError(Exception):
    """A refund that cannot start (refunds disabled, an unfinished refund of the order)."""


class QuoteChanged(Exception):
    """The store's quote differs from the one the clerk saw: show ``quote`` again."""

    def __init__(self, quote: QuoteView) -> None:
        super().__init__(f"The refund is now {quote.total} {quote.currency}; confirm again.")
        self.quote = quote


class Returns:
    """Finds what an order holds, quotes, refunds exactly once, voids, restocks."""

    def __init__(
        self,
        client: BigCommerceClient,
        journal: RefundJournal,
        settings: ReturnsSettings,
        *,
        record_refund: RefundRecorder | None = None,
        approve: Approve | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        index: SalesIndex | None = None,
        attribute: Attribute | None = None,
    ) -> None:
        self._attribute = attribute
        #: The register's index of its sales (finding a sale without its receipt).
        self.index = index
        self.client = client
        self.journal = journal
        self.settings = settings
        self._record_refund = record_refund
        self._approve = approve
        self._sleep = sleep
        self._locks: dict[int, asyncio.Lock] = {}

    def set_approver(self, approve: Approve | None) -> None:
        """Gate refunds and voids (see :func:`pos.returns.approval.staff_gate`)."""
        self._approve = approve

    def _lock(self, order_id: int) -> asyncio.Lock:
        return self._locks.setdefault(order_id, asyncio.Lock())

    # -- reading -------------------------------------------------------------------------

    async def order(self, order_id: int) -> OrderView:
        """The order as the store holds it: lines, quantities already refunded, status."""
        orders = self.client.orders
        order, products, refunds = await asyncio.gather(
            orders.get(order_id), orders.products(order_id), orders.refunds(order_id)
        )
        lines = tuple(
            OrderLine(
                item_id=p.id, sku=p.sku or "", name=p.name or "", variant_id=p.variant_id,
                quantity=p.quantity or 0, refunded=p.quantity_refunded or 0,
                unit_price=p.price_inc_tax or Decimal(0),
            )
            for p in products
        )
        address = next((p.order_address_id for p in products if p.order_address_id), None)
        billing = order.billing_address
        name = " ".join(x for x in (billing.first_name, billing.last_name) if x) if billing else ""
        payment_status = order.payment_status or ""
        return OrderView(
            order_id=order.id, status_id=order.status_id, status=order.status or "",
            payment_status=payment_status, currency=order.currency_code or "",
            total=order.total_inc_tax or Decimal(0),
            refunded_amount=order.refunded_amount or Decimal(0),
            shipping_cost=order.shipping_cost_inc_tax or Decimal(0),
            shipping_address_id=address, customer_id=order.customer_id or 0,
            customer_name=name, email=(billing.email or "") if billing else "",
            lines=lines, refund_ids=frozenset(r.id for r in refunds),
            voidable=payment_status == "captured" and not refunds,
            billing=_checkout_address(billing.model_dump() if billing else {}),
        )

    @staticmethod
    def refund_items(view: OrderView, lines: Sequence[ReturnLine], *, shipping: bool,
                     reason: str) -> list[RefundItem]:
        """The refund's items: products by order product id, and the shipping by the order
        address id (its whole cost, as the store holds it)."""
        items = [
            RefundItem(item_type="PRODUCT", item_id=x.item_id, quantity=x.quantity,
                       reason=reason or None)
            for x in lines if x.quantity > 0
        ]
        if shipping and view.shipping_address_id and view.shipping_cost > 0:
            items.append(RefundItem(item_type="SHIPPING", item_id=view.shipping_address_id,
                                    amount=view.shipping_cost, reason=reason or None))
        return items

    async def quote(self, order_id: int, lines: Sequence[ReturnLine], *,
                    shipping: bool = False, reason: str = "") -> QuoteView:
        view = await self.order(order_id)
        quote = await self.client.orders.refund_quote(
            order_id, self.refund_items(view, lines, shipping=shipping, reason=reason)
        )
        return _quote_view(order_id, quote, view.currency)

    # -- refund --------------------------------------------------------------------------

    async def refund(
        self,
        order_id: int,
        lines: Sequence[ReturnLine],
        *,
        shipping: bool = False,
        reason: str = "",
        expected: QuoteView | None = None,
        approver: str = "",
    ) -> RefundResult:
        """Refunds ``lines`` (and the shipping) exactly once; see the module's docstring.

        ``expected``: the quote the clerk confirmed; a different quote from the store
        raises :class:`QuoteChanged` before anything is sent."""
        if not self.settings.allow_refunds:
            raise ReturnsError("This register may not refund (the profile's allow_refunds).")
        async with self._lock(order_id):
            if self.journal.unfinished(order_id):
                raise ReturnsError(
                    f"A refund of order {order_id} is unfinished: resume it first."
                )
            staff = await self._approve("refund", order_id) if self._approve else None
            try:
                view = await self.order(order_id)
                items = self.refund_items(view, lines, shipping=shipping, reason=reason)
                if not items:
                    return RefundResult("error", order_id, message="Nothing to refund.")
                quote = await self.client.orders.refund_quote(order_id, items)
            except OutcomeUnknown as exc:
                return RefundResult("error", order_id, message=f"Nothing was refunded: {exc}")
            except ClientError as exc:
                return self._declined(order_id, exc)
            except BigCommerceError as exc:
                return RefundResult("error", order_id, message=f"Nothing was refunded: {exc}")
            shown = _quote_view(order_id, quote, view.currency)
            if expected is not None and (shown.total, shown.provider_id) != (
                expected.total, expected.provider_id
            ):
                raise QuoteChanged(shown)
            payments = _payments(quote)
            restock = [
                {"sku": x.sku, "variant_id": x.variant_id, "quantity": x.quantity}
                for x in lines
                if x.restock and x.quantity > 0 and reason.lower() not in DAMAGED_REASONS
            ]
            request: dict[str, Any] = {
                "items": [i.body() for i in items],
                "payments": [p.model_dump(mode="json") for p in payments],
                "restock": restock, "reason": reason, "currency": view.currency,
                "approver": approver, "staff": staff or "",
            }
            row_id = self.journal.intent(order_id, request, set(view.refund_ids))
            self.journal.sending(row_id, request)
            return await self._send_and_finish(self.journal.get(row_id))

    async def _send_and_finish(self, row: RefundRow) -> RefundResult:
        order_id = row.order_id
        items = [RefundItem(**i) for i in row.request["items"]]
        payments = [RefundPayment(**p) for p in row.request["payments"]]
        failure: list[BigCommerceError] = []

        async def send() -> Refund:
            return await self.client.orders.refund(order_id, items, payments)

        async def record(exc: BigCommerceError) -> None:
            failure.append(exc)

        try:
            refund = await unsafe_write(
                send, what="the refund", resend=send,
                reconcile=lambda: self._find(row), on_error=record,
            )
        except (StoreProblem, BigCommerceError) as exc:
            # A refusal of the resend may come from the first send landing late: look again.
            late = await self._find(row, wait=False)
            if late is not None:
                refund = late
            else:
                cause = failure[0] if failure else exc
                if isinstance(cause, OutcomeUnknown):
                    return RefundResult(
                        "unknown", order_id, currency=row.request.get("currency"),
                        message="The store has not answered whether it refunded; "
                        "run the refund again with --resume to settle it.",
                    )
                if isinstance(cause, ClientError):
                    result = self._declined(order_id, cause)
                    self.journal.finish(row.id, "declined", result.message)
                    return result
                self.journal.finish(row.id, "error", str(exc))
                return RefundResult("error", order_id, message=str(exc))
        amount = refund.total_amount or Decimal(0)
        currency = row.request.get("currency") or ""
        self.journal.refunded(row.id, refund.id, f"{amount:.2f}", currency)
        await self._attributed(order_id, f"Refund {refund.id} {amount:.2f} {currency}",
                               row.request.get("staff"))
        if self._record_refund is not None:
            for p in refund.payments:
                self._record_refund(p.provider_id or "", p.amount or Decimal(0), order_id)
        return await self._restock_and_finish(self.journal.get(row.id))

    async def _attributed(self, order_id: int, what: str, staff: Any) -> None:
        """Who refunded or voided, on the order's staff notes (journaled, then sent in
        the background; a failure here never undoes what the store did)."""
        if not staff or self._attribute is None:
            return
        try:
            await self._attribute(order_id, f"{what}: {staff}")
        except Exception as exc:  # the refund stands; the audit log has the names
            log.warning("the attribution of order %s could not be kept: %s", order_id,
                        type(exc).__name__)

    async def _find(self, row: RefundRow, *, wait: bool = True) -> Refund | None:
        """This row's refund at the store: a refund the order did not have before the
        intent was written, with the same lines. Absent for ``absent_confirm`` seconds
        (a slow store may still be making it) before None is believed."""
        wanted = _signature(row.request["items"])
        deadline = time.monotonic() + (self.settings.absent_confirm if wait else 0.0)
        while True:
            try:
                refunds = await self.client.orders.refunds(row.order_id)
            except BigCommerceError:
                refunds = None
            if refunds is not None:
                for refund in refunds:
                    if refund.id not in row.known and _signature(refund.items) == wanted:
                        return refund
                if time.monotonic() >= deadline:
                    return None
            elif time.monotonic() >= deadline + self.settings.absent_confirm:
                raise OutcomeUnknown("the store's refund list cannot be read",
                                     reason="connection_lost")
            await self._sleep(self.settings.poll_interval)

    async def _restock_and_finish(self, row: RefundRow) -> RefundResult:
        restock_note = ""
        restocked: tuple[str, ...] = ()
        wanted = row.request.get("restock") or []
        if row.state == "restock_started":
            restock_note = "the restock's outcome is not known: check the stock"
        elif wanted:
            self.journal.restock_started(row.id)
            adjustments = [
                Adjustment(location_id=self.settings.location_id, quantity=int(x["quantity"]),
                           variant_id=x["variant_id"])
                if x.get("variant_id") else
                Adjustment(location_id=self.settings.location_id, quantity=int(x["quantity"]),
                           sku=x["sku"])
                for x in wanted
            ]
            reason = f"Return of order {row.order_id}: {row.request.get('reason') or 'returned'}"
            try:
                await self.client.inventory.adjust_relative(reason, adjustments)
                restocked = tuple(str(x["sku"]) for x in wanted)
                restock_note = "restocked"
            except OutcomeUnknown:
                restock_note = "the restock's outcome is not known: check the stock"
            except BigCommerceError as exc:
                restock_note = f"not restocked: {exc}"
        status_id: int | None = None
        status: str | None = None
        try:
            order = await self.client.orders.get(row.order_id)
            status_id, status = order.status_id, order.status
        except BigCommerceError:
            pass
        message = f"Refunded {row.amount} {row.currency}"
        if restock_note:
            message += f"; {restock_note}"
        self.journal.finish(row.id, "refunded", message, restock_note or None)
        return RefundResult(
            "refunded", row.order_id, refund_id=row.refund_id,
            amount=Decimal(row.amount) if row.amount else None, currency=row.currency,
            status_id=status_id, status=status, message=message, restocked=restocked,
        )

    @staticmethod
    def _declined(order_id: int, exc: BigCommerceError) -> RefundResult:
        body = getattr(exc, "body", None)
        summary = body.summary() if body is not None else ""
        return RefundResult("declined", order_id, message=summary or str(exc))

    # -- resume --------------------------------------------------------------------------

    async def resume(self) -> list[RefundResult]:
        """Settles every unfinished refund of the journal (after a crash or a lost answer):
        a refund found at the store is never sent again; one provably absent is sent."""
        results = []
        for row in self.journal.unfinished():
            async with self._lock(row.order_id):
                if row.state in ("intent", "sending"):
                    results.append(await self._send_and_finish(row))
                else:
                    results.append(await self._restock_and_finish(row))
        return results

    # -- void ----------------------------------------------------------------------------

    async def void(self, order_id: int, *, restock: Sequence[ReturnLine] = ()) -> RefundResult:
        """Voids the order's unsettled payment (the store cancels the order)."""
        if not self.settings.allow_refunds:
            raise ReturnsError("This register may not refund (the profile's allow_refunds).")
        async with self._lock(order_id):
            staff = await self._approve("void", order_id) if self._approve else None
            view = await self.order(order_id)
            if not view.voidable:
                return RefundResult("declined", order_id, message=(
                    "This payment can no longer be voided; refund it instead."))

            async def send() -> bool:
                await self.client.orders.void(order_id)
                return True

            async def voided() -> bool | None:
                deadline = time.monotonic() + self.settings.absent_confirm
                while True:
                    order = await self.client.orders.get(order_id)
                    if order.payment_status in ("void", "void pending"):
                        return True
                    if time.monotonic() >= deadline:
                        return None
                    await self._sleep(self.settings.poll_interval)

            try:
                await unsafe_write(send, what="the void", resend=send, reconcile=voided)
            except StoreProblem as exc:
                if await voided() is None:
                    return RefundResult("declined", order_id, message=str(exc))
            except OutcomeUnknown:
                return RefundResult("unknown", order_id, message=(
                    "The store has not answered whether it voided the payment."))
            if self._record_refund is not None:
                self._record_refund("void", view.total, order_id)
            await self._attributed(order_id, f"Void {view.total:.2f} {view.currency}", staff)
            wanted = [x for x in restock if x.restock and x.quantity > 0]
            if wanted:
                adjustments = [
                    Adjustment(location_id=self.settings.location_id, quantity=x.quantity,
                               variant_id=x.variant_id) if x.variant_id else
                    Adjustment(location_id=self.settings.location_id, quantity=x.quantity,
                               sku=x.sku)
                    for x in wanted
                ]
                with contextlib.suppress(BigCommerceError):
                    await self.client.inventory.adjust_relative(
                        f"Void of order {order_id}", adjustments)
            order = await self.client.orders.get(order_id)
            return RefundResult(
                "voided", order_id, amount=view.total, currency=view.currency,
                status_id=order.status_id, status=order.status,
                message=f"Voided {view.total:.2f} {view.currency}",
            )


def _payments(quote: RefundQuote) -> list[RefundPayment]:
    """The first of the store's refund methods, as its payments (amounts from the store)."""
    if not quote.refund_methods:
        return []
    return [
        RefundPayment(provider_id=o.provider_id or "", amount=o.amount or Decimal(0),
                      offline=bool(o.offline))
        for o in quote.refund_methods[0]
    ]


def _quote_view(order_id: int, quote: RefundQuote, currency: str) -> QuoteView:
    first = quote.refund_methods[0] if quote.refund_methods else []
    return QuoteView(
        order_id=order_id, total=quote.total_refund_amount or Decimal(0),
        tax=quote.total_refund_tax_amount or Decimal(0), currency=currency,
        provider_id=first[0].provider_id or "" if first else "",
        provider_description=first[0].provider_description or "" if first else "",
        offline=bool(first[0].offline) if first else False,
        methods=tuple((o.provider_id or "", o.amount or Decimal(0)) for o in first),
    )


_V2_TO_CHECKOUT = (
    ("first_name", "first_name"), ("last_name", "last_name"), ("company", "company"),
    ("street_1", "address1"), ("street_2", "address2"), ("city", "city"),
    ("state", "state_or_province"), ("zip", "postal_code"), ("country_iso2", "country_code"),
    ("phone", "phone"), ("email", "email"),
)


def _checkout_address(v2: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple((new, str(v2[old])) for old, new in _V2_TO_CHECKOUT if v2.get(old))


def _signature(items: Sequence[Any]) -> list[tuple[str, int, int]]:
    out = []
    for item in items:
        d = item if isinstance(item, dict) else dict(item)
        out.append((str(d.get("item_type")), int(d.get("item_id") or 0),
                    int(d.get("quantity") or 0)))
    return sorted(out)
