"""Shared helpers of the sale engine's tests (constants, sale settings, waits, scans).

Not a test module: it holds no tests; ``conftest.py`` and the ``test_sale_*`` modules
import it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pos.api.client import BigCommerceClient
from pos.api.models import Product
from pos.sale import SaleEvent
from pos.sale.settings import SaleSettings
from pos.sandbox.server import SandboxServer
from pos.stores.profiles import DEMO_PROFILE

#: The sandbox's test cards (docs/sandbox.md).
VISA_OK = "4242424242424242"
MC_OK = "5555555555554444"
AMEX_OK = "378282246310005"
DECLINED = "4000000000000002"
INSUFFICIENT = "4000000000009995"
EXPIRED = "4000000000000069"
CVV_MISMATCH = "4000000000000127"
NEEDS_3DS = "4000000000003220"
PENDING = "4000000000000259"
ALL_CARD_NUMBERS = (VISA_OK, MC_OK, AMEX_OK, DECLINED, INSUFFICIENT, EXPIRED, CVV_MISMATCH,
                    NEEDS_3DS, PENDING)
CVVS = ("123", "1234", "737")

ADDRESS = {
    "first_name": "Ana", "last_name": "Diaz", "email": "ana.diaz@example.com",
    "address1": "1 Main St", "city": "Austin", "country_code": "US",
    "state_or_province": "Texas", "postal_code": "78701", "phone": "+15125550100",
}
SHIP_TO = {
    "first_name": "Bo", "last_name": "Chen", "address1": "20 Pine Road", "city": "Portland",
    "country_code": "US", "state_or_province": "OR", "postal_code": "97201",
}


def fast_settings(**overrides: Any) -> SaleSettings:
    values: dict[str, Any] = {
        "payment_timeout": 5.0,
        "reconcile_timeout": 4.0,
        "reconcile_interval": 0.02,
        "reconcile_max_interval": 0.1,
        "unpaid_confirm": 0.3,
        "store_processing_limit": 0.3,
        "order_reconcile_timeout": 3.0,
    }
    values.update(overrides)
    return SaleSettings.from_profile(DEMO_PROFILE, **values)


def make_client(store: SandboxServer, **options: Any) -> BigCommerceClient:
    values: dict[str, Any] = {
        "api_base_url": store.api_base_url,
        "payments_base_url": store.payments_base_url,
        "timeout": 5.0,
        "max_retries": 2,
        "backoff_initial": 0.01,
        "backoff_max": 0.05,
        "max_rate_limit_wait": 2.0,
    }
    values.update(options)
    token = store.token
    return BigCommerceClient(store.store_hash, lambda: token, **values)


class Recorder:
    """Collects a sale's events."""

    def __init__(self) -> None:
        self.events: list[SaleEvent] = []

    def __call__(self, event: SaleEvent) -> None:
        self.events.append(event)

    def kinds(self) -> list[str]:
        return [e.kind for e in self.events]

    def messages(self, kind: str) -> list[str]:
        return [e.message or "" for e in self.events if e.kind == kind]


class Catalogue:
    """Sellable variants of the store, handed out so that tests do not share stock."""

    def __init__(self) -> None:
        self.skus: list[tuple[str, str]] = []  # (sku, upc)
        self.next = 0

    def take(self) -> tuple[str, str]:
        item = self.skus[self.next % len(self.skus)]
        self.next += 1
        return item


_CATALOGUE = Catalogue()


def _sellable(product: Product) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for variant in product.variants or []:
        if variant.purchasing_disabled or not variant.sku:
            continue
        tracked = (product.inventory_tracking or "none") != "none"
        if tracked and (variant.inventory_level or 0) < 30:
            continue
        out.append((variant.sku, variant.upc or ""))
    return out[:1]


def files_contain_secrets(root: Path, secrets: tuple[str, ...]) -> list[str]:
    """Every (file, secret) pair where a secret appears in a file's bytes under ``root``."""
    hits: list[str] = []
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for secret in secrets:
            if secret and secret.encode() in data:
                hits.append(f"{path.name}: {secret[:2]}…")
    return hits


# --------------------------------------------------------------------------- pos sale


DEMO_SKU = "AWA-000001-S-RED"  # the demo store (seed 1): in stock
DEMO_SKU_2 = "AWA-000001-M-BLK"
CARD_JSON = (
    '{"number": "%s", "cvv": "%s", "expiry_month": 12, "expiry_year": 2031,'
    ' "cardholder_name": "Ana Diaz"}'
)


def card_json(number: str = VISA_OK, cvv: str = "123") -> str:
    return CARD_JSON % (number, cvv)


def pos_sale_command(*args: str) -> list[str]:
    import sys

    return [sys.executable, "-m", "pos", "sale", *args]


def cli_env(data_root: Path) -> dict[str, str]:
    import os

    env = {k: v for k, v in os.environ.items() if k != "POS_TOKEN"}
    env["POS_DATA_DIR"] = str(data_root)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def run_pos_sale(
    data_root: Path, *args: str, stdin: str = "", timeout: float = 60.0
) -> tuple[int, list[dict[str, Any]], str]:
    """Run ``pos sale ARGS`` with ``stdin``; (exit code, JSON objects printed, stderr)."""
    import json
    import subprocess

    done = subprocess.run(
        pos_sale_command(*args), input=stdin, capture_output=True, text=True,
        env=cli_env(data_root), timeout=timeout, check=False,
    )
    objects = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return done.returncode, objects, done.stderr


def write_spec(path: Path, **spec: Any) -> Path:
    import json

    body: dict[str, Any] = {
        "items": [{"sku": DEMO_SKU, "quantity": 1}],
        "billing_address": {
            "first_name": "Ana", "last_name": "Diaz", "email": "ana@example.com",
            "address1": "1 Main St", "city": "Austin", "country_code": "US",
            "state_or_province": "TX", "postal_code": "78701",
        },
        "consignments": [{"items": "all", "pickup": True}],
        "payment": {"card": "stdin"},
    }
    body.update(spec)
    path.write_text(json.dumps(body), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- secrets


def capture_pats(client: BigCommerceClient) -> list[str]:
    """Every payment access token the store issues to ``client`` from now on, captured on
    the client's side (the list fills as tokens are made)."""
    pats: list[str] = []
    payments = client.payments
    make = payments.create_access_token

    async def capturing(*args: Any, **kwargs: Any) -> Any:
        pat = await make(*args, **kwargs)
        pats.append(pat.id.get_secret_value())
        return pat

    payments.create_access_token = capturing  # type: ignore[method-assign]
    return pats


def cvv_on_disk(root: Path, cvv: str) -> list[str]:
    """Files under ``root`` holding ``cvv`` as a number of its own (not inside a longer
    run of digits or hex, such as a UUID or a timestamp)."""
    import re

    pattern = re.compile(rb"(?<![0-9A-Za-z-])" + re.escape(cvv.encode()) + rb"(?![0-9A-Za-z-])")
    return [p.name for p in root.rglob("*") if p.is_file() and pattern.search(p.read_bytes())]


async def customer_email(client: BigCommerceClient, customer_id: int = 1) -> str:
    page = await client.customers.search(ids=[customer_id])
    email = page.items[0].email
    assert email
    return email


@contextlib.contextmanager
def logged_to(data_dir: Path) -> Iterator[Path]:
    """The engine's log (everything from DEBUG, redacted as ``pos sale`` writes it) in
    ``data_dir/pos-sale.log`` while the block runs."""
    import logging

    from pos.api.client import RedactingFilter

    path = data_dir / "pos-sale.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    loggers = [logging.getLogger("pos"), logging.getLogger("httpx")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    try:
        yield path
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)
        handler.close()
