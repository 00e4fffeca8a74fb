"""Channels v3: the store's sales channels (storefronts, marketplaces, registers)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ._resource import Resource
from .models import Channel, Page

__all__ = ["Channels"]


class Channels(Resource):
    """``GET /v3/channels`` and ``GET /v3/channels/{id}`` (reads: retried). The token
    needs ``store_channel_settings_read_only`` (or ``store_channel_settings``)."""

    async def get(self, channel_id: int) -> Channel:
        """One channel; :class:`~pos.api.errors.NotFound` when the store has no such id."""
        c = self._client
        response = await c._request("GET", c.v3(f"/channels/{int(channel_id)}"))
        return self._one(Channel, response, "channel")

    async def list(
        self,
        *,
        types: Sequence[str] = (),
        platforms: Sequence[str] = (),
        statuses: Sequence[str] = (),
        page: int = 1,
        limit: int = 50,
    ) -> Page[Channel]:
        """One page of channels, filtered by ``type:in``, ``platform:in``, ``status:in``."""
        params: dict[str, Any] = {
            "type:in": [*types] or None,
            "platform:in": [*platforms] or None,
            "status:in": [*statuses] or None,
            "page": page,
            "limit": max(1, min(limit, 250)),
        }
        c = self._client
        response = await c._request("GET", c.v3("/channels"), params=params)
        return self._page(Channel, response, "channel list")
