"""``pos sale`` killed with SIGKILL at each journal point, then ``pos sale --resume``:
one paid order per sale, never two charges (counted from the store's own records)."""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

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


def journal_kinds(path: Path) -> list[str]:
    if not path.exists():
        return []
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1.0)
        try:
            return [row[0] for row in db.execute("SELECT kind FROM events ORDER BY id")]
        finally:
            db.close()
    except sqlite3.Error:
        return []


def kill_at(point: str, command: list[str], env: dict[str, str], stdin: str,
            journal: Path) -> bool:
    """Run ``command`` and SIGKILL it once the journal holds ``point``; True if killed."""
    process = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=env, text=True,
    )
    assert process.stdin is not None
    process.stdin.write(stdin)
    process.stdin.close()
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            if point in journal_kinds(journal):
                if process.poll() is None:
                    process.send_signal(signal.SIGKILL)
                    process.wait(10)
                    return True
                return False
            if process.poll() is not None:
                return False
            time.sleep(0.003)
        raise AssertionError(f"the journal never reached {point}")
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(10)
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


async def store_counts(db: Path) -> tuple[int, int]:
    """(orders paid, money-taking transactions) in the sandbox store kept in ``db``."""
    with SandboxServer(db_path=db, seed=1, catalog_size=500) as store:
        async with make_client(store) as client:
            orders = await client.orders.list(limit=250)
            paid = [o for o in orders if o.status_id not in (0, 5)]
            taken = 0
            for order in orders:
                txs = await client.orders.transactions(order.id)
                taken += sum(1 for t in txs if t.event in ("purchase", "authorization"))
    return len(paid), taken


@pytest.mark.parametrize("point", POINTS)
def test_killed_then_resumed(tmp_path: Path, point: str) -> None:
    data_root = tmp_path / "data"
    db = tmp_path / "store.sqlite3"
    spec = write_spec(tmp_path / "sale.json")
    journal = data_root / "profiles" / "demo" / "journal.sqlite3"
    common = ("--demo", "--demo-db", str(db), "--demo-latency-ms", "40",
              "--unpaid-confirm", "0.5", "--timeout", "10")
    killed = kill_at(point, pos_sale_command(*common, "--spec", str(spec)),
                     cli_env(data_root), card_json(), journal)
    code, out, err = run_pos_sale(data_root, *common, "--resume", "--spec", str(spec),
                                  stdin=card_json())
    assert code == 0, (point, killed, out, err)
    # Killed after "finished", the sale needed nothing more.
    expected = ["none"] if point == "finished" or not killed else ["paid"]
    assert [o["outcome"] for o in out] == expected, out
    assert asyncio.run(store_counts(db)) == (1, 1)
    # Nothing left, and nothing secret on disk.
    with Journal(journal) as j:
        assert j.unfinished_sales() == []
    assert files_contain_secrets(data_root, (*ALL_CARD_NUMBERS, "verification_value")) == []
