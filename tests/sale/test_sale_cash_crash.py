"""``pos sale`` paying in cash, killed with SIGKILL at each journal point (around the
cash status update ``PUT /v2/orders/{id}``), then ``pos sale --resume``: the order is
recorded paid exactly once, counted from the store's own records, and never charged."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

import pytest
from test_sale_crash import POINTS, kill_at
from test_sale_support import cli_env, make_client, pos_sale_command, run_pos_sale, write_spec

from pos.sale.journal import Journal
from pos.sandbox.server import SandboxServer

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


async def store_records(db: Path) -> tuple[list[tuple[int, str, str]], int]:
    """The sandbox store's own records in ``db``: (id, payment method, staff notes) of each
    order not left unpaid, and the money-taking transactions of every order."""
    with SandboxServer(rate_limit_quota=1_000_000, db_path=db, seed=1,
                       catalog_size=500) as store:
        async with make_client(store) as client:
            orders = await client.orders.list(limit=250)
            paid = [(o.id, o.payment_method or "", str(getattr(o, "staff_notes", "") or ""))
                    for o in orders if o.status_id not in (0, 5)]
            taken = 0
            for order in orders:
                txs = await client.orders.transactions(order.id)
                taken += sum(1 for t in txs if t.event in ("purchase", "authorization"))
    return paid, taken


@pytest.mark.parametrize("point", POINTS)
def test_cash_sale_killed_then_resumed(tmp_path: Path, point: str) -> None:
    data_root = tmp_path / "data"
    db = tmp_path / "store.sqlite3"
    spec = write_spec(tmp_path / "sale.json", payment={"cash": "500.00"})
    journal = data_root / "profiles" / "demo" / "journal.sqlite3"
    common = ("--demo", "--demo-db", str(db), "--demo-latency-ms", "40",
              "--unpaid-confirm", "0.5", "--timeout", "10")
    status = kill_at(point, pos_sale_command(*common, "--spec", str(spec)),
                     cli_env(data_root), "")
    assert status == -signal.SIGKILL, f"the sale was not killed at {point} ({status})"
    with Journal(journal) as j:
        kinds = [e.kind for r in j.unfinished_sales() for e in r.events]
    if point in ("payment_outcome", "finished"):
        assert kinds == [], (point, kinds)
    else:
        assert kinds and kinds[-1] == point, (point, kinds)
    code, out, err = run_pos_sale(data_root, *common, "--resume", "--spec", str(spec))
    assert code == 0, (point, out, err)
    expected = ["paid", "none"] if point in ("payment_outcome", "finished") else ["paid"]
    assert [o["outcome"] for o in out] == expected, out
    code, again, err = run_pos_sale(data_root, *common, "--resume")
    assert code == 0 and [o["outcome"] for o in again] == ["none"], (again, err)
    paid, taken = asyncio.run(store_records(db))
    # One order recorded paid, by cash, once; no card transaction at all.
    assert len(paid) == 1 and paid[0][1] == "Cash", paid
    assert paid[0][2].count("Cash: tendered 500.00") == 1, paid
    assert taken == 0
    assert out[0]["order_id"] == paid[0][0]
    with Journal(journal) as j:
        assert j.unfinished_sales() == []
