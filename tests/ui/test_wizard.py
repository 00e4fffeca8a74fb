"""The wizard's pages against the real sale engine and the sandbox store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard
from ui_helpers import (
    PROFILE,
    Cable,
    add_items,
    fill_guest_billing,
    next_page,
    pay_new_card,
    press,
    to_payment,
    type_quantity,
    type_text,
    wait_idle,
    wait_page,
    wiz,
)

from pos.ui.pages import (
    PAGE_CUSTOMER,
    PAGE_DONE,
    PAGE_FULFILMENT,
    PAGE_ITEMS,
    PAGE_PAYMENT,
    PAGE_SHIPPING,
    PAGE_START,
)


def test_guest_pickup_new_card_sale(qtbot, window, shop):
    w = wiz(window)
    assert w.currentId() == PAGE_START
    sku = shop.skus[0]
    add_items(qtbot, window, sku, shop.upcs[sku])
    sale = window.view.sale
    assert [(ln.sku, ln.quantity) for ln in sale.lines] == [(sku, 2)]
    assert w.items_page.subtotal.text() == f"${2 * shop.prices[sku]:,.2f}"
    fill_guest_billing(qtbot, window)
    next_page(qtbot, window, PAGE_FULFILMENT)
    assert w.fulfilment_page.take_now.isChecked()
    w.next()
    wait_page(qtbot, window, PAGE_PAYMENT)  # pickup only: no shipping page
    pay_new_card(qtbot, window, "4242424242424242")
    wait_page(qtbot, window, PAGE_DONE)
    assert [c.kind for c in sale.consignments] == ["pickup"]
    done = w.done_page
    assert done.status.text() == "Awaiting Fulfillment"
    assert done.card.text() == "Visa •••• 4242"
    assert done.order.text() == str(sale.order_id)
    assert "4242 4242" not in done.preview.toPlainText()
    assert "$" in done.preview.toPlainText()
    assert len(sale.charges) == 1
    assert sale.charges[0].card.wiped


def test_known_customer_ships_and_pays_with_a_stored_card(qtbot, window, shop):
    w = wiz(window)
    add_items(qtbot, window, shop.skus[1])
    next_page(qtbot, window, PAGE_CUSTOMER)
    page = w.customer_page
    page.known.setChecked(True)
    page.find_edit.setText(shop.customer_email)
    press(Qt.Key.Key_Return, page.find_edit)
    qtbot.waitUntil(lambda: page.found.count() == 1, timeout=10_000)
    assert page.saved.count() == 1 + shop.customer_addresses  # "Type a new address" + saved
    assert page.form.fields["city"].text() == shop.customer_city
    next_page(qtbot, window, PAGE_FULFILMENT)
    f = w.fulfilment_page
    f.ship.setChecked(True)
    assert f.ship_to.currentData()["city"] == shop.customer_city  # the billing address
    next_page(qtbot, window, PAGE_SHIPPING)
    s = w.shipping_page
    # The cheapest option is chosen for the clerk, who may pick another (Down chooses).
    qtbot.waitUntil(s.isComplete, timeout=10_000)
    group = next(iter(s._groups.values()))
    assert group.checkedId() >= 0
    group.button(len(group.buttons()) - 1).click()  # not the first option
    wait_idle(qtbot, window)
    qtbot.waitUntil(s.isComplete, timeout=10_000)
    assert s.total.text().startswith("$")
    next_page(qtbot, window, PAGE_PAYMENT)
    p = w.payment_page
    qtbot.waitUntil(lambda: p.options is not None, timeout=10_000)
    # A card on file is never chosen for the clerk: the new card is, until the clerk
    # chooses the saved one.
    assert p.method_group.checkedId() != 0
    assert p.card.isVisible()
    assert QApplication.focusWidget() is p.card.number
    p.method_group.button(0).click()
    assert p.method_group.checkedId() == 0
    assert not p.card.isVisible()
    assert "Express" not in p.charge_button.text() and "Ground" not in p.charge_button.text()
    assert "$" in p.charge_button.text()
    p.charge_button.click()
    wait_page(qtbot, window, PAGE_DONE)
    sale = window.view.sale
    assert type(sale.charges[0]).__name__ == "StoredCard"
    assert sale.customer.id == shop.customer_id
    assert [c.kind for c in sale.consignments] == ["ship"]


def test_decline_then_another_card(qtbot, window, skus):
    w = wiz(window)
    to_payment(qtbot, window, skus[1])
    p = w.payment_page
    pay_new_card(qtbot, window, "4000000000000002")
    qtbot.waitUntil(lambda: "declined" in p.status.text(), timeout=10_000)
    assert p.card.number.text() == ""  # wiped after the answer
    assert p.card.cvv.text() == ""
    assert p.card.name.text() and p.card.expiry.text()  # kept for the next card
    assert not p.error_label.isVisible()  # the decline is said once, in the status
    assert p.status.text().count("Nothing was charged") <= 1
    assert p.charge_button.isEnabled()
    assert w.currentId() == PAGE_PAYMENT
    pay_new_card(qtbot, window, "5555555555554444")
    wait_page(qtbot, window, PAGE_DONE)
    assert len(window.view.sale.charges) == 2


def test_split_sale(qtbot, window, skus):
    w = wiz(window)
    add_items(qtbot, window, skus[0], skus[0], skus[0], skus[1])
    fill_guest_billing(qtbot, window)
    next_page(qtbot, window, PAGE_FULFILMENT)
    f = w.fulfilment_page
    f.split.setChecked(True)
    tote, cup = window.view.sale.lines
    f.set_ships(tote.id, True)
    next_page(qtbot, window, PAGE_SHIPPING)
    kinds = {c.kind: c.items for c in window.view.sale.consignments}
    assert kinds["pickup"] == {cup.id: 1}
    assert kinds["ship"] == {tote.id: 3}


def test_back_from_payment_to_items_changes_quantity_and_total(qtbot, window, shop):
    w = wiz(window)
    to_payment(qtbot, window, shop.skus[0])
    p = w.payment_page
    qtbot.waitUntil(lambda: p.options is not None, timeout=10_000)
    before = window.view.sale.totals.grand_total
    for _ in range(3):
        press(Qt.Key.Key_Escape, w)
    wait_page(qtbot, window, PAGE_ITEMS)
    type_quantity(qtbot, w.items_page.lines, 0, "3")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.view.sale.lines[0].quantity == 3, timeout=10_000)
    assert w.items_page.subtotal.text() == f"${3 * shop.prices[shop.skus[0]]:,.2f}"
    for page_id in (PAGE_CUSTOMER, PAGE_FULFILMENT, PAGE_PAYMENT):
        next_page(qtbot, window, page_id)
    qtbot.waitUntil(lambda: p.options is not None, timeout=10_000)
    after = window.view.sale.totals.grand_total
    assert after > before
    assert p.options.total == after
    assert "$" in p.charge_button.text()
    pay_new_card(qtbot, window, "4242424242424242")
    wait_page(qtbot, window, PAGE_DONE)


def test_refused_items_say_why(qtbot, window, shop):
    w = wiz(window)
    w.next()
    page = w.items_page
    page.search.setFocus()
    type_text(shop.out_of_stock)
    qtbot.waitUntil(lambda: page.results.rowCount() == 1, timeout=10_000)
    assert page.results.item(0, 4).text() == "Out of stock"
    page.add_hit(0)
    assert "Out of stock" in page.error_label.text()
    assert not window.view.sale.lines
    page.add_code(shop.disabled)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: f"{shop.disabled_name} cannot be sold" in page.error_label.text(),
                    timeout=10_000)
    # The store's reason is a sentence of its own, never capitalised mid-sentence.
    assert "sold: This" not in page.error_label.text()
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()


def test_charge_twice_quickly_charges_once(qtbot, window, fresh_store):
    w = wiz(window)
    to_payment(qtbot, window)
    fresh_store.add_fault("POST", "/payments", "latency", latency_ms=300)
    p = w.payment_page
    pay_new_card(qtbot, window, "4242424242424242")
    assert p.status.text() == "Charging…"
    assert not p.charge_button.isEnabled()
    p.charge()
    press(Qt.Key.Key_F9, p)
    wait_page(qtbot, window, PAGE_DONE)
    assert window.view.sale.calls.count("charge") == 1


def test_unknown_outcome_checks_with_the_store(qtbot, register, monkeypatch, fresh_store):
    import pos.ui.pages.payment as payment

    monkeypatch.setattr(payment, "CHECK_INTERVAL_MS", 10)
    window = register(reconcile_timeout=0.2)  # the pending card: unknown at first
    fresh_store.configure(pending_settle_ms=5000)  # pending long enough to be seen
    w = wiz(window)
    w.payment_page._check_timer.setInterval(10)
    sale = window.view.sale
    to_payment(qtbot, window)
    p = w.payment_page
    pay_new_card(qtbot, window, "4000000000000259")
    qtbot.waitUntil(lambda: "Checking with the store" in p.status.text(), timeout=10_000)
    assert not p.charge_button.isEnabled()
    assert not w.button(QWizard.WizardButton.BackButton).isEnabled()
    qtbot.waitUntil(lambda: w.currentId() == PAGE_DONE, timeout=30_000)
    assert sale.calls.count("charge") == 1
    assert sale.calls.count("check_payment") >= 1


def test_escape_on_items_asks_before_abandoning(qtbot, window, skus):
    w = wiz(window)
    add_items(qtbot, window, skus[0])
    first_sale = window.view.sale
    press(Qt.Key.Key_Escape, w)
    box = w._confirm
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible, timeout=2000)
    w.keep_button.click()
    assert window.view.sale is first_sale
    press(Qt.Key.Key_Escape, w)
    box = w._confirm
    qtbot.waitUntil(box.isVisible, timeout=2000)
    w.abandon_button.click()
    qtbot.waitUntil(lambda: window.view.sale is not first_sale, timeout=2000)
    assert wiz(window).currentId() == PAGE_START


def test_offline_shows_the_banner_and_retry_works(qtbot, register, skus):
    cable = Cable()
    window = register(transport=cable)
    w = wiz(window)
    w.next()
    sale = window.view.sale
    cable.plugged_in = False
    page = w.items_page
    page.add_code(skus[0])
    qtbot.waitUntil(window.banner.isVisible, timeout=10_000)
    assert "Offline" in window.header.status.text()
    assert page.retry_button.isVisible()
    cable.plugged_in = True  # the connection is back
    # F5 retries (no Alt letter: Alt+R is the page's own Remove line).
    press(Qt.Key.Key_F5, page.search)
    qtbot.waitUntil(lambda: len(sale.lines) == 1, timeout=10_000)
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=10_000)


def test_new_sale_from_the_keyboard_after_done(qtbot, window, shop):
    test_guest_pickup_new_card_sale(qtbot, window, shop)
    first = window.view.sale
    press(Qt.Key.Key_N if False else Qt.Key.Key_Return, window.wizard.done_page.new_button)
    qtbot.waitUntil(lambda: window.view.sale is not first, timeout=2000)
    assert window.wizard.currentId() == PAGE_START
    assert window.sales_done == 1


def test_help_overlay_from_f1(qtbot, window):
    press(Qt.Key.Key_F1, window.wizard)
    assert window.help.isVisible()
    assert any(keys == "F9" for keys, _ in window.help.rows)
    press(Qt.Key.Key_Escape, window.help)
    assert not window.help.isVisible()


def _inside_picker(widget) -> bool:
    from PySide6.QtWidgets import QComboBox

    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_inputs(root) -> list[str]:
    """Inputs under ``root`` a screen reader could not name.

    Fields, pickers, spin boxes, lists and tables need an accessible name of their own; a
    button may be named by its text.
    """
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QHeaderView,
        QLineEdit,
        QTextEdit,
    )

    missing = []
    for cls in (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractButton, QAbstractItemView,
                QTextEdit):
        for widget in root.findChildren(cls):
            parent = widget.parent()
            if isinstance(widget, QLineEdit) and isinstance(parent, (QComboBox,
                                                                   QAbstractSpinBox)):
                continue  # the editor inside a picker: the picker carries the name
            if isinstance(widget, QAbstractButton) and isinstance(
                parent, (QAbstractSpinBox, QLineEdit)
            ):
                continue  # Qt's own parts of a compound widget (clear button, arrows)
            if isinstance(widget, QHeaderView) or _inside_picker(widget):
                continue  # a table's header; a picker's popup list
            if widget.objectName().startswith("qt_"):
                continue  # Qt's own parts (a table's corner button, a scroll area's viewport)
            if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
                continue
            if not widget.accessibleName().strip():
                missing.append(f"{type(widget).__name__} {widget.objectName()!r} in "
                               f"{type(widget.window()).__name__}: {widget!r}")
    return missing


def test_every_input_has_an_accessible_name(qtbot, window):
    missing = unnamed_inputs(window)
    assert missing == [], "\n".join(missing)


def test_every_input_of_every_page_has_an_accessible_name_after_a_sale(qtbot, window, shop):
    """The widgets pages make as the sale goes on: quantity boxes, found customers, saved
    addresses, shipping options, stored cards, the receipt."""
    w = wiz(window)
    add_items(qtbot, window, shop.skus[0])
    test_known_customer_ships_and_pays_with_a_stored_card(qtbot, window, shop)
    assert w.items_page.lines.rowCount() == 2
    assert len(w.payment_page.method_group.buttons()) >= 2
    assert w.shipping_page._boxes
    missing = unnamed_inputs(window)
    assert missing == [], "\n".join(missing)


def test_money_follows_the_locale(qtbot, register, shop):
    from dataclasses import replace

    sku = shop.skus[0]
    price = shop.prices[sku]
    win = register(profile=replace(PROFILE, locale="de_DE"))
    w = win.wizard
    w.next()
    w.items_page.add_code(sku)
    qtbot.waitUntil(lambda: bool(win.view.sale.lines), timeout=10_000)
    german = f"{price:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    assert w.items_page.subtotal.text() == f"{german}\u00a0$"
    assert price == win.view.sale.subtotal


def test_the_receipt_saves_as_pdf(qtbot, window, tmp_path, shop):
    test_guest_pickup_new_card_sale(qtbot, window, shop)
    path = window.wizard.done_page.save_pdf(tmp_path / "receipt.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"4242424242424242" not in data


def test_unfinished_sales_are_offered_payment_unknown_first(qtbot, register):
    from pos.ui.pages.start import Resumable

    sales = [Resumable("a", "Sale a, $10.00"), Resumable("b", "Sale b, $25.00", True)]
    win = register(profile=PROFILE, window={"resumable": sales})
    start = win.wizard.start_page
    assert start.resume_list.count() == 2
    assert "payment not confirmed" in start.resume_list.item(0).text()
    with qtbot.waitSignal(start.resume_requested, timeout=1000) as sig:
        start.resume_button.click()
    assert sig.args[0].sale_id == "b"


def test_enter_on_start_resumes_the_highlighted_unfinished_sale(qtbot, register):
    from pos.ui.pages.start import Resumable

    sales = [Resumable("a", "Sale a, $10.00"), Resumable("b", "Sale b, $25.00", True)]
    win = register(profile=PROFILE, window={"resumable": sales})
    start = win.wizard.start_page
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start.resume_list, timeout=5000)
    assert start.resume_list.currentRow() == 0  # payment unknown: first, and selected
    asked: list[str] = []
    start.resume_requested.connect(lambda sale: asked.append(sale.sale_id))
    press(Qt.Key.Key_Return)
    assert asked == ["b"]
    assert win.wizard.currentId() == PAGE_START  # no new sale started as well


def test_a_code_naming_several_variants_offers_them(qtbot, window, shop):
    w = wiz(window)
    w.next()
    page = w.items_page
    page.add_code(shop.several_variants)
    qtbot.waitUntil(lambda: page.results.isVisible(), timeout=10_000)
    assert page.results.rowCount() > 2
    # A question, not a failure: shown as a notice, not styled as an error.
    assert "Choose the variant" in page.notice.text()
    assert not page.error_label.isVisible()
    assert QApplication.focusWidget() is page.results
    row = next(r for r in range(1, page.results.rowCount())
               if page.results.item(r, 4).text().isdigit())  # one in stock, not the first
    chosen = page.results.item(row, 2).text()
    page.results.selectRow(row)
    press(Qt.Key.Key_Return, page.results)
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: len(window.view.sale.lines) == 1, timeout=10_000)
    assert window.view.sale.lines[0].sku == chosen
    assert not page.notice.isVisible()


def test_a_new_search_clears_the_last_error(qtbot, window, shop):
    w = wiz(window)
    w.next()
    page = w.items_page
    page.add_code("NO-SUCH-CODE-42")
    wait_idle(qtbot, window)
    qtbot.waitUntil(page.error_label.isVisible, timeout=10_000)
    page.search.setFocus()
    type_text("mu")
    assert not page.error_label.isVisible()


def test_engine_warnings_show_on_the_page(qtbot, window, skus):
    w = wiz(window)
    to_payment(qtbot, window, skus[0])
    qtbot.waitUntil(lambda: w.payment_page.options is not None, timeout=10_000)
    for _ in range(3):
        press(Qt.Key.Key_Escape, w)
    wait_page(qtbot, window, PAGE_ITEMS)
    # The items change after the delivery was chosen: the engine sets it up again and
    # says so.
    w.items_page.set_quantity(window.view.sale.lines[0].id, 2)
    qtbot.waitUntil(w.items_page.notice.isVisible, timeout=10_000)
    assert "delivery" in w.items_page.notice.text()


def test_scans_while_the_store_is_answering_are_queued_not_lost(qtbot, window, shop,
                                                               fresh_store):
    w = wiz(window)
    w.next()
    fresh_store.configure(latency_ms=50)
    first, second = shop.skus[0], shop.skus[1]
    for code in (first, shop.upcs[first], second, first):
        w.scanned(code)
    # Each scan is a line at once, waiting for the store; they go to it together.
    qtbot.waitUntil(lambda: sum(p.quantity for p in window.view.sale.pending_lines)
                    + sum(ln.quantity for ln in window.view.sale.lines) == 4, timeout=10_000)
    wait_idle(qtbot, window)
    assert [(ln.sku, ln.quantity) for ln in window.view.sale.lines] == [
        (first, 3), (second, 1)
    ]
    assert window.view.sale.calls.count("add_item") == 0  # no call per scan


def test_every_input_of_a_split_sale_has_an_accessible_name(qtbot, window, skus):
    w = wiz(window)
    test_split_sale(qtbot, window, skus)
    assert w.fulfilment_page.split.isChecked()
    missing = unnamed_inputs(window)
    assert missing == [], "\n".join(missing)


def test_abandoning_asks_a_question_with_named_buttons(qtbot, window, skus):
    w = wiz(window)
    add_items(qtbot, window, skus[0])
    press(Qt.Key.Key_Escape, w)
    box = w._confirm
    assert isinstance(box, QMessageBox)
    qtbot.waitUntil(box.isVisible, timeout=2000)
    assert box.text() == "Abandon this sale?"
    names = sorted(b.text().replace("&", "") for b in box.buttons())
    assert names == ["Abandon sale", "Keep selling"]
    assert box.defaultButton() is w.keep_button
    assert box.escapeButton() is w.keep_button
    press(Qt.Key.Key_Escape, box)  # Escape keeps selling
    qtbot.waitUntil(lambda: w._confirm is None, timeout=2000)
    assert [ln.sku for ln in window.view.sale.lines] == [skus[0]]


def test_the_start_page_does_not_repeat_the_header(qtbot, register):
    from PySide6.QtWidgets import QLabel

    window = register(profile=PROFILE)
    start = wiz(window).start_page
    texts = [label.text() for label in start.findChildren(QLabel) if label.isVisible()]
    assert not any(PROFILE.store in t or PROFILE.terminal in t or PROFILE.channel in t
                   for t in texts), texts
    assert start.hint.isVisible() and "Scan an item" in start.hint.text()


def test_shipping_preselects_the_cheapest_and_down_chooses(qtbot, window, skus):
    w = wiz(window)
    add_items(qtbot, window, skus[0])
    fill_guest_billing(qtbot, window)
    next_page(qtbot, window, PAGE_FULFILMENT)
    w.fulfilment_page.ship.setChecked(True)
    next_page(qtbot, window, PAGE_SHIPPING)
    s = w.shipping_page
    qtbot.waitUntil(s.isComplete, timeout=10_000)  # chosen for the clerk
    consignment = next(c for c in window.view.sale.consignments if c.kind == "ship")
    options = s._options[consignment.id]
    cheapest = min(options, key=lambda o: o.cost)
    assert consignment.selected_option_id == cheapest.id
    group = s._groups[consignment.id]
    start = group.checkedId()
    group.button(start).setFocus()
    qtbot.waitUntil(group.button(start).hasFocus, timeout=2000)
    press(Qt.Key.Key_Down)
    wait_idle(qtbot, window)
    moved = group.checkedId()
    assert moved != start
    qtbot.waitUntil(lambda: next(c for c in window.view.sale.consignments
                                 if c.kind == "ship").selected_option_id == options[moved].id,
                    timeout=10_000)
