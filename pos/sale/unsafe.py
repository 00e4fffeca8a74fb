"""The one way the sale sends a write the store may or may not have done.

A create (a cart, a line, a billing address, consignments, a coupon, an order, a payment
token) cannot simply be sent again when its answer is lost: the store may hold it already.
:func:`unsafe_write` sends it once; on an unknown outcome it *reconciles* (re-reads what the
store holds), *decides* (the store has it: use that; it provably has not: send again) and
*resends*; any other failure is raised as a clerk-facing :class:`StoreProblem`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TypeVar

from pos.api.errors import BigCommerceError, OutcomeUnknown
from pos.sale.errors import StoreProblem, store_problem

__all__ = ["unsafe_write"]

T = TypeVar("T")

async def unsafe_write(
    send: Callable[[], Awaitable[T]],
    *,
    what: str,
    resend: Callable[[], Awaitable[T]],
    reconcile: Callable[[], Awaitable[T | None]] | None = None,
    on_error: Callable[[BigCommerceError], Awaitable[None]] | None = None,
) -> T:
    """Send an unsafe write once; settle an unknown outcome before anything is sent again.

    ``reconcile``: after an unknown outcome, what the store holds (None: it provably does
    not hold the write, or there is nothing to read: an orphan is harmless). ``resend``:
    the second try, sent only when ``reconcile`` found nothing; it raises its own failures.
    ``on_error``: called with any other failure of the first send before it is raised as a
    :class:`StoreProblem` (it may record it, or raise a more precise error itself).
    """
    try:
        return await send()
    except OutcomeUnknown:
        pass
    except BigCommerceError as exc:
        if on_error is not None:
            await on_error(exc)
        raise _problem(exc, what) from exc
    if reconcile is not None:
        held = await reconcile()
        if held is not None:
            return held
    return await resend()


def _problem(exc: BigCommerceError, what: str) -> StoreProblem:
    return store_problem(exc, what=what)
