"""Helpers of the returns tests: paid orders made at a real sandbox store over HTTP, and
the store's own count of refunds. Not a test module."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from openapi_support import StoreHttp, card, line_item, sellable_variants

from pos.api.client import BigCommerceClient
from pos.returns import ReturnLine, ReturnsSettings
from pos.sandbox.server import SandboxServer


def make_client(store: SandboxServer, **options: Any) -> BigCommerceClient:
    values: dict[str, Any] = {
        "api_base_url": store.api_base_url, "payments_base_url": store.payments_base_url,
        "timeout": 5.0, "max_retries": 2, "backoff_initial": 0.01, "backoff_max": 0.05,
        "max_rate_limit_wait": 2.0,
    }
    values.update(options)
    token = store.token
    return BigCommerceClient(store.store_hash, lambda: token, **values)


def fast_settings(**overrides: Any) -> ReturnsSettings:
    values: dict[str, Any] = {"absent_confirm": 0.6, "poll_interval": 0.05}
    values.update(overrides)
    return ReturnsSettings(**values)


class Orders:
    """Paid orders at the store, each on its own variant (so stock counts are its own)."""

    def __init__(self, store: SandboxServer) -> None:
        self.info = store.info
        with StoreHttp(self.info) as http:
            self.pairs = sellable_variants(http.products(), min_stock=20)
        self.next = 0

    def take(self) -> tuple[dict[str, Any], dict[str, Any]]:
        pair = self.pairs[self.next % len(self.pairs)]
        self.next += 1
        return pair

    def paid(self, quantity: int = 2, *, shipping: bool = False, lines: int = 1) -> int:
        """A paid order of ``lines`` lines of ``quantity`` each (shipped when asked)."""
        items = [line_item(*self.take(), quantity) for _ in range(lines)]
        with StoreHttp(self.info) as http:
            cart = http.cart(items)
            http.billing(cart["id"])
            checkout = http.consign(cart)
            options = checkout["consignments"][0]["available_shipping_options"]
            kind = next(
                (o["type"] for o in options
                 if (Decimal(str(o["cost"])) > 0) == shipping), options[0]["type"],
            )
            http.choose_shipping(checkout, kind)
            order_id = http.order(cart["id"])
            method = http.card_method(order_id)
            r = http.pay(http.access_token(order_id), card("4242424242424242"),
                         method_id=method["id"])
            assert r.status_code == 201, r.text
        return order_id

    def settle(self, order_id: int) -> None:
        with StoreHttp(self.info) as http:
            r = http.http.post(f"{http.admin_url}/orders/{order_id}/settle")
            assert r.status_code == 200, r.text


async def store_refunds(client: BigCommerceClient, order_id: int) -> list[Any]:
    """The order's refunds, as the store's own list holds them."""
    return await client.orders.refunds(order_id)


async def onhand(client: BigCommerceClient, sku: str, location: int = 1) -> int | None:
    [item] = await client.inventory.items(skus=[sku])
    return item.onhand(location)


def all_lines(view: Any, *, restock: bool = True) -> list[ReturnLine]:
    return [
        ReturnLine(item_id=x.item_id, quantity=x.refundable, restock=restock, sku=x.sku,
                   variant_id=x.variant_id)
        for x in view.lines if x.refundable
    ]
