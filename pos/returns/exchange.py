"""An exchange: the returned lines refunded, then a new sale for the same customer, as one
flow. The refund comes first and stands on its own (exactly once, journaled); the new sale
is an ordinary sale (its own journal) started only once the refund is made, for the order's
customer (a known customer by e-mail, a guest with the order's billing address)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pos.returns.engine import Returns
from pos.returns.records import RefundResult, ReturnLine
from pos.sale.records import Payment, PaymentOptions, PaymentResult
from pos.sale.sale import Sale
from pos.sale.script import ConsignmentSpec, ItemSpec, SaleScript, walk

__all__ = ["ExchangeResult", "exchange"]


@dataclass(frozen=True)
class ExchangeResult:
    refund: RefundResult
    sale: PaymentResult | None  # None when the refund was not made (no sale started)


async def exchange(
    returns: Returns,
    order_id: int,
    lines: Sequence[ReturnLine],
    *,
    new_items: Sequence[ItemSpec],
    sale: Sale,
    pay: Callable[[PaymentOptions], Payment],
    reason: str = "Exchange",
) -> ExchangeResult:
    view = await returns.order(order_id)
    refund = await returns.refund(order_id, lines, reason=reason)
    if refund.outcome != "refunded":
        return ExchangeResult(refund, None)
    billing = dict(view.billing)
    script = SaleScript(
        items=tuple(new_items),
        billing=billing if billing else "customer-default",
        customer_email=view.email if view.customer_id and view.email else None,
        consignments=(ConsignmentSpec(pickup=True),),
    )
    walked = await walk(sale, script, pay)
    return ExchangeResult(refund, walked.result)
