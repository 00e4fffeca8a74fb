"""The register's local index of its sales, for finding "the sale from last Tuesday".

``/v2/orders`` filters by customer, e-mail, status, dates and channel, but not by SKU, card
last 4, name or phone. The index keeps those per order (customer name, e-mail, phone, card
last 4, SKUs, amount, date), filled when a sale is paid (:func:`index_order`) and, for
orders the register has not indexed yet, from the store's own order (:func:`refresh`).
:func:`find_sales` merges the index with the store's filters.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any

from pos.api.client import BigCommerceClient
from pos.api.models import Order, Transaction
from pos.local_db import open_local_db

__all__ = [
    "IndexedSale", "SaleQuery", "SalesIndex", "find_sales", "index_order", "query_for",
    "read_sale", "record_sale", "refresh",
]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sales (
    order_id INTEGER PRIMARY KEY,
    created TEXT NOT NULL,
    customer_name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    last4 TEXT NOT NULL DEFAULT '',
    skus TEXT NOT NULL DEFAULT '',
    amount TEXT NOT NULL DEFAULT '0',
    currency TEXT NOT NULL DEFAULT '',
    status_id INTEGER NOT NULL DEFAULT 0,
    channel_id INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS sales_created ON sales (created);
"""


@dataclass(frozen=True)
class IndexedSale:
    order_id: int
    created: str  # ISO 8601, UTC
    customer_name: str = ""
    email: str = ""
    phone: str = ""
    last4: str = ""
    skus: tuple[str, ...] = ()
    amount: Decimal = Decimal(0)
    currency: str = ""
    status_id: int = 0
    channel_id: int = 1

    def as_json(self) -> dict[str, Any]:
        return {
            "order_id": self.order_id, "date": self.created,
            "customer_name": self.customer_name, "email": self.email, "phone": self.phone,
            "last4": self.last4, "skus": list(self.skus), "amount": f"{self.amount:.2f}",
            "currency": self.currency, "status_id": self.status_id,
        }


@dataclass(frozen=True)
class SaleQuery:
    """What the clerk searches by. Local-only keys: name, phone, last4, sku, amount."""

    name: str = ""
    email: str = ""
    phone: str = ""
    last4: str = ""
    sku: str = ""
    amount: Decimal | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    status_id: int | None = None
    channel_id: int | None = None
    customer_id: int | None = None

    @property
    def local_only(self) -> bool:
        return bool(self.name or self.phone or self.last4 or self.sku
                    or self.amount is not None)


class SalesIndex:
    def __init__(self, path: Path) -> None:
        self._conn = open_local_db(path, _SCHEMA)
        self._conn.row_factory = sqlite3.Row

    def __enter__(self) -> SalesIndex:
        return self

    def __exit__(self, t: type[BaseException] | None, e: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        self._conn.close()

    def record(self, sale: IndexedSale) -> None:
        self._conn.execute(
            "INSERT OR REPLACE INTO sales (order_id, created, customer_name, email, phone, "
            "last4, skus, amount, currency, status_id, channel_id) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (sale.order_id, sale.created, sale.customer_name, sale.email.lower(), sale.phone,
             sale.last4, " ".join(sale.skus), str(sale.amount), sale.currency,
             sale.status_id, sale.channel_id),
        )

    def has(self, order_id: int) -> bool:
        row = self._conn.execute("SELECT 1 FROM sales WHERE order_id=?", (order_id,))
        return row.fetchone() is not None

    def search(self, q: SaleQuery) -> list[IndexedSale]:
        where: list[str] = []
        args: list[Any] = []
        if q.name:
            where.append("customer_name LIKE ?")
            args.append(f"%{q.name}%")
        if q.email:
            where.append("email = ?")
            args.append(q.email.lower())
        if q.phone:
            where.append("REPLACE(REPLACE(REPLACE(phone,' ',''),'-',''),'+','') LIKE ?")
            args.append("%" + "".join(ch for ch in q.phone if ch.isdigit()) + "%")
        if q.last4:
            where.append("last4 = ?")
            args.append(q.last4)
        if q.sku:
            where.append("(' ' || skus || ' ') LIKE ?")
            args.append(f"% {q.sku} %")
        if q.since:
            where.append("created >= ?")
            args.append(q.since.isoformat())
        if q.until:
            where.append("created < ?")
            args.append((q.until + dt.timedelta(days=1)).isoformat())
        if q.status_id is not None:
            where.append("status_id = ?")
            args.append(q.status_id)
        if q.channel_id is not None:
            where.append("channel_id = ?")
            args.append(q.channel_id)
        clause = f" WHERE {' AND '.join(where)}" if where else ""
        rows = self._conn.execute(
            f"SELECT * FROM sales{clause} ORDER BY created DESC, order_id DESC LIMIT 200",  # noqa: S608
            args,
        ).fetchall()
        out = [_sale(r) for r in rows]
        if q.amount is not None:
            out = [s for s in out if s.amount == q.amount]
        return out


def _sale(r: sqlite3.Row) -> IndexedSale:
    return IndexedSale(
        order_id=int(r["order_id"]), created=str(r["created"]),
        customer_name=str(r["customer_name"]), email=str(r["email"]), phone=str(r["phone"]),
        last4=str(r["last4"]), skus=tuple(str(r["skus"]).split()),
        amount=Decimal(str(r["amount"])), currency=str(r["currency"]),
        status_id=int(r["status_id"]), channel_id=int(r["channel_id"]),
    )


def _from_order(order: Order, skus: Sequence[str] = (), last4: str = "") -> IndexedSale:
    billing = order.billing_address
    name = " ".join(x for x in (billing.first_name, billing.last_name) if x) if billing else ""
    created = (order.date_created or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    return IndexedSale(
        order_id=order.id, created=created.isoformat(timespec="seconds"),
        customer_name=name, email=(billing.email or "") if billing else "",
        phone=(billing.phone or "") if billing else "", last4=last4, skus=tuple(skus),
        amount=order.total_inc_tax or Decimal(0), currency=order.currency_code or "",
        status_id=order.status_id, channel_id=order.channel_id or 1,
    )


async def read_sale(client: BigCommerceClient, order_id: int, *, last4: str = ""
                    ) -> IndexedSale:
    """An order as the index keeps it, read from the store: the order with its products
    (one call), and its card's last 4 from its transactions (read beside it) unless
    ``last4`` is given (the card the register saw: a terminal's, a resumed sale's)."""
    if last4:
        read = await client.orders.get_with_products(order_id)
        transactions: Sequence[Transaction] = ()
    else:
        read, transactions = await asyncio.gather(
            client.orders.get_with_products(order_id), client.orders.transactions(order_id))
    for tx in transactions:
        card = (tx.model_extra or {}).get("credit_card")
        if isinstance(card, dict) and card.get("card_last4"):
            last4 = str(card["card_last4"])
            break
    return _from_order(read.order, [p.sku for p in read.products if p.sku], last4)


def record_sale(path: Path, sale: IndexedSale) -> None:
    """Write one sale into the index at ``path`` (opened and closed here: any thread)."""
    with SalesIndex(path) as index:
        index.record(sale)


async def index_order(client: BigCommerceClient, index: SalesIndex, order_id: int) -> IndexedSale:
    """Reads an order, its products and its card's last 4 from the store into the index."""
    sale = await read_sale(client, order_id)
    index.record(sale)
    return sale


async def refresh(client: BigCommerceClient, index: SalesIndex, *, since: dt.date,
                  channel_id: int | None = None) -> int:
    """Indexes the store's orders since ``since`` that the index lacks; returns how many."""
    added = 0
    page = 1
    while True:
        orders = await client.orders.list(
            min_date_created=since.isoformat(), channel_id=channel_id, page=page, limit=250,
        )
        for order in orders:
            if order.status_id != 0 and not index.has(order.id):
                await index_order(client, index, order.id)
                added += 1
        if len(orders) < 250:
            return added
        page += 1


async def find_sales(client: BigCommerceClient | None, index: SalesIndex, q: SaleQuery
                     ) -> list[IndexedSale]:
    """The index's matches, merged with the store's ``/v2/orders`` matches for the keys the
    store can filter by (e-mail, status, dates, channel, customer)."""
    found = {s.order_id: s for s in index.search(q)}
    if client is not None and not q.local_only:
        orders = await client.orders.list(
            email=q.email or None, status_id=q.status_id, channel_id=q.channel_id,
            customer_id=q.customer_id,
            min_date_created=q.since.isoformat() if q.since else None,
            max_date_created=(q.until + dt.timedelta(days=1)).isoformat() if q.until else None,
            sort="date_created:desc", limit=250,
        )
        for order in orders:
            if order.status_id != 0 and order.id not in found:
                found[order.id] = _from_order(order)
    return sorted(found.values(), key=lambda s: (s.created, s.order_id), reverse=True)


def query_for(text: str) -> SaleQuery:
    """What a clerk typed in one search box, as a query: an e-mail, a card's last 4, a
    phone number, a SKU, or part of a name."""
    text = text.strip()
    digits = "".join(ch for ch in text if ch.isdigit())
    if "@" in text:
        return SaleQuery(email=text)
    if len(text) == 4 and text.isdigit():
        return SaleQuery(last4=text)
    if len(digits) >= 7 and len(digits) >= len(text.replace(" ", "")) - 3:
        return SaleQuery(phone=text)
    if any(ch.isdigit() for ch in text) or "-" in text:
        return SaleQuery(sku=text)
    return SaleQuery(name=text)
