"""``pos shift``: the drawer's shift from the command line.

::

    pos shift open   (--profile NAME | --demo) --float 100.00 [--denominations JSON]
    pos shift status (--profile NAME | --demo)            # the X report, as JSON
    pos shift paid-in|paid-out (--profile NAME | --demo) --amount 5.00 --reason TEXT
    pos shift no-sale (--profile NAME | --demo) --reason TEXT
    pos shift close  (--profile NAME | --demo) --counted 123.45 [--pdf Z.pdf]
    pos shift list   (--profile NAME | --demo)

Every command prints one JSON object; exit 0 when done, 1 with ``{"error": …}``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import Any

SHIFT_DESCRIPTION = """\
Open the register's shift with its float, record paid-ins, paid-outs and no-sale drawer
opens, print the X report at any time, and close with a blind count: the Z report (sales
and refunds by tender, expected and counted cash, variance, and the orders the store and
the shift do not share) is kept in the profile's data folder, append-only."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "shift", help="open and close the drawer's shift; X and Z reports",
        description=SHIFT_DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="shift_action", metavar="ACTION")
    for name, helptext in (("open", "open the shift with its float"),
                           ("status", "the X report so far (JSON)"),
                           ("paid-in", "cash put into the drawer, with a reason"),
                           ("paid-out", "cash taken out of the drawer, with a reason"),
                           ("no-sale", "open the drawer without a sale, with a reason"),
                           ("close", "close with the counted cash: the Z report (JSON)"),
                           ("list", "the shifts kept, newest first")):
        sub = actions.add_parser(name, help=helptext,
                                 description=helptext[0].upper() + helptext[1:] + ".")
        where = sub.add_mutually_exclusive_group()
        where.add_argument("--profile", dest="shift_profile", metavar="NAME",
                           help="the store profile of this register")
        where.add_argument("--demo", dest="shift_demo", action="store_true",
                           help="the sandbox store (see --demo-db)")
        sub.add_argument("--demo-db", metavar="PATH",
                         help="with --demo: the sandbox store's SQLite file")
        sub.add_argument("--data-dir", metavar="DIR",
                         help="where the shifts live (default: the profile's data folder)")
        if name == "open":
            sub.add_argument("--float", dest="opening_float", metavar="AMOUNT",
                             help="the opening float as a sum, e.g. 100.00")
            sub.add_argument("--denominations", metavar="JSON",
                             help='the float counted, e.g. \'{"20.00": 2, "0.25": 8}\'')
        if name in ("paid-in", "paid-out"):
            sub.add_argument("--amount", metavar="AMOUNT", help="how much, e.g. 5.00")
        if name in ("paid-in", "paid-out", "no-sale"):
            sub.add_argument("--reason", metavar="TEXT", default="",
                             help="why (kept on the shift's report)")
        if name in ("open", "paid-in", "paid-out", "no-sale", "close"):
            sub.add_argument("--clerk", metavar="NAME",
                             help="the clerk (when the profile has staff; the PIN is read "
                             "from standard input, never from the command line)")
            sub.add_argument("--approver", metavar="NAME",
                             help="a manager approving the action (their PIN on the next "
                             "line of standard input)")
        if name == "close":
            sub.add_argument("--counted", metavar="AMOUNT",
                             help="the cash counted in the drawer (a blind count)")
            sub.add_argument("--pdf", metavar="OUT", help="also save the Z report as a PDF")
        sub.set_defaults(func=run, shift_action=name)
    parser.set_defaults(func=_no_action)


def _no_action(args: argparse.Namespace) -> int:
    _print({"error": "give an action: open, status, paid-in, paid-out, no-sale, close, list"})
    return 1


def _print(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, sort_keys=True) + "\n")
    sys.stdout.flush()


class CommandError(Exception):
    """One sentence for the person at the keyboard."""


def run(args: argparse.Namespace) -> int:
    import asyncio

    from pos.shift import ShiftError

    try:
        if not args.shift_profile and not args.shift_demo:
            raise CommandError("give --profile NAME or --demo")
        _print(asyncio.run(_run(args)))
        return 0
    except (CommandError, ShiftError) as exc:
        _print({"error": str(exc)})
        return 1
    except KeyboardInterrupt:
        _print({"error": "stopped"})
        return 1
    except Exception as exc:  # one JSON object, never a traceback
        _print({"error": f"the shift command failed ({type(exc).__name__})"})
        return 1


def _profile(args: argparse.Namespace, stack: contextlib.ExitStack,
             need_store: bool) -> tuple[Any, str | None]:
    from pos.stores import profiles

    if args.shift_demo:
        from pos.composition import demo_profile

        if not need_store:
            from pos.stores.profile_model import DEMO_PROFILE

            return DEMO_PROFILE, None
        from pos.sandbox.server import SandboxServer

        server = stack.enter_context(SandboxServer(db_path=args.demo_db, seed=1,
                                                   catalog_size=500))
        return demo_profile(server), server.token
    try:
        profile = profiles.get_profile(args.shift_profile)
    except profiles.ProfileError as exc:
        raise CommandError(str(exc)) from None
    if not need_store:
        return profile, None
    from pos.stores.secrets import KeyringUnavailable, TokenStore

    try:
        found = TokenStore(profile.store_hash).find_sync()
    except KeyringUnavailable as exc:
        raise CommandError(f"the store's token cannot be read: {exc}") from None
    if found is None:
        raise CommandError("no API token for this store: set it with 'pos profile set-token'")
    return profile, found.token.reveal()


async def _run(args: argparse.Namespace) -> dict[str, Any]:
    from pos.commands.tender_cli import shift_ledger
    from pos.stores import profiles

    action = args.shift_action
    with contextlib.ExitStack() as stack:
        profile, token = _profile(args, stack, need_store=action == "close")
        data_dir = Path(args.data_dir) if args.data_dir else profiles.ensure_data_dir(profile)
        ledger = shift_ledger(profile, data_dir)
        gate = _gate(profile, args, action)
        if action == "open":
            denominations = None
            if args.denominations:
                try:
                    denominations = json.loads(args.denominations)
                except ValueError:
                    raise CommandError("--denominations must be JSON such as "
                                       "'{\"20.00\": 2}'") from None
                if not isinstance(denominations, dict):
                    raise CommandError("--denominations must be a JSON object")
            if args.opening_float is None and not denominations:
                raise CommandError("give the opening float with --float AMOUNT")
            shift = ledger.open(currency=profile.currency, float_amount=args.opening_float,
                                denominations=denominations, clerk=gate.clerk_name)
            gate.done({"shift_id": shift.shift_id, "float": str(shift.opening_float)})
            return {"shift_id": shift.shift_id, "opened_at": shift.opened_at,
                    "opening_float": str(shift.opening_float), "currency": shift.currency,
                    "register": shift.register}
        if action == "status":
            return dict(ledger.x_report())
        if action in ("paid-in", "paid-out"):
            if args.amount is None:
                raise CommandError("give --amount AMOUNT")
            move = ledger.paid_in if action == "paid-in" else ledger.paid_out
            moved = dict(move(args.amount, args.reason, clerk=gate.clerk_name))
            gate.done({"amount": moved["amount"], "reason": moved["reason"]})
            if action == "paid-out":
                moved.update(await _open_drawer(profile, "paid-out"))
            return moved
        if action == "no-sale":
            opened = dict(ledger.no_sale(args.reason, clerk=gate.clerk_name))
            gate.done({"reason": opened["reason"]})
            opened.update(await _open_drawer(profile, "no-sale"))
            return opened
        if action == "list":
            return {"shifts": ledger.listing()}
        if args.counted is None:
            raise CommandError("give the counted cash with --counted AMOUNT")
        shift = ledger.require()
        assert token is not None
        unmatched = await _unmatched(profile, token, ledger, shift)
        report = dict(ledger.close(args.counted, unmatched=unmatched,
                                   clerk=gate.clerk_name))
        gate.done({"shift_id": report["shift_id"], "variance": report["variance"]})
        if args.pdf:
            from pos.commands.shift_pdf import save_z_pdf

            report["pdf"] = save_z_pdf(report, Path(args.pdf))
        return report
    raise AssertionError("unreachable")  # pragma: no cover


#: The staff room's permission and audit event of each gated shift action.
GATED = {"paid-in": ("CASH_PAID_IN_OUT", "CASH_PAID_IN"),
         "paid-out": ("CASH_PAID_IN_OUT", "CASH_PAID_OUT"),
         "no-sale": ("NO_SALE", "DRAWER_OPEN"),
         "close": ("CLOSE_SHIFT", "SHIFT_CLOSE"),
         "open": (None, "SHIFT_OPEN")}


class _Gate:
    """The staff room's gate for one shift action: ``desk.gate`` then ``approval.use``
    before the action, ``desk.record`` after. With no staff, nothing is gated."""

    def __init__(self, desk: Any, approval: Any, event: Any) -> None:
        self.desk, self.approval, self.event = desk, approval, event

    @property
    def clerk_name(self) -> str:
        return str(self.desk.clerk.name) if self.desk is not None and self.desk.clerk else ""

    def done(self, details: dict[str, Any]) -> None:
        if self.desk is not None and self.event is not None:
            self.desk.record(self.event, approval=self.approval, details=details)


def _gate(profile: Any, args: argparse.Namespace, action: str) -> _Gate:
    if action not in GATED:
        return _Gate(None, None, None)
    from pos.staff import StaffDesk
    from pos.staff.audit import AuditEvent
    from pos.staff.desk import SignInRefused
    from pos.staff.roles import Permission

    permission_name, event_name = GATED[action]
    desk = StaffDesk.for_profile(profile.name)
    event = AuditEvent[event_name]
    if not desk.required:
        return _Gate(None, None, None)
    if not args.clerk:
        raise CommandError("this register has staff: give --clerk NAME and the PIN on "
                           "standard input")
    pins = sys.stdin.read().splitlines() if not sys.stdin.isatty() else []
    try:
        desk.sign_in(args.clerk, pins[0] if pins else "")
    except SignInRefused as exc:
        raise CommandError(str(exc)) from None
    if permission_name is None:
        return _Gate(desk, None, event)
    permission = Permission[permission_name]
    approval = desk.gate(permission, desk.clerk)
    if approval.needs_approver:
        if not args.approver or len(pins) < 2:
            raise CommandError(f"{args.clerk} may not do this ({permission.label}): a "
                               "manager approves with --approver NAME and their PIN on the "
                               "next line of standard input")
        try:
            desk.approve(approval, args.approver, pins[1])
        except SignInRefused as exc:
            raise CommandError(str(exc)) from None
    approval.use(permission, details={"register": profile.terminal_name or "register"})
    return _Gate(desk, approval, event)


async def _open_drawer(profile: Any, action: str) -> dict[str, Any]:
    """Open the cash drawer through the profile's printer for a paid-out or a no-sale
    (already recorded in the shift, and permitted by the staff gate when there is one):
    ``drawer_opened``, and ``drawer_error`` when the printer did not take the pulse (the
    drawer is then opened by hand; the shift keeps the event)."""
    from pos.hardware.counter import Counter
    from pos.hardware.printer import PrinterError
    from pos.hardware.settings import HardwareSettings
    from pos.hardware.uri import PrinterUriError

    if not getattr(profile, "printer", None):
        return {"drawer_opened": False}
    try:
        counter = Counter(HardwareSettings.from_profile(profile))
    except PrinterUriError as exc:
        return {"drawer_opened": False, "drawer_error": str(exc)}
    try:
        if action == "paid-out":
            opened = await counter.paid_out()
        else:
            opened = await counter.no_sale(permitted=True)
    except PrinterError as exc:
        return {"drawer_opened": False,
                "drawer_error": f"the drawer did not open ({exc}); open it by hand"}
    finally:
        counter.close()
    return {"drawer_opened": opened}


async def _unmatched(profile: Any, token: str, ledger: Any, shift: Any) -> list[Any]:
    from pos.api.errors import BigCommerceError
    from pos.composition import build_client
    from pos.shift import unmatched_orders

    client = build_client(profile, token)
    client.open()
    try:
        return await unmatched_orders(
            client, channel_id=profile.channel_id, opened_at=shift.opened_at,
            closed_at=None, shift_orders=ledger.shift_order_ids(shift.shift_id))
    except BigCommerceError as exc:
        raise CommandError(f"the store's orders could not be read to reconcile the shift "
                           f"({type(exc).__name__}); close again when it answers") from None
    finally:
        await client.aclose()
