"""``pos sale`` killed with SIGKILL at each journal point, then ``pos sale --resume``:
one paid order per sale, never two charges (counted from the store's own records)."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from test_sale_support import (
    ALL_CARD_NUMBERS,
    card_json,
    cli_env,
    files_contain_secrets,
    make_client,
    pos_sale_command,
    run_pos_sale,
    write_spec,
)

from pos.commands.sale import CRASH_ENV
from pos.sale.journal import Journal
from pos.sandbox.server import SandboxServer

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

#: Journal events of a sale, in the order a sale writes them.
POINTS = (
    "cart",
    "consignments",
    "totals",
    "order_creation_started",
    "order_created",
    "payment_started",
    "payment_outcome",
    "finished",
)


def kill_at(point: str, command: list[str], env: dict[str, str], stdin: str) -> int:
    """Run ``command`` with ``POS_SALE_CRASH_AT=point``: it kills itself with SIGKILL right
    after the journal commits ``point``. Returns the exit status."""
    env = {**env, CRASH_ENV: point}
    done = subprocess.run(command, input=stdin, capture_output=True, text=True, env=env,
                          timeout=60, check=False)
    return done.returncode


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


#: Killed right after these, the sale was already paid and finished.
PAID_POINTS = ("payment_outcome", "finished")


def killed_then_resumed(tmp_path: Path, point: str, spec: Path,
                        stdin: str = "") -> tuple[Path, list[dict[str, Any]]]:
    """``pos sale --spec spec`` on the demo store (its database ``tmp_path/store.sqlite3``)
    killed right after the journal commits ``point``, then ``pos sale --resume`` (given
    ``stdin``) and ``--resume`` once more. Checks that the sale stopped at ``point``, that
    the resumed sale reports it paid, and that nothing is left unfinished; returns the data
    folder and what the first ``--resume`` printed."""
    data_root = tmp_path / "data"
    db = tmp_path / "store.sqlite3"
    journal = data_root / "profiles" / "demo" / "journal.sqlite3"
    common = ("--demo", "--demo-db", str(db), "--demo-latency-ms", "40",
              "--unpaid-confirm", "0.5", "--timeout", "10")
    status = kill_at(point, pos_sale_command(*common, "--spec", str(spec)),
                     cli_env(data_root), stdin)
    assert status == -signal.SIGKILL, f"the sale was not killed at {point} ({status})"
    with Journal(journal) as j:
        kinds = [e.kind for r in j.unfinished_sales() for e in r.events]
    if point in PAID_POINTS:
        # The outcome of a paid attempt and the sale's end are one journal commit: the
        # sale is no longer unfinished.
        assert kinds == [], (point, kinds)
    else:
        assert kinds and kinds[-1] == point, (point, kinds)
    code, out, err = run_pos_sale(data_root, *common, "--resume", "--spec", str(spec),
                                  stdin=stdin)
    assert code == 0, (point, out, err)
    # Killed at either of those, the sale needed nothing more, but its outcome never
    # reached the caller: --resume reports it paid (once), then that nothing is unfinished.
    expected = ["paid", "none"] if point in PAID_POINTS else ["paid"]
    assert [o["outcome"] for o in out] == expected, out
    code, again, err = run_pos_sale(data_root, *common, "--resume")
    assert code == 0 and [o["outcome"] for o in again] == ["none"], (again, err)
    with Journal(journal) as j:
        assert j.unfinished_sales() == []
    return data_root, out


@pytest.mark.parametrize("point", POINTS)
def test_killed_then_resumed(tmp_path: Path, point: str) -> None:
    data_root, out = killed_then_resumed(tmp_path, point, write_spec(tmp_path / "sale.json"),
                                         card_json())
    if point in PAID_POINTS:
        assert out[0]["message"].startswith("Paid: order ") and out[0]["order_id"]
        assert "print the receipt" in out[0]["message"]
    paid, taken = asyncio.run(store_records(tmp_path / "store.sqlite3"))
    assert (len(paid), taken) == (1, 1)
    # Nothing secret on disk.
    assert files_contain_secrets(data_root, (*ALL_CARD_NUMBERS, "verification_value")) == []
