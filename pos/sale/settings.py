"""What a sale needs to know about its store and register (from the store profile)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["SANDBOX_PAYMENT_TIMEOUT", "SANDBOX_PROCESSING_LIMIT", "SaleSettings"]

#: The payment call's timeout, and the store's processing limit, with a sandbox store.
SANDBOX_PAYMENT_TIMEOUT = 5.0
SANDBOX_PROCESSING_LIMIT = 1.0


@dataclass(frozen=True)
class SaleSettings:
    """Settings of every sale of one register.

    ``pickup_address``: the store's own address (BigCommerce field names). A pickup
    consignment uses BigCommerce's pickup option ``pickup_method_id`` when one is set;
    otherwise it is a consignment to ``pickup_address`` with the store's "Pickup In Store"
    shipping option (``pickup_option_type``), chosen automatically.

    Exactly-once timings: ``payment_timeout`` bounds the payment call; after an uncertain
    outcome the order's status and transactions are read every ``reconcile_interval``
    seconds (doubling up to ``reconcile_max_interval``) for at most ``reconcile_timeout``
    seconds; an order is believed unpaid only once it has looked unpaid for
    ``unpaid_confirm`` seconds in a row (a late payment may still land in that time) AND
    its payment's unpaid window is over: ``payment_timeout + store_processing_limit``
    seconds from when the payment request was sent (and never less than
    ``store_processing_limit`` after the call ended). ``store_processing_limit`` is how
    long the store may still be working on a payment request after receiving it.
    """

    profile: str = "default"
    channel_id: int = 1
    currency: str = "USD"
    locale: str = "en_US"
    terminal: str = ""
    pickup_address: Mapping[str, str] = field(default_factory=dict)
    pickup_method_id: int | None = None
    pickup_option_type: str = "shipping_pickupinstore"
    payment_timeout: float = 60.0
    reconcile_timeout: float = 30.0
    reconcile_interval: float = 0.5
    reconcile_max_interval: float = 3.0
    unpaid_confirm: float = 5.0
    store_processing_limit: float = 60.0
    order_reconcile_timeout: float = 10.0
    #: Scanned items the store could not take (or a store that cannot be reached) are
    #: tried again after ``reconnect_first`` seconds, doubling up to ``reconnect_max``.
    reconnect_first: float = 1.0
    reconnect_max: float = 10.0
    #: Scans go to the store once none has come for ``scan_settle`` seconds, or once the
    #: first has waited ``scan_max_hold`` (a basket scanned at speed: one cart call).
    scan_settle: float = 0.25
    scan_max_hold: float = 1.0

    @classmethod
    def from_profile(cls, profile: Any, **overrides: Any) -> SaleSettings:
        """Settings from a :class:`pos.stores.profiles.Profile` (any object with its fields).

        A sandbox profile uses the sandbox's pickup method (id 1) and the sandbox's
        timings: the sandbox store runs on this machine and answers at once (apart from
        the latency and faults one injects), so a payment call is given
        ``SANDBOX_PAYMENT_TIMEOUT`` and the store ``SANDBOX_PROCESSING_LIMIT``.
        """
        pickup = getattr(profile, "pickup_location", None)
        address: dict[str, str] = {}
        if pickup is not None and hasattr(pickup, "as_address"):
            address = dict(pickup.as_address())
        values: dict[str, Any] = {
            "profile": str(getattr(profile, "name", "default")),
            "channel_id": int(getattr(profile, "channel_id", 1)),
            "currency": str(getattr(profile, "currency", "USD")),
            "locale": str(getattr(profile, "locale", "en_US")),
            "terminal": str(getattr(profile, "terminal_name", "") or ""),
            "pickup_address": address,
            "pickup_method_id": 1 if getattr(profile, "sandbox", False) else None,
        }
        if getattr(profile, "sandbox", False):
            values["payment_timeout"] = SANDBOX_PAYMENT_TIMEOUT
            values["store_processing_limit"] = SANDBOX_PROCESSING_LIMIT
        values.update(overrides)
        return cls(**values)

    def replace(self, **changes: Any) -> SaleSettings:
        return dataclasses.replace(self, **changes)
