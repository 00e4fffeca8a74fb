"""The BigCommerce client: the transport (:mod:`pos.api._transport`) with the resources.

``BigCommerceClient`` is the entry point. The transport (auth, the one retry loop, rate
windows, error mapping) lives below the resources; this module binds them together, so the
imports run one way: ``client`` → resources → ``_resource`` → ``_transport``.

Creating a client changes nothing outside it: the redacting log filter is installed by the
program that configures logging (:func:`install_redaction`, called by ``pos`` at start).
"""

from __future__ import annotations

from pos.redaction import RedactingFilter, install_redaction, redact

from ._transport import (
    DEFAULT_API_BASE_URL,
    DEFAULT_PAYMENTS_BASE_URL,
    Response,
    TokenProvider,
    Transport,
    WarmUpResult,
)
from .carts import Carts
from .catalog import Catalog
from .channels import Channels
from .checkouts import Checkouts
from .customers import Customers
from .inventory import Inventory
from .orders import Orders
from .payments import Payments

__all__ = [
    "DEFAULT_API_BASE_URL",
    "DEFAULT_PAYMENTS_BASE_URL",
    "BigCommerceClient",
    "RedactingFilter",
    "Response",
    "TokenProvider",
    "WarmUpResult",
    "install_redaction",
    "redact",
]


class BigCommerceClient(Transport):
    """An async client for one BigCommerce store.

    Use as ``async with BigCommerceClient(store_hash, token_provider) as client:``. The
    resources are attributes: ``client.catalog``, ``client.channels``, ``client.customers``,
    ``client.carts``, ``client.checkouts``, ``client.orders``, ``client.payments``.

    ``timeout`` is the budget of one attempt, from asking for a connection to the last byte
    of the answer; ``connect_timeout`` bounds the TCP+TLS connect. ``max_retries`` is the
    number of retries after the first attempt. Backoff doubles from ``backoff_initial`` up to
    ``backoff_max`` with +-25 % jitter. A 429 (or an exhausted quota) waits what the store
    asks, up to ``max_rate_limit_wait`` seconds; a longer wait raises
    :class:`~pos.api.errors.RateLimited` at once.

    TLS verification is always on. ``ca_bundle`` adds a PEM file of extra trusted CAs (a
    store behind an inspecting proxy) to the usual ones. ``transport`` replaces the network
    (tests of what a real server cannot produce); ``event_hooks`` go to httpx (recording in
    tests); ``sleep`` replaces :func:`asyncio.sleep` (tests record the waits).
    ``with_options(...)`` returns a view with other per-call settings that shares the
    connections and the rate-limit state.
    """

    catalog: Catalog
    channels: Channels
    customers: Customers
    carts: Carts
    checkouts: Checkouts
    orders: Orders
    payments: Payments
    inventory: Inventory

    def _bind_resources(self) -> None:
        self.catalog = Catalog(self)
        self.channels = Channels(self)
        self.customers = Customers(self)
        self.carts = Carts(self)
        self.checkouts = Checkouts(self)
        self.orders = Orders(self)
        self.payments = Payments(self)
        self.inventory = Inventory(self)
