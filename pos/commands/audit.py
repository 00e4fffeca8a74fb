"""``pos audit verify|show``: check and read a profile's audit log on this register."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import datetime, timedelta
from typing import Any

PROG = "pos audit"

DESCRIPTION = """\
The audit log records who did what at the register: sign-ins and sign-outs, wrong PINs,
approvals, gated actions, drawer opens, shift events and staff or profile changes. Each
line carries the hash of the line before it, so that a changed, deleted or reordered line
is found by 'pos audit verify'. The log never holds a PIN."""

_AGE_RE = re.compile(r"^(\d{1,6})\s*([mhdw])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}
SINCE_HELP = ("a date (2026-12-01), a local time (2026-12-01T09:00), an age (30m, 2h, 7d, "
              "2w), today or yesterday")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "audit", help="check or read the audit log (who did what at the register)",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    p = sub.add_parser("verify", help="check that no line was changed, deleted or moved",
                       description="Check the hash chain of the profile's audit log. Exit "
                       "code 0 when it is whole, 1 naming the first broken line.")
    p.add_argument("--profile", dest="audit_profile", metavar="NAME", help="the profile")
    p.add_argument("--json", action="store_true", help="print the verdict as JSON")
    p.set_defaults(func=cmd_verify)
    p = sub.add_parser("show", help="print the events since a date",
                       description="Print the profile's audit events, oldest first.")
    p.add_argument("--profile", dest="audit_profile", metavar="NAME", help="the profile")
    p.add_argument("--since", metavar="WHEN", help=f"only events since WHEN: {SINCE_HELP}")
    p.add_argument("--json", action="store_true", help="print JSON lines")
    p.set_defaults(func=cmd_show)


def _err(args: argparse.Namespace, message: str, code: int = 1) -> int:
    print(f"{PROG} {args.audit_command}: {message}", file=sys.stderr)
    return code


def parse_since(text: str, now: datetime | None = None) -> datetime:
    """``--since`` as an aware time; raises ValueError with what is accepted."""
    now = now or datetime.now().astimezone()
    word = text.strip().lower()
    if word in {"today", "yesterday"}:
        start = now.replace(hour=0, minute=0, second=0, microsecond=0)
        return start - timedelta(days=1) if word == "yesterday" else start
    match = _AGE_RE.match(word)
    if match:
        return now - timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"--since: expected {SINCE_HELP}") from None
    return when if when.tzinfo is not None else when.astimezone()


def _log(args: argparse.Namespace) -> Any:
    from pos.staff.audit import AuditLog

    name = args.audit_profile or getattr(args, "profile", None)
    if not name:
        raise ValueError("name a profile: --profile NAME (see pos profile list)")
    return AuditLog.for_profile(name)


def cmd_verify(args: argparse.Namespace) -> int:
    import json

    from pos.staff.audit import AuditError
    from pos.staff.files import StaffFileError
    from pos.stores.profiles import ProfileError

    try:
        log = _log(args)
        verdict = log.verify()
    except ValueError as exc:
        return _err(args, str(exc), 2)
    except (AuditError, StaffFileError, ProfileError) as exc:
        return _err(args, str(exc))
    if args.json:
        print(json.dumps({"ok": verdict.ok, "lines": verdict.lines, "broken_line": verdict.line,
                          "reason": verdict.reason or None, "path": str(log.path)}, indent=2))
    elif verdict.ok:
        print(f"{log.path}: {verdict}")
    else:
        print(f"{PROG} verify: {log.path}: {verdict}", file=sys.stderr)
    return 0 if verdict.ok else 1


def cmd_show(args: argparse.Namespace) -> int:
    import json

    from pos.staff.audit import AuditError
    from pos.staff.files import StaffFileError
    from pos.stores.profiles import ProfileError

    try:
        since = parse_since(args.since) if args.since else None
        log = _log(args)
        records = list(log.records(since))
    except ValueError as exc:
        return _err(args, str(exc), 2)
    except (AuditError, StaffFileError, ProfileError) as exc:
        return _err(args, str(exc))
    for record in records:
        if args.json:
            print(json.dumps(record.as_dict(), ensure_ascii=False, sort_keys=True))
        else:
            print(record)
    if not records and not args.json:
        print("No events" + (" since then." if since else "."), file=sys.stderr)
    return 0
