"""The drawer's shift: opening float, paid-in/out, no-sale, X and Z reports, kept locally
append-only and reconciled with the store's orders. Qt-free (docs/shift.md)."""

from pos.shift.ledger import Shift, ShiftError, ShiftLedger, parse_amount
from pos.shift.reconcile import OrderFigures, order_figures, unmatched_orders
from pos.shift.report import build_report

__all__ = ["OrderFigures", "Shift", "ShiftError", "ShiftLedger", "build_report",
           "order_figures", "parse_amount", "unmatched_orders"]
