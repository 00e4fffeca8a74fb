"""The audit log: append-only JSON lines, each chained to the one before it.

Every line is one event, written as canonical JSON (sorted keys, no spaces) and carrying

- ``seq``: its line number (1, 2, 3...),
- ``prev``: the ``hash`` of the line before it (64 zeros on the first line),
- ``hash``: SHA-256 of the line's own canonical JSON without ``hash`` (so over ``prev``
  too: each line's hash covers every line before it).

Changing a line breaks its own hash; deleting, inserting or moving lines breaks ``seq``
and ``prev`` where it happened; removing lines from the end is caught by the head file
(``audit.head.json``: the last ``seq`` and ``hash`` written). Someone who can rewrite the
whole log *and* the head file can forge a consistent history: keep copies off the
register (``pos audit show --json``) where that matters.

A PIN never reaches this log: :meth:`AuditLog.append` refuses detail keys that could hold
one, and the staff room passes names, roles and actions only.
"""

from __future__ import annotations

import enum
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pos.staff.files import (
    AUDIT_HEAD_NAME,
    AUDIT_LOG_NAME,
    USER_DIR_MODE,
    USER_FILE_MODE,
    exclusive,
    make_dirs,
    register_dir,
    write_atomic,
)
from pos.stores.profiles import fsync_dir

GENESIS = "0" * 64
Clock = Callable[[], datetime]

#: Detail keys refused outright: a value under them could be a secret.
FORBIDDEN_KEYS = frozenset({"pin", "pins", "pin_hash", "new_pin", "password", "token", "cvv"})
_DETAIL_TYPES = (str, int, bool, type(None))


class AuditEvent(enum.StrEnum):
    SIGN_IN = "sign_in"
    SIGN_OUT = "sign_out"
    IDLE_LOCK = "idle_lock"
    PIN_FAILED = "pin_failed"
    LOCKED_OUT = "locked_out"
    APPROVAL_GRANTED = "approval_granted"
    APPROVAL_REFUSED = "approval_refused"
    ACTION_ALLOWED = "action_allowed"  # a gated action done (with its approver, if any)
    ACTION_REFUSED = "action_refused"
    DRAWER_OPEN = "drawer_open"
    SHIFT_OPEN = "shift_open"
    SHIFT_CLOSE = "shift_close"
    CASH_PAID_IN = "cash_paid_in"
    CASH_PAID_OUT = "cash_paid_out"
    PROFILE_EDIT = "profile_edit"
    STAFF_ADDED = "staff_added"
    STAFF_REMOVED = "staff_removed"
    STAFF_PIN_SET = "staff_pin_set"
    STAFF_DEACTIVATED = "staff_deactivated"
    STAFF_ACTIVATED = "staff_activated"


class AuditError(Exception):
    """The log cannot be written or read, or an event holds what it must not."""


def utc_now() -> datetime:
    return datetime.now(UTC)


def canonical(record: Mapping[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def record_hash(record: Mapping[str, Any]) -> str:
    body = {k: v for k, v in record.items() if k != "hash"}
    return hashlib.sha256(canonical(body).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    at: datetime
    event: str
    staff: str | None
    approver: str | None
    action: str | None
    details: Mapping[str, Any]
    line: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq, "at": self.at.isoformat(), "event": self.event,
            "staff": self.staff, "approver": self.approver, "action": self.action,
            "details": dict(self.details),
        }

    def __str__(self) -> str:
        who = self.staff or "-"
        if self.approver:
            who += f" (approved by {self.approver})"
        what = f" {self.action}" if self.action else ""
        extra = " ".join(f"{k}={v}" for k, v in sorted(self.details.items()))
        return f"{self.at.isoformat(timespec='seconds')}  {self.event}{what}  {who}" + (
            f"  {extra}" if extra else "")


@dataclass(frozen=True)
class Verdict:
    """The outcome of :meth:`AuditLog.verify`: ``line`` is the first broken line (1-based)."""

    ok: bool
    lines: int
    line: int | None = None
    reason: str = ""

    def __str__(self) -> str:
        if self.ok:
            return f"the audit log is whole ({self.lines} line(s))"
        return f"line {self.line}: {self.reason}"


def _check_details(details: Mapping[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key, value in details.items():
        if not isinstance(key, str) or key.lower() in FORBIDDEN_KEYS:
            raise AuditError(f"the audit log does not take a detail named {key!r}")
        if not isinstance(value, _DETAIL_TYPES):
            value = str(value)
        clean[key] = value
    return clean


class AuditLog:
    """The audit log of one profile on this register."""

    def __init__(self, path: Path, *, clock: Clock = utc_now) -> None:
        self.path = path
        self.head_path = path.with_name(AUDIT_HEAD_NAME)
        self.clock = clock

    @classmethod
    def for_profile(cls, profile: str, *, clock: Clock = utc_now) -> AuditLog:
        return cls(register_dir(profile) / AUDIT_LOG_NAME, clock=clock)

    # -- writing ------------------------------------------------------------------------

    def append(
        self,
        event: AuditEvent | str,
        *,
        staff: str | None = None,
        approver: str | None = None,
        action: str | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Add one event at the end of the log (under a file lock) and return its record."""
        clean = _check_details(details or {})
        if not self.path.parent.exists():
            make_dirs(self.path.parent, USER_DIR_MODE)
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, USER_FILE_MODE)
            with os.fdopen(fd, "a+b") as handle, exclusive(handle):
                seq, prev = _tail(handle)
                record: dict[str, Any] = {
                    "seq": seq + 1,
                    "at": self.clock().astimezone(UTC).isoformat(),
                    "event": str(event),
                    "staff": staff,
                    "approver": approver,
                    "action": str(action) if action is not None else None,
                    "details": clean,
                    "prev": prev,
                }
                record["hash"] = record_hash(record)
                handle.seek(0, os.SEEK_END)
                handle.write((canonical(record) + "\n").encode("utf-8"))
                handle.flush()
                os.fsync(handle.fileno())
                head = {"seq": record["seq"], "hash": record["hash"]}
                write_atomic(self.head_path, (canonical(head) + "\n").encode())
        except OSError as exc:
            raise AuditError(f"cannot write the audit log {self.path}: "
                             f"{exc.strerror or exc}") from None
        fsync_dir(self.path.parent)
        return record

    # -- reading ------------------------------------------------------------------------

    def _lines(self) -> list[bytes]:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as exc:
            raise AuditError(f"cannot read the audit log {self.path}: "
                             f"{exc.strerror or exc}") from None
        lines = data.split(b"\n")
        if lines and lines[-1] == b"":
            lines.pop()
        return lines

    def _head(self) -> dict[str, Any] | None:
        try:
            head = json.loads(self.head_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return {"seq": -1, "hash": ""}
        return head if isinstance(head, dict) else {"seq": -1, "hash": ""}

    def verify(self) -> Verdict:
        """Check the whole chain; the verdict names the first broken line."""
        lines = self._lines()
        prev = GENESIS
        for number, raw in enumerate(lines, start=1):
            try:
                record = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError):
                return Verdict(False, len(lines), number, "not a JSON record (changed)")
            if not isinstance(record, dict) or not isinstance(record.get("hash"), str):
                return Verdict(False, len(lines), number, "not an audit record (changed)")
            if record_hash(record) != record["hash"]:
                return Verdict(False, len(lines), number,
                               "its contents do not match its hash (the line was changed)")
            if record.get("seq") != number or record.get("prev") != prev:
                return Verdict(
                    False, len(lines), number,
                    f"does not follow line {number - 1} (a line was deleted, inserted or "
                    "moved here)" if number > 1 else
                    "is not the first line the register wrote (lines were deleted or moved)",
                )
            prev = record["hash"]
        head = self._head()
        if head is not None:
            seq, digest = head.get("seq"), head.get("hash")
            if not isinstance(seq, int) or seq < 0:
                return Verdict(False, len(lines), len(lines) + 1,
                               f"the head file {self.head_path.name} is damaged")
            if seq > len(lines):
                return Verdict(False, len(lines), len(lines) + 1,
                               f"missing: the register wrote {seq} line(s) and the log ends "
                               f"at line {len(lines)} (lines were removed from the end)")
            if seq and _hash_at(lines, seq) != digest:
                return Verdict(False, len(lines), seq,
                               "does not match the last line the register recorded")
        return Verdict(True, len(lines))

    def records(self, since: datetime | None = None) -> Iterator[AuditRecord]:
        """The events at or after ``since`` (lines that cannot be read are skipped: run
        :meth:`verify` to learn why)."""
        for number, raw in enumerate(self._lines(), start=1):
            try:
                data = json.loads(raw.decode("utf-8"))
                at = datetime.fromisoformat(data["at"])
            except (UnicodeDecodeError, ValueError, KeyError, TypeError):
                continue
            if since is not None and at < since:
                continue
            details = data.get("details")
            yield AuditRecord(
                int(data.get("seq", 0)), at, str(data.get("event", "")),
                data.get("staff"), data.get("approver"), data.get("action"),
                details if isinstance(details, dict) else {}, number,
            )


def _hash_at(lines: list[bytes], seq: int) -> str | None:
    try:
        found = json.loads(lines[seq - 1].decode("utf-8")).get("hash")
    except (IndexError, UnicodeDecodeError, ValueError, AttributeError):
        return None
    return found if isinstance(found, str) else None


def _tail(handle: Any) -> tuple[int, str]:
    """The ``seq`` and ``hash`` of the last line of an open log (0 and zeros when empty)."""
    handle.seek(0, os.SEEK_END)
    size = handle.tell()
    if size == 0:
        return 0, GENESIS
    chunk = 4096
    data = b""
    pos = size
    while pos > 0:
        step = min(chunk, pos)
        pos -= step
        handle.seek(pos)
        data = handle.read(step) + data
        if data.rstrip(b"\n").count(b"\n") >= 1:
            break
    last = data.rstrip(b"\n").rsplit(b"\n", 1)[-1]
    try:
        record = json.loads(last.decode("utf-8"))
        return int(record["seq"]), str(record["hash"])
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        # A damaged last line: chain to its raw bytes; verify reports the damage.
        handle.seek(0)
        count = handle.read().rstrip(b"\n").count(b"\n") + 1
        return count, hashlib.sha256(last).hexdigest()
