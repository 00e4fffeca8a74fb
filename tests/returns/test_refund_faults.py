"""The refund fault matrix: the quote and the refund call × every fault kind of the sandbox
(latency past the client's timeout, 500, 503, 429, a connection reset before the request
is handled, processed then dropped). In every case the store holds exactly one refund of
the order, counted from its own refund list, and the refund is reported refunded."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from returns_support import Orders, all_lines, fast_settings, make_client, store_refunds

from pos.api.client import BigCommerceClient
from pos.returns import RefundJournal, Returns
from pos.sandbox.server import SandboxServer

TIMEOUT = 0.15  # the client's per-attempt budget
LATENCY_MS = 300  # a "latency" fault: well past the timeout
CALLS = (
    ("POST", "/v3/orders/*/payment_actions/refund_quotes"),
    ("POST", "/v3/orders/*/payment_actions/refunds"),
)
KINDS = ("latency", "500", "503", "429", "close_before", "close_after")


@pytest.fixture
async def slow_client(store: SandboxServer) -> AsyncIterator[BigCommerceClient]:
    async with make_client(store, timeout=TIMEOUT, connect_timeout=TIMEOUT) as c:
        yield c


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("method", "path"), CALLS, ids=["quote", "refund"])
async def test_refund_fault_matrix(
    faults: SandboxServer, slow_client: BigCommerceClient, client: BigCommerceClient,
    journal: RefundJournal, orders: Orders, method: str, path: str, kind: str,
) -> None:
    order_id = orders.paid(2, shipping=True)
    returns = Returns(slow_client, journal, fast_settings(absent_confirm=1.0))
    view = await Returns(client, journal, fast_settings()).order(order_id)
    if kind == "429":
        faults.configure(rate_limit_window_ms=300, payments_window_ms=300)
    faults.add_fault(method, path, kind, times=1, latency_ms=LATENCY_MS)
    result = await returns.refund(order_id, all_lines(view, restock=False), shipping=True,
                                  reason="Other")
    if result.outcome == "unknown":
        [result] = await returns.resume()
    assert faults.faults.active() == [], f"the refund never made the call {method} {path}"
    refunds = await store_refunds(client, order_id)
    assert len(refunds) == 1, "exactly one refund at the store"
    assert result.outcome == "refunded", result
    assert result.refund_id == refunds[0].id
    assert result.amount == view.total
    assert journal.unfinished() == []
