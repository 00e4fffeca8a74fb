"""``pos receipt``: print or save the receipt of any order, as the store holds it.

::

    pos receipt --profile NAME --order ID                 # on the profile's printer
    pos receipt --profile NAME --order ID --printer tcp://192.168.1.50:9100
    pos receipt --profile NAME --order ID --pdf receipt.pdf
    pos receipt --demo --demo-db store.sqlite3 --order ID --pdf receipt.pdf

The order is read from the store (``GET /v2/orders/{id}``, its products and its
transactions), never from what a register happens to remember. The receipt is printed over
ESC/POS (``pos.hardware``) or, with ``--pdf``, written as the register window's PDF receipt.
Exit code 0 when every destination got the receipt, 1 otherwise; every failure is one line
on standard error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

RECEIPT_DESCRIPTION = """\
Print or save the receipt of an order, read from the store as it holds it now (lines,
totals, status), with the profile's header, footer, language and paper width.

Printers are named by URI: tcp://HOST:9100, usb://VID:PID, serial:///dev/ttyUSB0?baud=9600,
cups://QUEUE or qt://PRINTER (the system printer). Without --printer the profile's printer
is used. With --pdf the receipt is saved as a PDF (nothing is printed unless --printer is
also given)."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "receipt",
        help="print or save the receipt of an order (ESC/POS printer or PDF)",
        description=RECEIPT_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        usage="%(prog)s (--profile NAME | --demo [--demo-db PATH]) --order ID "
        "[--printer URI] [--pdf OUT]",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--profile", dest="receipt_profile", metavar="NAME",
                       help="the store profile whose order it is")
    where.add_argument("--demo", dest="receipt_demo", action="store_true",
                       help="an order of the sandbox store (see --demo-db)")
    parser.add_argument("--demo-db", metavar="PATH",
                        help="with --demo: the sandbox store's SQLite file (as given to "
                        "'pos sale --demo --demo-db PATH')")
    parser.add_argument("--order", metavar="ID", help="the order's number")
    parser.add_argument("--printer", metavar="URI",
                        help="print here instead of on the profile's printer")
    parser.add_argument("--pdf", metavar="OUT", help="save the receipt as this PDF file")
    parser.add_argument("--copy", action="store_true",
                        help="mark the receipt as a copy (a reprint)")
    parser.set_defaults(func=run)


class ReceiptError(Exception):
    """What went wrong, in one sentence for the person at the keyboard."""


def _fail(message: str) -> int:
    print(f"pos receipt: {message}", file=sys.stderr)
    return 1


def _order_id(text: str | None) -> int:
    if not text:
        raise ReceiptError("give the order's number with --order ID")
    value = text.strip().lstrip("#")
    if not value.isdigit() or not 0 < int(value) < 2**31:
        raise ReceiptError("--order must be an order number (a whole number such as 101)")
    return int(value)


def _pdf_path(text: str) -> Path:
    path = Path(text).expanduser()
    if path.is_dir():
        raise ReceiptError(f"--pdf {path} is a folder; give a file name such as receipt.pdf")
    if not path.parent.is_dir():
        raise ReceiptError(f"--pdf: the folder {path.parent} does not exist")
    return path


def run(args: argparse.Namespace) -> int:
    import asyncio

    from pos.hardware.uri import PrinterUriError, parse_printer_uri

    try:
        if not args.receipt_profile and not args.receipt_demo:
            raise ReceiptError("give --profile NAME or --demo")
        if args.demo_db and not args.receipt_demo:
            raise ReceiptError("--demo-db goes with --demo")
        order_id = _order_id(args.order)
        printer = parse_printer_uri(args.printer) if args.printer else None
        pdf = _pdf_path(args.pdf) if args.pdf else None
        if args.receipt_demo and args.demo_db and not Path(args.demo_db).is_file():
            raise ReceiptError(f"--demo-db: no sandbox store at {args.demo_db} (make one with "
                               "'pos sale --demo --demo-db PATH')")
        return asyncio.run(_run(args, order_id, printer, pdf))
    except PrinterUriError as exc:
        return _fail(f"--printer: {exc}")
    except ReceiptError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("stopped")
    except Exception as exc:  # one line, never a traceback
        return _fail(f"the receipt could not be made ({type(exc).__name__})")


async def _run(args: argparse.Namespace, order_id: int, printer: Any, pdf: Path | None) -> int:
    import contextlib

    with contextlib.ExitStack() as stack:
        if args.receipt_demo:
            from pos.composition import demo_profile
            from pos.sandbox.server import SandboxServer

            server = stack.enter_context(SandboxServer(db_path=args.demo_db, seed=1,
                                                       catalog_size=500))
            profile = demo_profile(server)
            token = server.token
        else:
            profile, token = _profile_and_token(args.receipt_profile)
        from pos.hardware.settings import HardwareSettings
        from pos.hardware.uri import PrinterUriError

        try:
            settings = HardwareSettings.from_profile(profile)
        except PrinterUriError as exc:
            raise ReceiptError(f"the profile's printer: {exc}") from None
        target = printer or settings.printer
        if target is None and pdf is None:
            raise ReceiptError(
                f"the profile {profile.name!r} names no printer: give --printer URI or --pdf "
                "OUT (or set one: pos profile edit NAME --set printer=URI)"
            )
        receipt = await _fetch_receipt(profile, token, order_id, settings, demo=args.receipt_demo)
        code = 0
        if pdf is not None:
            code |= _save_pdf(receipt, pdf, settings.paper_width)
        if target is not None:
            code |= await _print(receipt, target, settings, copy=args.copy)
        return code
    return 1  # pragma: no cover - the with block always returns


def _profile_and_token(name: str) -> tuple[Any, str]:
    from pos.stores import profiles
    from pos.stores.secrets import KeyringUnavailable, TokenStore

    try:
        profile = profiles.get_profile(name)
    except profiles.ProfileError as exc:
        raise ReceiptError(str(exc)) from None
    if profile.sandbox:
        raise ReceiptError(f"{name!r} is the sandbox's profile: use --demo --demo-db PATH")
    try:
        found = TokenStore(profile.store_hash).find_sync()
    except KeyringUnavailable as exc:
        raise ReceiptError(f"the store's token cannot be read: {exc}") from None
    if found is None:
        raise ReceiptError(f"no API token for this store: set it with 'pos profile set-token "
                           f"{profile.name}' or the POS_TOKEN environment variable")
    return profile, found.token.reveal()


async def _fetch_receipt(profile: Any, token: str, order_id: int, settings: Any, *,
                         demo: bool) -> Any:
    from pos.api.errors import BigCommerceError, NotFound
    from pos.composition import build_client
    from pos.hardware.counter import fetch_receipt

    client = build_client(profile, token)
    client.open()
    try:
        return await fetch_receipt(client, order_id, settings.receipt)
    except NotFound:
        hint = (" (a --demo store starts empty unless --demo-db names the one "
                "'pos sale --demo --demo-db PATH' sold on)") if demo else ""
        raise ReceiptError(f"the store has no order {order_id}{hint}") from None
    except BigCommerceError as exc:
        raise ReceiptError(f"the order could not be read from the store: {exc}") from None
    finally:
        await client.aclose()


def _save_pdf(receipt: Any, path: Path, paper_width: int) -> int:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from pos.ui.receipt import ReceiptData, save_pdf

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    try:
        save_pdf(ReceiptData(**receipt.pdf_fields()), path, width_mm=float(paper_width))
    except OSError as exc:
        return _fail(f"cannot write {path}: {exc.strerror or exc}")
    if not path.is_file() or path.stat().st_size == 0:
        return _fail(f"cannot write {path}")
    print(f"Saved the receipt of order {receipt.order_id} to {path}")
    return 0


async def _print(receipt: Any, uri: Any, settings: Any, *, copy: bool) -> int:
    from pos.hardware.printer import PrinterError, ReceiptPrinter

    qt_print = None
    if uri.kind == "qt":
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from pos.ui.receipt_printer import print_with_qt

        _app = QApplication.instance() or QApplication([sys.argv[0]])
        qt_print = print_with_qt
    printer = ReceiptPrinter(uri, paper_width=settings.paper_width,
                             locale=settings.receipt.locale, qt_print=qt_print)
    try:
        await printer.print_receipt(receipt, copy=copy)
    except PrinterError as exc:
        return _fail(str(exc))
    finally:
        printer.close()
    print(f"Printed the receipt of order {receipt.order_id} on {uri}")
    return 0
