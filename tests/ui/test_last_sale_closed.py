"""When the register moves on to a new sale, the sale it leaves is closed in the background:
its scan sender, which keeps trying a store that cannot be reached, stops."""

from __future__ import annotations

from ui_helpers import Cable, wiz

#: Tried again every 0.2 s while the store cannot be reached.
RETRY = {"reconnect_first": 0.2, "reconnect_max": 0.2}


def test_the_last_sale_stops_trying_the_store_once_a_new_sale_starts(qtbot, register, skus):
    cable = Cable()
    win = register(transport=cable, **RETRY)
    wiz(win).next()
    first = win.view.sale
    wiz(win).items_page.add_code(skus[0])
    qtbot.waitUntil(lambda: len(first.lines) == 1, timeout=10_000)
    cart = first.cart_id
    assert cart is not None

    def first_sale_tries() -> int:
        return sum(1 for path in cable.tried if cart in path)

    cable.plugged_in = False  # the store cannot be reached
    wiz(win).items_page.add_code(skus[1])  # waits for the store; the sale keeps trying
    qtbot.waitUntil(lambda: first_sale_tries() >= 3, timeout=10_000)

    win.start_sale()  # the clerk moves on (the window does so after Done, or a resume)
    assert win.view.sale is not first
    qtbot.waitUntil(lambda: not win.runner.tasks, timeout=10_000)  # the first is closed
    tries = first_sale_tries()
    first.retry_now()  # a running sender would try again at once

    # The new sale scans too, and keeps trying: four of its tries take longer than the
    # first sale's sender, were it still running, would wait between two of its own.
    wiz(win).next()
    retries: list[float] = []
    win.view.retry_scheduled.connect(retries.append)
    wiz(win).items_page.add_code(skus[2])
    qtbot.waitUntil(lambda: len(retries) >= 4, timeout=20_000)
    assert first_sale_tries() == tries
    assert [line.sku for line in first.pending_lines] == [skus[1]]  # never sent
