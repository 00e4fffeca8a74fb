"""``pos sale``: ring up one sale from a JSON spec, without a screen.

For IT smoke tests, scripts and benchmarks::

    pos sale --profile NAME --spec SALE.json          # a real store (token from the keyring
                                                      # or POS_TOKEN)
    pos sale --demo --spec SALE.json                  # an in-process sandbox store
    pos sale --profile NAME --resume [--spec SALE.json]

A card number is never accepted on the command line: ``"payment": {"card": "stdin"}``
reads ``number``, ``cardholder_name``, ``expiry_month``, ``expiry_year``, ``cvv`` as one
JSON object from standard input. The command prints one JSON object per sale
(``outcome``, ``order_id``, ``status_id``, ``status``, ``grand_total``, ``currency``,
``transaction_id``, ``message``) and exits 0 paid, 2 declined, 3 unknown, 1 error.
See ``docs/sale-engine.md`` for the spec.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path
from typing import Any

EXIT_CODES = {"paid": 0, "declined": 2, "unknown": 3, "error": 1}


SALE_DESCRIPTION = """\
Ring up one sale from a JSON spec, without a screen (smoke tests, scripts, benchmarks), and
print the outcome as one JSON object: outcome, order_id, status_id, status, grand_total,
currency, transaction_id, message, code, masked_card, sale_id.
Exit code: 0 paid, 2 declined, 3 unknown (check again with --resume), 1 error.

A new card is read as one JSON object on standard input, never from the command line or
the spec: give "payment": {"card": "stdin"} and pipe
  {"number": "...", "cardholder_name": "...", "expiry_month": 12, "expiry_year": 2030,
   "cvv": "..."}
A customer's stored card needs no number: "payment": {"stored_card_last4": "4242",
"cvv": "123"}. The token comes from the profile's keyring entry, or POS_TOKEN when set.

Cash: "payment": {"cash": "50.00"} (the amount tendered; rounded to the profile's
cash_rounding). A standalone card terminal: "payment": {"terminal": {"reference":
"AP7731", "last4": "4242"}} (never a card number). Another tender the profile lists:
"payment": {"other": {"name": "Check", "reference": "1042"}}. A split of them: "payment":
{"split": [{"cash": "50.00", "amount": "20.00"}, {"terminal": {...}}]} (each part's
"amount" of the total; one part may leave it out and pays the rest). A gift certificate:
"payment": {"gift_certificate": "CODE"}; the customer's store credit: "payment":
{"store_credit": true} (where the store's payment methods list them; a balance below the
total is refused with the balance, nothing charged). The JSON then also has tender and
change_due; see docs/shift.md."""

SALE_EPILOG = """\
a spec (SALE.json): two items, a guest, picked up in store, paid with a new card:
  {"items": [{"sku": "AWA-000001-S-RED", "quantity": 2}, {"upc": "400000000039"}],
   "billing_address": {"first_name": "Jane", "last_name": "Okafor",
       "email": "jane.okafor@example.com", "address1": "12 Pike Street", "city": "Seattle",
       "state_or_province": "Washington", "state_or_province_code": "WA",
       "country_code": "US", "postal_code": "98101"},
   "consignments": [{"items": "all", "pickup": true}],
   "coupon": "SAVE10",
   "payment": {"card": "stdin"}}

  "customer": {"email": "..."} sells to a known customer ("billing_address":
  "customer-default" uses their first address); a consignment with an "address" and
  "shipping": "cheapest" (or an option type) ships. See docs/sale-engine.md.

examples (the card's JSON piped from a variable or a secret manager, never a file):
  printf '%s' "$CARD_JSON" | pos sale --demo --spec SALE.json
  printf '%s' "$CARD_JSON" | pos sale --profile main-street --spec SALE.json
  pos sale --profile main-street --resume"""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sale",
        help="ring up one sale from a JSON spec (smoke tests, scripts, benchmarks)",
        description=SALE_DESCRIPTION,
        epilog=SALE_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        usage="%(prog)s (--profile NAME | --demo) --spec SALE.json [options]\n"
        "       %(prog)s (--profile NAME | --demo) --resume [--spec SALE.json] [options]",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--profile", dest="sale_profile", metavar="NAME",
                       help="store profile to sell on")
    where.add_argument("--demo", dest="sale_demo", action="store_true",
                       help="sell on an in-process sandbox store (nothing real is charged)")
    parser.add_argument("--spec", metavar="SALE.json",
                        help="the sale to ring up (a JSON file; see below). Required, "
                        "except with --resume")
    parser.add_argument("--resume", action="store_true",
                        help="settle and finish the unfinished sales of the journal "
                        "(with --spec: finish unpaid ones with that spec's steps)")
    parser.add_argument("--data-dir", metavar="DIR",
                        help="where the journal and logs live (default: the profile's data "
                        "folder)")
    parser.add_argument("--demo-db", metavar="PATH",
                        help="with --demo: keep the sandbox store in this SQLite file, so "
                        "that a later --demo --resume finds the same store")
    parser.add_argument("--demo-latency-ms", type=int, default=0, metavar="MS",
                        help="with --demo: add this latency to every sandbox request")
    parser.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                        help="bound on settling an uncertain payment (default 30)")
    parser.add_argument("--unpaid-confirm", type=float, default=None, metavar="SECONDS",
                        help="how long an order must look unpaid before it is believed "
                        "unpaid after an uncertain payment (default 5)")
    parser.set_defaults(func=run)


class SpecError(ValueError):
    """The spec (or the card on standard input) is not usable; nothing was sent."""


#: Why a card in the spec is refused, and what to do instead. Never repeats what was there.
CARD_IN_SPEC = (
    "the spec's payment holds card details, which pos sale never reads: card numbers are "
    "never taken from files or the command line (they would stay on disk, in shell history "
    "or in the process list). Put \"payment\": {\"card\": \"stdin\"} in the spec and pipe "
    "the card as JSON on standard input: {\"number\", \"cardholder_name\", "
    "\"expiry_month\", \"expiry_year\", \"cvv\"} (nothing was sent)"
)

#: Keys of a payment object that would carry a card's own details.
_CARD_KEYS = {"number", "card_number", "pan", "expiry_month", "expiry_year", "exp_month",
              "exp_year", "cardholder_name"}


def _holds_a_card(payment: dict[str, Any]) -> bool:
    if _CARD_KEYS & set(payment):
        return True
    if isinstance(payment.get("card"), dict):
        return True
    # A stored card is named by its last 4 and may carry a CVV; a CVV beside a new card is not.
    return "cvv" in payment and not payment.get("stored_card_last4")


def _result_json(result: Any, sale: Any = None) -> dict[str, Any]:
    total = getattr(result, "grand_total", None)
    if total is None and sale is not None and sale.totals is not None:
        total = sale.totals.grand_total
    return {
        "outcome": result.outcome,
        "order_id": result.order_id,
        "status_id": result.status_id,
        "status": result.status,
        "grand_total": None if total is None else str(total),
        "currency": result.currency or (sale.settings.currency if sale is not None else None),
        "transaction_id": result.transaction_id,
        "message": result.message,
        "code": result.code,
        "masked_card": result.masked_card,
        "sale_id": getattr(sale, "sale_id", None),
    }


def _error_json(message: str, sale: Any = None, outcome: str = "error") -> dict[str, Any]:
    totals = sale.totals if sale is not None else None
    return {
        "outcome": outcome,
        "order_id": getattr(sale, "order_id", None),
        "status_id": None,
        "status": None,
        "grand_total": str(totals.grand_total) if totals is not None else None,
        "currency": totals.currency if totals is not None else None,
        "transaction_id": None,
        "message": message,
        "code": None,
        "masked_card": None,
        "sale_id": getattr(sale, "sale_id", None),
    }


def _print(obj: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(obj, sort_keys=True) + "\n")
    sys.stdout.flush()


# --------------------------------------------------------------------------- the spec


def _text_fields(value: Any, where: str) -> None:
    """An address (or another object of words): every value a string (or null)."""
    if not isinstance(value, dict):
        raise SpecError(f"{where} must be an object")
    for key, field in value.items():
        if field is not None and not isinstance(field, str):
            raise SpecError(f"{where}.{key} must be text")


def _no_lone_surrogates(value: Any) -> None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise SpecError("the spec holds text that is not valid Unicode") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _no_lone_surrogates(key)
            _no_lone_surrogates(item)
    elif isinstance(value, list):
        for item in value:
            _no_lone_surrogates(item)


def load_spec(path: str) -> dict[str, Any]:
    from pos.commands.sale_input import MAX_SPEC_BYTES, InputError, parse_json, read_bounded

    try:
        with open(path, "rb") as stream:
            text = read_bounded(stream, MAX_SPEC_BYTES, "the spec")
        spec = parse_json(text, "the spec")
    except InputError as exc:
        raise SpecError(str(exc)) from None
    except OSError as exc:
        raise SpecError(f"cannot read the spec {path}: {exc.strerror or exc}") from None
    if not isinstance(spec, dict):
        raise SpecError("the spec must be a JSON object")
    _no_lone_surrogates(spec)
    items = spec.get("items")
    if not isinstance(items, list) or not items:
        raise SpecError("the spec needs 'items': a list of {\"sku\" or \"upc\", \"quantity\"}")
    if len(items) > 200:
        raise SpecError("the spec has too many items (at most 200)")
    for n, item in enumerate(items):
        if not isinstance(item, dict) or not (item.get("sku") or item.get("upc")):
            raise SpecError(f"items[{n}] needs a 'sku' or a 'upc'")
        for key in ("sku", "upc"):
            code = item.get(key)
            if code is not None and not isinstance(code, str) and not (
                key == "upc" and isinstance(code, int) and not isinstance(code, bool)
            ):
                raise SpecError(f"items[{n}].{key} must be text")
        quantity = item.get("quantity", 1)
        if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
            raise SpecError(f"items[{n}].quantity must be a whole number of at least 1")
        if quantity > 9999:
            raise SpecError(f"items[{n}].quantity is too large (at most 9999)")
    billing = spec.get("billing_address", "customer-default")
    if billing != "customer-default":
        _text_fields(billing, "billing_address")
    customer = spec.get("customer")
    if customer is not None and not isinstance(customer, str):
        _text_fields(customer, "customer")
    coupon = spec.get("coupon")
    if coupon is not None and not isinstance(coupon, str):
        raise SpecError("'coupon' must be text")
    payment = spec.get("payment")
    if isinstance(payment, dict):
        for key in ("stored_card_last4", "cvv"):
            if payment.get(key) is not None and not isinstance(payment.get(key), str):
                raise SpecError(f"payment.{key} must be text")
    if not isinstance(payment, dict):
        raise SpecError("the spec needs 'payment': {\"card\": \"stdin\"} or "
                        "{\"stored_card_last4\": \"....\", \"cvv\": \"...\"}")
    from pos.commands import tender_cli

    if tender_cli.is_tender(payment) and not _holds_a_card(payment):
        try:
            tender_cli.parse_payment(payment, None)
        except ValueError as exc:
            raise SpecError(str(exc)) from None
    elif _holds_a_card(payment) or (
        payment.get("card") not in (None, "stdin") and not payment.get("stored_card_last4")
    ):
        raise SpecError(CARD_IN_SPEC)
    if payment.get("card") != "stdin" and not payment.get("stored_card_last4") \
            and not tender_cli.is_tender(payment):
        raise SpecError("'payment' must be {\"card\": \"stdin\"} (a new card, read as JSON "
                        "on standard input) or {\"stored_card_last4\": \"4242\", \"cvv\": "
                        "\"...\"} (a stored card of the customer)")
    consignments = spec.get("consignments", [{"items": "all", "pickup": True}])
    if not isinstance(consignments, list) or not consignments:
        raise SpecError("'consignments' must be a non-empty list")
    for n, c in enumerate(consignments):
        if not isinstance(c, dict):
            raise SpecError(f"consignments[{n}] must be an object")
        if not c.get("pickup") and not isinstance(c.get("address"), dict):
            raise SpecError(f"consignments[{n}] needs \"pickup\": true or an \"address\"")
        if not c.get("pickup"):
            _text_fields(c["address"], f"consignments[{n}].address")
        if not isinstance(c.get("shipping", "cheapest"), str):
            raise SpecError(f"consignments[{n}].shipping must be text")
    spec["consignments"] = consignments
    return spec


def read_card(stream: Any) -> Any:
    """The card from standard input (one JSON object), validated; never echoed."""
    from pos.commands.sale_input import MAX_CARD_BYTES, InputError, parse_json, read_bounded
    from pos.sale.cards import CardDetails

    shape = "standard input must hold the card as one JSON object"
    try:
        text = read_bounded(getattr(stream, "buffer", stream), MAX_CARD_BYTES,
                            "the card on standard input")
        data = parse_json(text, "the card on standard input")
    except InputError as exc:
        # The reason only: never the text (a card may be in it).
        raise SpecError(f"{exc}; {shape}") from None
    finally:
        text = ""
    if not isinstance(data, dict):
        raise SpecError(shape)
    try:
        for key in ("number", "cvv", "cardholder_name"):
            if not isinstance(data.get(key, ""), str):
                raise SpecError(f"the card's {key} must be text")
        for key in ("expiry_month", "expiry_year"):
            value = data.get(key, 0)
            if isinstance(value, str) and value.strip().isdigit() and len(value) <= 4:
                value = int(value)
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 9999:
                raise SpecError("the card's expiry_month and expiry_year must be whole "
                                "numbers")
            data[key] = value
        try:
            for key in ("number", "cvv", "cardholder_name"):
                data.get(key, "").encode("utf-8")
        except UnicodeEncodeError:
            raise SpecError("the card holds text that is not valid Unicode") from None
        card = CardDetails(
            number=data.get("number", ""),
            cvv=data.get("cvv", ""),
            expiry_month=data.get("expiry_month", 0),
            expiry_year=data.get("expiry_year", 0),
            cardholder_name=data.get("cardholder_name", ""),
        )
    finally:
        data.clear()
    errors = card.validate()
    if errors:
        card.wipe()
        raise SpecError("; ".join(str(e) for e in errors))
    return card


def _customer_email(spec: dict[str, Any]) -> str | None:
    customer = spec.get("customer")
    if isinstance(customer, dict):
        email = customer.get("email")
        return str(email) if email else None
    if isinstance(customer, str) and customer:
        return customer
    return None


def _script(spec: dict[str, Any]) -> Any:
    """The spec as the engine's sale script (:mod:`pos.sale.script`)."""
    from pos.sale.script import ConsignmentSpec, ItemSpec, LineRef, SaleScript

    def line_refs(wanted: Any) -> Any:
        if not isinstance(wanted, list):
            return wanted  # "all", or refused by the walk
        return [
            LineRef(entry.get("sku") or entry.get("upc"), entry.get("quantity"))
            if isinstance(entry, dict) else LineRef(entry)
            for entry in wanted
        ]

    items = [
        ItemSpec(
            code=str(item.get("sku") or item.get("upc")),
            quantity=int(item.get("quantity", 1)),
            upc=item.get("upc"),
        )
        for item in spec["items"]
    ]
    consignments = [
        ConsignmentSpec(
            pickup=bool(c.get("pickup")),
            items=line_refs(c.get("items", "all")),
            address=None if c.get("pickup") else c["address"],
            shipping=c.get("shipping", "cheapest"),
        )
        for c in spec["consignments"]
    ]
    return SaleScript(
        items=items,
        billing=spec.get("billing_address", "customer-default"),
        customer_email=_customer_email(spec),
        consignments=consignments,
        coupon=spec.get("coupon") or None,
    )


async def run_steps(sale: Any, spec: dict[str, Any], payment: Any) -> Any:
    """Ring up (or finish) ``sale`` as ``spec`` says; returns the payment result.

    Each step runs only when the sale still needs it, so that a resumed sale continues
    where it stopped (the walk of :mod:`pos.sale.script`).
    """
    from pos.commands import tender_cli
    from pos.sale import NewCard, PaymentOptions, StoredCard
    from pos.sale.cards import CardDetails
    from pos.sale.script import ScriptError, walk

    def pay(options: PaymentOptions) -> Any:
        if not isinstance(payment, dict | CardDetails):
            # A recorded tender: cash, terminal, other, or a split of them.
            return tender_cli.for_total(payment, options.total)
        if isinstance(payment, dict):
            last4 = str(payment.get("stored_card_last4"))
            stored = next((c for c in options.stored_cards if c.last_4 == last4), None)
            if stored is None:
                raise SpecError(f"the customer has no stored card ending {last4}")
            cvv = payment.get("cvv")
            return StoredCard(stored.token, cvv=str(cvv) if cvv else None)
        return NewCard(payment, save=bool(spec["payment"].get("save", False)))

    try:
        walked = await walk(sale, _script(spec), pay)
    except ScriptError as exc:
        raise SpecError(str(exc)) from None
    return walked.result


# --------------------------------------------------------------------------- running


def run(args: argparse.Namespace) -> int:
    import asyncio

    if not args.sale_profile and not args.sale_demo:
        _print(_error_json("give --profile NAME or --demo"))
        return 1
    if not args.resume and not args.spec:
        _print(_error_json("give --spec SALE.json (or --resume)"))
        return 1
    import math

    for name in ("timeout", "unpaid_confirm"):
        value = getattr(args, name, None)
        if value is not None and not (math.isfinite(value) and 0 <= value <= 86400):
            flag = "--" + name.replace("_", "-")
            _print(_error_json(f"{flag} must be a number of seconds between 0 and 86400"))
            return 1
    if not 0 <= args.demo_latency_ms <= 60000:
        _print(_error_json("--demo-latency-ms must be between 0 and 60000"))
        return 1
    spec: dict[str, Any] | None = None
    payment: Any = None
    try:
        if args.spec:
            spec = load_spec(args.spec)
            if spec["payment"].get("card") == "stdin":
                payment = read_card(sys.stdin)
            else:
                payment = dict(spec["payment"])
    except SpecError as exc:
        _print(_error_json(str(exc)))
        return 1
    try:
        return asyncio.run(_run(args, spec, payment))
    finally:
        wipe = getattr(payment, "wipe", None)
        if callable(wipe):
            wipe()


async def _run(args: argparse.Namespace, spec: dict[str, Any] | None, payment: Any) -> int:
    import contextlib

    from pos.stores import profiles

    with contextlib.ExitStack() as stack:
        if args.sale_demo:
            from pos.composition import demo_profile
            from pos.sandbox.server import SandboxServer

            try:
                server = stack.enter_context(SandboxServer(
                    db_path=args.demo_db, seed=1, catalog_size=500,
                    latency_ms=max(0, args.demo_latency_ms),
                ))
            except Exception as exc:
                import sqlite3

                why = ("it is not a demo store's database"
                       if isinstance(exc, sqlite3.DatabaseError)
                       else _os_reason(exc) if isinstance(exc, OSError)
                       else type(exc).__name__)
                _print(_error_json(f"the demo store {str(args.demo_db or '')!r} cannot be "
                                   f"opened: {why}"))
                return 1
            profile = demo_profile(server)
            token = server.token
        else:
            try:
                profile = profiles.get_profile(args.sale_profile)
            except Exception as exc:
                _print(_error_json(f"profile {args.sale_profile!r}: {exc}"))
                return 1
            from pos.stores.secrets import KeyringUnavailable, TokenStore

            try:
                found = TokenStore(profile.store_hash).find_sync()
            except KeyringUnavailable as exc:
                _print(_error_json(f"the store's token cannot be read: {exc}"))
                return 1
            if found is None:
                _print(_error_json("no API token for this store: set it with 'pos profile "
                                   "set-token' or the POS_TOKEN environment variable"))
                return 1
            token = found.token.reveal()
        data_dir = Path(args.data_dir) if args.data_dir else profiles.ensure_data_dir(profile)
        from pos.sale.files import make_private_dir

        try:
            make_private_dir(data_dir)
            handler = _log_to(data_dir)
        except OSError as exc:
            _print(_error_json(f"the data folder {str(data_dir)!r} cannot be used: "
                               f"{_os_reason(exc)}"))
            return 1
        try:
            return await _sell(args, profile, token, data_dir, spec, payment)
        finally:
            _unlog(handler)
    return 1  # pragma: no cover - the with block always returns


def _os_reason(exc: OSError) -> str:
    import errno

    if isinstance(exc, NotADirectoryError):
        return "it is not a folder"
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    return exc.strerror or type(exc).__name__


def _quiet_handler_class() -> Any:
    import logging

    class QuietFileHandler(logging.FileHandler):
        """A log line that cannot be written (a full disk) is dropped, never a traceback
        on the terminal: the outcome on stdout is what counts."""

        def handleError(self, record: logging.LogRecord) -> None:
            return None

    return QuietFileHandler


def _log_to(data_dir: Path) -> Any:
    _QuietFileHandler = _quiet_handler_class()

    import logging

    from pos.sale.files import make_private_file

    make_private_file(data_dir / "pos-sale.log")
    handler = _QuietFileHandler(data_dir / "pos-sale.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    handler.setLevel(logging.INFO)
    from pos.api.client import RedactingFilter

    handler.addFilter(RedactingFilter())
    root = logging.getLogger("pos")
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > logging.INFO:
        root.setLevel(logging.INFO)
    return handler


#: One INFO line per outcome in ``pos-sale.log``: no card number, CVV or token (only the
#: masked card, as the receipt shows it).
OUTCOME_LOG = "pos.sale.command"


def _log_outcome(out: dict[str, Any], terminal: str) -> None:
    import logging

    logging.getLogger(OUTCOME_LOG).info(
        "sale %s: outcome %s, order %s, code %s, card %s, total %s %s, terminal %s",
        out.get("sale_id") or "-", out.get("outcome"), out.get("order_id") or "-",
        out.get("code") if out.get("code") is not None else "-",
        out.get("masked_card") or "-", out.get("grand_total") or "-",
        out.get("currency") or "", terminal or "-",
    )


def _unlog(handler: Any) -> None:
    import logging

    logging.getLogger("pos").removeHandler(handler)
    handler.close()


async def _sell(
    args: argparse.Namespace,
    profile: Any,
    token: str,
    data_dir: Path,
    spec: dict[str, Any] | None,
    payment: Any,
) -> int:
    from pos.composition import build_engine

    overrides: dict[str, Any] = {}
    if args.timeout is not None:
        overrides["reconcile_timeout"] = max(0.0, args.timeout)
    if args.unpaid_confirm is not None:
        overrides["unpaid_confirm"] = max(0.0, args.unpaid_confirm)
    from pos.commands import tender_cli

    if tender_cli.is_tender(payment):
        try:
            payment = tender_cli.parse_payment(payment, profile)
        except ValueError as exc:
            _print(_error_json(str(exc)))
            return 1
    if not args.resume and (refusal := tender_cli.shift_gate(profile, data_dir)):
        _print(_error_json(refusal))
        return 1
    crash = _crash_point()

    async def follow_up(sale: Any, paid_with: Any, out: dict[str, Any],
                        resumed: bool) -> None:
        await tender_cli.after_paid(profile, token, data_dir, sale, paid_with, out,
                                    resumed=resumed, on_mark=crash)

    try:
        engine = build_engine(profile, token, data_dir, on_journal_commit=crash,
                              **overrides)
    except Exception as exc:
        from pos.sale.errors import DiskFull, is_disk_full

        if not is_disk_full(exc):
            raise
        _print(_error_json(str(DiskFull())))
        return 1
    if engine.journal_notice:
        sys.stderr.write(engine.journal_notice + "\n")
    try:
        if args.resume:
            return await _resume_all(engine, spec, payment, profile.terminal_name,
                                     follow_up)
        assert spec is not None
        sale = engine.new_sale()
        try:
            try:
                result = await run_steps(sale, spec, payment)
                out = _result_json(result, sale)
            except Exception as exc:  # one JSON object, whatever went wrong
                out = _failure_json(exc, sale, _attempted(sale))
            if out["outcome"] in ("declined", "error") and not _uncertain(engine, sale):
                await _abandon(sale)
            out = _paid_or(sale, out)
            await follow_up(sale, payment, out, False)
        finally:
            with contextlib.suppress(Exception):
                await sale.aclose()
        _log_outcome(out, profile.terminal_name)
        _print(out)
        _delivered(engine, out)
        return EXIT_CODES[str(out["outcome"])]
    finally:
        await engine.close()


def _delivered(engine: Any, out: dict[str, Any]) -> None:
    """The printed outcome reached the caller: the journal stops presenting it."""
    import logging

    sale_id = out.get("sale_id")
    if out.get("outcome") != "paid" or not sale_id:
        return
    try:
        engine.delivered(sale_id)
    except Exception as exc:  # presented again by the next --resume: never lost
        logging.getLogger("pos.sale").warning("recording that sale %s was reported: %s",
                                              sale_id, type(exc).__name__)


#: Crash tests: ``POS_SALE_CRASH_AT=<journal event kind>`` makes ``pos sale`` kill itself
#: with SIGKILL right after the journal commits that event (e.g. ``payment_started``),
#: so that every journal point can be tested in turn; also after what follows a paid sale
#: (``shift_recorded``, ``receipt_started``, ``receipt_printed``). Not for production use.
CRASH_ENV = "POS_SALE_CRASH_AT"


def _crash_point() -> Any:
    import os

    point = os.environ.get(CRASH_ENV, "").strip()
    if not point or not hasattr(os, "kill"):
        return None

    def on_commit(kind: str) -> None:
        if kind == point:
            import signal

            sys.stdout.flush()
            os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))

    return on_commit


def _failure_json(exc: BaseException, sale: Any, attempted: bool) -> dict[str, Any]:
    """What to print for a failure: "unknown" when money may have moved (the journal shows
    a payment attempt or an order creation without an answer), else "error"."""
    import logging

    from pos.sale.errors import SaleError

    if isinstance(exc, SaleError | SpecError):
        message = str(exc)
    else:
        logging.getLogger("pos.sale").error("pos sale failed: %s", type(exc).__name__)
        message = "Something went wrong in the register."
    if attempted:
        message += (" A payment may have been taken: check it with 'pos sale --resume' "
                    "before charging again.")
    return _error_json(message, sale, "unknown" if attempted else "error")


def _attempted(sale: Any) -> bool:
    try:
        return sale is not None and bool(sale.payment_attempted())
    except Exception:
        return True  # the journal cannot be read: assume the worst


def _paid_or(sale: Any, out: dict[str, Any]) -> dict[str, Any]:
    """The sale's paid confirmation when it is paid (e.g. found paid while being closed),
    else ``out``."""
    result = getattr(sale, "result", None)
    if sale is not None and sale.paid and result is not None and result.outcome == "paid":
        return _result_json(result, sale)
    return out


async def _abandon(sale: Any) -> None:
    """Nothing was charged: close the sale (its unpaid order is cancelled). A sale found
    paid meanwhile stays paid (``sale.paid``); any other failure leaves it in the journal."""
    import logging

    if sale.sale_id is None:
        return
    try:
        await sale.abandon()
    except Exception as exc:
        logging.getLogger("pos.sale").info("closing sale %s: %s", sale.sale_id,
                                           type(exc).__name__)


def _uncertain(engine: Any, sale: Any) -> bool:
    return sale.sale_id is not None and bool(engine.may_be_charged(sale.sale_id))


#: Exit codes from best to worst: paid, declined, error, unknown.
RANK = {0: 0, 2: 1, 1: 2, 3: 3}


async def _resume_all(
    engine: Any, spec: dict[str, Any] | None, payment: Any, terminal: str = "",
    follow_up: Any = None,
) -> int:
    """Present every paid sale never reported, then finish (or settle) each unfinished
    one. A sale that ends paid is followed up as one paid in one go (``follow_up``: the
    shift, the receipt, the drawer for cash), once: what the stopped run did already is
    not done again."""
    from pos.sale import SaleStep

    async def follow(sale: Any, paid_with: Any, out: dict[str, Any]) -> None:
        if follow_up is None or out.get("outcome") != "paid":
            return
        try:
            await follow_up(sale, paid_with, out, True)
        except Exception as exc:  # the sale stays paid; its outcome is printed all the same
            import logging

            logging.getLogger("pos.sale").warning(
                "following up paid sale %s: %s", out.get("sale_id"), type(exc).__name__)

    # First every paid sale whose outcome never reached anyone (the process ended between
    # the payment and its printed outcome): a caller that retries would charge again.
    for paid in engine.undelivered():
        told: dict[str, Any] = {
            "outcome": "paid", "order_id": paid.order_id, "status_id": None,
            "status": None, "transaction_id": None, "code": None, "masked_card": None,
            "grand_total": None if paid.grand_total is None else str(paid.grand_total),
            "currency": paid.currency, "message": paid.message, "sale_id": paid.sale_id}
        await follow(None, None, told)
        _print(told)
        _delivered(engine, {"outcome": "paid", "sale_id": paid.sale_id})
    unfinished = engine.unfinished()
    if not unfinished:
        _print({"outcome": "none", "message": "No unfinished sales.", "sale_id": None})
        return 0
    worst = 0
    used_payment = False
    for entry in unfinished:
        sale: Any = None
        try:
            try:
                sale = await engine.resume(entry.sale_id)
                result = sale.result
                settled = result is not None and (
                    sale.step is SaleStep.CONFIRMED or result.outcome == "unknown"
                )
                if settled:
                    out = _result_json(result, sale)
                elif spec is not None and not used_payment:
                    used_payment = True  # a card is used for one sale only
                    result = await run_steps(sale, spec, payment)
                    out = _result_json(result, sale)
                else:
                    out = _error_json("Not paid. Finish it with 'pos sale --resume --spec "
                                      "SALE.json', or start again.", sale)
            except Exception as exc:  # one JSON object per sale, whatever went wrong
                attempted = _attempted(sale) if sale is not None else bool(
                    entry.payment_attempted or entry.payment_unknown
                    or entry.order_creation_unknown
                )
                out = _failure_json(exc, sale, attempted)
                out["sale_id"] = entry.sale_id
            out = _paid_or(sale, out)
            await follow(sale, payment if spec is not None else None, out)
        finally:
            if sale is not None:
                with contextlib.suppress(Exception):
                    await sale.aclose()
        _log_outcome(out, terminal)
        _print(out)
        _delivered(engine, out)
        code = EXIT_CODES.get(str(out["outcome"]), 1)
        if RANK[code] > RANK[worst]:
            worst = code
    return worst
