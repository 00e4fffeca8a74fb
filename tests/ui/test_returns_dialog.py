"""The return flow on screen (F7): the order found by its number (as the receipt's barcode
scans it), lines with what remains refundable, the store's quote, the refund, the refund
receipt; a void offered while the payment has not settled."""

from __future__ import annotations

from openapi_support import StoreHttp, card, line_item, sellable_variants
from PySide6.QtWidgets import QSpinBox

from pos.ui.returns import ReturnsDialog


def _paid_order(store, quantity: int = 2) -> int:
    with StoreHttp(store.info) as http:
        product, variant = sellable_variants(http.products(), min_stock=20)[-1]
        _cart, order_id = http.ready_order([line_item(product, variant, quantity)])
        method = http.card_method(order_id)
        r = http.pay(http.access_token(order_id), card("4242424242424242"),
                     method_id=method["id"])
        assert r.status_code == 201, r.text
    return order_id


def _open(qtbot, window) -> ReturnsDialog:
    window.returns_factory = window.engine.new_returns
    window.open_returns()
    dialog = window.returns_dialog
    assert isinstance(dialog, ReturnsDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_refund_part_of_a_sale_from_its_receipt_number(qtbot, window, store) -> None:
    order_id = _paid_order(store, 2)
    dialog = _open(qtbot, window)
    assert not dialog.quote_button.isEnabled() and not dialog.refund_button.isEnabled()
    dialog.scanned(str(order_id))
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    spin = dialog.table.cellWidget(0, 3)
    assert isinstance(spin, QSpinBox) and spin.maximum() == 2
    assert dialog.void_button.isVisible()
    spin.setValue(1)
    dialog.quote_button.click()
    qtbot.waitUntil(lambda: dialog.refund_button.isEnabled(), timeout=10_000)
    assert "Refund $" in dialog.quote_label.text()
    dialog.refund_button.click()
    qtbot.waitUntil(lambda: dialog.outcome_shown is not None, timeout=10_000)
    assert dialog.outcome_shown.outcome == "refunded", dialog.message.text()
    assert "Partially Refunded" in dialog.message.text()
    assert dialog.receipt.isVisible()
    assert "Refund" in dialog.receipt.toPlainText()
    # Found again: one of two already refunded, one left.
    dialog.scanned(str(order_id))
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.view.lines[0].refunded == 1,
                    timeout=10_000)
    spin = dialog.table.cellWidget(0, 3)
    assert isinstance(spin, QSpinBox) and spin.maximum() == 1
    assert not dialog.void_button.isVisible()
    dialog.reject()


def test_void_the_same_day(qtbot, window, store) -> None:
    order_id = _paid_order(store, 1)
    dialog = _open(qtbot, window)
    dialog.order_field.setText(f"#{order_id}")
    dialog.find_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=10_000)
    dialog.void_button.click()
    qtbot.waitUntil(lambda: dialog.outcome_shown is not None, timeout=10_000)
    assert dialog.outcome_shown.outcome == "voided"
    assert "voided" in dialog.message.text()
    dialog.order_field.setText("abc")
    dialog.find_button.click()
    assert "digits" in dialog.message.text()
    dialog.reject()


def test_find_a_sale_without_its_receipt(qtbot, window, store) -> None:
    order_id = _paid_order(store, 1)
    dialog = _open(qtbot, window)
    assert dialog.index is not None
    dialog.search_field.setText("4242")  # the card's last 4
    dialog.search_button.click()
    qtbot.waitUntil(lambda: dialog.found.count() > 0, timeout=20_000)
    found = [dialog.found.item(i).text() for i in range(dialog.found.count())]
    assert any(text.startswith(f"#{order_id} ") for text in found), found
    row = next(i for i, text in enumerate(found) if text.startswith(f"#{order_id} "))
    dialog._pick(dialog.found.item(row))
    qtbot.waitUntil(lambda: dialog.view is not None and dialog.view.order_id == order_id,
                    timeout=10_000)
    dialog.search_field.setText("nobody-at-all@example.com")
    dialog.search_button.click()
    qtbot.waitUntil(lambda: "No sale" in dialog.message.text(), timeout=10_000)
    dialog.reject()
