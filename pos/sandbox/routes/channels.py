"""Channel routes (`/v3/channels`)."""

from __future__ import annotations

from typing import Any

from pos.sandbox import channels
from pos.sandbox.context import Ctx, api, paginate
from pos.sandbox.errors import not_found


def _str_set(ctx: Ctx, name: str) -> set[str] | None:
    raw = ctx.query(name)
    if raw is None or raw == "":
        return None
    return {part.strip() for part in raw.split(",") if part.strip()}


@api.add("GET", "/v3/channels")
def get_channels(ctx: Ctx) -> tuple[int, Any]:
    found = channels.list_channels(
        _str_set(ctx, "type:in"), _str_set(ctx, "platform:in"), _str_set(ctx, "status:in")
    )
    offset, limit, meta = paginate(ctx, len(found))
    return 200, {"data": found[offset : offset + limit], "meta": meta}


@api.add("GET", "/v3/channels/{channel_id}")
def get_channel(ctx: Ctx) -> tuple[int, Any]:
    channel = channels.find(ctx.int_param("channel_id"))
    if channel is None:
        raise not_found("Channel")
    return 200, {"data": channels.channel_json(channel), "meta": {}}
