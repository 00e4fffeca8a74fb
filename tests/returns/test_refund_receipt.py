"""Receipts carry the order id as a Code 128 barcode (a return starts by scanning it), and
a refund has its own receipt, saved as PDF from the refund the store made."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import barcode
from PySide6.QtGui import QColor
from returns_support import Orders, all_lines, fast_settings

from pos.api.client import BigCommerceClient
from pos.returns import RefundJournal, Returns
from pos.ui import receipt
from pos.ui.refund_receipt import refund_receipt_data


def _bars(image, module_px: int = 4) -> str:
    """The bar pattern read back from the image's middle row, quiet zones stripped."""
    y = image.height() // 2
    bits = "".join(
        "1" if QColor(image.pixel(x, y)).lightness() < 128 else "0"
        for x in range(0, image.width(), module_px)
    )
    return bits.strip("0")


def test_the_barcode_image_holds_the_order_ids_code128(qapp) -> None:
    image = receipt.code128_image("100245")
    [pattern] = barcode.get("code128", "100245").build()
    assert _bars(image) == pattern.strip("0")
    assert _bars(receipt.code128_image("100246")) != pattern.strip("0")


async def test_refund_receipt_pdf(qapp, client: BigCommerceClient, journal: RefundJournal,
                                  orders: Orders, tmp_path: Path) -> None:
    order_id = orders.paid(2)
    returns = Returns(client, journal, fast_settings())
    view = await returns.order(order_id)
    lines = all_lines(view, restock=False)
    result = await returns.refund(order_id, lines, reason="Other")
    assert result.outcome == "refunded"
    data = refund_receipt_data(view, result, lines, store="Main Street Shop", locale="en_US")
    assert data.title == "Refund" and data.order_id == order_id
    assert data.total == -(result.amount or Decimal(0)) < 0
    doc = receipt.document(data)
    text = doc.toPlainText()
    assert "Refund" in text and str(order_id) in text and "Refunded" in text
    assert "barcode:order" in receipt.receipt_html(data)
    pdf = receipt.save_pdf(data, tmp_path / "refund.pdf")
    head = pdf.read_bytes()
    assert head.startswith(b"%PDF") and b"/Image" in head
