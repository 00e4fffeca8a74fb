"""Attribution on the store's order: the clerk and the approver of a gated action reach the
order's ``staff_notes`` (``PUT /v2/orders/{id}``), here on the sandbox store over HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from openapi_support import StoreHttp, line_item, sellable_variants

from pos.sandbox.server import SandboxServer
from pos.staff import Permission, StaffDesk, staff_note

from .conftest import PINS


@pytest.fixture(scope="module")
def store() -> Iterator[StoreHttp]:
    with SandboxServer(seed=1, catalog_size=20) as server, StoreHttp(server.info) as http:
        yield http


def place_order(store: StoreHttp) -> int:
    product, variant = sellable_variants(store.products(pages=1))[0]
    cart = store.cart([line_item(product, variant)])
    store.billing(cart["id"])
    store.choose_shipping(store.consign(cart))
    return store.order(cart["id"])


def test_the_clerk_and_the_approver_are_written_on_the_order(
    store: StoreHttp, desk: StaffDesk
) -> None:
    order_id = place_order(store)
    ana = desk.sign_in("Ana", PINS["Ana"])
    approval = desk.gate(Permission.VOID, ana)
    desk.approve(approval, "Maria", PINS["Maria"])
    approval.use(Permission.VOID, details={"order_id": order_id})
    note = staff_note(approval.clerk, approval.approver)
    r = store.put(f"/v2/orders/{order_id}", {"staff_notes": note})
    assert r.status_code == 200, r.text
    assert store.v2_order(order_id)["staff_notes"] == "Clerk: Ana; approved by: Maria"
    logged = list(desk.audit.records())[-1]
    assert (logged.event, logged.staff, logged.approver, logged.details["order_id"]) == (
        "action_allowed", "Ana", "Maria", order_id)
