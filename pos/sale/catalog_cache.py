"""The local catalogue: scan lookups and search-as-you-type at register speed.

One SQLite file per store profile holds every product variant the register may sell
(one row per variant; a product sent without variants gets one row). A scanned UPC or
SKU resolves with :meth:`CatalogCache.by_code` through an index; keyword search uses an
FTS5 index over name, option labels, SKUs and brand with prefix matching, so results
follow the clerk's typing (:meth:`CatalogCache.search`).

The cache is a *hint*: its prices tell the clerk what to expect, but the cart's own
price is the truth, and a cold cache (:attr:`CatalogCache.is_warm` False) means the
engine asks the API instead.

:class:`CatalogSync` fills the cache from the catalog API through an injected
``fetch_page(page, modified_since)`` coroutine (the client's call for
``GET /v3/catalog/products?include=variants&date_modified:min=...&sort=id``): a full
sync first, then incremental ones by modification date. The SQLite work runs in worker
threads (``asyncio.to_thread``); lookups use their own connection, so a scan never waits
for a sync to commit (WAL mode).
"""

from __future__ import annotations

import asyncio
import datetime as _dt
import json
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pos.sale.files import make_private_dir, make_private_file
from pos.sale.money import MoneyError, parse_amount

__all__ = [
    "CatalogCache",
    "CatalogItem",
    "CatalogSync",
    "FetchPage",
    "SyncReport",
    "search_query",
]

_log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    """CREATE TABLE IF NOT EXISTS items (
        id INTEGER PRIMARY KEY,
        product_id INTEGER NOT NULL,
        variant_id INTEGER,
        name TEXT NOT NULL,
        variant_label TEXT NOT NULL DEFAULT '',
        sku TEXT COLLATE NOCASE,
        upc TEXT,
        product_sku TEXT COLLATE NOCASE,
        product_upc TEXT,
        brand TEXT NOT NULL DEFAULT '',
        price TEXT,
        sale_price TEXT,
        calculated_price TEXT,
        inventory_level INTEGER,
        inventory_tracking TEXT NOT NULL DEFAULT 'none',
        purchasing_disabled INTEGER NOT NULL DEFAULT 0,
        purchasing_disabled_message TEXT NOT NULL DEFAULT '',
        is_visible INTEGER NOT NULL DEFAULT 1,
        date_modified TEXT,
        image_url TEXT,
        option_values TEXT NOT NULL DEFAULT '[]'
    )""",
    "CREATE INDEX IF NOT EXISTS items_by_product ON items (product_id, variant_id)",
    "CREATE INDEX IF NOT EXISTS items_by_sku ON items (sku) WHERE sku IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS items_by_upc ON items (upc) WHERE upc IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS items_by_product_sku ON items (product_sku)"
    " WHERE product_sku IS NOT NULL",
    "CREATE INDEX IF NOT EXISTS items_by_product_upc ON items (product_upc)"
    " WHERE product_upc IS NOT NULL",
    """CREATE VIRTUAL TABLE IF NOT EXISTS items_fts USING fts5(
        name, variant_label, sku, product_sku, brand,
        content='items', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='1 2 3'
    )""",
    """CREATE TRIGGER IF NOT EXISTS items_ai AFTER INSERT ON items BEGIN
        INSERT INTO items_fts (rowid, name, variant_label, sku, product_sku, brand)
        VALUES (new.id, new.name, new.variant_label, new.sku, new.product_sku, new.brand);
    END""",
    """CREATE TRIGGER IF NOT EXISTS items_ad AFTER DELETE ON items BEGIN
        INSERT INTO items_fts (items_fts, rowid, name, variant_label, sku, product_sku, brand)
        VALUES ('delete', old.id, old.name, old.variant_label, old.sku, old.product_sku,
                old.brand);
    END""",
)

_SELECT = (
    "SELECT product_id, variant_id, name, variant_label, sku, upc, brand, price, sale_price,"
    " calculated_price, inventory_level, inventory_tracking, purchasing_disabled,"
    " purchasing_disabled_message, is_visible, date_modified, image_url, option_values"
    " FROM items"
)
_ITEM_COLUMNS = (
    "items.product_id, items.variant_id, items.name, items.variant_label, items.sku,"
    " items.upc, items.brand, items.price, items.sale_price, items.calculated_price,"
    " items.inventory_level, items.inventory_tracking, items.purchasing_disabled,"
    " items.purchasing_disabled_message, items.is_visible, items.date_modified,"
    " items.image_url, items.option_values"
)
# A search is two bounded passes over the FTS index, each taking the first
# ``_SEARCH_CANDIDATES`` matches (in catalogue order) and ordering only those: first the
# items whose *name* holds every word (``name : (...)``), shortest name first (the closest
# match); then, when those are too few, matches in the other columns (SKUs, option labels,
# brand), by SKU. FTS5's bm25 is not used: to weigh a word it counts every row that holds
# it, and a short prefix ("bl") is in a third of a million-variant catalogue (a search took
# a second). A query that narrows (a second word, a longer prefix: what the clerk types
# next) finds the item however large the catalogue.
_SEARCH_NAME = (
    "SELECT " + _ITEM_COLUMNS + " FROM ("  # noqa: S608 - constant text, no input
    "SELECT rowid FROM items_fts WHERE items_fts MATCH ? LIMIT ?"
    ") AS hits JOIN items ON items.id = hits.rowid"
    " ORDER BY length(items.name), items.name, items.id LIMIT ?"
)
_SEARCH_OTHER = (
    "SELECT " + _ITEM_COLUMNS + " FROM ("  # noqa: S608 - constant text, no input
    "SELECT rowid FROM items_fts WHERE items_fts MATCH ? LIMIT ?"
    ") AS hits JOIN items ON items.id = hits.rowid"
    " ORDER BY items.sku, items.name, items.id LIMIT ?"
)
#: How many matches of a search pass are ordered at most (see ``_SEARCH_NAME``).
_SEARCH_CANDIDATES = 500
# One typed character matches most of a large catalogue; ranking all of it would cost more
# than the answer is worth, so the first matches in catalogue order are shown instead.
_SEARCH_UNRANKED = (
    "SELECT " + _ITEM_COLUMNS + " FROM ("  # noqa: S608 - constant text, no input
    "SELECT rowid FROM items_fts WHERE items_fts MATCH ? LIMIT ?"
    ") AS hits JOIN items ON items.id = hits.rowid"
)


@dataclass(frozen=True)
class CatalogItem:
    """One sellable variant as the cache knows it (prices are hints; the cart decides)."""

    product_id: int
    variant_id: int | None
    name: str
    variant_label: str
    """Option values joined with " / " (``"Red / L"``); empty for a product without options."""
    sku: str | None
    upc: str | None
    brand: str
    price: Decimal | None
    sale_price: Decimal | None
    calculated_price: Decimal | None
    inventory_level: int | None
    """Stock when the store tracks it (by product or variant), else None."""
    inventory_tracking: str
    purchasing_disabled: bool
    purchasing_disabled_message: str
    is_visible: bool
    date_modified: _dt.datetime | None
    image_url: str | None
    option_values: tuple[Mapping[str, Any], ...]

    @property
    def display_name(self) -> str:
        return f"{self.name} — {self.variant_label}" if self.variant_label else self.name

    @property
    def display_price(self) -> Decimal | None:
        """The price to show while the cart confirms it: calculated, else sale, else list."""
        for value in (self.calculated_price, self.sale_price, self.price):
            if value is not None:
                return value
        return None

    @property
    def out_of_stock(self) -> bool:
        return self.inventory_level is not None and self.inventory_level <= 0


def _money(value: Any) -> str | None:
    if value is None or value == "":
        return None
    try:
        return str(parse_amount(value))
    except MoneyError:
        return None


def _int(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _primary_image(product: Mapping[str, Any]) -> str | None:
    primary = product.get("primary_image")
    if isinstance(primary, Mapping):
        url = primary.get("url_thumbnail") or primary.get("url_standard")
        if url:
            return str(url)
    images = product.get("images")
    if isinstance(images, list):
        for image in images:
            if isinstance(image, Mapping) and image.get("is_thumbnail"):
                url = image.get("url_thumbnail") or image.get("url_standard")
                if url:
                    return str(url)
    return None


def _rows(product: Mapping[str, Any], brand_names: Mapping[int, str]) -> Iterator[tuple[Any, ...]]:
    """Item rows of one v3 product (``include=variants``)."""
    product_id = _int(product.get("id"))
    if product_id is None:
        raise ValueError("a catalogue product needs an integer id")
    name = str(product.get("name") or "").strip()
    tracking = str(product.get("inventory_tracking") or "none")
    brand = str(
        product.get("brand_name") or brand_names.get(_int(product.get("brand_id")) or 0, "")
    )
    product_sku = _text(product.get("sku"))
    product_upc = _text(product.get("upc"))
    product_disabled = product.get("availability") == "disabled"
    is_visible = 1 if product.get("is_visible", True) else 0
    date_modified = _text(product.get("date_modified"))
    image = _primary_image(product)
    variants = product.get("variants")
    if not isinstance(variants, list) or not variants:
        variants = [{}]
    for variant in variants:
        options = [
            {k: v for k, v in o.items() if k in ("id", "label", "option_id", "option_display_name")}
            for o in variant.get("option_values") or []
            if isinstance(o, Mapping)
        ]
        label = " / ".join(str(o.get("label", "")) for o in options if o.get("label"))
        if tracking == "variant":
            level = _int(variant.get("inventory_level"))
        elif tracking == "product":
            level = _int(product.get("inventory_level"))
        else:
            level = None
        price = _money(variant.get("price")) or _money(product.get("price"))
        sale = _money(variant.get("sale_price")) or _money(product.get("sale_price"))
        calculated = _money(variant.get("calculated_price")) or _money(
            product.get("calculated_price")
        )
        disabled = product_disabled or bool(variant.get("purchasing_disabled"))
        message = str(variant.get("purchasing_disabled_message") or "")
        yield (
            product_id,
            _int(variant.get("id")),
            name,
            label,
            _text(variant.get("sku")) or (product_sku if len(variants) == 1 else None),
            _text(variant.get("upc")) or (product_upc if len(variants) == 1 else None),
            product_sku,
            product_upc,
            brand,
            price,
            sale,
            calculated,
            level,
            tracking,
            1 if disabled else 0,
            message,
            is_visible,
            date_modified,
            _text(variant.get("image_url")) or image,
            json.dumps(options),
        )


def _item(row: Sequence[Any]) -> CatalogItem:
    (
        product_id,
        variant_id,
        name,
        label,
        sku,
        upc,
        brand,
        price,
        sale,
        calculated,
        level,
        tracking,
        disabled,
        message,
        visible,
        modified,
        image,
        options,
    ) = row
    moment: _dt.datetime | None = None
    if modified:
        try:
            moment = _dt.datetime.fromisoformat(modified)
        except ValueError:
            moment = None
    return CatalogItem(
        product_id=product_id,
        variant_id=variant_id,
        name=name,
        variant_label=label,
        sku=sku,
        upc=upc,
        brand=brand,
        price=None if price is None else Decimal(price),
        sale_price=None if sale is None else Decimal(sale),
        calculated_price=None if calculated is None else Decimal(calculated),
        inventory_level=level,
        inventory_tracking=tracking,
        purchasing_disabled=bool(disabled),
        purchasing_disabled_message=message,
        is_visible=bool(visible),
        date_modified=moment,
        image_url=image,
        option_values=tuple(json.loads(options)),
    )


_WORD = re.compile(r"\w+")


def search_query(text: str) -> str | None:
    """The FTS5 query for what the clerk typed: every word as a quoted prefix, all required.

    Punctuation and FTS5 syntax (quotes, ``*``, ``NEAR``, ``-``, column filters) become
    plain word breaks, so any input is safe. None when nothing searchable is left.
    """
    words = _WORD.findall(clean_search_text(text))[:MAX_SEARCH_TERMS]
    if not words:
        return None
    return " ".join(f'"{word}"*' for word in words)


#: Bounds of a catalogue search: what a clerk types, never a pasted document.
MAX_SEARCH_CHARS = 200
MAX_SEARCH_TERMS = 8


def clean_search_text(text: str) -> str:
    """``text`` cut to :data:`MAX_SEARCH_CHARS`, with anything that is not valid Unicode (a
    lone surrogate) replaced."""
    text = text[:MAX_SEARCH_CHARS]
    return text.encode("utf-8", "replace").decode("utf-8")


def _upc_forms(code: str) -> list[str]:
    """A scanned barcode and its UPC-A / EAN-13 twin (a leading zero added or removed)."""
    forms = [code]
    if code.isdigit():
        if len(code) == 13 and code.startswith("0"):
            forms.append(code[1:])
        elif len(code) == 12:
            forms.append("0" + code)
    return forms


class CatalogCache:
    """The per-profile catalogue cache (see the module documentation).

    Safe to share between threads: writes and reads use separate connections, each
    behind its own lock.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        make_private_dir(self.path.parent)
        if not self.path.exists():
            make_private_file(self.path)  # SQLite gives its -wal and -shm files this mode
        self._write_lock = threading.Lock()
        self._read_lock = threading.Lock()
        self._search_lock = threading.Lock()
        self._s: sqlite3.Connection | None = None
        self._w = self._connect()
        try:
            with self._write() as db:
                version = int(db.execute("PRAGMA user_version").fetchone()[0])
                if version > SCHEMA_VERSION:
                    raise RuntimeError(
                        f"the catalogue cache {self.path} is from a newer version of the app"
                    )
                for statement in _SCHEMA:
                    db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self._r = self._connect()
        except BaseException:
            self._w.close()
            raise

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode = WAL")
        # A cache can be rebuilt from the store: durability of the last commit is not needed.
        db.execute("PRAGMA synchronous = NORMAL")
        db.execute("PRAGMA busy_timeout = 30000")
        return db

    def close(self) -> None:
        with self._write_lock:
            self._w.close()
        with self._read_lock:
            self._r.close()
        with self._search_lock:
            if self._s is not None:
                self._s.close()
                self._s = None

    def __enter__(self) -> CatalogCache:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._write_lock:
            self._w.execute("BEGIN IMMEDIATE")
            try:
                yield self._w
            except BaseException:
                self._w.execute("ROLLBACK")
                raise
            self._w.execute("COMMIT")

    # -- writing -----------------------------------------------------------------------

    def upsert_products(
        self,
        products: Iterable[Mapping[str, Any]],
        *,
        brand_names: Mapping[int, str] | None = None,
    ) -> int:
        """Insert or replace products given as BigCommerce v3 product JSON (with
        ``include=variants``); a product's variant rows are replaced as a whole.

        A product may carry ``brand_name``; otherwise ``brand_names`` maps ``brand_id``
        to a name. Returns the number of products written. The batch is one transaction:
        a product without an integer ``id`` raises ``ValueError`` and writes nothing.
        """
        names = brand_names or {}
        count = 0
        with self._write() as db:
            for product in products:
                rows = list(_rows(product, names))
                db.execute("DELETE FROM items WHERE product_id = ?", (rows[0][0],))
                db.executemany(
                    "INSERT INTO items (product_id, variant_id, name, variant_label, sku, upc,"
                    " product_sku, product_upc, brand, price, sale_price, calculated_price,"
                    " inventory_level, inventory_tracking, purchasing_disabled,"
                    " purchasing_disabled_message, is_visible, date_modified, image_url,"
                    " option_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    " ?, ?, ?, ?)",
                    rows,
                )
                count += 1
        return count

    def delete_products(self, product_ids: Iterable[int]) -> int:
        """Remove the given products; returns how many item rows went."""
        with self._write() as db:
            cursor = db.executemany(
                "DELETE FROM items WHERE product_id = ?", ((int(p),) for p in product_ids)
            )
            return cursor.rowcount

    def delete_missing(self, present_product_ids: Iterable[int]) -> int:
        """Remove every product *not* in ``present_product_ids`` (after a full listing);
        returns how many products went."""
        with self._write() as db:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS present (id INTEGER PRIMARY KEY)")
            db.execute("DELETE FROM temp.present")
            db.executemany(
                "INSERT OR IGNORE INTO temp.present (id) VALUES (?)",
                ((int(p),) for p in present_product_ids),
            )
            gone = db.execute(
                "SELECT COUNT(DISTINCT product_id) FROM items"
                " WHERE product_id NOT IN (SELECT id FROM temp.present)"
            ).fetchone()[0]
            db.execute("DELETE FROM items WHERE product_id NOT IN (SELECT id FROM temp.present)")
            db.execute("DELETE FROM temp.present")
            return int(gone)

    def clear(self) -> None:
        """Forget everything (a profile switched stores)."""
        with self._write() as db:
            db.execute("DELETE FROM items")
            db.execute("DELETE FROM meta")

    def _set_meta(self, key: str, value: str) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def _meta(self, key: str) -> str | None:
        with self._read_lock:
            row = self._r.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_last_sync(self, moment: _dt.datetime) -> None:
        """Remember the time the next incremental sync starts from (timezone-aware)."""
        if moment.tzinfo is None:
            raise ValueError("sync times must be timezone-aware")
        self._set_meta("last_sync", moment.astimezone(_dt.UTC).isoformat())

    def last_sync(self) -> _dt.datetime | None:
        """Where the next incremental sync starts, or None before the first full sync."""
        value = self._meta("last_sync")
        return None if value is None else _dt.datetime.fromisoformat(value)

    def set_last_full_sync(self, moment: _dt.datetime) -> None:
        self._set_meta("last_full_sync", moment.astimezone(_dt.UTC).isoformat())

    def last_full_sync(self) -> _dt.datetime | None:
        value = self._meta("last_full_sync")
        return None if value is None else _dt.datetime.fromisoformat(value)

    # -- reading -----------------------------------------------------------------------

    @property
    def is_warm(self) -> bool:
        """True once a full sync has completed (before that, ask the API)."""
        return self.last_full_sync() is not None

    def count(self) -> int:
        """Number of products in the cache."""
        with self._read_lock:
            return int(
                self._r.execute("SELECT COUNT(DISTINCT product_id) FROM items").fetchone()[0]
            )

    def item_count(self) -> int:
        """Number of sellable variants in the cache."""
        with self._read_lock:
            return int(self._r.execute("SELECT COUNT(*) FROM items").fetchone()[0])

    def by_code(self, code: str) -> list[CatalogItem]:
        """Variants whose UPC or SKU is exactly ``code`` (SKU case-insensitive).

        A variant's own UPC/SKU wins; when none matches, a product-level UPC/SKU returns
        all variants of that product (the clerk then picks one). Empty when unknown.
        """
        text = clean_search_text(code).strip()
        if not text:
            return []
        upcs = _upc_forms(text)
        marks = ", ".join("?" for _ in upcs)
        with self._read_lock:
            rows = self._r.execute(
                f"{_SELECT} WHERE upc IN ({marks}) UNION {_SELECT} WHERE sku = ?",
                (*upcs, text),
            ).fetchall()
            if not rows:
                rows = self._r.execute(
                    f"{_SELECT} WHERE product_upc IN ({marks})"
                    f" UNION {_SELECT} WHERE product_sku = ?",
                    (*upcs, text),
                ).fetchall()
        return sorted((_item(r) for r in rows), key=lambda i: (i.product_id, i.variant_id or 0))

    def get(self, product_id: int, variant_id: int | None = None) -> list[CatalogItem]:
        """The variants of a product (or the one variant asked for)."""
        with self._read_lock:
            if variant_id is None:
                rows = self._r.execute(
                    f"{_SELECT} WHERE product_id = ? ORDER BY variant_id", (product_id,)
                ).fetchall()
            else:
                rows = self._r.execute(
                    f"{_SELECT} WHERE product_id = ? AND variant_id = ?", (product_id, variant_id)
                ).fetchall()
        return [_item(r) for r in rows]

    def search(self, text: str, limit: int = 20) -> list[CatalogItem]:
        """Variants matching every word of ``text`` as a prefix, best first.

        An exact SKU or UPC match comes first; then items whose name holds every word
        (shortest name first), then matches in the SKUs, option labels and brand (by SKU),
        each pass over its first matches in catalogue order (see ``_SEARCH_NAME``; a
        single typed character takes the first matches). Any input is safe (see
        :func:`search_query`).
        """
        text = clean_search_text(text)
        query = search_query(text)
        if query is None or limit <= 0:
            return []
        exact = self.by_code(text)[:limit]
        seen = {(i.product_id, i.variant_id) for i in exact}
        # Its own connection and lock: a scan (by_code) never waits behind a search.
        with self._search_lock:
            if self._s is None:
                self._s = self._connect()
            wanted = min(limit, 500) + len(exact)
            if len(text.strip()) > 1:
                candidates = max(_SEARCH_CANDIDATES, wanted)
                # The name holds every word: the likely items, first.
                rows = self._s.execute(
                    _SEARCH_NAME, (f"name : ({query})", candidates, wanted)
                ).fetchall()
                if len(rows) < wanted:  # then the other columns (SKUs, options, brand)
                    rows += self._s.execute(
                        _SEARCH_OTHER, (query, candidates + len(rows), wanted + len(rows))
                    ).fetchall()
            else:
                rows = self._s.execute(_SEARCH_UNRANKED, (query, wanted)).fetchall()
        result = list(exact)
        for row in rows:
            item = _item(row)
            key = (item.product_id, item.variant_id)
            if key not in seen:
                seen.add(key)
                result.append(item)
        return result[:limit]


# --- sync ------------------------------------------------------------------------------

FetchPage = Callable[[int, _dt.datetime | None], Awaitable[tuple[list[dict[str, Any]], int]]]
"""``await fetch_page(page, modified_since) -> (products, total_pages)``; pages start at 1.

``products`` are v3 product dicts with ``include=variants``; ``modified_since`` None means
all products (send ``date_modified:min`` otherwise). Sort by id so that paging is stable.
"""


@dataclass(frozen=True)
class SyncReport:
    full: bool
    pages: int
    products: int
    deleted: int
    started_at: _dt.datetime


def _utc_now() -> _dt.datetime:
    return _dt.datetime.now(_dt.UTC)


class CatalogSync:
    """Keeps a :class:`CatalogCache` in step with the store.

    The first sync (or one every ``full_every``, or when asked) lists every product and
    removes the ones no longer listed; the others fetch only products modified since the
    last sync started, minus ``overlap`` to absorb clock skew between register and store.
    A sync that fails part-way changes no sync time and deletes nothing, so the next one
    covers the same ground again. Only one sync runs at a time.
    """

    def __init__(
        self,
        cache: CatalogCache,
        fetch_page: FetchPage,
        *,
        overlap: _dt.timedelta = _dt.timedelta(minutes=5),
        full_every: _dt.timedelta | None = _dt.timedelta(days=1),
        clock: Callable[[], _dt.datetime] = _utc_now,
    ) -> None:
        self.cache = cache
        self._fetch_page = fetch_page
        self._overlap = overlap
        self._full_every = full_every
        self._clock = clock
        self._lock = asyncio.Lock()

    def _needs_full(self) -> bool:
        last_full = self.cache.last_full_sync()
        if last_full is None or self.cache.last_sync() is None:
            return True
        return self._full_every is not None and self._clock() - last_full >= self._full_every

    async def sync(self, *, full: bool = False) -> SyncReport:
        """One sync: full when asked or due, else incremental."""
        async with self._lock:
            started = self._clock()
            full = full or await asyncio.to_thread(self._needs_full)
            since = None if full else await asyncio.to_thread(self.cache.last_sync)
            seen: set[int] = set()
            page, total_pages, written = 1, 1, 0
            while page <= total_pages:
                products, total_pages = await self._fetch_page(page, since)
                if products:
                    written += await asyncio.to_thread(self.cache.upsert_products, products)
                    seen.update(int(p["id"]) for p in products)
                page += 1
            deleted = 0
            if full:
                deleted = await asyncio.to_thread(self.cache.delete_missing, seen)
                await asyncio.to_thread(self.cache.set_last_full_sync, started)
            await asyncio.to_thread(self.cache.set_last_sync, started - self._overlap)
            return SyncReport(full, page - 1, written, deleted, started)

    async def run(self, interval: float, stop: asyncio.Event) -> None:
        """Sync now and then every ``interval`` seconds until ``stop`` is set.

        A failed sync is retried at the next interval; the error is not raised (the
        register keeps working from the cache and the API).
        """
        while not stop.is_set():
            try:
                await self.sync()
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # the next round retries
                if stop.is_set():  # the engine is closing (its client ended the sync)
                    return
                _log.warning("catalogue sync failed (%s); retrying later", type(exc).__name__)
            try:
                await asyncio.wait_for(stop.wait(), timeout=interval)
            except TimeoutError:
                continue
