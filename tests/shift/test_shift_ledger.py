"""The shift's ledger: one open shift per register, reasons required, the X and Z reports'
sums, append-only lines that survive a SIGKILL, and the API the returns work calls."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from pos.commands.tender_cli import shift_gate
from pos.shift import ShiftError, ShiftLedger
from pos.stores.profile_model import DEMO_PROFILE


def test_one_open_shift_per_register(tmp_path: Path) -> None:
    ledger = ShiftLedger(tmp_path / "shifts.jsonl", "front")
    other = ShiftLedger(tmp_path / "shifts.jsonl", "back")
    shift = ledger.open(currency="USD", float_amount="100.00")
    with pytest.raises(ShiftError, match="already open"):
        ledger.open(currency="USD", float_amount="100.00")
    assert other.current() is None
    other.open(currency="USD", float_amount="50")
    assert ledger.current() == shift


def test_float_by_denomination_and_bad_amounts(tmp_path: Path) -> None:
    ledger = ShiftLedger(tmp_path / "shifts.jsonl", "front")
    for bad in ("-1", "abc", "1.001"):
        with pytest.raises(ShiftError):
            ledger.open(currency="USD", float_amount=bad)
    with pytest.raises(ShiftError, match=r"not the 50\.00 counted"):
        ledger.open(currency="USD", float_amount="60", denominations={"20.00": 2, "0.25": 40})
    shift = ledger.open(currency="USD", denominations={"20.00": 2, "0.25": 40})
    assert shift.opening_float == Decimal("50.00")


def test_reports_and_refund_api(tmp_path: Path) -> None:
    ledger = ShiftLedger(tmp_path / "shifts.jsonl", "front")
    with pytest.raises(ShiftError, match="no shift is open"):
        ledger.paid_in("1.00", "float top-up")
    ledger.open(currency="EUR", float_amount="100.00")
    ledger.record_sale(1, "cash", Decimal("42.53"), cash=Decimal("42.55"),
                       discount=Decimal("1.00"), taxes={"IVA": Decimal("7.38")})
    ledger.record_sale(2, "terminal", Decimal("10.00"), taxes={"IVA": Decimal("1.74")})
    ledger.record_sale(3, "card", Decimal("20.00"))
    ledger.record_refund("cash", Decimal("5.00"), 1)
    ledger.record_refund("card", Decimal("20.00"), 3)
    ledger.record_void("terminal", Decimal("10.00"), 2)
    ledger.paid_in("10.00", "change from the bank")
    ledger.paid_out("3.00", "milk")
    ledger.no_sale("change for a note")
    with pytest.raises(ShiftError, match="reason"):
        ledger.no_sale("  ")
    x = ledger.x_report()
    assert x["sales"] == {"count": 3, "amount": "72.53"}
    assert x["by_tender"] == {"card": "20.00", "cash": "42.53", "terminal": "10.00"}
    assert x["refunds"]["by_tender"] == {"card": "20.00", "cash": "5.00"}
    assert x["voids"]["by_tender"] == {"terminal": "10.00"}
    assert x["taxes"] == {"IVA": "9.12"} and x["discounts"] == "1.00"
    # float + cash sales − cash refunds + paid-ins − paid-outs
    assert x["expected_cash"] == "144.55"
    assert "variance" not in x
    z = ledger.close("140.00")
    assert z["variance"] == "-4.55" and z["counted_cash"] == "140.00"
    assert ledger.current() is None
    assert ledger.z_report(z["shift_id"]) == z
    with pytest.raises(ShiftError):
        ledger.record_refund("cash", Decimal("1.00"), 1)


def test_lines_are_appended_never_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "shifts.jsonl"
    ledger = ShiftLedger(path, "front")
    ledger.open(currency="USD", float_amount="10")
    first = path.read_bytes()
    ledger.paid_in("1.00", "coins")
    assert path.read_bytes().startswith(first)
    # A line cut short by a crash is left out, the rest is read.
    with path.open("ab") as f:
        f.write(b'{"kind": "paid_in", "amou')
    assert ledger.x_report()["paid_in"] == "1.00"


CRASH = """
import os, signal, sys
from decimal import Decimal
from pos.shift import ShiftLedger
ledger = ShiftLedger(sys.argv[1], "front")
ledger.open(currency="USD", float_amount="100.00")
ledger.record_sale(7, "cash", Decimal("12.50"))
ledger.paid_out("2.00", "stamps")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_register_killed_mid_shift_resumes_it(tmp_path: Path) -> None:
    path = tmp_path / "shifts.jsonl"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", CRASH, str(path)], env=env, timeout=60,
                          check=False)
    assert done.returncode == -signal.SIGKILL
    ledger = ShiftLedger(path, "front")
    shift = ledger.current()
    assert shift is not None and shift.opening_float == Decimal("100.00")
    x = ledger.x_report()
    assert x["sales"]["count"] == 1 and x["expected_cash"] == "110.50"
    ledger.close("110.50")
    assert [json.loads(line)["kind"] for line in path.read_text().splitlines()] == \
        ["open", "sale", "paid_out", "close"]


def test_sales_need_an_open_shift_when_the_profile_requires_one(tmp_path: Path) -> None:
    relaxed = DEMO_PROFILE
    strict = dataclasses.replace(DEMO_PROFILE, require_shift=True)
    assert shift_gate(relaxed, tmp_path) is None
    refusal = shift_gate(strict, tmp_path)
    assert refusal is not None and "pos shift open" in refusal
    ShiftLedger(tmp_path / "shifts.jsonl", strict.terminal_name).open(
        currency="USD", float_amount="0")
    assert shift_gate(strict, tmp_path) is None
