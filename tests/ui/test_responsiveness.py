"""The Qt loop keeps turning while the store is slow (every request here takes 300 ms).

How long it stalls is measured by ``benchmarks/bench_responsiveness.py``."""

from __future__ import annotations

from loop_probe import LoopProbeTransport, StallMeter
from ui_helpers import ADDRESS

from pos.ui.pages import PAGE_CUSTOMER, PAGE_DONE, PAGE_FULFILMENT, PAGE_PAYMENT, PAGE_SHIPPING


def test_a_whole_sale_with_a_slow_store_never_stalls_the_loop(qtbot, register, skus,
                                                             fresh_store):
    probe = LoopProbeTransport()
    win = register(transport=probe)
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
    meter.stop("whole sale, store at 300 ms")
    assert len(probe.calls) >= 8
    assert probe.stalled() == []


def test_the_probe_catches_a_call_that_never_lets_the_loop_run(qloop):
    """The probe's own check: an answer that comes back without the loop turning (a
    store call made without yielding, as a blocking call would) is recorded as a stall."""
    import httpx

    probe = LoopProbeTransport()
    probe._inner = httpx.MockTransport(lambda request: httpx.Response(200, json={}))
    request = httpx.Request("GET", "http://127.0.0.1:9/v3/carts/1")
    done = qloop.run_until_complete(probe.handle_async_request(request))
    assert done.status_code == 200
    assert [(c.method, c.path) for c in probe.stalled()] == [("GET", "/v3/carts/1")]
