"""Complete sales through the wizard against the real sale engine and the sandbox store,
over real loopback HTTP."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import (
    add_items,
    checkout_to_payment,
    close_register,
    fill_guest_billing,
    next_page,
    pay_new_card,
    press,
    store_get,
    type_quantity,
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
)


def test_guest_pickup_new_card(qtbot, window, skus):
    add_items(qtbot, window, skus[0])
    checkout_to_payment(qtbot, window)
    pay_new_card(qtbot, window, "4242424242424242")
    wait_page(qtbot, window, PAGE_DONE)
    done = wiz(window).done_page
    assert done.status.text() == "Awaiting Fulfillment"
    assert done.card.text().endswith("4242")


def test_decline_then_a_second_card(qtbot, window, skus):
    add_items(qtbot, window, skus[1])
    checkout_to_payment(qtbot, window)
    pay_new_card(qtbot, window, "4000000000000002")
    page = wiz(window).payment_page
    qtbot.waitUntil(lambda: "declined" in page.status.text(), timeout=10_000)
    pay_new_card(qtbot, window, "5555555555554444")
    wait_page(qtbot, window, PAGE_DONE)


def test_known_customer_ships_with_a_stored_card(qtbot, window, skus, store):
    customer = store_get(store, "/v3/customers", limit=1)[0]
    w = wiz(window)
    add_items(qtbot, window, skus[2])
    next_page(qtbot, window, PAGE_CUSTOMER)
    page = w.customer_page
    page.known.setChecked(True)
    page.find_edit.setText(customer["email"])
    press(Qt.Key.Key_Return, page.find_edit)
    qtbot.waitUntil(lambda: page.found.count() >= 1, timeout=10_000)
    next_page(qtbot, window, PAGE_FULFILMENT)
    w.fulfilment_page.ship.setChecked(True)
    next_page(qtbot, window, PAGE_SHIPPING)
    next(iter(w.shipping_page._groups.values())).button(0).click()
    qtbot.waitUntil(w.shipping_page.isComplete, timeout=10_000)
    next_page(qtbot, window, PAGE_PAYMENT)
    p = w.payment_page
    qtbot.waitUntil(lambda: p.options is not None, timeout=10_000)
    assert p.method_group.checkedId() != 0  # never chosen for the clerk
    p.method_group.button(0).click()
    assert p.method_group.checkedId() == 0
    p.charge_button.click()
    wait_page(qtbot, window, PAGE_DONE)


def test_back_from_payment_changes_quantity_and_the_charge_follows(qtbot, window, skus):
    add_items(qtbot, window, skus[0])
    checkout_to_payment(qtbot, window)
    w = wiz(window)
    p = w.payment_page
    qtbot.waitUntil(lambda: p.options is not None, timeout=10_000)
    before = p.options.total
    for _ in range(3):
        press(Qt.Key.Key_Escape, w)
    wait_page(qtbot, window, PAGE_ITEMS)
    type_quantity(qtbot, w.items_page.lines, 0, "2")
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.view.sale.lines[0].quantity == 2, timeout=10_000)
    for page_id in (PAGE_CUSTOMER, PAGE_FULFILMENT, PAGE_PAYMENT):
        next_page(qtbot, window, page_id)
    qtbot.waitUntil(lambda: p.options is not None, timeout=10_000)
    assert p.options.total > before
    pay_new_card(qtbot, window, "4242424242424242")
    wait_page(qtbot, window, PAGE_DONE)


def test_split_sale(qtbot, window, skus):
    add_items(qtbot, window, skus[0], skus[1])
    w = wiz(window)
    fill_guest_billing(qtbot, window)
    next_page(qtbot, window, PAGE_FULFILMENT)
    f = w.fulfilment_page
    f.split.setChecked(True)
    first, second = window.view.sale.lines
    f.set_ships(second.id, True)
    next_page(qtbot, window, PAGE_SHIPPING)
    kinds = {c.kind: dict(c.items) for c in window.view.sale.consignments}
    assert kinds == {"pickup": {first.id: first.quantity}, "ship": {second.id: second.quantity}}
    next(iter(w.shipping_page._groups.values())).button(0).click()
    qtbot.waitUntil(w.shipping_page.isComplete, timeout=10_000)
    next_page(qtbot, window, PAGE_PAYMENT)
    pay_new_card(qtbot, window, "4111111111111111")
    wait_page(qtbot, window, PAGE_DONE)


def test_an_unknown_outcome_is_offered_on_the_next_start_and_ends_paid_once(
    qtbot, qloop, fresh_store, register, skus, tmp_path
):
    store = fresh_store
    store.configure(pending_settle_ms=1500)
    first = register(data_dir=tmp_path, reconcile_timeout=0.2)
    add_items(qtbot, first, skus[2])
    checkout_to_payment(qtbot, first)
    pay_new_card(qtbot, first, "4000000000000259")  # pending at first
    page = wiz(first).payment_page
    qtbot.waitUntil(lambda: "Checking with the store" in page.status.text(), timeout=10_000)
    order_id = first.view.sale.order_id
    assert page.is_checking()
    first.close()  # allowed while checking: the journal has it
    close_register(qtbot, qloop, first)

    second = register(data_dir=tmp_path)
    start = wiz(second).start_page
    # The journal is read off the UI thread; the list fills when it returns.
    qtbot.waitUntil(lambda: start.resume_list.count() >= 1, timeout=5000)
    assert "payment not confirmed" in start.resume_list.item(0).text()
    start.resume_button.click()
    qtbot.waitUntil(lambda: wiz(second).currentId() == PAGE_DONE, timeout=15_000)
    assert wiz(second).done_page.order.text() == str(order_id)
    transactions = store_get(store, f"/v3/orders/{order_id}/transactions")
    charged = [t for t in transactions if t.get("event") in {"purchase", "authorization"}]
    assert len(charged) == 1  # one payment: the pending one that settled


def test_a_slow_store_never_stalls_the_loop(qtbot, fresh_store, register, skus):
    from loop_probe import LoopProbeTransport, StallMeter

    fresh_store.configure(latency_ms=300)
    probe = LoopProbeTransport()
    win = register(transport=probe)
    meter = StallMeter()
    meter.start()
    add_items(qtbot, win, skus[0])
    checkout_to_payment(qtbot, win, ship=True)
    pay_new_card(qtbot, win, "4242424242424242")
    qtbot.waitUntil(lambda: wiz(win).currentId() == PAGE_DONE, timeout=60_000)
    meter.stop("shipped sale, store at 300 ms")
    assert len(probe.calls) >= 8
    assert probe.stalled() == []
