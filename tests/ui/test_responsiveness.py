"""The Qt loop never stalls while the store is slow (every request here takes 300 ms)."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QTimer
from ui_helpers import ADDRESS

from pos.ui.pages import PAGE_CUSTOMER, PAGE_DONE, PAGE_FULFILMENT, PAGE_PAYMENT, PAGE_SHIPPING


class StallMeter:
    def __init__(self, interval_ms: int = 10) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.last = 0
        self.worst = 0

    def start(self) -> None:
        self.clock.start()
        self.last = 0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def stop(self) -> int:
        self.timer.stop()
        return self.worst


def test_a_whole_sale_with_a_slow_store_never_stalls_the_loop(qtbot, register, skus,
                                                             fresh_store):
    win = register()
    fresh_store.configure(latency_ms=300)
    meter = StallMeter()
    meter.start()
    w = win.wizard
    sale = win.view.sale

    def page(page_id: int) -> None:
        qtbot.waitUntil(lambda: w.currentId() == page_id, timeout=30_000)

    w.next()
    w.items_page.add_code(skus[0])
    qtbot.waitUntil(lambda: w.items_page.busy_indicator.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: len(sale.lines) == 1 and not win.view.busy.is_busy, timeout=30_000)
    w.next()
    page(PAGE_CUSTOMER)
    w.customer_page.form.set_address(ADDRESS)
    w.next()
    page(PAGE_FULFILMENT)
    w.fulfilment_page.ship.setChecked(True)
    w.next()
    page(PAGE_SHIPPING)
    next(iter(w.shipping_page._groups.values())).button(0).click()
    qtbot.waitUntil(w.shipping_page.isComplete, timeout=30_000)
    w.next()
    page(PAGE_PAYMENT)
    p = w.payment_page
    qtbot.waitUntil(lambda: p.options is not None, timeout=30_000)
    p.card._number_edited("4242424242424242")
    p.card.name.setText("Ana Diaz")
    p.card.expiry.setText("12/2031")
    p.card.cvv.setText("123")
    p.charge()
    assert p.status.text() == "Charging…"
    page(PAGE_DONE)
    worst = meter.stop()
    assert worst < 100, f"the Qt loop stalled for {worst} ms"
