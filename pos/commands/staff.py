"""``pos staff ...``: who may sign in at the register of a store profile, with which role.

PINs are read from standard input or a prompt that does not echo them: never from the
command line, where shell history and the process list would keep them.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pos.staff.files import Source
    from pos.staff.roster import Roster

PROG = "pos staff"

DESCRIPTION = """\
Manage the staff of a store profile: name, role, PIN (4 to 8 digits) and whether they
may sign in. When a profile has active staff, the register opens on a PIN pad.

The staff list is a file beside the profiles: <profile folder>/staff/NAME.toml, in your
profile folder or, with --system, the system-wide one (fleet installs; the user's file is
used instead of the system's when both exist). It holds scrypt hashes of the PINs, never
the PINs. Every change is written to the profile's audit log (see 'pos audit').

The PIN is read from standard input (printf %s "$PIN" | pos staff set-pin Ana) or typed
twice at a prompt that does not echo it. It is never taken from the command line.
Roles: clerk, supervisor, manager, and the profile's own (see docs/staff.md)."""

STRAY_MESSAGE = ("a PIN is never read from the command line; pipe it on standard input or "
                 "type it at the prompt")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "staff", help="manage who may sign in at the register (names, roles, PINs)",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="staff_command", metavar="ACTION", required=True)

    def common(p: argparse.ArgumentParser, *, name: bool = True, system: bool = True) -> None:
        if name:
            p.add_argument("name", help="the staff member's name (quote it if it has spaces)")
            # Anything after the name would be a PIN typed on the command line: refused,
            # never echoed.
            p.add_argument("stray", nargs="*", help=argparse.SUPPRESS)
        p.add_argument("--profile", dest="staff_profile", metavar="NAME",
                       help="the store profile (or give 'pos --profile NAME staff ...')")
        if system:
            p.add_argument("--system", action="store_true",
                           help="change the system-wide staff file (fleet installs; needs "
                           "administrator rights)")

    p = sub.add_parser("add", help="add a staff member (the PIN is asked for)",
                       description="Add a staff member to the profile. The PIN (4 to 8 digits) "
                       "is read from standard input or typed twice at a hidden prompt.")
    common(p)
    p.add_argument("--role", default="clerk",
                   help="clerk (default), supervisor, manager, or a role of the profile")
    p.add_argument("--inactive", action="store_true",
                   help="add the member without letting them sign in yet")
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("list", help="list the staff of a profile",
                       description="List the staff of a profile: name, role, active, and "
                       "whether wrong PINs have locked them out. PIN hashes are never shown.")
    common(p, name=False, system=False)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("remove", help="remove a staff member",
                       description="Remove a staff member from the profile's staff file.")
    common(p)
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("set-pin", help="change a staff member's PIN (read from standard "
                       "input or a hidden prompt)",
                       description="Change a staff member's PIN. The PIN is read from "
                       "standard input or typed twice at a hidden prompt.")
    common(p)
    p.set_defaults(func=cmd_set_pin)

    p = sub.add_parser("deactivate", help="stop a staff member from signing in",
                       description="Keep a staff member on the list but stop them from "
                       "signing in or approving (undo with 'pos staff activate').")
    common(p)
    p.set_defaults(func=cmd_deactivate)

    p = sub.add_parser("activate", help="let a deactivated staff member sign in again",
                       description="Let a deactivated staff member sign in again.")
    common(p)
    p.set_defaults(func=cmd_activate)


def _prog(args: argparse.Namespace) -> str:
    action = getattr(args, "staff_command", None)
    return f"{PROG} {action}" if action else PROG


def _err(args: argparse.Namespace, message: str, code: int = 1) -> int:
    print(f"{_prog(args)}: {message}", file=sys.stderr)
    return code


class _Refused(Exception):
    """A bad input: its message is printed, the command exits non-zero."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def _run(args: argparse.Namespace, body: Any) -> int:
    from pos.staff.audit import AuditError
    from pos.staff.files import StaffFileError
    from pos.staff.pins import PinError
    from pos.staff.roster import StaffError
    from pos.stores.profiles import ProfileError

    if getattr(args, "stray", None):
        args.stray = []
        return _err(args, f"{STRAY_MESSAGE} (nothing was changed)", 2)
    try:
        return int(body(args))
    except _Refused as exc:
        return _err(args, str(exc), exc.code)
    except (StaffError, StaffFileError, PinError, ProfileError, AuditError) as exc:
        return _err(args, str(exc))
    except (EOFError, KeyboardInterrupt):
        return _err(args, "no PIN given; nothing was changed")


def _profile_name(args: argparse.Namespace) -> str:
    from pos.stores.profiles import get_profile

    name = args.staff_profile or getattr(args, "profile", None)
    if not name:
        raise _Refused("name a profile: --profile NAME (see pos profile list)", 2)
    return get_profile(name).name


def _member_name(args: argparse.Namespace) -> str:
    from pos.staff.roster import clean_name

    if args.name.strip().isdigit():
        # Digits where a name goes may be a PIN typed in the wrong place: not echoed.
        raise _Refused("a staff member's name cannot be only digits (and a PIN is never "
                       "typed on the command line)", 2)
    return clean_name(args.name)


def _editable(args: argparse.Namespace, profile: str) -> tuple[Roster, Source]:
    """The roster to change, and where it goes back to."""
    from pos.staff.roster import load_roster

    source: Source = "system" if args.system else "user"
    roster = load_roster(profile, source)
    if source == "system":
        user = load_roster(profile, "user")
        if user.path is not None:
            print(f"{_prog(args)}: note: on this machine the user staff file {user.path} is "
                  "used instead of the system-wide one", file=sys.stderr)
    if source == "user" and roster.path is None:
        system = load_roster(profile, "system")
        if system.path is not None:
            raise _Refused(
                f"the staff of profile {profile!r} come from the system-wide file "
                f"{system.path}; change it with --system (administrator rights), or put a "
                "staff file of your own in your profile folder"
            )
    return roster, source


def _read_pin(name: str) -> str:
    import getpass

    from pos.staff.pins import check_pin

    if sys.stdin is None:
        raise EOFError
    if sys.stdin.isatty():
        first = getpass.getpass(f"New PIN for {name} (4-8 digits, hidden): ")
        check_pin(first)
        second = getpass.getpass("The same PIN again: ")
        if second != first:
            raise _Refused("the two PINs differ; nothing was changed")
        return first
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    pin = line.rstrip("\r\n")
    check_pin(pin)
    return pin


def _actor() -> str:
    import getpass

    try:
        return f"os:{getpass.getuser()}"
    except (OSError, KeyError):
        return "os:unknown"


def _log(profile: str, event: Any, member: str, **details: Any) -> None:
    from pos.staff.audit import AuditLog

    AuditLog.for_profile(profile).append(event, staff=member,
                                         details={"by": _actor(), **details})


def _unlock(profile: str, key: str) -> None:
    """A new PIN (or a member let back in) starts without this register's wrong-PIN count."""
    from pos.staff.files import LOCKOUTS_NAME, register_dir
    from pos.staff.lockout import LockoutBook

    try:
        LockoutBook(register_dir(profile) / LOCKOUTS_NAME).succeeded(key)
    except OSError as exc:
        raise _Refused(f"the lockout of this register could not be cleared: "
                       f"{exc.strerror or exc}") from None


def cmd_add(args: argparse.Namespace) -> int:
    def body(args: argparse.Namespace) -> int:
        from pos.staff.audit import AuditEvent
        from pos.staff.pins import hash_pin
        from pos.staff.roster import StaffMember, save_roster

        profile = _profile_name(args)
        name = _member_name(args)
        roster, source = _editable(args, profile)
        if roster.find(name) is not None:
            raise _Refused(f"{name!r} is already on the staff of {profile!r} (use set-pin, "
                           "activate or remove)")
        if args.role not in roster.roles:
            raise _Refused(f"unknown role {args.role!r}; roles: "
                           f"{', '.join(sorted(roster.roles))}")
        pin = _read_pin(name)
        member = StaffMember(name, args.role, hash_pin(pin), active=not args.inactive)
        pin = ""
        path = save_roster(roster.with_member(member), source)
        _log(profile, AuditEvent.STAFF_ADDED, name, role=args.role, active=member.active,
             source=source)
        print(f"Added {name} ({args.role}) to the staff of {profile!r} in {path}")
        return 0

    return _run(args, body)


def _change(args: argparse.Namespace, what: str) -> int:
    def body(args: argparse.Namespace) -> int:
        import dataclasses

        from pos.staff.audit import AuditEvent
        from pos.staff.pins import hash_pin
        from pos.staff.roster import save_roster

        profile = _profile_name(args)
        name = _member_name(args)
        roster, source = _editable(args, profile)
        member = roster.find(name)
        if member is None:
            raise _Refused(f"no staff member named {name!r} in the {source} staff file of "
                           f"{profile!r}")
        if what == "remove":
            path = save_roster(roster.without(name), source)
            _log(profile, AuditEvent.STAFF_REMOVED, member.name, source=source)
            print(f"Removed {member.name} from the staff of {profile!r} ({path})")
        elif what == "set-pin":
            pin = _read_pin(member.name)
            changed = dataclasses.replace(member, pin_hash=hash_pin(pin))
            pin = ""
            path = save_roster(roster.with_member(changed), source)
            _log(profile, AuditEvent.STAFF_PIN_SET, member.name, source=source)
            _unlock(profile, member.key)
            print(f"Changed the PIN of {member.name} ({path})")
        else:
            active = what == "activate"
            path = save_roster(roster.with_member(dataclasses.replace(member, active=active)),
                               source)
            event = AuditEvent.STAFF_ACTIVATED if active else AuditEvent.STAFF_DEACTIVATED
            if active:
                _unlock(profile, member.key)
            _log(profile, event, member.name, source=source)
            state = "may sign in again" if active else "may no longer sign in"
            print(f"{member.name} {state} ({path})")
        return 0

    return _run(args, body)


def cmd_remove(args: argparse.Namespace) -> int:
    return _change(args, "remove")


def cmd_set_pin(args: argparse.Namespace) -> int:
    return _change(args, "set-pin")


def cmd_deactivate(args: argparse.Namespace) -> int:
    return _change(args, "deactivate")


def cmd_activate(args: argparse.Namespace) -> int:
    return _change(args, "activate")


def cmd_list(args: argparse.Namespace) -> int:
    def body(args: argparse.Namespace) -> int:
        import json

        from pos.staff.desk import StaffDesk
        from pos.staff.roster import load_roster

        profile = _profile_name(args)
        roster = load_roster(profile)
        desk = StaffDesk(roster)
        rows: list[dict[str, Any]] = []
        for m in roster.members:
            state = desk.lock_state(m.name)
            until = state.locked_until if state.is_locked(desk.clock()) else None
            rows.append({"name": m.name, "role": m.role, "active": m.active,
                         "locked_until": until.isoformat() if until else None})
        if args.json:
            print(json.dumps({
                "profile": profile,
                "source": roster.source,
                "path": str(roster.path) if roster.path else None,
                "settings": {
                    "idle_lock_seconds": roster.settings.idle_lock_seconds,
                    "discount_limit_percent": str(roster.settings.discount_limit_percent),
                },
                "roles": {n: sorted(p.value for p in r.permissions)
                          for n, r in sorted(roster.roles.items())},
                "staff": rows,
            }, indent=2))
            return 0
        if roster.path is None:
            print(f"Profile {profile!r} has no staff: the register opens without a PIN.")
            print(f"Add someone with: pos staff add NAME --role manager --profile {profile}")
            return 0
        width = max([len(r["name"]) for r in rows] + [4])
        print(f"{'NAME':<{width}}  {'ROLE':<12}  {'ACTIVE':<6}  LOCKED")
        for r in rows:
            locked = f"until {r['locked_until']}" if r["locked_until"] else "-"
            print(f"{r['name']:<{width}}  {r['role']:<12}  "
                  f"{'yes' if r['active'] else 'no':<6}  {locked}")
        print(f"\n{roster.source} staff file: {roster.path}")
        return 0

    return _run(args, body)
