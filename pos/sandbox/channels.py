"""The store's sales channels (``GET /v3/channels``), fixed: the storefront and a register."""

from __future__ import annotations

from typing import Any

from pos.sandbox.catalog import STORE_EPOCH, iso

# id, name, platform, type, status
CHANNELS: tuple[tuple[int, str, str, str, str], ...] = (
    (1, "Sandbox store", "bigcommerce", "storefront", "active"),
    (2, "Register", "custom", "pos", "active"),
)

# A cart may be created on a channel in one of these states.
SELLING_STATUSES = frozenset({"active", "prelaunch"})


def channel_json(channel: tuple[int, str, str, str, str]) -> dict[str, Any]:
    channel_id, name, platform, kind, status = channel
    return {
        "id": channel_id,
        "name": name,
        "platform": platform,
        "type": kind,
        "status": status,
        "external_id": "",
        "is_enabled": status in SELLING_STATUSES,
        "is_listable_from_ui": kind == "storefront",
        "is_visible": True,
        "icon_url": "",
        "config_meta": {"app": {"id": 0, "sections": []}},
        "date_created": iso(STORE_EPOCH),
        "date_modified": iso(STORE_EPOCH),
    }


def find(channel_id: int) -> tuple[int, str, str, str, str] | None:
    for channel in CHANNELS:
        if channel[0] == channel_id:
            return channel
    return None


def list_channels(
    types: set[str] | None, platforms: set[str] | None, statuses: set[str] | None
) -> list[dict[str, Any]]:
    return [
        channel_json(c)
        for c in CHANNELS
        if (types is None or c[3] in types)
        and (platforms is None or c[2] in platforms)
        and (statuses is None or c[4] in statuses)
    ]
