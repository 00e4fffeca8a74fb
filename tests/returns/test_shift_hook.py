"""A refund reaches the register's open shift: the Z report counts it by tender and a cash
refund lowers the cash the drawer should hold."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from pos.returns.shift_hook import shift_refund_hook
from pos.shift import ShiftLedger


def test_a_cash_refund_lowers_the_expected_cash_of_the_open_shift(tmp_path: Path) -> None:
    ledger = ShiftLedger(tmp_path / "shifts.jsonl", "Till 1")
    ledger.open(currency="USD", float_amount="100.00")
    record = shift_refund_hook(tmp_path, "Till 1")
    record("cash", Decimal("12.50"), 101)
    record("card", Decimal("20.00"), 102)
    report = ledger.x_report()
    assert Decimal(report["expected_cash"]) == Decimal("87.50")
    refunds = [e for e in ledger.events() if e.get("kind") == "refund"]
    assert [(e["order_id"], e["tender"], e["amount"]) for e in refunds] == [
        (101, "cash", "12.50"), (102, "card", "20.00")]


def test_without_an_open_shift_the_refund_is_not_lost_or_refused(tmp_path: Path) -> None:
    record = shift_refund_hook(tmp_path, "Till 1")
    record("cash", Decimal("5.00"), 7)  # nothing open: logged, never raised
    assert [e for e in ShiftLedger(tmp_path / "shifts.jsonl", "Till 1").events()
            if e.get("kind") == "refund"] == []
