"""The fulfilment page splits a line by quantity: a "takes now" cell per line (edited by
the table's own editor) says how many the customer takes now, the rest is shipped.
Against the real sale engine and the sandbox."""

from __future__ import annotations

import fnmatch
import json

import httpx
import pytest
from PySide6.QtCore import Qt
from ui_helpers import (
    add_items,
    fill_guest_billing,
    pay_new_card,
    press,
    type_quantity,
    wait_page,
    wiz,
)

from pos.ui.pages import PAGE_DONE, PAGE_FULFILMENT, PAGE_PAYMENT, PAGE_SHIPPING


class WholeLinesStore(httpx.AsyncBaseTransport):
    """The sandbox store, behaving as a store that moves whole lines: a request for
    consignments that split a line's quantity is carried out with the whole line in the
    last consignment naming it (a consignment left with nothing is not made). Everything
    goes to the real sandbox, which itself keeps split lines: only such a request is
    changed, so the store's answers and its state stay those of one real store."""

    def __init__(self) -> None:
        self._network = httpx.AsyncHTTPTransport()
        self.moved = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and fnmatch.fnmatch(
            request.url.path, "*/v3/checkouts/*/consignments"
        ):
            request = self._whole_lines(request)
        return await self._network.handle_async_request(request)

    def _whole_lines(self, request: httpx.Request) -> httpx.Request:
        consignments = json.loads(request.read())
        totals: dict[str, int] = {}
        last: dict[str, int] = {}
        for index, consignment in enumerate(consignments):
            for item in consignment.get("line_items", []):
                totals[item["item_id"]] = totals.get(item["item_id"], 0) + item["quantity"]
                last[item["item_id"]] = index
        if all(sum(1 for c in consignments for i in c.get("line_items", [])
                   if i["item_id"] == item_id) == 1 for item_id in totals):
            return request
        self.moved += 1
        for index, consignment in enumerate(consignments):
            consignment["line_items"] = [
                {**item, "quantity": totals[item["item_id"]]}
                for item in consignment.get("line_items", [])
                if last[item["item_id"]] == index
            ]
        body = json.dumps([c for c in consignments if c["line_items"]]).encode()
        headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
        return httpx.Request(request.method, request.url, headers=headers, content=body,
                             extensions=request.extensions)

    async def aclose(self) -> None:
        await self._network.aclose()


@pytest.fixture
def skus(shop) -> tuple[str, ...]:
    assert len(shop.skus) >= 4
    return shop.skus


def _to_fulfilment(qtbot, window, *codes: str):
    add_items(qtbot, window, *codes)
    w = wiz(window)
    fill_guest_billing(qtbot, window)
    w.next()
    wait_page(qtbot, window, PAGE_FULFILMENT)
    page = w.fulfilment_page
    page.split.setChecked(True)
    return page


def _outcome(qtbot, window) -> str:
    """Where pressing Next led: "shipping", or "error" (the page says why)."""
    w = wiz(window)
    page = w.fulfilment_page
    qtbot.waitUntil(
        lambda: w.currentId() == PAGE_SHIPPING
        or (page.error_label.isVisible() and not window.view.busy.is_busy),
        timeout=10_000,
    )
    return "shipping" if w.currentId() == PAGE_SHIPPING else "error"


def test_takes_now_cells_split_a_line_and_show_what_is_shipped(qtbot, window, skus):
    page = _to_fulfilment(qtbot, window, skus[0], skus[0], skus[0], skus[1])
    totes, other = window.view.sale.lines
    assert totes.quantity == 3 and other.quantity == 1
    table = page.split_table
    assert table.isVisible() and table.columnCount() == 4
    assert table.item(0, 2).text() == "3"  # all taken now: the cell reads its number
    assert table.item(0, 3).text() == "0"
    assert not page.ship_box.isVisible()  # nothing shipped yet
    assert page.nextId() == PAGE_PAYMENT
    spin = page.takes_now.open_editor(0)
    assert spin is not None and (spin.minimum(), spin.maximum(), spin.value()) == (0, 3, 3)
    assert spin.accessibleName().startswith("Takes now: ")
    press(Qt.Key.Key_Escape, spin)

    type_quantity(qtbot, table, 0, "1")
    assert page.split_table.item(0, 3).text() == "2"
    assert page.ship_box.isVisible() and page.nextId() == PAGE_SHIPPING
    assert page._quantities() == ({totes.id: 1, other.id: 1}, {totes.id: 2})

    page.set_ships(other.id, True)
    page.set_take_now(totes.id, 0)
    assert page._quantities() == ({}, {totes.id: 3, other.id: 1})
    assert not page.pickup_note.isVisible()
    page.set_ships(totes.id, False)
    assert page._quantities() == ({totes.id: 3}, {other.id: 1})


def test_one_line_taken_in_part_and_shipped_in_part(qtbot, window, skus):
    page = _to_fulfilment(qtbot, window, skus[2], skus[2], skus[2])
    (line,) = window.view.sale.lines
    page.set_take_now(line.id, 1)
    wiz(window).next()
    assert _outcome(qtbot, window) == "shipping", page.error_label.text()
    w = wiz(window)
    kinds = {c.kind: dict(c.items) for c in window.view.sale.consignments}
    assert kinds == {"pickup": {line.id: 1}, "ship": {line.id: 2}}
    next(iter(w.shipping_page._groups.values())).button(0).click()
    qtbot.waitUntil(w.shipping_page.isComplete, timeout=10_000)
    w.next()
    wait_page(qtbot, window, PAGE_PAYMENT)
    pay_new_card(qtbot, window, "4242424242424242")
    wait_page(qtbot, window, PAGE_DONE)


def test_a_split_the_store_does_not_keep_is_shown_and_chosen_again(qtbot, register, skus):
    store = WholeLinesStore()
    window = register(transport=store)
    page = _to_fulfilment(qtbot, window, skus[3], skus[3], skus[3], skus[1])
    line, other = window.view.sale.lines
    page.set_take_now(line.id, 2)
    page.set_ships(other.id, True)
    wiz(window).next()
    assert _outcome(qtbot, window) == "error"
    assert store.moved == 1
    assert "did not keep" in page.error_label.text()
    assert wiz(window).currentId() == PAGE_FULFILMENT
    assert window.view.sale.consignments == ()
    # The clerk takes the whole line now instead; the other line is still shipped.
    page.set_ships(line.id, False)
    wiz(window).next()
    assert _outcome(qtbot, window) == "shipping"
    kinds = {c.kind: dict(c.items) for c in window.view.sale.consignments}
    assert kinds == {"pickup": {line.id: 3}, "ship": {other.id: 1}}
