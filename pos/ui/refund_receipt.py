"""The refund receipt (PDF or printed through Qt): the order's refunded lines, the amount
the store refunded and the order's status, with the order id's Code 128 barcode."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from pos.returns import OrderView, RefundResult, ReturnLine
from pos.ui.receipt import ReceiptData
from pos.ui.sale_messages import order_status_name


def refund_receipt_data(
    view: OrderView, result: RefundResult, lines: Sequence[ReturnLine], *, store: str,
    locale: str, terminal: str = "", header: Sequence[str] = (), footer: Sequence[str] = (),
    when: datetime | None = None,
) -> ReceiptData:
    """A refund's receipt: each returned line at minus its price, the refunded total."""
    by_item = {x.item_id: x for x in view.lines}
    rows = []
    for line in lines:
        order_line = by_item.get(line.item_id)
        if order_line is None or line.quantity <= 0:
            continue
        rows.append((order_line.name, line.quantity,
                     -(order_line.unit_price * line.quantity)))
    amount = result.amount if result.amount is not None else Decimal(0)
    refunded = QCoreApplication.translate("Receipt", "Refunded")
    return ReceiptData(
        store=store, order_id=view.order_id,
        status=order_status_name(result.status_id, result.status or "")
        if result.status_id is not None else "",
        transaction_id=str(result.refund_id or ""), masked_card="",
        currency=result.currency or view.currency, locale=locale, lines=rows,
        rows=[(refunded, -amount)], total=-amount, terminal=terminal,
        header=tuple(header), footer=tuple(footer),
        when=when if when is not None else datetime.now().astimezone(),
        title=QCoreApplication.translate("Receipt", "Refund"),
    )

