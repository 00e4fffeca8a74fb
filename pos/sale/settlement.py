"""Settling a payment: recording what came of an attempt, asking the store about an
uncertain one (within its unpaid window), and confirming a paid order for the receipt."""

from __future__ import annotations

import datetime as _dt
import logging
from collections.abc import Awaitable
from decimal import Decimal
from typing import Literal

from pos.api.errors import BigCommerceError
from pos.api.orders import OrderWithProducts
from pos.sale.cards import mask
from pos.sale.context import SaleContext
from pos.sale.errors import PaymentInProgress, SaleAlreadyPaid
from pos.sale.journal import PaymentAttempt, PaymentOutcome, SaleRecord, SensitiveDataError
from pos.sale.messages import ClerkMessage, ErrorKind, NextStep, error_kind_message, payment_message
from pos.sale.phrases import ALREADY_PAID, SALE_WORDS
from pos.sale.reconcile import (
    OrderCheck,
    PaymentState,
    check_order,
    reconcile_payment,
    unpaid_window_end,
)
from pos.sale.records import PaymentResult, SaleStep

_PAID = SALE_WORDS("settle.paid", "Paid.")

_NOT_THROUGH = SALE_WORDS("settle.not_through", "The payment did not go through")
_NOT_THROUGH_TEXT = SALE_WORDS(
    "settle.not_through_text",
    "The store confirms that nothing was charged. Charge again when ready.",
)
_CLOSED_UNPAID = SALE_WORDS("settle.closed_unpaid", "The order was closed without payment")
_CLOSED_UNPAID_TEXT = SALE_WORDS(
    "settle.closed_unpaid_text",
    "Nothing was charged. Open the payment step again to make a new order.",
)
_NOTHING_CHARGED = SALE_WORDS("settle.nothing_charged", "Nothing was charged.")

__all__ = ["Settlement"]

log = logging.getLogger("pos.sale")


class Settlement:
    """What came of a payment, for certain."""

    def __init__(self, ctx: SaleContext) -> None:
        self.ctx = ctx

    # ------------------------------------------------------------------ results

    def failure_result(
        self,
        outcome: Literal["declined", "unknown", "error"],
        message: ClerkMessage,
        code: int | None,
        *,
        masked: str | None,
        total: Decimal | None = None,
    ) -> PaymentResult:
        ctx = self.ctx
        return PaymentResult(
            outcome=outcome,
            message=str(message),
            code=code,
            order_id=ctx.order_id,
            masked_card=masked,
            may_charge_again=message.may_charge_again,
            next_step=message.next_step,
            grand_total=total if total is not None else ctx.order_total,
            currency=ctx.currency(),
        )

    def announce(self, result: PaymentResult) -> PaymentResult:
        """Keep and announce the answer of a charge or a check; paid confirms the sale."""
        ctx = self.ctx
        ctx.result = result
        ctx.emit("payment", result=result)
        if result.outcome == "paid":
            ctx.set_step(SaleStep.CONFIRMED)
        return result

    # ------------------------------------------------------------------ journal

    async def outcome(
        self,
        attempt_id: str,
        outcome: PaymentOutcome,
        *,
        transaction_id: str | None = None,
        code: int | None = None,
        message: str | None = None,
        finished: str | None = None,
    ) -> bool:
        """Journal an attempt's outcome. A text field the journal refuses (an id that looks
        like a token or a card number to its secret filter) is left out and the outcome
        written again without it: a refused field never aborts an outcome, least of all
        a paid one. False when a field was left out."""
        ctx = self.ctx
        try:
            await ctx.jcall(ctx.journal.payment_outcome, attempt_id, outcome,
                            transaction_id=transaction_id, code=code, message=message,
                            finished=finished)
        except SensitiveDataError as exc:
            # The message names the field, never its value.
            log.warning("payment attempt %s: %s; recorded without it", attempt_id, exc)
            await ctx.jcall(ctx.journal.payment_outcome, attempt_id, outcome,
                            code=code, finished=finished)
            return False
        return True

    async def mark_paid(self, order_id: int, *, journaled: bool = False) -> None:
        ctx = self.ctx
        ctx.paid = True
        ctx.order_id = order_id
        ctx.order_fresh = True
        ctx.drop_pat()
        if ctx.sale_id is not None and not journaled:
            await ctx.jcall(ctx.journal.mark_finished, ctx.sale_id, "paid")

    # ------------------------------------------------------------------ unpaid windows

    def note_sent(self, attempt_id: str, sent_at: float) -> None:
        """A payment request leaves now: its order is never believed unpaid before
        ``payment_timeout + store_processing_limit`` from now."""
        self.ctx.unpaid_after[attempt_id] = unpaid_window_end(self.ctx.settings, sent_at)

    def note_ended(self, attempt_id: str) -> float:
        """The payment call ended without a certain answer: the window also lasts at
        least ``store_processing_limit`` from now. Returns the window's end."""
        ctx = self.ctx
        now = ctx.clock()
        end = max(ctx.unpaid_after.get(attempt_id, now),
                  now + max(0.0, ctx.settings.store_processing_limit))
        ctx.unpaid_after[attempt_id] = end
        return end

    def window_of(self, attempt: PaymentAttempt) -> float:
        """The end of an attempt's unpaid window, on this sale's clock: kept in memory for
        the attempts of this process, else from the journal's times (a resumed sale)."""
        ctx = self.ctx
        known = ctx.unpaid_after.get(attempt.attempt_id)
        if known is not None:
            return known
        now = ctx.clock()
        wall = _dt.datetime.now(_dt.UTC)

        def on_clock(moment: _dt.datetime) -> float:
            # A moment "in the future" (clocks disagree) counts as now: a later window.
            return now - max(0.0, (wall - moment).total_seconds())

        ended = on_clock(attempt.finished_at) if attempt.finished_at is not None else None
        return unpaid_window_end(ctx.settings, on_clock(attempt.started_at), ended)

    # ------------------------------------------------------------------ settling

    async def confirm(self, order_id: int, transaction_id: str | None,
                      masked: str | None, *, message: str = "",
                      journaled: bool = False,
                      look: Awaitable[OrderCheck] | None = None) -> PaymentResult:
        """Paid: read the order's status and transactions (in parallel) for the receipt.

        The receipt's transaction id is the store's own (its v3 transaction ``id``) when
        the transactions could be read, else ``transaction_id``. ``journaled``: the
        journal already marks the sale finished as paid. ``look``: that read, already
        started.
        """
        ctx = self.ctx
        status_id: int | None = None
        status: str | None = None
        try:
            found = await (look if look is not None else check_order(ctx.client, order_id))
            status_id, status = found.status_id, found.status
            transaction_id = found.transaction_id or transaction_id
        except BigCommerceError:
            log.info("order %s is paid; its status could not be read now", order_id)
        await self.mark_paid(order_id, journaled=journaled)
        return PaymentResult(
            outcome="paid",
            message=message or _PAID(),
            order_id=order_id,
            status_id=status_id,
            status=status,
            transaction_id=transaction_id,
            masked_card=masked,
            may_charge_again=False,
            next_step=None,
            grand_total=ctx.order_total,
            currency=ctx.currency(),
        )

    async def confirm_success(self, attempt_id: str, order_id: int, transaction_id: str | None,
                              masked: str | None) -> PaymentResult:
        """The payments host answered success.

        The clerk is told "Paid" at once (a ``"payment"`` event with a paid result, before
        any other call): the attempt is on disk as started, so a crash from here on
        reconciles it with the store, and nothing charges this order again. Then one read
        of the order with its products confirms it for the receipt (its status, lines and
        totals, kept as ``ctx.confirmed``; the transaction id is the payments API's own,
        BigCommerce's transaction UUID). When the order shows unpaid
        (Incomplete), the store and the payments host disagree: the outcome is unknown
        until they agree (reconciled like a lost answer, reading the order and its
        transactions; the disagreement logged). Otherwise (paid, pending, or the store
        cannot be read now) the outcome and the sale's end are written (one journal
        transaction, one fsync) and the receipt's result returned."""
        ctx = self.ctx
        # Without the transaction id: the receipt's comes once the journal has taken it.
        ctx.emit("payment", result=PaymentResult(
            outcome="paid", message="Paid.", order_id=order_id,
            masked_card=masked, may_charge_again=False, next_step=None,
            grand_total=ctx.order_total, currency=ctx.currency(),
        ))
        confirmed: OrderWithProducts | None
        try:
            # The order with its products: what the receipt shows, in the same one read.
            confirmed = await ctx.client.orders.get_with_products(order_id)
        except BigCommerceError:
            confirmed = None
        order = confirmed.order if confirmed is not None else None
        if order is not None and order.status_id == 0:
            log.warning("order %s: the payments host answered success but the store shows "
                        "it unpaid; verifying with the store", order_id)
            await self.outcome(attempt_id, PaymentOutcome.PENDING,
                               transaction_id=transaction_id,
                               message="payments host: success; store: unpaid")
            look = await reconcile_payment(
                ctx.client, order_id, ctx.settings, sleep=ctx.sleep, clock=ctx.clock,
                unpaid_after=self.note_ended(attempt_id),
            )
            if look.state is not PaymentState.PAID:
                # Never "not charged" against the payments host's word: still unknown.
                log.warning("order %s: the store still disagrees with the payments host "
                            "(%s)", order_id, look.state.value)
                look = OrderCheck(order_id, PaymentState.UNKNOWN, status_id=look.status_id,
                                  status=look.status)
            return await self.settle(attempt_id, order_id, look, masked)
        kept = await self.outcome(attempt_id, PaymentOutcome.SUCCESS,
                                  transaction_id=transaction_id, finished="paid")
        if order is None:
            log.info("order %s is paid; its status could not be read now", order_id)
        ctx.confirmed = confirmed
        await self.mark_paid(order_id, journaled=True)
        return PaymentResult(
            outcome="paid",
            message="Paid.",
            order_id=order_id,
            status_id=order.status_id if order is not None else None,
            status=order.status if order is not None else None,
            # An id the journal's secret filter refused is not printed either.
            transaction_id=transaction_id if kept else None,
            masked_card=masked,
            may_charge_again=False,
            next_step=None,
            grand_total=ctx.order_total,
            currency=ctx.currency(),
        )

    async def reconcile_attempt(
        self, attempt_id: str, order_id: int, masked: str | None, *, code: int | None = None
    ) -> PaymentResult:
        ctx = self.ctx
        unpaid_after = self.note_ended(attempt_id)
        ctx.emit("payment", result=PaymentResult(
            outcome="unknown", message=str(error_kind_message(ErrorKind.OUTCOME_UNKNOWN)),
            order_id=order_id, masked_card=masked, next_step=NextStep.VERIFY_PAYMENT,
        ))
        look = await reconcile_payment(
            ctx.client, order_id, ctx.settings, sleep=ctx.sleep, clock=ctx.clock,
            unpaid_after=unpaid_after,
        )
        return await self.settle(attempt_id, order_id, look, masked, code=code)

    async def settle(
        self,
        attempt_id: str,
        order_id: int,
        look: OrderCheck,
        masked: str | None,
        *,
        code: int | None = None,
    ) -> PaymentResult:
        """Record what the store says about an uncertain attempt and tell the clerk."""
        ctx = self.ctx
        if look.state is PaymentState.PAID:
            await self.outcome(attempt_id, PaymentOutcome.SUCCESS,
                               transaction_id=look.transaction_id, code=code,
                               finished="paid")
            words = str(payment_message(30105)) if code == 30105 else _PAID()
            await self.mark_paid(order_id, journaled=True)
            return PaymentResult(
                outcome="paid", message=words, code=code, order_id=order_id,
                status_id=look.status_id, status=look.status,
                transaction_id=look.transaction_id, masked_card=masked,
                grand_total=ctx.order_total, currency=ctx.currency(),
            )
        if look.state is PaymentState.UNPAID:
            await self.outcome(attempt_id, PaymentOutcome.FAILED,
                               code=code, message="verified: not charged")
            if ctx.order_id == order_id and ctx.order_fresh:
                ctx.start_pat(order_id)
            clerk = ClerkMessage(
                _NOT_THROUGH(),
                _NOT_THROUGH_TEXT(),
                NextStep.TRY_AGAIN,
                True,
            )
            return self.failure_result("error", clerk, code, masked=masked)
        if look.state is PaymentState.CLOSED:
            await self.outcome(attempt_id, PaymentOutcome.FAILED,
                               code=code, message="order closed, not charged")
            if ctx.order_id == order_id:
                ctx.order_fresh = False
                ctx.drop_pat()
            clerk = ClerkMessage(
                _CLOSED_UNPAID(),
                _CLOSED_UNPAID_TEXT(),
                NextStep.START_OVER,
                True,
            )
            return self.failure_result("error", clerk, code, masked=masked)
        kind = ErrorKind.PAYMENT_PENDING if look.state is PaymentState.PENDING else \
            ErrorKind.OUTCOME_UNKNOWN
        clerk = error_kind_message(kind)
        return PaymentResult(
            outcome="unknown", message=str(clerk), code=code, order_id=order_id,
            status_id=look.status_id, status=look.status, masked_card=masked,
            may_charge_again=False, next_step=NextStep.VERIFY_PAYMENT,
            grand_total=ctx.order_total, currency=ctx.currency(),
        )

    async def reconcile_record(self, record: SaleRecord) -> PaymentResult:
        """Settle every uncertain attempt of the journal's record; a paid order wins."""
        ctx = self.ctx
        uncertain = [a for a in record.attempts if a.outcome.uncertain]
        for attempt in uncertain:
            if attempt.order_id is None:
                continue
            masked = f"{attempt.brand or ''} {mask(attempt.last4)}".strip() if attempt.last4 \
                else None
            look = await reconcile_payment(
                ctx.client, attempt.order_id, ctx.settings,
                sleep=ctx.sleep, clock=ctx.clock, unpaid_after=self.window_of(attempt),
            )
            if attempt.order_id == ctx.order_id or ctx.order_id is None:
                ctx.order_total = ctx.order_total or attempt.amount
            result = await self.settle(attempt.attempt_id, attempt.order_id, look, masked,
                                       code=attempt.code)
            if result.outcome in ("paid", "unknown"):
                return result
        if record.paid or ctx.paid:
            paid = next(
                (a for a in record.attempts if a.outcome is PaymentOutcome.SUCCESS), None
            )
            if paid is not None and paid.order_id is not None:
                masked = f"{paid.brand or ''} {mask(paid.last4)}".strip() if paid.last4 \
                    else None
                return await self.confirm(paid.order_id, paid.transaction_id, masked)
            paid_order = ctx.order_id or record.order_id
            if paid_order is not None:
                return await self.confirm(paid_order, None, None)
        last = ctx.result
        if last is not None and last.outcome != "unknown":
            return last
        return PaymentResult(
            outcome="error", message=_NOTHING_CHARGED(), order_id=ctx.order_id,
            may_charge_again=True, next_step=NextStep.TRY_AGAIN,
            grand_total=ctx.order_total, currency=ctx.currency(),
        )

    async def settle_uncertain_first(self) -> None:
        """Never start anything while an earlier attempt's outcome is uncertain."""
        ctx = self.ctx
        if ctx.sale_id is None:
            return
        record = await ctx.jcall(ctx.journal.get, ctx.sale_id)
        if record is not None and record.payment_uncertain:
            result = await self.reconcile_record(record)
            ctx.result = result
            if result.outcome == "paid":
                ctx.set_step(SaleStep.CONFIRMED)
                raise SaleAlreadyPaid(result.message or ALREADY_PAID())
            if result.outcome == "unknown":
                raise PaymentInProgress(result.message)
