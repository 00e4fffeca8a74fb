"""Screenshots of staff sign-in and the return flow, from the real register window against
the sandbox store (the set-up of ``packaging/screenshots.py``).

    xvfb-run -a python packaging/screenshots_returns.py OUT_DIR [--lang es_ES]

The demo profile gets a staff list (Ana, a clerk; Maria, a manager). The register opens on
the PIN pad (``staff-pin-pad``); Ana signs in and sells two items; F7 opens the return flow,
finds the sale by its number and quotes one of the two (``returns-quote``); Ana's refund
asks for a manager's approval on the spot (``staff-approval``); Maria's PIN lets it through
and the refund receipt is shown (``returns-refunded``). Each PNG takes ``-LANG`` after its
name when ``--lang`` is not English.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_API", "pyside6")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from screenshots import Session, run_register, until

ADDRESS = {
    "first_name": "Ana", "last_name": "Diaz", "email": "ana@example.com",
    "address1": "1 Main St", "city": "Austin", "country_code": "US",
    "state_or_province": "Texas", "state_or_province_code": "TX", "postal_code": "78701",
}
#: The demo staff's PINs (made up for the pictures; never a real one).
PINS = {"Ana": "2468", "Maria": "135790"}


def fit_out_staff(session: Session) -> None:
    """A staff list on the demo profile, and the register's sign-in over the window."""
    from pos.staff import StaffDesk, StaffMember, hash_pin
    from pos.staff.audit import AuditLog
    from pos.staff.lockout import LockoutBook
    from pos.staff.pins import ScryptParams
    from pos.staff.roster import Roster
    from pos.ui.sign_in import attach_staff

    cheap = ScryptParams(n=2**10, r=8, p=1)  # pictures only: no real PIN is hashed here
    roster = Roster(session.profile.name)
    roster = roster.with_member(StaffMember("Ana", "clerk", hash_pin(PINS["Ana"], cheap), True))
    roster = roster.with_member(StaffMember("Maria", "manager",
                                            hash_pin(PINS["Maria"], cheap), True))
    desk = StaffDesk(roster, audit=AuditLog(session.data / "audit.jsonl"),
                     lockouts=LockoutBook(session.data / "lockouts.json"))
    session.window.staff = attach_staff(session.window, desk)


async def drive(session: Session, suffix: str) -> None:
    from PySide6.QtWidgets import QSpinBox

    from pos.sale.cards import CardDetails
    from pos.sale.records import NewCard
    from pos.sale.script import ItemSpec, SaleScript, walk
    from pos.ui.returns import ReturnsDialog
    from pos.ui.sign_in import StaffScreens

    window, out = session.window, session.out
    staff = window.staff
    assert isinstance(staff, StaffScreens)

    async def settle() -> None:
        await asyncio.sleep(0.4)  # let layouts settle and the busy indicator go

    def shot(widget: Any, name: str) -> None:
        widget.grab().save(str(out / f"{name}{suffix}.png"))

    # The PIN pad: Ana has typed two digits of her PIN.
    screen = staff.screen
    await until(screen.isVisible)
    screen.names.setCurrentText("Ana")
    screen.pad.press(PINS["Ana"][0])
    screen.pad.press(PINS["Ana"][1])
    await settle()
    shot(window, "staff-pin-pad")
    for digit in PINS["Ana"][2:]:
        screen.pad.press(digit)
    screen.submit()
    await until(lambda: not screen.isVisible())

    sale = session.engine.new_sale()
    script = SaleScript(items=(ItemSpec("AWA-000001-S-RED", 2),), billing=ADDRESS)
    card = CardDetails("4242424242424242", "123", 12, 2031, "Ana Diaz")
    walked = await walk(sale, script, lambda options: NewCard(card))
    await sale.aclose()
    order_id = walked.result.order_id
    assert order_id is not None

    window.returns_factory = session.engine.new_returns
    window.open_returns()
    dialog = window.returns_dialog
    assert isinstance(dialog, ReturnsDialog) and dialog.approval is not None
    dialog.resize(760, 640)
    dialog.scanned(str(order_id))
    await until(lambda: dialog.table.rowCount() == 1)
    spin = dialog.table.cellWidget(0, 3)
    assert isinstance(spin, QSpinBox)
    spin.setValue(1)
    dialog.quote_button.click()
    await until(dialog.refund_button.isEnabled)
    await settle()
    shot(dialog, "returns-quote")

    approval = dialog.approval
    dialog.refund_button.click()
    await until(approval.isVisible)
    approval.approvers.setCurrentText("Maria")
    for digit in PINS["Maria"][:3]:
        approval.pad.press(digit)
    await settle()
    shot(dialog, "staff-approval")
    for digit in PINS["Maria"][3:]:
        approval.pad.press(digit)
    approval.submit()
    await until(lambda: dialog.outcome_shown is not None)
    await settle()
    shot(dialog, "returns-refunded")
    dialog.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="en_US", help="e.g. es_ES")
    parser.add_argument("--size", default="1024x720")
    args = parser.parse_args(argv)
    suffix = "" if args.lang == "en_US" else "-" + args.lang.split("_")[0]
    return run_register(lambda session: drive(session, suffix), args.out, lang=args.lang,
                        size=args.size, fit_out=fit_out_staff)


if __name__ == "__main__":
    sys.exit(main())
