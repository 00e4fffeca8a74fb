"""The calls a walk-in sale makes to the store, counted at the register's connection, from
the first scan to the Done page's receipt (and its printing): at most 8, the confirmation
read that the receipt needs included. The Done page builds the receipt from the order the
sale read to confirm its payment; a sale resumed after a crash reads it from the store.

``POS_CALL_COUNT_FILE`` (set by ``benchmarks/bench_keys.py``): the calls of each walk-in
sale are appended there.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import sys
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from test_walk_in import walk_in_sale
from ui_helpers import PROFILE, CountingKeyboard, pay_new_card, scanning_register, to_payment

from pos.stores.profiles import DEMO_PROFILE
from pos.ui.app import close_fittings, fit_out_window, resumable_sales
from pos.ui.pages import PAGE_DONE, PAGE_START

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hardware"))
from escpos_server import EscPosServer

#: Calls to the store one sale may make (the store's quota is shared by its registers).
CALL_BUDGET = 8


class CountingCable(httpx.AsyncBaseTransport):
    """The register's connection to the store, noting every request that goes through it
    (method, path after the store's hash, and query) while ``counting``."""

    def __init__(self) -> None:
        self._network = httpx.AsyncHTTPTransport()
        self.counting = False
        self.calls: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.counting:
            path = request.url.path.split("/", 3)[-1]
            query = request.url.query.decode()
            self.calls.append(f"{request.method} {path}{'?' + query if query else ''}")
        return await self._network.handle_async_request(request)

    async def aclose(self) -> None:
        await self._network.aclose()

    def start(self) -> None:
        self.calls.clear()
        self.counting = True

    def listing(self) -> str:
        return f"{len(self.calls)} calls:\n  " + "\n  ".join(self.calls)


@pytest.fixture
def folders_env(tmp_path, monkeypatch):
    monkeypatch.setenv("POS_PROFILES_DIR", str(tmp_path / "profiles"))
    monkeypatch.setenv("POS_SYSTEM_PROFILES_DIR", str(tmp_path / "system"))
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "pos-data"))
    return tmp_path


def store_json(store, path: str, **params) -> object:
    response = httpx.get(
        f"{store.api_base_url}/stores/{store.store_hash}{path}", params=params,
        headers={"X-Auth-Token": store.token, "Accept": "application/json"}, timeout=10)
    response.raise_for_status()
    return response.json()


def settled(qtbot, win) -> None:
    """Until the window runs nothing more: no call of a page, nothing still on its way."""
    qtbot.waitUntil(lambda: win.view is None or not (win.view.busy.is_busy
                                                     or win.view.runner.tasks),
                    timeout=10_000)


def receipt_shown(qtbot, win) -> None:
    done = win.wizard.done_page
    qtbot.waitUntil(lambda: done.data is not None and bool(done.data.lines)
                    and done.data.order_id == win.view.sale.order_id, timeout=10_000)
    settled(qtbot, win)


def a_sale_before(qtbot, win, kb, shop) -> None:
    """A register that has sold before (as at the counter all day): one walk-in sale,
    then a new sale on the Start page. The store's payment methods, read by the first
    sale of a register, are then the register's, refreshed in the background."""
    walk_in_sale(qtbot, win, kb, shop)
    receipt_shown(qtbot, win)
    first = win.view.sale
    win.start_sale()
    qtbot.waitUntil(lambda: win.view.sale is not first
                    and win.wizard.currentId() == PAGE_START, timeout=10_000)
    settled(qtbot, win)


def report(name: str, calls: list[str]) -> None:
    path = os.environ.get("POS_CALL_COUNT_FILE")
    if path:
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps({"sale": name, "calls": calls}) + "\n")


def the_receipt_is_the_stores(store, win) -> None:
    """The Done page's receipt: the store's lines and totals, and the card typed."""
    sale = win.view.sale
    done = win.wizard.done_page
    order_id = sale.order_id
    order = store_json(store, f"/v2/orders/{order_id}")
    products = store_json(store, f"/v2/orders/{order_id}/products")
    assert isinstance(order, dict) and isinstance(products, list)
    data = done.data
    assert data.order_id == order_id
    assert [(name, qty) for name, qty, _ in data.lines] == [
        (p["name"], p["quantity"]) for p in products]
    assert [total for _, _, total in data.lines] == [
        Decimal(p["total_ex_tax"]) for p in products]
    assert data.total == Decimal(order["total_inc_tax"])
    assert dict(data.rows)["Tax"] == Decimal(order["total_tax"])
    assert data.masked_card and data.masked_card.endswith("4242")
    assert data.masked_card == sale.result.masked_card
    assert data.transaction_id == (sale.result.transaction_id or "")


def test_a_walk_in_sale_makes_at_most_eight_calls_to_the_store(
        qtbot, qapp, register, shop, store):
    cable = CountingCable()
    kb = CountingKeyboard()
    with scanning_register(qapp, register, kb, profile=PROFILE, transport=cable) as win:
        win.resize(1000, 760)
        cable.start()
        a_sale_before(qtbot, win, kb, shop)
        report("walk-in, the register's first", list(cable.calls))
        cable.start()
        walk_in_sale(qtbot, win, kb, shop)
        receipt_shown(qtbot, win)
        calls = list(cable.calls)
        assert win.view.sale.paid
        assert len(calls) <= CALL_BUDGET, cable.listing()
        # The order is read once, with its products; never its transactions.
        reads = [c for c in calls if c.startswith("GET v2/orders/")]
        assert len(reads) == 1 and "include=consignments.line_items" in reads[0], \
            cable.listing()
        assert not any("/transactions" in c for c in calls), cable.listing()
        the_receipt_is_the_stores(store, win)
        report("walk-in", calls)


def test_printing_the_receipt_adds_no_call_to_the_store(
        qtbot, qapp, register, shop, store, folders_env):
    cable = CountingCable()
    kb = CountingKeyboard()
    with EscPosServer() as printer, \
            scanning_register(qapp, register, kb, profile=PROFILE, transport=cable) as win:
        win.resize(1000, 760)
        fit_out_window(win, dataclasses.replace(DEMO_PROFILE, printer=printer.uri))
        try:
            assert win.counter.printer is not None
            a_sale_before(qtbot, win, kb, shop)
            cable.start()
            walk_in_sale(qtbot, win, kb, shop)
            receipt_shown(qtbot, win)
            done = win.wizard.done_page
            done.preview.setFocus()
            QTest.keyClick(done.preview, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
            qtbot.waitUntil(lambda: any(j.printed for j in printer.jobs), timeout=10_000)
            settled(qtbot, win)
            calls = list(cable.calls)
        finally:
            close_fittings(win)
        assert len(calls) <= CALL_BUDGET, cable.listing()
        the_receipt_is_the_stores(store, win)
        (job,) = [j for j in printer.jobs if j.printed]
        sale = win.view.sale
        assert f"Order #{sale.order_id}" in job.text
        # The card typed (its mask in the printer's characters), as the payment named it.
        brand = sale.result.masked_card.split()[0]
        assert any(line.startswith(f"Card: {brand}") and line.endswith("4242")
                   for line in job.text.splitlines()), job.text
        order = store_json(store, f"/v2/orders/{sale.order_id}")
        assert isinstance(order, dict)
        total = f"${Decimal(order['total_inc_tax']):,.2f}"
        assert total in job.text
        report("walk-in, printed", calls)


def test_a_resumed_paid_sale_reads_its_receipt_from_the_store(qtbot, qloop, register,
                                                               tmp_path, store):
    """No lines in memory: the order and its products are read in one call (the card is
    the journal's, so not its transactions)."""
    cable = CountingCable()
    data = tmp_path / "till"
    first = register(data_dir=data, transport=cable)
    to_payment(qtbot, first)
    pay_new_card(qtbot, first, "4242424242424242")
    qtbot.waitUntil(lambda: first.wizard.currentId() == PAGE_DONE, timeout=10_000)
    result = first.wizard.done_page.result
    assert result is not None and result.outcome == "paid"
    qtbot.waitUntil(lambda: first.engine.undelivered() == [], timeout=5000)
    with sqlite3.connect(data / "journal.sqlite3") as db:  # as if it died before Done
        db.execute("UPDATE sales SET delivered_at = NULL")
    db.close()

    second = register(data_dir=tmp_path / "other")
    second._resumable = resumable_sales(first.engine)
    second.start_sale()
    page = second.wizard.start_page
    qtbot.waitUntil(lambda: page.resume_list.count() == 1, timeout=5000)
    second._resume = first.engine.resume
    cable.start()
    page.resume_list.setFocus()
    QTest.keyClick(page.resume_list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: second.wizard.currentId() == PAGE_DONE, timeout=10_000)
    sale = second.view.sale
    assert sale.lines == () and getattr(sale, "confirmed_order", None) is None
    receipt_shown(qtbot, second)
    after_sales = first.engine.after_sales
    assert after_sales is not None
    drained = qloop.create_task(after_sales.drain())  # the index of sales is written
    qtbot.waitUntil(drained.done, timeout=10_000)
    # The Done page's read: the order with its products, once. The register's index of
    # its sales reads the order the same way (one call: the card is the journal's), and
    # the engine's check of the resumed payment reads the order and its transactions.
    receipt_reads = [c for c in cable.calls if "include=consignments.line_items" in c]
    assert len(receipt_reads) == 2, cable.listing()
    assert len(cable.calls) == 4, cable.listing()
    done = second.wizard.done_page
    products = store_json(store, f"/v2/orders/{result.order_id}/products")
    assert isinstance(products, list)
    assert [(n, q) for n, q, _ in done.data.lines] == [
        (p["name"], p["quantity"]) for p in products]
    assert done.data.masked_card and done.data.masked_card.endswith("4242")
