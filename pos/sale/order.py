"""The order and its payment token: made when the payment step opens, at most once per
version of the sale (a change voids them), and orders the sale gave up cancelled before a
new one is made (one found paid after all makes the sale paid with it)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import NoReturn

import pos.sale.view as view
from pos.api.errors import ApiError, BigCommerceError, ConnectionFailed
from pos.api.models import PaymentAccessToken, PaymentMethod
from pos.sale.context import SaleContext
from pos.sale.errors import (
    PaymentInProgress,
    SaleAlreadyPaid,
    StepNotReady,
    StoreProblem,
    store_problem,
)
from pos.sale.journal import PaymentOutcome, SensitiveDataError
from pos.sale.messages import ClerkMessage, ErrorKind, NextStep, error_kind_message
from pos.sale.methods_cache import shared_methods_cache
from pos.sale.phrases import ALREADY_PAID, SALE_WORDS, doing
from pos.sale.reconcile import OrderCheck, PaymentState, check_order, find_created_order
from pos.sale.records import (
    Payment,
    PaymentMethodInfo,
    PaymentOptions,
    SaleStep,
    StoredCard,
    StoredCardInfo,
)
from pos.sale.settlement import Settlement
from pos.sale.unsafe import unsafe_write

_NOT_CANCELLED = SALE_WORDS("order.not_cancelled", "An earlier order could not be cancelled")
_NOT_CANCELLED_TEXT = SALE_WORDS(
    "order.not_cancelled_text",
    "Order {order} of this sale could still be paid, so no new order was made and nothing was"
    " charged. Try again in a moment.",
)
_PAID_LATE = SALE_WORDS(
    "order.paid_late",
    "This sale is already paid with order {order}: a payment the store answered late went "
    "through. Nothing more is charged. Changes made to the sale since that order are not in "
    "it.",
)

__all__ = ["Orders"]

log = logging.getLogger("pos.sale")


class Orders:
    """The sale's orders, its payment token and payment methods."""

    def __init__(self, ctx: SaleContext, settlement: Settlement) -> None:
        self.ctx = ctx
        self.settlement = settlement

    # ------------------------------------------------------------------ payment methods

    async def payment_methods(self, order_id: int) -> list[PaymentMethod]:
        ctx = self.ctx
        if ctx.methods is not None:
            return ctx.methods
        cache = shared_methods_cache(ctx.client) if ctx.customer is None else None
        cached = cache.get() if cache is not None else None
        if cache is not None and cached is not None:
            # The store's list as last read; a stale one is read again for the next sale.
            ctx.methods = cached
            cache.refresh_if_stale(lambda: ctx.client.payments.methods(order_id=order_id))
            return cached
        task = ctx.methods_task
        methods: list[PaymentMethod] | None = None
        if task is not None:
            try:
                methods = await task
            except (BigCommerceError, asyncio.CancelledError):
                methods = None
        if methods is None:
            methods = await ctx.store(
                ctx.client.payments.methods(order_id=order_id), doing("reading the payment methods")
            )
        ctx.methods = methods
        if cache is not None:
            cache.put(methods)
        return methods

    def stored_for(self, payment: Payment) -> StoredCardInfo | None:
        ctx = self.ctx
        if not isinstance(payment, StoredCard) or ctx.methods is None:
            return None
        for info in view.stored_cards(ctx.methods, has_customer=ctx.customer is not None):
            if info.token == payment.token:
                return info
        return None

    # ------------------------------------------------------------------ the token

    async def take_pat(self, order_id: int) -> PaymentAccessToken:
        """The token for this attempt (single use: it is forgotten once taken)."""
        ctx = self.ctx
        pat = ctx.pat if ctx.pat_order == order_id else None
        if pat is None:
            task = ctx.pat_task if ctx.pat_order == order_id else None
            if task is None:
                ctx.start_pat(order_id)
                task = ctx.pat_task
            assert task is not None
            waiting = task

            async def forget(_: BigCommerceError) -> None:
                ctx.drop_pat()

            # An orphan token is harmless: after a lost answer, make another.
            pat = await unsafe_write(
                lambda: waiting,
                what="preparing the payment",
                resend=lambda: ctx.store(
                    ctx.client.payments.create_access_token(order_id), "preparing the payment"
                ),
                on_error=forget,
            )
        ctx.pat = None
        ctx.pat_task = None
        ctx.pat_order = None
        return pat

    # ------------------------------------------------------------------ abandoned orders

    async def cancel_old_orders(self) -> None:
        """Orders this sale abandoned stay unpaid: cancel them (best effort) so that
        nothing can pay them later.

        An abandoned order that turns out paid or pending (a payment whose answer came too
        late, after the order was given up) means the sale is paid, or may be: raises
        :class:`SaleAlreadyPaid` (the sale is then confirmed with that order) or
        :class:`PaymentInProgress`, and nothing is charged again.
        """
        ctx = self.ctx
        attempted: set[int] = set()
        if ctx.sale_id is not None:
            record = await ctx.jcall(ctx.journal.get, ctx.sale_id)
            if record is not None:
                attempted = {a.order_id for a in record.attempts if a.order_id is not None}
        for order_id in list(ctx.order_ids):
            if order_id == ctx.order_id and ctx.order_fresh:
                continue
            # An order a payment was sent for may still be paid: it must be read, and
            # cancelled for certain, before another order is made. One never charged
            # cannot be paid by this register: cancelling it is a courtesy.
            must = order_id in attempted
            try:
                look = await check_order(ctx.client, order_id)
            except BigCommerceError as exc:
                if must:
                    raise store_problem(exc, what=doing("checking an earlier order of this sale")) \
                        from exc
                log.info("could not check the abandoned order %s", order_id)
                continue
            await self.settle_old_order(look)
            if look.status_id != 0:
                continue
            try:
                await ctx.client.orders.set_status(order_id, 5)
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
                look = await check_order(ctx.client, order_id)
            except BigCommerceError as exc:
                raise store_problem(exc, what=doing("checking an earlier order of this sale")) \
                    from exc
            await self.settle_old_order(look)
            if look.status_id != 5 and look.state is not PaymentState.CLOSED:
                raise StoreProblem(
                    ClerkMessage(
                        _NOT_CANCELLED(),
                        _NOT_CANCELLED_TEXT(order=order_id),
                        NextStep.TRY_AGAIN,
                        False,
                    ),
                    ErrorKind.SERVER_ERROR,
                    detail=f"order {order_id} is still status {look.status_id}",
                )

    async def settle_old_order(self, look: OrderCheck) -> None:
        """An earlier order found paid makes the sale paid; one pending stops everything."""
        if look.state is PaymentState.PAID:
            await self.paid_by_old_order(look)
        if look.state is PaymentState.PENDING:
            raise PaymentInProgress(
                f"A payment of an earlier order of this sale (order {look.order_id}) is still "
                "being processed by the store. Nothing more is charged: wait a moment, "
                "then open the payment step again."
            )

    async def paid_by_old_order(self, look: OrderCheck) -> NoReturn:
        """An order this sale had given up was paid after all: the sale is paid with it."""
        ctx = self.ctx
        order_id = look.order_id
        log.warning("order %s of this sale was paid after it was given up", order_id)
        if ctx.sale_id is not None:
            await ctx.jcall(ctx.journal.log_event, ctx.sale_id, "late_payment",
                            {"order_id": order_id})
            # The journal records the store's truth: the attempt believed failed was paid.
            record = await ctx.jcall(ctx.journal.get, ctx.sale_id)
            late = [a for a in record.attempts if a.order_id == order_id] if record else []
            if late and late[-1].outcome is not PaymentOutcome.SUCCESS:
                try:
                    await ctx.jcall(ctx.journal.late_success, late[-1].attempt_id,
                                    look.transaction_id)
                except SensitiveDataError:
                    await ctx.jcall(ctx.journal.late_success, late[-1].attempt_id)
        ctx.order_id = order_id
        if look.order is not None and look.order.total_inc_tax is not None:
            ctx.order_total = ctx.q(look.order.total_inc_tax)
        text = _PAID_LATE(order=order_id)
        result = await self.settlement.confirm(order_id, look.transaction_id, None,
                                               message=text)
        ctx.result = result
        ctx.emit("payment", result=result)
        ctx.set_step(SaleStep.CONFIRMED)
        raise SaleAlreadyPaid(text)

    # ------------------------------------------------------------------ the order

    async def prepare(self) -> PaymentOptions:
        """Open the payment step: the order and its token (new ones when the sale changed
        since) and what to show."""
        ctx = self.ctx
        if ctx.paid:
            raise SaleAlreadyPaid(ALREADY_PAID())
        await self.settlement.settle_uncertain_first()
        self.require_ready_for_order()
        cart_id = ctx.require_cart()
        if not ctx.order_fresh or ctx.order_id is None:
            if ctx.checkout is None or ctx.checkout_stale:
                await ctx.refresh_checkout()
            await self.create_order(cart_id)
        order_id = ctx.order_id
        assert order_id is not None
        if ctx.pat is None and ctx.pat_task is None:
            ctx.start_pat(order_id)
        methods = await self.payment_methods(order_id)
        if ctx.pat_task is not None and ctx.pat_order == order_id:
            try:
                ctx.pat = await ctx.pat_task
                ctx.pat_task = None
            except BigCommerceError:
                ctx.pat = None
                ctx.pat_task = None
        total = ctx.order_total if ctx.order_total is not None else view.ZERO
        ctx.shown_total = total
        ctx.set_step(SaleStep.PAYMENT)
        card_methods = tuple(
            PaymentMethodInfo(m.id, m.name or m.id, m.type or "") for m in methods
        )
        ctx.emit("payment")
        checkout = ctx.checkout
        return PaymentOptions(
            order_id=order_id,
            total=total,
            currency=ctx.currency(),
            methods=card_methods,
            stored_cards=tuple(view.stored_cards(methods, has_customer=ctx.customer is not None)),
            totals=None if checkout is None else view.totals_from(
                checkout, ctx.currency(), ctx.subtotal),
        )

    def require_ready_for_order(self) -> None:
        step = self.ctx.ready_step()
        if step.position < SaleStep.REVIEW.position:
            raise StepNotReady(view.NOT_READY_FOR_ORDER[step])

    async def create_order(self, cart_id: str) -> None:
        ctx = self.ctx
        sale_id = await ctx.ensure_sale_record()
        await self.cancel_old_orders()
        checkout = ctx.checkout
        assert checkout is not None
        total = ctx.q(checkout.grand_total if checkout.grand_total is not None else view.ZERO)
        await ctx.jcall(ctx.journal.record_totals, sale_id, total, ctx.currency())
        await ctx.jcall(ctx.journal.begin_order_creation, sale_id)

        async def failed(exc: BigCommerceError) -> None:
            if isinstance(exc, ConnectionFailed | ApiError):
                await ctx.jcall(ctx.journal.order_not_created, sale_id, type(exc).__name__)
            # Anything else leaves the creation pending in the journal: resume reconciles it.

        async def none_made() -> int:
            await ctx.jcall(ctx.journal.order_not_created, sale_id, "verified: none")
            raise StoreProblem(
                error_kind_message(ErrorKind.SERVER_ERROR), ErrorKind.SERVER_ERROR,
                detail="the order could not be made",
            ) from None

        def attempt(resend: bool) -> Awaitable[int]:
            return unsafe_write(
                lambda: ctx.client.checkouts.create_order(cart_id),
                what=doing("making the order"),
                reconcile=lambda: self.find_order(cart_id),
                resend=again if resend else none_made,
                on_error=failed,
            )

        async def again() -> int:
            # Provably no order: one more try.
            await ctx.jcall(ctx.journal.order_not_created, sale_id, "verified: none")
            await ctx.jcall(ctx.journal.begin_order_creation, sale_id)
            return await attempt(resend=False)

        order_id = await attempt(resend=True)
        await ctx.jcall(ctx.journal.order_created, sale_id, order_id)
        ctx.order_id = order_id
        if order_id not in ctx.order_ids:
            ctx.order_ids.append(order_id)
        ctx.order_fresh = True
        ctx.order_total = total
        ctx.start_pat(order_id)

    async def find_order(self, cart_id: str) -> int | None:
        ctx = self.ctx
        try:
            return await find_created_order(
                ctx.client, cart_id, set(ctx.order_ids), ctx.settings,
                sleep=ctx.sleep, clock=ctx.clock,
            )
        except BigCommerceError as exc:
            raise store_problem(exc, what=doing("checking whether the order was made")) from exc

    async def cancel_abandoned(self) -> None:
        """The sale is given up: every unpaid order of it is cancelled, including an
        Incomplete order of its cart the sale never learnt of (an order creation answered
        with an error that the store had done)."""
        ctx = self.ctx
        ctx.order_fresh = False
        await self.cancel_old_orders()
        if ctx.cart_id is None:
            return
        try:
            found = await ctx.client.orders.list(cart_id=ctx.cart_id, limit=50)
        except BigCommerceError as exc:
            log.info("the cart's orders could not be listed (%s)", type(exc).__name__)
            return
        for order in found:
            if order.id in ctx.order_ids or order.status_id != 0:
                continue
            try:
                await ctx.client.orders.set_status(order.id, 5)
                log.info("cancelled the unknown Incomplete order %s of this sale", order.id)
            except BigCommerceError as exc:
                log.info("could not cancel the order %s (%s)", order.id, type(exc).__name__)
