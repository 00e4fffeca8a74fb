"""Scans on the Items page while the store is down or slow: shown at once as pending lines
in scan order, added when the store answers again without a key press (the banner counts
down to the next automatic try), Pay waits for them, and a line the store refuses says so,
naming the item.

The store is taken down for real: a store of this module's own (its database a file) is
stopped and started again on the same port."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from ui_helpers import close_register, open_register, press, wiz

from pos.sandbox.server import SandboxServer
from pos.ui.pages import PAGE_ITEMS, PAGE_PAYMENT
from pos.ui.wizard import RegisterWindow

RETRY = {"reconnect_first": 0.2, "reconnect_max": 1.0}


@pytest.fixture(scope="module")
def own_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxServer]:
    path = tmp_path_factory.mktemp("offline") / "store.sqlite3"
    with SandboxServer(db_path=path, seed=5, catalog_size=40,
                       rate_limit_quota=1_000_000) as server:
        yield server


def down(store: SandboxServer) -> None:
    store.port = int(store.api_base_url.rsplit(":", 1)[1])
    store.stop()


@pytest.fixture
def running(own_store: SandboxServer) -> Iterator[SandboxServer]:
    if not own_store.running:
        own_store.start()
    yield own_store
    if not own_store.running:
        own_store.start()
    own_store.clear_faults()
    own_store.reset_config()


@pytest.fixture
def till(qtbot, qloop, running: SandboxServer,
         tmp_path: Path) -> Iterator[Callable[[], RegisterWindow]]:
    opened: list[RegisterWindow] = []

    def open_one() -> RegisterWindow:
        win = open_register(qtbot, running, tmp_path / f"data{len(opened)}", **RETRY)
        opened.append(win)
        synced = qloop.create_task(win.engine.sync_catalog())
        qtbot.waitUntil(synced.done, timeout=30_000)
        synced.result()
        wiz(win).next()
        qtbot.waitUntil(lambda: wiz(win).currentId() == PAGE_ITEMS, timeout=10_000)
        return win

    yield open_one
    for win in opened:
        close_register(qtbot, qloop, win)


def stocked(store: SandboxServer, count: int) -> list[tuple[str, str, int]]:
    """(sku, product name, variant id) of ``count`` items with stock, one variant each."""
    headers = {"X-Auth-Token": store.token, "Accept": "application/json"}
    products = httpx.get(
        f"{store.api_base_url}/stores/{store.store_hash}/v3/catalog/products",
        params={"include": "variants", "limit": 250}, headers=headers, timeout=10,
    ).json()["data"]
    out = []
    for product in products:
        variants = product.get("variants") or []
        if (product.get("inventory_tracking", "none") != "none" and len(variants) == 1
                and variants[0]["sku"] and not variants[0]["purchasing_disabled"]
                and variants[0]["inventory_level"] >= 20):
            out.append((variants[0]["sku"], product["name"], variants[0]["id"]))
        if len(out) == count:
            return out
    raise AssertionError("not enough stocked items")


def rows(win: RegisterWindow) -> list[tuple[str, str, str]]:
    table = wiz(win).items_page.lines
    out = []
    for row in range(table.rowCount()):
        out.append((table.item(row, 1).text(), table.item(row, 2).text(),
                    table.item(row, 3).text()))
    return out


def test_scans_while_the_store_is_down_are_kept_shown_and_added_when_it_returns(
        qtbot, till, running):
    (a, _, _), (b, _, _), (c, _, _) = stocked(running, 3)
    win = till()
    page = wiz(win).items_page
    sale = win.view.sale
    down(running)
    for code in (a, b, c, b):
        page.scanned(code)
    # Each scan is a line at once (from the local catalogue), marked as waiting, in order.
    qtbot.waitUntil(lambda: [r[:2] for r in rows(win)] == [(a, "1"), (b, "2"), (c, "1")],
                    timeout=10_000)
    assert all(r[2] == "Waiting for the store" for r in rows(win))
    # The banner says the register keeps trying, and when it tries next.
    qtbot.waitUntil(win.banner.isVisible, timeout=10_000)
    qtbot.waitUntil(lambda: "Trying again" in win.banner.text(), timeout=10_000)
    assert win.banner.next_retry_in() is not None
    # Pay waits: nothing is charged before the store has added the lines.
    press(Qt.Key.Key_F9, page.search)
    qtbot.waitUntil(page.notice.isVisible, timeout=5000)
    assert page.notice.text().startswith("Pay waits for 3 scanned item(s)")
    assert wiz(win).currentId() == PAGE_ITEMS
    assert sale.calls.count("prepare_payment") == 0

    running.start()  # the store is back; nobody touches the register
    qtbot.waitUntil(lambda: not win.banner.isVisible(), timeout=15_000)
    qtbot.waitUntil(lambda: [(ln.sku, ln.quantity) for ln in sale.lines]
                    == [(a, 1), (b, 2), (c, 1)], timeout=15_000)
    assert sale.pending_lines == ()
    # F9 was pressed while they waited: the sale goes on to payment once they are in.
    qtbot.waitUntil(lambda: wiz(win).currentId() == PAGE_PAYMENT, timeout=15_000)


def test_a_pending_line_the_store_refuses_says_so_naming_the_item(qtbot, till, running):
    (a, _, _), (b, name_b, variant_b) = stocked(running, 2)[0], stocked(running, 2)[1]
    win = till()  # its catalogue says b is in stock
    page = wiz(win).items_page
    admin = f"{running.admin_url}/stock"
    httpx.put(admin, json={"variant_id": variant_b, "inventory_level": 0}).raise_for_status()
    try:
        page.scanned(a)
        page.scanned(b)
        qtbot.waitUntil(lambda: win.view.sale.waiting_scans == 0
                        and len(win.view.sale.lines) == 1, timeout=15_000)
    finally:
        httpx.put(admin, json={"variant_id": variant_b,
                               "inventory_level": 50}).raise_for_status()
    qtbot.waitUntil(lambda: len(rows(win)) == 2, timeout=5000)
    sku, _, status = rows(win)[1]
    assert sku == b
    assert status == f"Not added: {name_b} is out of stock."
    # Delete takes the refused line off; the sale's own line stays.
    page.lines.setFocus()
    page.lines.selectRow(1)
    press(Qt.Key.Key_Delete, page.lines)
    qtbot.waitUntil(lambda: len(rows(win)) == 1, timeout=5000)
    assert [(ln.sku, ln.quantity) for ln in win.view.sale.lines] == [(a, 1)]


def test_no_move_past_items_while_scans_wait_however_it_is_asked_for(qtbot, till, running):
    """Not only the Next button: the wizard's own next() (a key handled elsewhere, a
    script) stays on Items while a scan waits for the store, and moves once it is in."""
    (a, _, _), = stocked(running, 1)
    win = till()
    page = wiz(win).items_page
    down(running)
    page.scanned(a)
    qtbot.waitUntil(lambda: [r[:2] for r in rows(win)] == [(a, "1")], timeout=10_000)
    wiz(win).next()
    assert wiz(win).currentId() == PAGE_ITEMS
    running.start()
    qtbot.waitUntil(lambda: not win.view.sale.waiting_scans, timeout=15_000)
    wiz(win).next()
    qtbot.waitUntil(lambda: wiz(win).currentId() != PAGE_ITEMS, timeout=10_000)
