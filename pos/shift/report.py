"""X and Z reports: the sums of a shift's events.

Expected cash = opening float + cash sales − cash refunds + paid-ins − paid-outs; the
variance is counted − expected (negative: the drawer is short).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

__all__ = ["build_report"]

_CENT = Decimal("0.01")


def _d(value: Any) -> Decimal:
    return Decimal(str(value or "0"))


def _s(value: Decimal) -> str:
    return str(value.quantize(_CENT))


def build_report(events: Sequence[dict[str, Any]], *, counted: Decimal | None = None,
                 closed_at: str | None = None,
                 unmatched: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The report of one shift's events (X without ``counted``, Z with it)."""
    opened = next((e for e in events if e.get("kind") == "open"), {})
    opening = _d(opened.get("float"))
    by_tender: dict[str, Decimal] = defaultdict(Decimal)
    count_by_tender: dict[str, int] = defaultdict(int)
    refunds: dict[str, Decimal] = defaultdict(Decimal)
    voids: dict[str, Decimal] = defaultdict(Decimal)
    taxes: dict[str, Decimal] = defaultdict(Decimal)
    sales_total = discounts = cash_sales = cash_refunds = paid_in = paid_out = Decimal(0)
    sales = refund_count = void_count = no_sales = 0
    moves: list[dict[str, Any]] = []
    for e in events:
        kind = e.get("kind")
        if kind == "sale":
            sales += 1
            amount = _d(e.get("amount"))
            sales_total += amount
            by_tender[e["tender"]] += amount
            count_by_tender[e["tender"]] += 1
            cash_sales += _d(e.get("cash"))
            discounts += _d(e.get("discount"))
            for name, value in (e.get("taxes") or {}).items():
                taxes[name] += _d(value)
        elif kind == "refund":
            refund_count += 1
            refunds[e["tender"]] += _d(e.get("amount"))
            if e["tender"] == "cash":
                cash_refunds += _d(e.get("amount"))
        elif kind == "void":
            void_count += 1
            voids[e["tender"]] += _d(e.get("amount"))
        elif kind in ("paid_in", "paid_out"):
            value = _d(e.get("amount"))
            if kind == "paid_in":
                paid_in += value
            else:
                paid_out += value
            moves.append({"kind": kind, "amount": _s(value), "reason": e.get("reason"),
                          "at": e.get("at")})
        elif kind == "no_sale":
            no_sales += 1
            moves.append({"kind": kind, "reason": e.get("reason"), "at": e.get("at")})
    expected = opening + cash_sales - cash_refunds + paid_in - paid_out
    report: dict[str, Any] = {
        "shift_id": opened.get("shift_id"),
        "register": opened.get("register"),
        "opened_at": opened.get("at"),
        "closed_at": closed_at,
        "currency": opened.get("currency"),
        "opening_float": _s(opening),
        "sales": {"count": sales, "amount": _s(sales_total)},
        "by_tender": {k: _s(v) for k, v in sorted(by_tender.items())},
        "count_by_tender": dict(sorted(count_by_tender.items())),
        "refunds": {"count": refund_count,
                    "amount": _s(sum(refunds.values(), Decimal(0))),
                    "by_tender": {k: _s(v) for k, v in sorted(refunds.items())}},
        "voids": {"count": void_count,
                  "amount": _s(sum(voids.values(), Decimal(0))),
                  "by_tender": {k: _s(v) for k, v in sorted(voids.items())}},
        "discounts": _s(discounts),
        "taxes": {k: _s(v) for k, v in sorted(taxes.items())},
        "cash_sales": _s(cash_sales),
        "cash_refunds": _s(cash_refunds),
        "paid_in": _s(paid_in),
        "paid_out": _s(paid_out),
        "no_sales": no_sales,
        "drawer_moves": moves,
        "expected_cash": _s(expected),
    }
    if counted is not None:
        report["counted_cash"] = _s(counted)
        report["variance"] = _s(counted - expected)
        report["unmatched_orders"] = list(unmatched or [])
    return report
