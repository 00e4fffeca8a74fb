"""The crash-safe sale journal: what each sale has done, written before and after each
unsafe call.

One SQLite file per store profile (``Journal(profile_data_dir / "journal.sqlite3")``).
Creating an order and charging a card cannot be repeated safely, so the sale engine
records *before* each such call that it is about to happen (:meth:`Journal.begin_order_creation`,
:meth:`Journal.begin_payment_attempt`) and *after* it what came of it
(:meth:`Journal.order_created`, :meth:`Journal.payment_outcome`; :meth:`Journal.late_success`
when the store took a payment believed failed). Each method returns only once its
transaction is committed and on disk. After a crash, :meth:`Journal.unfinished_sales` lists
what must be reconciled with the store, payment-uncertain sales first.

The pattern around an unsafe call::

    journal.begin_order_creation(sale_id)          # durable before the request leaves
    order_id = await client.create_order(checkout_id)
    journal.order_created(sale_id, order_id)       # durable before the next step

    attempt = journal.begin_payment_attempt(sale_id, order_id=order_id, method_kind="card",
                                            amount=total, currency="USD",
                                            brand="VISA", last4=card.last4)
    ...send the payment...
    journal.payment_outcome(attempt, PaymentOutcome.SUCCESS, transaction_id=...)

Durability
    The database runs in WAL mode with ``synchronous=FULL``: every commit appends to the
    write-ahead log and fsyncs it before ``COMMIT`` returns, so a committed record survives
    a killed process *and* a power cut (``synchronous=NORMAL`` would survive only the
    former). ``fullfsync`` is on as well, which makes macOS flush the drive's cache too.
    WAL was chosen over ``journal_mode=DELETE`` + ``FULL`` because it needs one fsync per
    commit instead of several, and readers (another process listing unfinished sales)
    never block the writer. WAL needs the file on a local disk, which a profile's data
    directory is.

Two processes
    Writers take ``BEGIN IMMEDIATE`` and wait up to ``busy_timeout`` seconds for each
    other; a :class:`Journal` is also safe to share between threads (one lock per object),
    so the sale engine may call it through ``asyncio.to_thread``.

No secrets
    The journal keeps brand and last four digits of a card, never a number, a CVV or a
    token. Every text value written is checked: a run of 13 to 19 digits (spaces and
    dashes allowed between groups) that passes the Luhn check, a JWT, or an opaque run of
    28 or more letters and digits is refused with :class:`SensitiveDataError`, whose
    message names the field but never repeats the value. Event details given as mappings
    may not use keys such as ``number``, ``cvv`` or ``token``.

Schema
    Versioned with ``PRAGMA user_version``; :data:`MIGRATIONS` upgrade older files in
    place, and a file written by a newer version is refused rather than misread.
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pos.sale.files import make_private_dir
from pos.sale.secret_filter import find_sensitive, refusal

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "AlreadyPaid",
    "Journal",
    "JournalError",
    "JournalEvent",
    "PaymentAttempt",
    "PaymentInFlight",
    "PaymentOutcome",
    "ResumePoint",
    "SaleRecord",
    "SensitiveDataError",
    "find_sensitive",
]


class JournalError(RuntimeError):
    """The journal cannot do what was asked (unknown sale, newer schema, ...)."""


class SensitiveDataError(JournalError, ValueError):
    """A value looked like a card number or a token and was not written."""


class PaymentInFlight(JournalError):
    """A payment attempt of this sale has no certain outcome yet; do not send another."""


class AlreadyPaid(JournalError):
    """A payment attempt of this sale succeeded; never charge it again."""


class PaymentOutcome(enum.StrEnum):
    """Outcome of one payment attempt.

    ``PENDING``: started, or answered ``status: pending``; not settled. ``UNKNOWN``: the
    call ended without a certain answer (timeout, connection lost after sending, 5xx,
    code 30105 not yet verified). Both block a new attempt until reconciled.
    """

    PENDING = "pending"
    SUCCESS = "success"
    DECLINED = "declined"
    FAILED = "failed"
    UNKNOWN = "unknown"

    @property
    def uncertain(self) -> bool:
        return self in (PaymentOutcome.PENDING, PaymentOutcome.UNKNOWN)


class ResumePoint(enum.StrEnum):
    """Where an unfinished sale must pick up after a restart, most urgent first."""

    RECONCILE_PAYMENT = "reconcile_payment"
    """A payment's outcome is not known: read the order's status and transactions first."""
    CONFIRM_PAID = "confirm_paid"
    """A payment succeeded but the sale was not finished: confirm the order, never charge."""
    RECONCILE_ORDER = "reconcile_order"
    """Order creation may or may not have happened: re-read the checkout's ``order_id``."""
    ORDER_EXISTS = "order_exists"
    """An order exists and no payment is in doubt: continue at the payment step."""
    CART_EXISTS = "cart_exists"
    """Only the cart exists: continue building the sale."""
    EMPTY = "empty"
    """Nothing reached the store yet."""


def _check(field: str, value: object) -> None:
    why = refusal(field, value)
    if why is not None:
        raise SensitiveDataError(why)


# --- records ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentAttempt:
    attempt_id: str
    sale_id: str
    order_id: int | None
    started_at: _dt.datetime
    finished_at: _dt.datetime | None
    method_kind: str
    payment_method_id: str | None
    brand: str | None
    last4: str | None
    amount: Decimal
    currency: str
    outcome: PaymentOutcome
    transaction_id: str | None
    code: int | None
    message: str | None


@dataclass(frozen=True)
class JournalEvent:
    at: _dt.datetime
    kind: str
    detail: Any


@dataclass(frozen=True)
class SaleRecord:
    sale_id: str
    profile: str
    state: str
    created_at: _dt.datetime
    updated_at: _dt.datetime
    cart_id: str | None
    checkout_id: str | None
    consignment_ids: tuple[str, ...]
    customer_id: int | None
    order_id: int | None
    """The current order (the latest one created)."""
    order_ids: tuple[int, ...]
    """Every order created for this sale, oldest first."""
    order_creation_pending: bool
    """True between :meth:`Journal.begin_order_creation` and its outcome."""
    grand_total: Decimal | None
    currency: str | None
    finished_at: _dt.datetime | None
    outcome: str | None
    attempts: tuple[PaymentAttempt, ...]
    events: tuple[JournalEvent, ...]

    @property
    def payment_uncertain(self) -> bool:
        """An attempt is pending or unknown: reconcile before anything else."""
        return any(a.outcome.uncertain for a in self.attempts)

    @property
    def paid(self) -> bool:
        """An attempt succeeded, or the sale was finished as paid (an order the journal
        saw no successful attempt for was found paid at the store)."""
        return self.outcome == "paid" or any(
            a.outcome is PaymentOutcome.SUCCESS for a in self.attempts
        )

    @property
    def last_attempt(self) -> PaymentAttempt | None:
        return self.attempts[-1] if self.attempts else None

    @property
    def resume_point(self) -> ResumePoint:
        """What a restart must do first for this sale."""
        if self.payment_uncertain:
            return ResumePoint.RECONCILE_PAYMENT
        if self.paid:
            return ResumePoint.CONFIRM_PAID
        if self.order_creation_pending:
            return ResumePoint.RECONCILE_ORDER
        if self.order_id is not None:
            return ResumePoint.ORDER_EXISTS
        if self.cart_id is not None:
            return ResumePoint.CART_EXISTS
        return ResumePoint.EMPTY


# --- schema ----------------------------------------------------------------------------

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE sales (
            sale_id TEXT PRIMARY KEY,
            profile TEXT NOT NULL,
            state TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            cart_id TEXT,
            checkout_id TEXT,
            consignment_ids TEXT NOT NULL DEFAULT '[]',
            customer_id INTEGER,
            order_id INTEGER,
            order_creation_pending INTEGER NOT NULL DEFAULT 0,
            grand_total TEXT,
            currency TEXT,
            finished_at TEXT,
            outcome TEXT
        )""",
        """CREATE TABLE sale_orders (
            sale_id TEXT NOT NULL REFERENCES sales(sale_id) ON DELETE CASCADE,
            order_id INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (sale_id, order_id)
        )""",
        """CREATE TABLE payment_attempts (
            attempt_id TEXT PRIMARY KEY,
            sale_id TEXT NOT NULL REFERENCES sales(sale_id) ON DELETE CASCADE,
            order_id INTEGER,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            method_kind TEXT NOT NULL,
            payment_method_id TEXT,
            brand TEXT,
            last4 TEXT CHECK (last4 IS NULL OR (length(last4) = 4 AND last4 NOT GLOB '*[^0-9]*')),
            amount TEXT NOT NULL,
            currency TEXT NOT NULL,
            outcome TEXT NOT NULL,
            transaction_id TEXT,
            code INTEGER,
            message TEXT
        )""",
        "CREATE INDEX payment_attempts_by_sale ON payment_attempts (sale_id, started_at)",
        """CREATE TABLE events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            sale_id TEXT NOT NULL REFERENCES sales(sale_id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            detail TEXT
        )""",
        "CREATE INDEX events_by_sale ON events (sale_id, id)",
        "CREATE INDEX sales_unfinished ON sales (finished_at, created_at)",
    ),
    (
        # When the sale's outcome reached its caller (printed, shown on the Done page).
        "ALTER TABLE sales ADD COLUMN delivered_at TEXT",
        "UPDATE sales SET delivered_at = finished_at WHERE finished_at IS NOT NULL",
    ),
)
"""Statements that bring the schema from version ``i`` to ``i + 1``."""

SCHEMA_VERSION = len(MIGRATIONS)


_SELECT_SALES = (
    "SELECT sale_id, profile, state, created_at, updated_at, cart_id, checkout_id,"
    " consignment_ids, customer_id, order_id, order_creation_pending, grand_total,"
    " currency, finished_at, outcome FROM sales"
)


def _utc_now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


def _iso(moment: _dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("journal times must be timezone-aware")
    return moment.astimezone(_dt.UTC).isoformat(timespec="microseconds")


def _time(text: str | None) -> _dt.datetime | None:
    return _dt.datetime.fromisoformat(text) if text else None


class Journal:
    """The journal of one store profile. See the module documentation.

    ``clock`` returns the current time (timezone-aware); tests inject a fixed one.
    ``on_commit`` is called with each event kind (``"order_creation_started"``,
    ``"payment_started"``...) once its record is durable: a seam for crash tests that
    kill the process at each journal point in turn.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        busy_timeout: float = 10.0,
        clock: Callable[[], _dt.datetime] = _utc_now,
        on_commit: Callable[[str], None] | None = None,
    ) -> None:
        self.path = Path(path)
        self._clock = clock
        self._on_commit = on_commit
        self._kinds: list[str] = []
        self._lock = threading.RLock()
        make_private_dir(self.path.parent)
        fresh = not self.path.exists()
        self._db = sqlite3.connect(
            self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
        )
        try:
            if fresh:
                os.chmod(self.path, 0o600)
            self._db.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise JournalError(f"the journal needs WAL mode; SQLite chose {mode!r}")
            self._db.execute("PRAGMA synchronous = FULL")
            self._db.execute("PRAGMA fullfsync = ON")
            self._db.execute("PRAGMA foreign_keys = ON")
            self._migrate()
        except BaseException:
            self._db.close()
            raise

    # -- plumbing ----------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._lock:
            return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        with self._transaction() as db:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise JournalError(
                    f"the journal {self.path} was written by a newer version of the app "
                    f"(schema {version}, this app knows {SCHEMA_VERSION})"
                )
            for target in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[target]:
                    db.execute(statement)
            if version != SCHEMA_VERSION:
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction; the commit is fsync'd before this returns."""
        with self._lock:
            self._kinds = []
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            kinds, self._kinds = self._kinds, []
            if self._on_commit is not None:
                for kind in kinds:
                    self._on_commit(kind)

    def _now(self) -> str:
        return _iso(self._clock())

    def _touch(
        self, db: sqlite3.Connection, sale_id: str, kind: str, detail: Any, **columns: Any
    ) -> None:
        """Update ``columns`` of a sale, bump ``updated_at`` and log an event, in one go."""
        _check("sale_id", sale_id)
        now = self._now()
        assignments = "".join(f", {name} = ?" for name in columns)
        cursor = db.execute(
            f"UPDATE sales SET updated_at = ?{assignments} WHERE sale_id = ?",  # noqa: S608 - column names are ours
            (now, *columns.values(), sale_id),
        )
        if cursor.rowcount != 1:
            raise JournalError(f"no sale {sale_id!r} in the journal")
        self._event(db, sale_id, now, kind, detail)

    def _attempt(self, db: sqlite3.Connection, attempt_id: str) -> tuple[str, PaymentOutcome]:
        """The sale of a payment attempt and its outcome so far."""
        row = db.execute(
            "SELECT sale_id, outcome FROM payment_attempts WHERE attempt_id = ?",
            (attempt_id,),
        ).fetchone()
        if row is None:
            raise JournalError(f"no payment attempt {attempt_id!r} in the journal")
        return row[0], PaymentOutcome(row[1])

    def _event(self, db: sqlite3.Connection, sale_id: str, at: str, kind: str, detail: Any) -> None:
        _check("event kind", kind)
        _check("event detail", detail)
        text = None if detail is None else json.dumps(detail, default=str, sort_keys=True)
        _check("event detail", text)  # objects turned into text by default=str, too
        db.execute(
            "INSERT INTO events (sale_id, at, kind, detail) VALUES (?, ?, ?, ?)",
            (sale_id, at, kind, text),
        )
        self._kinds.append(kind)

    # -- the sale's progress -----------------------------------------------------------

    def start_sale(
        self,
        profile: str,
        *,
        state: str = "items",
        sale_id: str | None = None,
        currency: str | None = None,
    ) -> str:
        """Record a new sale and return its local id (a UUID string)."""
        sale_id = sale_id or str(uuid.uuid4())
        for name, value in (("profile", profile), ("state", state), ("sale_id", sale_id)):
            _check(name, value)
        with self._transaction() as db:
            now = self._now()
            db.execute(
                "INSERT INTO sales (sale_id, profile, state, created_at, updated_at, currency)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (sale_id, profile, state, now, now, currency),
            )
            self._event(db, sale_id, now, "sale_started", {"profile": profile})
        return sale_id

    def set_state(self, sale_id: str, state: str, detail: Any = None) -> None:
        """Record the step the sale is at (the engine's own step names)."""
        _check("state", state)
        with self._transaction() as db:
            self._touch(db, sale_id, "state", {"state": state, "detail": detail}, state=state)

    def record_cart(self, sale_id: str, cart_id: str, checkout_id: str | None = None) -> None:
        """The cart exists (its id is also the checkout id unless given)."""
        _check("cart_id", cart_id)
        checkout = checkout_id or cart_id
        _check("checkout_id", checkout)
        with self._transaction() as db:
            self._touch(
                db,
                sale_id,
                "cart",
                {"cart_id": cart_id, "checkout_id": checkout},
                cart_id=cart_id,
                checkout_id=checkout,
            )

    def record_customer(self, sale_id: str, customer_id: int | None) -> None:
        """The customer attached to the cart (None or 0: a guest)."""
        value = customer_id or None
        with self._transaction() as db:
            self._touch(db, sale_id, "customer", {"customer_id": value}, customer_id=value)

    def record_consignments(self, sale_id: str, consignment_ids: Sequence[str]) -> None:
        """The checkout's current consignment ids (replacing the previous list)."""
        ids = [str(c) for c in consignment_ids]
        _check("consignment_ids", ids)
        with self._transaction() as db:
            self._touch(db, sale_id, "consignments", {"ids": ids}, consignment_ids=json.dumps(ids))

    def record_totals(self, sale_id: str, grand_total: Decimal, currency: str) -> None:
        """The checkout's grand total as last shown to the clerk."""
        _check("currency", currency)
        with self._transaction() as db:
            self._touch(
                db,
                sale_id,
                "totals",
                {"grand_total": str(grand_total), "currency": currency},
                grand_total=str(grand_total),
                currency=currency,
            )

    def begin_order_creation(self, sale_id: str) -> None:
        """About to POST the checkout's order: after a crash the outcome is unknown."""
        with self._transaction() as db:
            self._touch(db, sale_id, "order_creation_started", None, order_creation_pending=1)

    def order_created(self, sale_id: str, order_id: int) -> None:
        """The order exists; it becomes the sale's current order."""
        with self._transaction() as db:
            self._touch(
                db,
                sale_id,
                "order_created",
                {"order_id": order_id},
                order_id=order_id,
                order_creation_pending=0,
            )
            db.execute(
                "INSERT OR IGNORE INTO sale_orders (sale_id, order_id, created_at)"
                " VALUES (?, ?, ?)",
                (sale_id, order_id, self._now()),
            )

    def order_not_created(self, sale_id: str, reason: str) -> None:
        """The order creation provably made no order (e.g. a 4xx answer)."""
        _check("reason", reason)
        with self._transaction() as db:
            self._touch(
                db, sale_id, "order_not_created", {"reason": reason}, order_creation_pending=0
            )

    def begin_payment_attempt(
        self,
        sale_id: str,
        *,
        order_id: int,
        method_kind: str,
        amount: Decimal,
        currency: str,
        brand: str | None = None,
        last4: str | None = None,
        payment_method_id: str | None = None,
    ) -> str:
        """About to send a payment; returns the attempt's id.

        ``method_kind`` says how the customer pays (``"card"``, ``"stored_card"``...).
        Raises :class:`PaymentInFlight` while an earlier attempt of the sale is pending
        or unknown, and :class:`AlreadyPaid` once one succeeded: the journal itself
        refuses a second charge.
        """
        if last4 is not None and not (len(last4) == 4 and last4.isdigit() and last4.isascii()):
            raise SensitiveDataError("the journal refused last4: it must be exactly four digits")
        for name, value in (
            ("sale_id", sale_id),
            ("method_kind", method_kind),
            ("currency", currency),
            ("brand", brand),
            ("payment_method_id", payment_method_id),
        ):
            _check(name, value)
        attempt_id = str(uuid.uuid4())
        with self._transaction() as db:
            outcomes = {
                PaymentOutcome(row[0])
                for row in db.execute(
                    "SELECT outcome FROM payment_attempts WHERE sale_id = ?", (sale_id,)
                )
            }
            if PaymentOutcome.SUCCESS in outcomes:
                raise AlreadyPaid(f"sale {sale_id} is already paid")
            if any(o.uncertain for o in outcomes):
                raise PaymentInFlight(f"sale {sale_id} has a payment without a certain outcome")
            now = self._now()
            db.execute(
                "INSERT INTO payment_attempts (attempt_id, sale_id, order_id, started_at,"
                " method_kind, payment_method_id, brand, last4, amount, currency, outcome)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    attempt_id,
                    sale_id,
                    order_id,
                    now,
                    method_kind,
                    payment_method_id,
                    brand,
                    last4,
                    str(amount),
                    currency,
                    PaymentOutcome.PENDING.value,
                ),
            )
            self._touch(
                db,
                sale_id,
                "payment_started",
                {"attempt_id": attempt_id, "order_id": order_id, "amount": str(amount)},
            )
        return attempt_id

    def payment_outcome(
        self,
        attempt_id: str,
        outcome: PaymentOutcome | str,
        *,
        transaction_id: str | None = None,
        code: int | None = None,
        message: str | None = None,
        finished: str | None = None,
    ) -> None:
        """What came of an attempt. ``pending``/``unknown`` may later become final.

        A final outcome (success, declined, failed) is not overwritten: a sale that was
        paid stays paid in the journal (a payment the store took after it was believed
        failed is recorded with :meth:`late_success`). ``finished`` also marks the sale
        finished with that outcome (e.g. ``"paid"``) in the same transaction: one fsync.
        """
        result = PaymentOutcome(outcome)
        _check("attempt_id", attempt_id)
        _check("transaction_id", transaction_id)
        _check("message", message)
        _check("finished", finished)
        with self._transaction() as db:
            sale_id, previous = self._attempt(db, attempt_id)
            if not previous.uncertain and previous is not result:
                raise JournalError(
                    f"payment attempt {attempt_id} already ended {previous.value}; "
                    f"it cannot become {result.value}"
                )
            now = self._now()
            db.execute(
                "UPDATE payment_attempts SET outcome = ?, finished_at = ?,"
                " transaction_id = COALESCE(?, transaction_id), code = COALESCE(?, code),"
                " message = COALESCE(?, message) WHERE attempt_id = ?",
                (
                    result.value,
                    None if result.uncertain else now,
                    transaction_id,
                    code,
                    message,
                    attempt_id,
                ),
            )
            self._touch(
                db,
                sale_id,
                "payment_outcome",
                {
                    "attempt_id": attempt_id,
                    "outcome": result.value,
                    "transaction_id": transaction_id,
                    "code": code,
                },
            )
            if finished is not None:
                self._touch(
                    db,
                    sale_id,
                    "finished",
                    {"outcome": finished},
                    finished_at=now,
                    outcome=finished,
                )

    def late_success(self, attempt_id: str, transaction_id: str | None = None) -> None:
        """The store took this attempt's payment after all (it was believed failed or
        declined, or is still uncertain): the attempt becomes a success.

        The store is the truth; the history is kept: the earlier outcome stays in the
        sale's events, and a ``late_success`` event records the change.
        """
        _check("attempt_id", attempt_id)
        _check("transaction_id", transaction_id)
        with self._transaction() as db:
            sale_id, previous = self._attempt(db, attempt_id)
            now = self._now()
            db.execute(
                "UPDATE payment_attempts SET outcome = ?, finished_at = COALESCE(finished_at, ?),"
                " transaction_id = COALESCE(?, transaction_id) WHERE attempt_id = ?",
                (PaymentOutcome.SUCCESS.value, now, transaction_id, attempt_id),
            )
            self._touch(
                db,
                sale_id,
                "late_success",
                {
                    "attempt_id": attempt_id,
                    "previous": previous.value,
                    "transaction_id": transaction_id,
                },
            )

    def log_event(self, sale_id: str, kind: str, detail: Any = None) -> None:
        """Add a step to the sale's event log (``detail``: text or JSON-able data)."""
        with self._transaction() as db:
            self._touch(db, sale_id, kind, detail)

    def mark_finished(self, sale_id: str, outcome: str = "paid") -> None:
        """The sale needs nothing more (``"paid"``, ``"abandoned"``, ``"cancelled"``...)."""
        _check("outcome", outcome)
        with self._transaction() as db:
            self._touch(
                db,
                sale_id,
                "finished",
                {"outcome": outcome},
                finished_at=self._now(),
                outcome=outcome,
            )

    def mark_delivered(self, sale_id: str) -> None:
        """The sale's outcome reached its caller (printed by ``pos sale``, shown on the Done
        page): it is no longer presented as undelivered."""
        with self._transaction() as db:
            db.execute("UPDATE sales SET delivered_at = ? WHERE sale_id = ? AND delivered_at"
                       " IS NULL", (self._now(), sale_id))
            self._kinds.append("delivered")

    def undelivered_sales(self, profile: str | None = None) -> list[SaleRecord]:
        """Paid sales, finished, whose outcome never reached anyone, oldest first."""
        with self._lock:
            query = (f"{_SELECT_SALES} WHERE finished_at IS NOT NULL AND delivered_at IS NULL"
                     " AND outcome = 'paid'")
            params: tuple[str, ...] = ()
            if profile is not None:
                query += " AND profile = ?"
                params = (profile,)
            rows = self._db.execute(query + " ORDER BY finished_at", params).fetchall()
            return [self._record(row) for row in rows]

    def given_up_sales(self, profile: str | None = None, limit: int = 50) -> list[SaleRecord]:
        """Sales finished unpaid (abandoned, failed, declined), newest first."""
        with self._lock:
            query = f"{_SELECT_SALES} WHERE finished_at IS NOT NULL AND outcome != 'paid'"
            params: tuple[Any, ...] = ()
            if profile is not None:
                query += " AND profile = ?"
                params = (profile,)
            rows = self._db.execute(query + " ORDER BY finished_at DESC LIMIT ?",
                                    (*params, limit)).fetchall()
            return [self._record(row) for row in rows]

    def prune(self, finished_before: _dt.datetime) -> int:
        """Delete finished sales older than ``finished_before``; returns how many."""
        with self._transaction() as db:
            cursor = db.execute(
                "DELETE FROM sales WHERE finished_at IS NOT NULL AND finished_at < ?",
                (_iso(finished_before),),
            )
            return cursor.rowcount

    # -- reading -----------------------------------------------------------------------

    def get(self, sale_id: str) -> SaleRecord | None:
        """The sale's record with its attempts and events, or None."""
        with self._lock:
            row = self._db.execute(f"{_SELECT_SALES} WHERE sale_id = ?", (sale_id,)).fetchone()
            return None if row is None else self._record(row)

    def unfinished_sales(self, profile: str | None = None) -> list[SaleRecord]:
        """Sales not marked finished, most urgent first (by :attr:`SaleRecord.resume_point`:
        payment uncertain, then paid but unconfirmed, then order creation uncertain, then
        the rest), oldest first within each group."""
        with self._lock:
            query = f"{_SELECT_SALES} WHERE finished_at IS NULL"
            params: tuple[str, ...] = ()
            if profile is not None:
                query += " AND profile = ?"
                params = (profile,)
            records = [self._record(row) for row in self._db.execute(query, params).fetchall()]
        urgency = {point: index for index, point in enumerate(ResumePoint)}
        return sorted(records, key=lambda r: (min(urgency[r.resume_point], 3), r.created_at))

    def _record(self, row: tuple[Any, ...]) -> SaleRecord:
        (
            sale_id,
            profile,
            state,
            created_at,
            updated_at,
            cart_id,
            checkout_id,
            consignments,
            customer_id,
            order_id,
            pending,
            grand_total,
            currency,
            finished_at,
            outcome,
        ) = row
        db = self._db
        orders = tuple(
            int(r[0])
            for r in db.execute(
                "SELECT order_id FROM sale_orders WHERE sale_id = ? ORDER BY created_at, rowid",
                (sale_id,),
            )
        )
        attempts = tuple(
            PaymentAttempt(
                attempt_id=r[0],
                sale_id=r[1],
                order_id=r[2],
                started_at=_dt.datetime.fromisoformat(r[3]),
                finished_at=_time(r[4]),
                method_kind=r[5],
                payment_method_id=r[6],
                brand=r[7],
                last4=r[8],
                amount=Decimal(r[9]),
                currency=r[10],
                outcome=PaymentOutcome(r[11]),
                transaction_id=r[12],
                code=r[13],
                message=r[14],
            )
            for r in db.execute(
                "SELECT attempt_id, sale_id, order_id, started_at, finished_at, method_kind,"
                " payment_method_id, brand, last4, amount, currency, outcome, transaction_id,"
                " code, message FROM payment_attempts WHERE sale_id = ?"
                " ORDER BY started_at, rowid",
                (sale_id,),
            )
        )
        events = tuple(
            JournalEvent(
                at=_dt.datetime.fromisoformat(r[0]),
                kind=r[1],
                detail=None if r[2] is None else json.loads(r[2]),
            )
            for r in db.execute(
                "SELECT at, kind, detail FROM events WHERE sale_id = ? ORDER BY id", (sale_id,)
            )
        )
        return SaleRecord(
            sale_id=sale_id,
            profile=profile,
            state=state,
            created_at=_dt.datetime.fromisoformat(created_at),
            updated_at=_dt.datetime.fromisoformat(updated_at),
            cart_id=cart_id,
            checkout_id=checkout_id,
            consignment_ids=tuple(json.loads(consignments)),
            customer_id=customer_id,
            order_id=order_id,
            order_ids=orders,
            order_creation_pending=bool(pending),
            grand_total=None if grand_total is None else Decimal(grand_total),
            currency=currency,
            finished_at=_time(finished_at),
            outcome=outcome,
            attempts=attempts,
            events=events,
        )
