"""``pos doctor [NAME]``: is this register ready to sell? Each check says what to fix."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "doctor",
        help="check that a store profile is ready to sell, and say what to fix",
        description="Check a store profile end to end: the file, the token, the network, "
        "the token's scopes, the store's set-up. Exit code 0 only when the register can sell.",
    )
    parser.add_argument("name", nargs="?", metavar="NAME", help="profile to check")
    parser.add_argument("--profile", dest="doctor_profile", metavar="NAME",
                        help="profile to check (same as NAME)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS",
                        help="time allowed for each network request (default 10)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import asyncio
    import json

    from pos.stores.doctor import Doctor, render_table

    name = args.name or args.doctor_profile or getattr(args, "profile", None)
    if not name:
        print("pos doctor: name a profile: pos doctor NAME (see pos profile list)",
              file=sys.stderr)
        return 2
    from pos.stores.profiles import load_profiles

    loaded = load_profiles()
    profile = loaded.get(name)
    if profile is not None and profile.sandbox:
        report = _run_on_sandbox(profile, args.timeout, loaded.unreadable_folders)
    else:
        report = asyncio.run(Doctor(name, timeout=args.timeout,
                                    store_checks=(check_leftovers,)).run())
    _check_journal(report, name)
    if args.json:
        print(json.dumps(report.as_dict(), indent=2))
    else:
        print(render_table(report))
    return 0 if report.ok else 1


def _run_on_sandbox(profile: Any, timeout: float, folder_problems: Any = ()) -> Any:
    """A sandbox profile is checked against a sandbox store started here, as the app does."""
    import asyncio

    from pos.sandbox.server import SandboxServer
    from pos.stores.doctor import Doctor
    from pos.stores.secrets import ApiToken

    with SandboxServer() as store:
        resolved = profile.resolved_for_sandbox(
            api_base_url=store.api_base_url,
            payments_base_url=store.payments_base_url,
            store_hash=store.store_hash,
        )
        doctor = Doctor(resolved, token=ApiToken(store.token), timeout=timeout,
                        folder_problems=folder_problems)
        return asyncio.run(doctor.run())


def _check_journal(report: Any, name: str) -> None:
    """A damaged sale journal moved aside: said plainly, with what can still be read from
    it (payment-unknown and unfinished sales first)."""
    from pos.sale.journal_recovery import damaged_journals, salvage
    from pos.stores.doctor import CheckResult, Status
    from pos.stores.profile_folders import data_dir

    try:
        folder = data_dir(name)
    except Exception:
        return
    damaged = damaged_journals(folder)
    if not damaged:
        return
    lines: list[str] = []
    for path in damaged:
        sales = salvage(path)
        open_ones = [s for s in sales if s.payment_unknown or not s.finished]
        lines.append(f"{path.name}: {len(sales)} sale(s) readable, {len(open_ones)} "
                     "unfinished or payment-unknown")
        lines += ["  " + s.label for s in open_ones[:20]]
    report.results.append(CheckResult(
        "journal", "Sale journal", Status.WARN,
        f"{len(damaged)} damaged journal(s) were moved aside in {folder}; the register uses "
        "a new one.\n" + "\n".join(lines),
        "check each unfinished or payment-unknown sale listed here at the store; keep the "
        "damaged file until every one is settled",
    ))


async def check_leftovers(client: Any, profile: Any) -> Any:
    """Carts and Incomplete orders of sales this register gave up that the store still
    holds (they are cleaned when a sale is abandoned; these were left by a failure)."""
    import asyncio

    from pos.api.errors import BigCommerceError
    from pos.sale.journal import Journal
    from pos.sale.leftovers import find_leftovers
    from pos.stores.doctor import CheckResult, Status
    from pos.stores.profile_folders import data_dir

    path = data_dir(profile.name) / "journal.sqlite3"
    if not path.is_file():
        return None
    try:
        journal = await asyncio.to_thread(Journal, path)
    except Exception:
        return None  # a damaged journal is reported by the journal check
    try:
        found = await find_leftovers(client, journal, profile.name)
    except BigCommerceError as exc:
        return CheckResult("leftovers", "Leftovers at the store", Status.WARN,
                           f"not checked: the store could not be read ({type(exc).__name__})")
    finally:
        journal.close()
    if not found:
        return CheckResult("leftovers", "Leftovers at the store", Status.PASS,
                           "no cart or Incomplete order of this register's given-up sales")
    return CheckResult(
        "leftovers", "Leftovers at the store", Status.WARN,
        f"the store holds {len(found)} leftover(s) of this register: " + "; ".join(found[:10]),
        "they do no harm (carts expire); cancel the Incomplete orders in the store's control "
        "panel if they are in the way",
    )

