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


def test_printed_refund_receipt(qapp) -> None:
    from datetime import UTC, datetime

    from pos.hardware.escpos_render import render_receipt
    from pos.hardware.receipt import ReceiptOptions
    from pos.returns import OrderLine, OrderView, RefundResult, ReturnLine
    from pos.returns.printed import refund_receipt

    line = OrderLine(item_id=7, sku="AWA-1", name="Apron", variant_id=3, quantity=2,
                     refunded=0, unit_price=Decimal("10.50"))
    view = OrderView(order_id=123, status_id=11, status="Awaiting Fulfillment",
                     payment_status="captured", currency="EUR", total=Decimal("21.00"),
                     refunded_amount=Decimal(0), shipping_cost=Decimal(0),
                     shipping_address_id=None, customer_id=0, customer_name="Ana Diaz",
                     email="ana@example.com", lines=(line,))
    result = RefundResult("refunded", 123, refund_id=9, amount=Decimal("10.50"),
                          currency="EUR", status_id=14, status="Partially Refunded")
    options = ReceiptOptions(store="Tienda", locale="es_ES", currency="EUR")
    receipt = refund_receipt(view, result, [ReturnLine(item_id=7, quantity=1)], options,
                             when=datetime(2026, 12, 7, 12, tzinfo=UTC))
    assert receipt.total == Decimal("-10.50") and receipt.lines[0][1] == 1
    data = render_receipt(receipt)
    assert b"DEVOLUCI" in data and b"Apron" in data
    assert b"{B123" in data  # the order id's Code 128
    assert b"\x1dV" in data  # cut
