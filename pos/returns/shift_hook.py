"""The hook to the shift room: every refunded payment (and every void) is recorded in the
register's open shift (``pos.shift.ShiftLedger.record_refund``), so the Z report counts it
by tender and the expected cash falls by a cash refund.

With no open shift the refund is recorded in the refunds journal only; a failure of the
shift's file never hides the refund (it is logged)."""

from __future__ import annotations

import logging
from decimal import Decimal
from pathlib import Path

from pos.returns.engine import RefundRecorder
from pos.shift import ShiftLedger

log = logging.getLogger("pos.returns")


def shift_refund_hook(data_dir: Path, register: str) -> RefundRecorder:
    """A recorder for the shift ledger of ``register`` in ``data_dir`` (the file ``pos
    shift`` and ``pos sale`` keep there)."""
    ledger = ShiftLedger(data_dir / "shifts.jsonl", register or "register")

    def record(tender: str, amount: Decimal, order_id: int) -> None:
        try:
            if ledger.current() is None:
                log.info("no shift is open: the refund of order %s is in the refunds journal "
                         "only", order_id)
                return
            ledger.record_refund(tender, amount, order_id)
        except Exception as exc:  # the refund is made; the shift's problem must not hide it
            log.warning("the shift could not record the refund of order %s (%s)", order_id,
                        type(exc).__name__)

    return record
