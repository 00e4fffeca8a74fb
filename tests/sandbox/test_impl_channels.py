"""Sales channels: ``GET /v3/channels`` and ``/v3/channels/{id}``, and carts on a channel."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from test_server_basics import Store

from pos.sandbox.server import SandboxServer

CHANNEL_FIELDS = {
    "id", "name", "platform", "type", "status", "external_id", "is_enabled",
    "is_listable_from_ui", "is_visible", "icon_url", "config_meta", "date_created",
    "date_modified",
}


@pytest.fixture
def store(sandbox: SandboxServer) -> Iterator[Store]:
    helper = Store(sandbox)
    yield helper
    helper.close()


def test_channels_are_the_storefront_and_a_register(store: Store) -> None:
    r = store.get("/v3/channels")
    assert r.status_code == 200, r.text
    body = r.json()
    assert [(c["id"], c["name"], c["platform"], c["type"], c["status"]) for c in body["data"]] == [
        (1, "Sandbox store", "bigcommerce", "storefront", "active"),
        (2, "Register", "custom", "pos", "active"),
    ]
    assert all(set(c) == CHANNEL_FIELDS for c in body["data"])
    assert body["meta"]["pagination"]["total"] == 2
    r = store.get("/v3/channels", params={"type:in": "pos"})
    assert [c["id"] for c in r.json()["data"]] == [2]
    r = store.get("/v3/channels", params={"platform:in": "bigcommerce,custom", "limit": 1})
    assert [c["id"] for c in r.json()["data"]] == [1]
    assert r.json()["meta"]["pagination"]["total_pages"] == 2
    r = store.get("/v3/channels", params={"status:in": "inactive"})
    assert r.json()["data"] == []


def test_one_channel(store: Store) -> None:
    r = store.get("/v3/channels/1")
    assert r.status_code == 200
    assert r.json()["data"]["name"] == "Sandbox store"
    assert r.json()["meta"] == {}
    for unknown in ("3", "0", "x", "99999999999"):
        r = store.get(f"/v3/channels/{unknown}")
        assert r.status_code == 404, unknown
        assert set(r.json()) == {"status", "title", "type"}


def test_a_cart_on_an_unknown_channel_is_422(store: Store) -> None:
    variant = store.simple_variant()
    item = {"product_id": variant["product_id"], "quantity": 1}
    r = store.post("/v3/carts", json={"channel_id": 7, "line_items": [item]})
    assert r.status_code == 422, r.text
    body = r.json()
    assert "channel" in body["title"].lower()
    assert "channel_id" in body["errors"]
    for channel_id in (1, 2):
        r = store.post("/v3/carts", json={"channel_id": channel_id, "line_items": [item]})
        assert r.status_code == 201, r.text
        cart = r.json()["data"]
        assert cart["channel_id"] == channel_id
        assert store.client.delete(f"{store.base}/v3/carts/{cart['id']}").status_code == 204
    r = store.post("/v3/carts", json={"line_items": [item]})
    assert r.json()["data"]["channel_id"] == 1
    store.client.delete(f"{store.base}/v3/carts/{r.json()['data']['id']}")
