"""Finding out, from the store itself, what an uncertain call did.

BigCommerce has no idempotency key: creating an order and charging a card cannot be
repeated blindly. When such a call ends without a certain answer, these functions ask the
store what happened:

* :func:`find_created_order`: did ``POST /v3/checkouts/{id}/orders`` make an order?
  Re-reads the checkout's ``order_id`` and lists v2 orders by ``cart_id``.
* :func:`check_order` / :func:`reconcile_payment`: is the order paid? Reads the order's
  status and its transactions (in parallel), repeatedly, until the answer is certain or a
  bounded time has passed. An order counts as **unpaid** only when it is still Incomplete
  (status 0), has no successful or pending transaction, has looked that way for
  ``unpaid_confirm`` seconds in a row, and the payment's unpaid window is over
  (:func:`unpaid_window_end`: a request the store is still processing may yet land).
"""

from __future__ import annotations

import asyncio
import enum
import logging
import time
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass

from pos.api.client import BigCommerceClient
from pos.api.errors import BigCommerceError, NotFound
from pos.api.models import Order, Transaction
from pos.sale.settings import SaleSettings

__all__ = [
    "CLOSED_STATUSES",
    "PAID_EVENTS",
    "PAID_STATUSES",
    "OrderCheck",
    "PaymentState",
    "check_order",
    "classify",
    "find_created_order",
    "reconcile_payment",
    "unpaid_window_end",
]

log = logging.getLogger("pos.sale")

Sleep = Callable[[float], Awaitable[None]]
Clock = Callable[[], float]

#: Transaction events that mean money was taken (or authorised).
PAID_EVENTS = frozenset({"purchase", "authorization", "capture", "settled"})
#: Order statuses a successful payment leads to (or that follow one).
PAID_STATUSES = frozenset({2, 3, 4, 8, 9, 10, 11, 12, 13, 14})
#: Statuses from which an order is never paid: Cancelled and Declined. (7 Awaiting Payment
#: is not one of them: such an order may still be paid, so it counts as pending.)
CLOSED_STATUSES = frozenset({5, 6})


class PaymentState(enum.StrEnum):
    PAID = "paid"
    """A successful transaction, or a status that only a payment leads to."""
    PENDING = "pending"
    """The gateway accepted the payment but it has not settled: never charge again."""
    UNPAID = "unpaid"
    """Incomplete (status 0) with no successful or pending transaction."""
    CLOSED = "closed"
    """Cancelled, declined or otherwise not payable, and not paid."""
    UNKNOWN = "unknown"
    """The store could not be read."""


@dataclass(frozen=True)
class OrderCheck:
    """What the store says about one order."""

    order_id: int
    state: PaymentState
    status_id: int | None = None
    status: str | None = None
    transaction_id: str | None = None
    order: Order | None = None

    @property
    def certain(self) -> bool:
        return self.state in (PaymentState.PAID, PaymentState.UNPAID, PaymentState.CLOSED)


def classify(order: Order, transactions: Collection[Transaction]) -> OrderCheck:
    """The payment state of ``order`` from its status and transactions."""
    ok = [t for t in transactions if (t.status or "ok").lower() != "error"]
    paid = [t for t in ok if (t.event or "").lower() in PAID_EVENTS]
    pending = [t for t in ok if (t.event or "").lower() == "pending"]
    status_id = order.status_id
    txn: Transaction | None = None
    if paid or status_id in PAID_STATUSES:
        state = PaymentState.PAID
        found = paid or pending
        txn = found[-1] if found else None
    elif pending or status_id not in CLOSED_STATUSES | {0}:
        # 1 Pending, 7 Awaiting Payment, or a status this register does not know: the
        # order may still be paid; never believe it unpaid or closed.
        state = PaymentState.PENDING
        txn = pending[-1] if pending else None
    elif status_id == 0:
        state = PaymentState.UNPAID
    else:
        state = PaymentState.CLOSED
    # BigCommerce's own transaction id (the v3 ``id``), not the gateway's: a gateway id may
    # look like a token or a card number (Square, Adyen) and is not the store's record.
    tx_id = None if txn is None or txn.id is None else str(txn.id)
    return OrderCheck(order.id, state, status_id, order.status, tx_id, order)


async def check_order(client: BigCommerceClient, order_id: int) -> OrderCheck:
    """One look at the order: its status and its transactions, read in parallel."""
    order, transactions = await asyncio.gather(
        client.orders.get(order_id), client.orders.transactions(order_id)
    )
    found = classify(order, transactions)
    if found.state is PaymentState.PAID and order.status_id in _NOT_YET_PAID_STATUSES:
        # The payment settled between the two reads: the transactions saw it, the order
        # was read a moment before. Read the order again for its settled status.
        found = classify(await client.orders.get(order_id), transactions)
    return found


#: Statuses an order has before its payment settles (Incomplete, Pending, Awaiting Payment).
_NOT_YET_PAID_STATUSES = frozenset({0, 1, 7})


def unpaid_window_end(
    settings: SaleSettings, sent_at: float, ended_at: float | None = None
) -> float:
    """The earliest moment (same clock as ``sent_at``) at which an order may be believed
    unpaid after a payment request sent at ``sent_at`` whose call ended (failed, timed out,
    or answered uncertainly) at ``ended_at``.

    The store may still be processing a request its client stopped waiting for: the
    window lasts ``payment_timeout + store_processing_limit`` from the moment the request
    was sent, and never ends sooner than ``store_processing_limit`` after the call ended
    (a request held back, e.g. while connecting, may have left late).
    """
    end = sent_at + max(0.0, settings.payment_timeout)
    if ended_at is not None:
        end = max(end, ended_at)
    return end + max(0.0, settings.store_processing_limit)


async def reconcile_payment(
    client: BigCommerceClient,
    order_id: int,
    settings: SaleSettings,
    *,
    sleep: Sleep = asyncio.sleep,
    clock: Clock = time.monotonic,
    limit: float | None = None,
    unpaid_after: float | None = None,
) -> OrderCheck:
    """Read the order until its payment state is certain, or the time is up.

    Returns a certain :class:`OrderCheck` (paid; unpaid for ``unpaid_confirm`` seconds in
    a row, the last look taken at or after ``unpaid_after``; closed) or, when time ran
    out, the last look (pending, or unknown; an order that looked unpaid too early is
    unknown). ``unpaid_after`` is on ``clock``'s scale, usually from
    :func:`unpaid_window_end`.
    """
    limit = settings.reconcile_timeout if limit is None else limit
    started = clock()
    deadline = started + limit
    interval = max(0.01, settings.reconcile_interval)
    unpaid_since: float | None = None
    last = OrderCheck(order_id, PaymentState.UNKNOWN)
    while True:
        asked = clock()
        try:
            look = await check_order(client, order_id)
        except BigCommerceError as exc:
            log.info("reading order %s failed (%s); trying again", order_id, type(exc).__name__)
            look = OrderCheck(order_id, PaymentState.UNKNOWN)
            unpaid_since = None
        now = clock()
        if look.state in (PaymentState.PAID, PaymentState.CLOSED):
            return look
        # The earliest moment an unpaid look could be believed.
        sure_at: float | None = None
        if look.state is PaymentState.UNPAID:
            if unpaid_since is None:
                unpaid_since = now
            sure_at = unpaid_since + settings.unpaid_confirm
            if unpaid_after is not None:
                sure_at = max(sure_at, unpaid_after)
            if now >= unpaid_since + settings.unpaid_confirm and (
                unpaid_after is None or asked >= unpaid_after
            ):
                return look
        elif look.state is not PaymentState.UNKNOWN:
            unpaid_since = None
        if look.state is not PaymentState.UNKNOWN or last.state is PaymentState.UNKNOWN:
            last = look
        if now >= deadline:
            if last.state is PaymentState.UNPAID:
                # Not unpaid for long enough, or too soon after the payment, to be sure.
                return OrderCheck(order_id, PaymentState.UNKNOWN, last.status_id, last.status)
            return last
        wait = min(interval, deadline - now)
        if sure_at is not None:
            wait = min(wait, max(0.0, sure_at - now)) or wait
        await sleep(max(0.0, wait))
        interval = min(interval * 2, max(settings.reconcile_max_interval, interval))


async def find_created_order(
    client: BigCommerceClient,
    checkout_id: str,
    known: Collection[int],
    settings: SaleSettings,
    *,
    sleep: Sleep = asyncio.sleep,
    clock: Clock = time.monotonic,
) -> int | None:
    """The order an uncertain create-order call made, or None once it has provably
    made none (no new order seen for ``unpaid_confirm`` seconds of reads).

    Raises the client's error when the store could not be read at all within
    ``order_reconcile_timeout``.
    """
    deadline = clock() + settings.order_reconcile_timeout
    interval = max(0.01, settings.reconcile_interval)
    absent_since: float | None = None
    last_error: BigCommerceError | None = None
    while True:
        found: int | None = None
        looked = False
        try:
            checkout = await client.checkouts.get(checkout_id, include=())
            looked = True
            if checkout.order_id and str(checkout.order_id).isdigit():
                candidate = int(checkout.order_id)
                if candidate not in known:
                    found = candidate
        except NotFound:
            looked = True  # the cart is gone (paid orders delete it): ask the orders list
        except BigCommerceError as exc:
            last_error = exc
        if found is None:
            try:
                orders = await client.orders.list(cart_id=checkout_id, limit=50)
                looked = True
                fresh = sorted(o.id for o in orders if o.id not in known)
                if fresh:
                    found = fresh[-1]
            except BigCommerceError as exc:
                last_error = exc
                looked = False
        if found is not None:
            return found
        now = clock()
        if looked:
            if absent_since is None:
                absent_since = now
            if now - absent_since >= settings.unpaid_confirm:
                return None
        else:
            absent_since = None
        if now >= deadline:
            if last_error is not None and absent_since is None:
                raise last_error
            return None
        await sleep(max(0.0, min(interval, deadline - now)))
        interval = min(interval * 2, max(settings.reconcile_max_interval, interval))
