"""``pos refund``: refund all or part of an order exactly once, without a screen.

::

    pos refund (--profile NAME | --demo [--demo-db PATH]) --order ID (--all | --item SKU[:QTY]…)
               [--shipping] [--reason TEXT] [--restock | --no-restock] [--data-dir DIR]
    pos refund (--profile NAME | --demo [--demo-db PATH]) --resume [--order ID]

Prints one JSON object per refund: ``outcome`` (refunded, declined, unknown, error),
``order_id``, ``refund_id``, ``amount`` (a string), ``currency``, ``status_id``, ``status``,
``message``. Exit 0 refunded, 2 declined (the store refused), 3 unknown (run again with
--resume), 1 error.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

EXIT_CODES = {"refunded": 0, "declined": 2, "unknown": 3, "error": 1}

DESCRIPTION = """\
Refund all or part of an order exactly once and print the outcome as one JSON object:
outcome, order_id, refund_id, amount, currency, status_id, status, message.
The amounts (tax, the payment provider's share) come from the store's refund quote.
Returned items go back on the shelf at the profile's inventory location unless
--no-restock is given or the reason is Damaged or Faulty.
Exit code: 0 refunded, 2 declined (the store refused), 3 unknown (check again with
--resume), 1 error."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "refund", help="refund all or part of an order (exactly once)",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter,
        usage="%(prog)s (--profile NAME | --demo [--demo-db PATH]) --order ID "
        "(--all | --item SKU[:QTY]...) [--shipping] [--reason TEXT] "
        "[--restock | --no-restock] [--data-dir DIR]\n"
        "       %(prog)s (--profile NAME | --demo [--demo-db PATH]) --resume [--order ID]",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--profile", dest="refund_profile", metavar="NAME",
                       help="the store profile whose order it is")
    where.add_argument("--demo", dest="refund_demo", action="store_true",
                       help="an order of the sandbox store (see --demo-db)")
    parser.add_argument("--demo-db", metavar="PATH",
                        help="with --demo: the sandbox store's SQLite file")
    parser.add_argument("--order", metavar="ID", help="the order's number")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--all", dest="refund_all", action="store_true",
                      help="every line still refundable")
    what.add_argument("--item", dest="items", action="extend", nargs="+", metavar="SKU[:QTY]",
                      help="a line by SKU, with a quantity (default 1)")
    parser.add_argument("--shipping", action="store_true", help="refund the shipping too")
    parser.add_argument("--reason", default="", metavar="TEXT", help="why it comes back")
    stock = parser.add_mutually_exclusive_group()
    stock.add_argument("--restock", dest="restock", action="store_true", default=True,
                       help="put the items back on the shelf (the default)")
    stock.add_argument("--no-restock", dest="restock", action="store_false",
                       help="do not put the items back on the shelf")
    parser.add_argument("--resume", action="store_true",
                        help="settle the unfinished refunds of the journal")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="where the refunds journal lives (default: the profile's data "
                        "folder)")
    parser.set_defaults(func=run)


class RefundArgsError(ValueError):
    pass


def _print(obj: dict[str, Any]) -> None:
    print(json.dumps(obj), flush=True)


def _error(message: str, order_id: int | None = None, outcome: str = "error") -> dict[str, Any]:
    return {"outcome": outcome, "order_id": order_id, "refund_id": None, "amount": None,
            "currency": None, "status_id": None, "status": None, "message": message}


def parse_order(text: str | None) -> int:
    if not text:
        raise RefundArgsError("give the order's number with --order ID")
    value = text.strip().lstrip("#")
    if not value.isdigit() or not 0 < int(value) < 2**31:
        raise RefundArgsError("--order must be an order number (a whole number such as 101)")
    return int(value)


def parse_items(items: list[str]) -> dict[str, int]:
    wanted: dict[str, int] = {}
    for raw in items:
        sku, sep, qty = raw.rpartition(":") if ":" in raw else (raw, "", "1")
        sku = sku.strip()
        if not sku or (sep and not qty.isdigit()) or int(qty or "0") < 1:
            raise RefundArgsError(f"--item {raw!r}: give SKU or SKU:QTY with a quantity of 1 "
                                  "or more")
        wanted[sku] = wanted.get(sku, 0) + int(qty)
    return wanted


def run(args: argparse.Namespace) -> int:
    import asyncio

    try:
        order_id = parse_order(args.order) if (args.order or not args.resume) else None
        if not args.resume and not args.refund_all and not args.items:
            raise RefundArgsError("give --all or --item SKU[:QTY]")
        wanted = parse_items(args.items or [])
        return asyncio.run(_run(args, order_id, wanted))
    except RefundArgsError as exc:
        _print(_error(str(exc)))
        return 1
    except KeyboardInterrupt:
        _print(_error("stopped"))
        return 1


async def _run(args: argparse.Namespace, order_id: int | None, wanted: dict[str, int]) -> int:
    import contextlib

    from pos.commands.returns_store import StoreChoiceError, data_dir_of, open_store

    with contextlib.ExitStack() as stack:
        try:
            profile, token = open_store(stack, profile_name=args.refund_profile,
                                        demo=args.refund_demo, demo_db=args.demo_db)
        except StoreChoiceError as exc:
            _print(_error(str(exc), order_id))
            return 1
        data_dir = data_dir_of(profile, args.data_dir)
        return await _refund(args, profile, token, data_dir, order_id, wanted)
    return 1  # pragma: no cover - the with block always returns


async def _refund(args: argparse.Namespace, profile: Any, token: str, data_dir: Any,
                  order_id: int | None, wanted: dict[str, int]) -> int:
    from pos.api.errors import BigCommerceError, NotFound
    from pos.composition import build_client
    from pos.returns import RefundJournal, RefundResult, ReturnLine, Returns, ReturnsError
    from pos.returns.records import settings_from_profile
    from pos.returns.shift_hook import shift_refund_hook

    client = build_client(profile, token)
    client.open()
    try:
        with RefundJournal(data_dir / "refunds.sqlite3") as journal:
            returns = Returns(client, journal, settings_from_profile(profile),
                              record_refund=shift_refund_hook(
                                  data_dir, profile.terminal_name))
            if args.resume:
                return _report_resumed(journal, await returns.resume(), order_id)
            assert order_id is not None
            try:
                view = await returns.order(order_id)
            except NotFound:
                _print(_error(f"the store has no order {order_id}", order_id))
                return 1
            lines = []
            for line in view.lines:
                quantity = line.refundable if args.refund_all else wanted.pop(line.sku, 0)
                if quantity:
                    lines.append(ReturnLine(item_id=line.item_id, quantity=quantity,
                                            restock=args.restock, sku=line.sku,
                                            variant_id=line.variant_id))
            if wanted:
                _print(_error(f"order {order_id} has no line with SKU "
                              f"{', '.join(sorted(wanted))}", order_id))
                return 1
            if not lines and not args.shipping:
                _print(_error(f"order {order_id} has nothing left to refund", order_id))
                return 1
            try:
                result: RefundResult = await returns.refund(
                    order_id, lines, shipping=args.shipping, reason=args.reason)
            except ReturnsError as exc:
                _print(_error(str(exc), order_id))
                return 1
            _print(result.as_json())
            for row in journal.unshown():
                if row.order_id == order_id:
                    journal.mark_shown(row.id)
            return EXIT_CODES.get(result.outcome, 1)
    except BigCommerceError as exc:
        _print(_error(f"the store could not be reached: {exc}", order_id))
        return 1
    finally:
        await client.aclose()


def _report_resumed(journal: Any, results: list[Any], order_id: int | None) -> int:
    """Prints each resumed refund, and each finished one never shown; exit of the worst."""
    printed = 0
    code = 0
    for result in results:
        if order_id is None or result.order_id == order_id:
            _print(result.as_json())
            printed += 1
            code = max(code, EXIT_CODES.get(result.outcome, 1))
    for row in journal.unshown():
        if order_id is not None and row.order_id != order_id:
            continue
        if not any(r.order_id == row.order_id for r in results):
            _print({"outcome": row.outcome, "order_id": row.order_id,
                    "refund_id": row.refund_id, "amount": row.amount,
                    "currency": row.currency, "status_id": None, "status": None,
                    "message": row.message or ""})
            printed += 1
            code = max(code, EXIT_CODES.get(row.outcome or "error", 1))
        journal.mark_shown(row.id)
    if not printed:
        _print(_error("no unfinished refund to resume", order_id))
        return 1
    return code
