"""Resuming an unfinished sale of the journal, driven by the journal's own
:attr:`SaleRecord.resume_point`: an uncertain payment is settled first, an uncertain order
creation looked up, and only then is the sale rebuilt from the store's checkout. Every
step the resumed sale takes is journaled."""

from __future__ import annotations

from pos.api.errors import BigCommerceError, NotFound
from pos.sale.cart import CartKeeper
from pos.sale.context import SaleContext
from pos.sale.errors import SaleError, store_problem
from pos.sale.journal import ResumePoint, SaleRecord
from pos.sale.messages import ErrorKind, NextStep, error_kind_message
from pos.sale.order import Orders
from pos.sale.phrases import SALE_WORDS, doing
from pos.sale.reconcile import OrderCheck, PaymentState, check_order
from pos.sale.records import ConsignmentPlan, Customer, PaymentResult, SaleStep
from pos.sale.settlement import Settlement

_NO_ITEMS_CLOSED = SALE_WORDS(
    "resume.no_items",
    "This sale had no items in the store; it was closed.",
)
_CART_GONE = SALE_WORDS(
    "resume.cart_gone",
    "The store no longer has this sale's cart and nothing was paid; start a new sale.",
)

__all__ = ["Recovery"]


class Recovery:
    """Brings a sale back from its journal record."""

    def __init__(self, ctx: SaleContext, cart: CartKeeper, orders: Orders,
                 settlement: Settlement) -> None:
        self.ctx = ctx
        self.cart = cart
        self.orders = orders
        self.settlement = settlement

    def load(self, record: SaleRecord) -> None:
        """What the journal knows: the sale, its cart and its orders."""
        ctx = self.ctx
        ctx.sale_id = record.sale_id
        ctx.cart_id = record.cart_id
        ctx.order_ids = list(record.order_ids)
        ctx.order_id = record.order_id
        ctx.order_total = record.grand_total

    async def recover(self, record: SaleRecord) -> None:
        """Continue from the record's resume point."""
        point = record.resume_point
        if point is ResumePoint.RECONCILE_ORDER or record.order_creation_pending:
            record = await self.settle_order_creation(record)
            point = record.resume_point
        settle_first = point in (ResumePoint.RECONCILE_PAYMENT, ResumePoint.CONFIRM_PAID)
        if settle_first and await self.settle_payment(record):
            return
        if await self.paid_elsewhere():
            return
        await self.rebuild(record)

    async def settle_order_creation(self, record: SaleRecord) -> SaleRecord:
        """An order creation without an answer: did the store make the order?"""
        ctx = self.ctx
        if not record.cart_id:
            return record
        sale_id = record.sale_id
        found = await self.orders.find_order(record.cart_id)
        if found is None:
            await ctx.jcall(ctx.journal.order_not_created, sale_id, "verified: none")
        else:
            await ctx.jcall(ctx.journal.order_created, sale_id, found)
            if found not in ctx.order_ids:
                ctx.order_ids.append(found)
            ctx.order_id = found
        fresh = await ctx.jcall(ctx.journal.get, sale_id)
        assert fresh is not None
        return fresh

    async def settle_payment(self, record: SaleRecord) -> bool:
        """A payment in doubt or paid: settle it. True when the sale stops here (paid, or
        still uncertain)."""
        ctx = self.ctx
        result = await self.settlement.reconcile_record(record)
        ctx.result = result
        if result.outcome == "paid":
            await ctx.enter_step(SaleStep.CONFIRMED)
            return True
        if result.outcome == "unknown":
            await ctx.enter_step(SaleStep.PAYMENT)
            return True
        return False

    async def paid_elsewhere(self) -> bool:
        """Any order of the sale paid (or being paid) by a route the journal did not see?"""
        ctx = self.ctx
        for order_id in reversed(ctx.order_ids):
            try:
                look = await check_order(ctx.client, order_id)
            except BigCommerceError as exc:
                raise store_problem(exc, what=doing("checking the order")) from exc
            if look.state is PaymentState.PAID:
                ctx.order_id = order_id
                ctx.result = await self.settlement.confirm(order_id, look.transaction_id, None)
                await ctx.enter_step(SaleStep.CONFIRMED)
                return True
            if look.state is PaymentState.PENDING:
                ctx.order_id = order_id
                ctx.result = PaymentResult(
                    outcome="unknown",
                    message=str(error_kind_message(ErrorKind.PAYMENT_PENDING)),
                    order_id=order_id, status_id=look.status_id, status=look.status,
                    next_step=NextStep.VERIFY_PAYMENT,
                )
                await ctx.enter_step(SaleStep.PAYMENT)
                return True
        return False

    async def rebuild(self, record: SaleRecord) -> None:
        """Nothing paid: the sale as the store's checkout holds it, at the first step that
        needs the clerk (never past review: the clerk opens the payment step again)."""
        ctx = self.ctx
        sale_id = record.sale_id
        if ctx.cart_id is None:
            await ctx.jcall(ctx.journal.mark_finished, sale_id, "abandoned")
            raise SaleError(_NO_ITEMS_CLOSED())
        try:
            checkout = await ctx.client.checkouts.get(ctx.cart_id)
        except NotFound:
            await ctx.jcall(ctx.journal.mark_finished, sale_id, "abandoned")
            raise SaleError(_CART_GONE()) from None
        except BigCommerceError as exc:
            raise store_problem(exc, what=doing("reading the sale")) from exc
        customer_id = checkout.cart.customer_id or record.customer_id or 0
        if customer_id:
            try:
                found_customers = await self.cart.search_customers(ids=[customer_id])
                ctx.customer = next(
                    (c for c in found_customers if c.id == customer_id), None
                )
            except BigCommerceError:
                ctx.customer = Customer(id=customer_id, name="", email="")
        ctx.set_checkout(checkout)
        if checkout.billing_address is None or not checkout.billing_address.email:
            ctx.billing = None
        ctx.consignment_plans = {
            c.id: ConsignmentPlan(kind=c.kind, items=dict(c.items), address=c.address)
            for c in ctx.consignments
        }
        ctx.plans = list(ctx.consignment_plans.values())
        # Keep the current order when it is still unpaid and matches the checkout.
        ctx.order_fresh = False
        if ctx.order_id is not None and checkout.grand_total is not None:
            current: OrderCheck | None
            try:
                current = await check_order(ctx.client, ctx.order_id)
            except BigCommerceError:
                current = None
            look = current if current is not None else OrderCheck(0, PaymentState.UNKNOWN)
            order = look.order
            if (look.state is PaymentState.UNPAID and order is not None
                    and order.total_inc_tax is not None
                    and ctx.q(order.total_inc_tax) == ctx.q(checkout.grand_total)):
                ctx.order_fresh = True
                ctx.order_total = ctx.q(checkout.grand_total)
        ctx.start_methods_fetch()
        step = ctx.ready_step()
        if step is SaleStep.PAYMENT:
            step = SaleStep.REVIEW  # the clerk opens the payment step again
        await ctx.enter_step(step)
