"""The clerk sees "Paid." as soon as the payments host answers: the read of the order
that the receipt needs comes after, and the wizard moves on to Done once it is in."""

from __future__ import annotations

from ui_helpers import add_items, checkout_to_payment, pay_new_card, wait_page, wiz

from pos.ui.pages import PAGE_DONE, PAGE_PAYMENT


def test_paid_is_shown_while_the_order_is_read_for_the_receipt(qtbot, fresh_store, register,
                                                               skus):
    win = register()
    add_items(qtbot, win, skus[0])
    checkout_to_payment(qtbot, win)
    # The order is made; the store now takes 5 s to answer a read of it.
    fresh_store.add_fault("GET", "*/v2/orders/*", "latency", times=5, latency_ms=5000)
    pay_new_card(qtbot, win, "4242424242424242")
    page = wiz(win).payment_page
    seen_on: list[int] = []

    def paid_shown() -> bool:
        if page.status.text() == "Paid." and not seen_on:
            seen_on.append(wiz(win).currentId())
        return bool(seen_on)

    qtbot.waitUntil(paid_shown, timeout=30_000)
    assert seen_on == [PAGE_PAYMENT], "Paid. is shown before the order's read answers"
    wait_page(qtbot, win, PAGE_DONE)
    assert wiz(win).done_page.status.text() == "Awaiting Fulfillment"
