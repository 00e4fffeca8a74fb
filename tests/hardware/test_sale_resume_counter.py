"""``pos sale`` paying in cash with the profile's printer on a loopback ESC/POS printer and
an open shift, killed with SIGKILL at a point of the sale or of what follows it (the
shift's record, the receipt), then ``pos sale --resume``: the sale, once paid, does what a
sale paid in one go does (its receipt printed, the drawer opened for cash, the sale in the
shift), exactly once across both runs; what the killed run did already is not done again,
and a receipt whose printing may have begun is never printed (nor the drawer opened)
twice."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from escpos_server import EscPosServer
from test_sale_command_printer import _env
from test_sale_support import pos_sale_command, write_spec

from pos.commands.sale import CRASH_ENV
from pos.sandbox.server import SandboxServer
from pos.shift import ShiftLedger

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

#: (where the first run is killed, receipts printed by both runs together)
POINTS = [
    ("payment_outcome", 1),  # paid at the store; the sale not finished in the journal
    ("finished", 1),  # finished paid; nothing followed up, nothing reported
    ("shift_recorded", 1),  # the shift has it; no receipt yet
    ("receipt_started", 0),  # the receipt may have been sent: never again
    ("receipt_printed", 1),  # everything done; only the report was lost
]


def _objects(stdout: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.mark.parametrize(("point", "receipts"), POINTS)
def test_a_cash_sale_killed_then_resumed_prints_opens_and_enters_the_shift_once(
    tmp_path: Path, printer_server: EscPosServer, point: str, receipts: int,
) -> None:
    with SandboxServer(rate_limit_quota=1_000_000, seed=1, catalog_size=500) as store:
        env = _env(tmp_path, store, printer_server)
        opened = subprocess.run([sys.executable, "-m", "pos", "shift", "open", "--profile",
                                 "shop", "--float", "100.00"], capture_output=True,
                                text=True, env=env, timeout=60, check=False)
        assert opened.returncode == 0, opened.stderr
        spec = write_spec(tmp_path / "sale.json", payment={"cash": "500.00"})
        sale = pos_sale_command("--profile", "shop", "--unpaid-confirm", "0.5",
                                "--timeout", "20")
        killed = subprocess.run([*sale, "--spec", str(spec)], input="",
                                capture_output=True, text=True,
                                env={**env, CRASH_ENV: point}, timeout=90, check=False)
        assert killed.returncode == -signal.SIGKILL, (point, killed.stdout, killed.stderr)
        resumed = subprocess.run([*sale, "--resume", "--spec", str(spec)], input="",
                                 capture_output=True, text=True, env=env, timeout=90,
                                 check=False)
        assert resumed.returncode == 0, (resumed.stdout, resumed.stderr)
        assert "Traceback" not in resumed.stderr, resumed.stderr
        again = subprocess.run([*sale, "--resume"], input="", capture_output=True,
                               text=True, env=env, timeout=90, check=False)
    paid = [o for o in _objects(resumed.stdout) if o["outcome"] == "paid"]
    assert len(paid) == 1, resumed.stdout
    out = paid[0]
    assert out["tender"] == "cash"
    assert [o["outcome"] for o in _objects(again.stdout)] == ["none"], again.stdout

    # The sale is in the shift once, as cash.
    ledger = ShiftLedger(tmp_path / "data" / "profiles" / "shop" / "shifts.jsonl", "Till 7")
    sales = [e for e in ledger.events() if e["kind"] == "sale"]
    assert [(e["order_id"], e["tender"]) for e in sales] == [(out["order_id"], "cash")]
    assert out["shift_id"] == sales[0]["shift_id"]
    assert ledger.x_report()["by_tender"] == {"cash": sales[0]["amount"]}

    # One receipt at most, and the drawer opened with it (never twice).
    if receipts:
        printer_server.wait_jobs(1)
    printed = [job for job in printer_server.jobs if job.printed]
    assert len(printed) == receipts, [job.text for job in printer_server.jobs]
    assert sum(len(job.pulses) for job in printer_server.jobs) == receipts
    if receipts:
        assert f"Order #{out['order_id']}" in printed[0].text
        assert printed[0].pulses == [5]
        assert out["receipt_printed"] is True
    else:
        assert out["receipt_printed"] is False
        assert f"pos receipt --order {out['order_id']}" in out["receipt_error"]
