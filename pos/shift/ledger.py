"""The drawer's shift, kept locally: one JSON line per event, appended and fsynced, never
edited.

A shift opens with its float (a sum or counted by denomination), collects the register's
sales, refunds and voids by tender, paid-ins and paid-outs with their reasons and no-sale
drawer opens, and closes with a blind count: the Z report is computed then and appended
as the shift's last line. One shift per register is open at a time; a register that
crashed finds its open shift again in the file (:meth:`ShiftLedger.current`). A line cut
short by a crash (the last one) is ignored.

Qt-free; no network (reconciling with the store is :mod:`pos.shift.reconcile`).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pos.shift.report import build_report

__all__ = ["Shift", "ShiftError", "ShiftLedger", "parse_amount"]

_CENT = Decimal("0.01")
TENDERS = ("cash", "card", "stored_card", "terminal", "other", "split",
           "gift_certificate", "store_credit")


class ShiftError(ValueError):
    """A shift action that cannot be done as asked (one clear message)."""


def parse_amount(value: Any, what: str, *, zero: bool = True) -> Decimal:
    """An amount of money (at most two decimals, not negative; above zero unless ``zero``)."""
    try:
        amount = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ShiftError(f"{what} must be an amount such as 100.00") from None
    if not amount.is_finite() or amount < 0 or (amount == 0 and not zero) \
            or amount != amount.quantize(_CENT):
        raise ShiftError(f"{what} must be an amount of at least "
                         f"{'0.00' if zero else '0.01'} with at most two decimals")
    return amount.quantize(_CENT)


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Shift:
    """An open shift: its id, register, when it opened, float and currency."""

    shift_id: str
    register: str
    opened_at: str
    opening_float: Decimal
    currency: str


class ShiftLedger:
    """The shifts of the registers whose data live in ``path`` (a JSONL file)."""

    def __init__(self, path: Path, register: str = "") -> None:
        self.path = Path(path)
        self.register = register or "register"

    # ------------------------------------------------------------------ file

    def _append(self, event: dict[str, Any]) -> dict[str, Any]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = (json.dumps(event, sort_keys=True, separators=(",", ":")) + "\n").encode()
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)
        return event

    def events(self) -> Iterator[dict[str, Any]]:
        """Every whole line of the file, oldest first (a torn last line left out)."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        for raw in data.split(b"\n"):
            if not raw.strip():
                continue
            try:
                event = json.loads(raw)
            except ValueError:
                continue
            if isinstance(event, dict):
                yield event

    def shift_events(self, shift_id: str) -> list[dict[str, Any]]:
        return [e for e in self.events() if e.get("shift_id") == shift_id]

    # ------------------------------------------------------------------ shifts

    def current(self) -> Shift | None:
        """This register's open shift (the one a crashed register resumes), or None."""
        open_: dict[str, dict[str, Any]] = {}
        for e in self.events():
            if e.get("register") != self.register:
                continue
            if e.get("kind") == "open":
                open_[e["shift_id"]] = e
            elif e.get("kind") == "close":
                open_.pop(e.get("shift_id", ""), None)
        if not open_:
            return None
        e = list(open_.values())[-1]
        return Shift(e["shift_id"], e["register"], e["at"], Decimal(e["float"]),
                     e.get("currency", ""))

    def require(self) -> Shift:
        shift = self.current()
        if shift is None:
            raise ShiftError("no shift is open on this register: open one with "
                             "'pos shift open --float AMOUNT'")
        return shift

    def open(self, *, currency: str, float_amount: Any = None,
             denominations: Mapping[str, int] | None = None, clerk: str = "") -> Shift:
        """Open this register's shift with its float: a sum, or counted by denomination
        (``{"20.00": 2, "0.25": 8}``). Refused while a shift is open."""
        if self.current() is not None:
            raise ShiftError("a shift is already open on this register: close it first")
        counted: dict[str, int] = {}
        if denominations:
            total = Decimal(0)
            for value, count in denominations.items():
                coin = parse_amount(value, f"the denomination {value!r}", zero=False)
                if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                    raise ShiftError(f"the count of {value} must be a whole number")
                counted[str(coin)] = count
                total += coin * count
            if float_amount is not None and parse_amount(float_amount, "the float") != total:
                raise ShiftError(f"the float {float_amount} is not the {total} counted")
            amount = total.quantize(_CENT)
        else:
            if float_amount is None:
                raise ShiftError("give the opening float")
            amount = parse_amount(float_amount, "the float")
        shift_id = f"{_dt.date.today().isoformat()}-{uuid.uuid4().hex[:8]}"
        event = self._append({
            "kind": "open", "shift_id": shift_id, "register": self.register, "at": _now(),
            "float": str(amount), "denominations": counted, "currency": currency,
            "clerk": clerk,
        })
        return Shift(shift_id, self.register, event["at"], amount, currency)

    def _event(self, kind: str, **fields: Any) -> dict[str, Any]:
        shift = self.require()
        return self._append({"kind": kind, "shift_id": shift.shift_id,
                             "register": self.register, "at": _now(), **fields})

    def paid_in(self, amount: Any, reason: str, *, clerk: str = "") -> dict[str, Any]:
        return self._money_move("paid_in", amount, reason, clerk)

    def paid_out(self, amount: Any, reason: str, *, clerk: str = "") -> dict[str, Any]:
        return self._money_move("paid_out", amount, reason, clerk)

    def _money_move(self, kind: str, amount: Any, reason: str, clerk: str) -> dict[str, Any]:
        if not reason.strip():
            raise ShiftError("give a reason")
        value = parse_amount(amount, "the amount", zero=False)
        return self._event(kind, amount=str(value), reason=reason.strip(), clerk=clerk)

    def no_sale(self, reason: str, *, clerk: str = "") -> dict[str, Any]:
        if not reason.strip():
            raise ShiftError("give a reason")
        return self._event("no_sale", reason=reason.strip(), clerk=clerk)

    def record_sale(self, order_id: int, tender: str, amount: Decimal, *,
                    cash: Decimal | None = None, discount: Decimal = Decimal(0),
                    taxes: Mapping[str, Decimal] | None = None,
                    change_due: Decimal = Decimal(0), clerk: str = "") -> dict[str, Any]:
        """A paid sale: ``amount`` the order's total, ``cash`` what went into the drawer
        (cash sales: the amount due after rounding; a split: its cash part)."""
        if cash is None:
            cash = amount if tender == "cash" else Decimal(0)
        return self._event(
            "sale", order_id=int(order_id), tender=tender, amount=str(amount),
            cash=str(cash), discount=str(discount), change_due=str(change_due),
            taxes={k: str(v) for k, v in (taxes or {}).items()}, clerk=clerk,
        )

    def record_refund(self, tender: str, amount: Decimal, order_id: int, *,
                      clerk: str = "") -> dict[str, Any]:
        """A refund made by ``tender`` (cash leaves the drawer: the expected cash falls)."""
        value = parse_amount(amount, "the refund", zero=False)
        return self._event("refund", order_id=int(order_id), tender=tender,
                           amount=str(value), clerk=clerk)

    def record_void(self, tender: str, amount: Decimal, order_id: int, *,
                    clerk: str = "") -> dict[str, Any]:
        value = parse_amount(amount, "the void", zero=False)
        return self._event("void", order_id=int(order_id), tender=tender,
                           amount=str(value), clerk=clerk)

    # ------------------------------------------------------------------ reports

    def x_report(self) -> dict[str, Any]:
        """The open shift so far (no count, no variance)."""
        shift = self.require()
        return build_report(self.shift_events(shift.shift_id))

    def close(self, counted: Any, *, unmatched: list[dict[str, Any]] | None = None,
              clerk: str = "") -> dict[str, Any]:
        """Close the open shift with the blind count: the Z report, appended and
        returned."""
        shift = self.require()
        counted_cash = parse_amount(counted, "the counted cash")
        events = self.shift_events(shift.shift_id)
        closed_at = _now()
        report = build_report(events, counted=counted_cash, closed_at=closed_at,
                              unmatched=unmatched or [])
        self._append({"kind": "close", "shift_id": shift.shift_id, "register": self.register,
                      "at": closed_at, "counted": str(counted_cash), "clerk": clerk,
                      "report": report})
        return report

    def shift_order_ids(self, shift_id: str) -> list[int]:
        return [int(e["order_id"]) for e in self.shift_events(shift_id)
                if e.get("kind") == "sale"]

    def listing(self) -> list[dict[str, Any]]:
        """Every shift of the file, newest first: id, register, opened and closed times,
        sales count and amount (closed ones from their Z report)."""
        out: dict[str, dict[str, Any]] = {}
        for e in self.events():
            sid = e.get("shift_id")
            if not sid:
                continue
            if e.get("kind") == "open":
                out[sid] = {"shift_id": sid, "register": e.get("register"),
                            "opened_at": e.get("at"), "closed_at": None, "state": "open"}
            elif e.get("kind") == "close" and sid in out:
                report = e.get("report") or {}
                out[sid].update(closed_at=e.get("at"), state="closed",
                                sales=report.get("sales"), variance=report.get("variance"))
        return sorted(out.values(), key=lambda s: str(s["opened_at"]), reverse=True)

    def z_report(self, shift_id: str) -> dict[str, Any] | None:
        """The kept Z report of a closed shift."""
        for e in self.events():
            if e.get("kind") == "close" and e.get("shift_id") == shift_id:
                report = e.get("report")
                return report if isinstance(report, dict) else None
        return None
