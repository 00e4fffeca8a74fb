"""Channels (``GET /v3/channels``, ``/v3/channels/{id}``) against the sandbox store.

BigCommerce's channels document is not among the reference OpenAPI documents, so these
requests are not validated against it (the client fixture would report them as unknown).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import pytest
from api_helpers import assert_no_open_sockets, established_sockets, make_client
from openapi_support import HttpRecorder

from pos.api import BigCommerceClient, Forbidden, NotFound
from pos.api.models import Channel

if TYPE_CHECKING:
    from pos.sandbox.server import SandboxServer


@pytest.fixture
async def api(store: SandboxServer) -> AsyncIterator[BigCommerceClient]:
    baseline = established_sockets()
    async with make_client(store, HttpRecorder()) as client:
        yield client
    assert_no_open_sockets(baseline)


async def test_list_channels(api: BigCommerceClient) -> None:
    page = await api.channels.list()
    assert [(c.id, c.type, c.platform) for c in page.items] == [
        (1, "storefront", "bigcommerce"),
        (2, "pos", "custom"),
    ]
    assert all(isinstance(c, Channel) and c.status == "active" for c in page.items)
    assert page.pagination is not None and not page.has_next
    assert page.items[0].date_created is not None  # ISO 8601 parsed


async def test_list_channels_filtered(api: BigCommerceClient) -> None:
    pos_only = await api.channels.list(types=["pos"])
    assert [c.id for c in pos_only.items] == [2]
    none = await api.channels.list(platforms=["amazon"], statuses=["active"])
    assert none.items == []


async def test_get_channel(api: BigCommerceClient) -> None:
    channel = await api.channels.get(2)
    assert (channel.id, channel.name, channel.is_enabled) == (2, "Register", True)


async def test_unknown_channel_is_not_found(api: BigCommerceClient) -> None:
    with pytest.raises(NotFound) as caught:
        await api.channels.get(99)
    assert caught.value.status == 404
    assert "/v3/channels/99" in str(caught.value)


async def test_channels_need_their_scope(store: SandboxServer) -> None:
    token = store.create_token(["store_v2_products_read_only"])
    async with BigCommerceClient(
        store.store_hash, lambda: token,
        api_base_url=store.api_base_url, payments_base_url=store.payments_base_url,
        trust_env=False, max_retries=0,
    ) as client:
        with pytest.raises(Forbidden):
            await client.channels.list()
    read_only = store.create_token(["store_channel_settings_read_only"])
    async with BigCommerceClient(
        store.store_hash, lambda: read_only,
        api_base_url=store.api_base_url, payments_base_url=store.payments_base_url,
        trust_env=False,
    ) as client:
        assert (await client.channels.get(1)).type == "storefront"


def test_channel_model_keeps_unknown_fields() -> None:
    channel = Channel.model_validate(
        {"id": 5, "name": "Kiosk", "type": "pos", "config_meta": {"app": {"id": 3}},
         "date_created": "2024-01-02T03:04:05Z"}
    )
    assert channel.model_extra == {"config_meta": {"app": {"id": 3}}}
    assert channel.date_created is not None and channel.date_created.year == 2024
