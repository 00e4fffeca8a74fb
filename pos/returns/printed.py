"""The printed refund receipt (ESC/POS, through :mod:`pos.hardware`): the refunded lines at
minus their price, the amount the store refunded, the order's status and the order id's
Code 128 barcode (a second return of the same order starts by scanning it too)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from pos.hardware.receipt import Receipt, ReceiptOptions, labels_for
from pos.returns.records import OrderView, RefundResult, ReturnLine

__all__ = ["REFUND_TITLES", "refund_receipt"]

#: The receipt's title by language (the hardware room's labels have none for a refund).
REFUND_TITLES = {"en": "REFUND", "es": "DEVOLUCIÓN", "fr": "REMBOURSEMENT"}


def refund_receipt(view: OrderView, result: RefundResult, lines: Sequence[ReturnLine],
                   options: ReceiptOptions, *, when: dt.datetime | None = None) -> Receipt:
    by_item = {x.item_id: x for x in view.lines}
    rows = tuple(
        (by_item[x.item_id].name, x.quantity, -(by_item[x.item_id].unit_price * x.quantity))
        for x in lines if x.quantity > 0 and x.item_id in by_item
    )
    amount = result.amount if result.amount is not None else Decimal(0)
    language = options.language or options.locale
    labels = labels_for(language)
    title = REFUND_TITLES.get(language.split("_")[0].lower(), REFUND_TITLES["en"])
    return Receipt(
        store=options.store, order_id=view.order_id, status=result.status or "",
        transaction_id=str(result.refund_id or ""), masked_card="",
        currency=result.currency or view.currency or options.currency,
        locale=options.locale, lines=rows, rows=((title.title(), -amount),), total=-amount,
        terminal=options.terminal, header=(*options.header, f"*** {title} ***"),
        footer=options.footer, when=when or dt.datetime.now(dt.UTC),
        status_id=result.status_id, labels=labels,
    )
