"""``pos orders find``: find past sales by e-mail, card last 4, SKU, name, phone or date.

::

    pos orders find (--profile NAME | --demo [--demo-db PATH]) [--email ADDR] [--last4 NNNN]
                    [--sku SKU] [--name TEXT] [--phone DIGITS] [--since DATE] [--json]

The register's local index of its sales (customer name, e-mail, phone, card last 4, SKUs,
amount, date) is brought up to date with the store's orders since --since (default: 30 days
ago), then searched; keys the store can filter by (e-mail, dates) are merged with
``/v2/orders``. Exit 0 (even when nothing matches), 1 on an error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "orders", help="find past sales (for a return)",
        description="Find past sales of this register and its store.",
    )
    sub = parser.add_subparsers(dest="orders_command", metavar="COMMAND")
    find = sub.add_parser(
        "find", help="find sales by e-mail, card last 4, SKU, name, phone or date",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    where = find.add_mutually_exclusive_group()
    where.add_argument("--profile", dest="orders_profile", metavar="NAME",
                       help="the store profile to search")
    where.add_argument("--demo", dest="orders_demo", action="store_true",
                       help="search the sandbox store (see --demo-db)")
    find.add_argument("--demo-db", metavar="PATH",
                      help="with --demo: the sandbox store's SQLite file")
    find.add_argument("--email", default="", help="the customer's e-mail address")
    find.add_argument("--last4", default="", help="the card's last 4 digits")
    find.add_argument("--sku", default="", help="a SKU the sale held")
    find.add_argument("--name", default="", help="part of the customer's name")
    find.add_argument("--phone", default="", help="the customer's phone number")
    find.add_argument("--since", metavar="YYYY-MM-DD", help="sales on or after this date")
    find.add_argument("--data-dir", metavar="DIR",
                      help="where the sales index lives (default: the profile's data folder)")
    find.add_argument("--json", dest="as_json", action="store_true",
                      help="one JSON array of the sales found")
    find.set_defaults(func=run_find)
    parser.set_defaults(func=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_usage(sys.stderr)
    print("pos orders: give a command: find", file=sys.stderr)
    return 1


def _fail(message: str) -> int:
    print(f"pos orders find: {message}", file=sys.stderr)
    return 1


def run_find(args: argparse.Namespace) -> int:
    import asyncio

    try:
        since = dt.date.fromisoformat(args.since) if args.since else None
    except ValueError:
        return _fail("--since must be a date such as 2026-12-01")
    if args.last4 and not (len(args.last4) == 4 and args.last4.isdigit()):
        return _fail("--last4 must be the card's last 4 digits")
    try:
        return asyncio.run(_find(args, since))
    except KeyboardInterrupt:
        return _fail("stopped")


async def _find(args: argparse.Namespace, since: dt.date | None) -> int:
    import contextlib

    from pos.api.errors import BigCommerceError
    from pos.commands.returns_store import StoreChoiceError, data_dir_of, open_store
    from pos.composition import build_client
    from pos.returns.index import SaleQuery, SalesIndex, find_sales, refresh

    with contextlib.ExitStack() as stack:
        try:
            profile, token = open_store(stack, profile_name=args.orders_profile,
                                        demo=args.orders_demo, demo_db=args.demo_db)
        except StoreChoiceError as exc:
            return _fail(str(exc))
        data_dir = data_dir_of(profile, args.data_dir)
        query = SaleQuery(name=args.name, email=args.email, phone=args.phone,
                          last4=args.last4, sku=args.sku, since=since)
        client = build_client(profile, token)
        client.open()
        try:
            with SalesIndex(data_dir / "sales-index.sqlite3") as index:
                start = since or (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=30))
                await refresh(client, index, since=start)
                found = await find_sales(client, index, query)
        except BigCommerceError as exc:
            return _fail(f"the store could not be searched: {exc}")
        finally:
            await client.aclose()
    if args.as_json:
        print(json.dumps([s.as_json() for s in found]))
    elif not found:
        print("No sale matches.")
    else:
        for s in found:
            print(f"#{s.order_id}  {s.created[:16]}  {s.amount:>10.2f} {s.currency}  "
                  f"{s.customer_name or '-'}  {s.email or '-'}  "
                  f"{'****' + s.last4 if s.last4 else ''}  {' '.join(s.skus)}")
    return 0
