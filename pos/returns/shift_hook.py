"""The hook to the shift room: ``pos.shift.record_refund(tender, amount, order_id)``.

The shift room is built beside this one; until it exists this hook is None and refunds are
recorded in the refunds journal only. When it exists, every refunded payment (and every
void) is handed to it, and a failure there never hides the refund (it is logged)."""

from __future__ import annotations

import importlib
import logging
from decimal import Decimal

from pos.returns.engine import RefundRecorder

log = logging.getLogger("pos.returns")


def shift_refund_hook() -> RefundRecorder | None:
    try:
        shift = importlib.import_module("pos.shift")
    except ImportError:
        return None
    recorder = getattr(shift, "record_refund", None)
    if recorder is None:
        return None

    def record(tender: str, amount: Decimal, order_id: int) -> None:
        try:
            recorder(tender, amount, order_id)
        except Exception as exc:  # the refund is made; the shift's problem must not hide it
            log.warning("the shift could not record the refund of order %s (%s)", order_id,
                        type(exc).__name__)

    return record
