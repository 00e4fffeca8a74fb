"""Look-ups a register makes, as the documents define them: catalogue filters and paging,
variants by SKU or barcode, customer searches, order lists; and the demo data they find."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from openapi_support import StoreHttp, line_item, sellable_variants, stock_of


@pytest.fixture(scope="module")
def store(sandbox: Any) -> Iterator[StoreHttp]:
    with StoreHttp(sandbox.info) as s:
        yield s


@pytest.fixture(scope="module")
def catalog(store: StoreHttp) -> list[dict[str, Any]]:
    return store.products(pages=10)


def upc_a_ok(code: str) -> bool:
    if len(code) != 12 or not code.isdigit():
        return False
    digits = [int(c) for c in code]
    total = 3 * sum(digits[0:11:2]) + sum(digits[1:11:2])
    return (10 - total % 10) % 10 == digits[11]


def test_demo_catalogue_has_what_a_shop_has(catalog: list[dict[str, Any]]) -> None:
    assert len(catalog) >= 500
    variants = [v for p in catalog for v in p["variants"]]
    assert any(len(p["variants"]) > 1 for p in catalog)
    skus = [v["sku"] for v in variants]
    assert len(set(skus)) == len(skus) and all(skus)
    upcs = [v["upc"] for v in variants if v.get("upc")]
    assert len(upcs) > len(variants) // 2
    bad = [u for u in upcs if not upc_a_ok(u)]
    assert bad == [], bad[:5]
    assert any(Decimal(str(p["sale_price"] or 0)) > 0 for p in catalog)
    assert any(stock_of(p, v["id"]) == 0 for p in catalog for v in p["variants"])
    assert any(
        p["availability"] == "disabled" or v["purchasing_disabled"]
        for p in catalog
        for v in p["variants"]
    )
    assert any(v.get("image_url", "").startswith("http") for v in variants)


def test_products_are_paged_with_meta(store: StoreHttp) -> None:
    r = store.get("/v3/catalog/products", params={"limit": 5, "page": 2})
    assert r.status_code == 200
    body = r.json()
    pagination = body["meta"]["pagination"]
    assert pagination["per_page"] == 5 and pagination["current_page"] == 2
    assert pagination["count"] == len(body["data"]) == 5
    assert pagination["total"] >= 500
    assert pagination["total_pages"] == -(-pagination["total"] // 5)
    assert "variants" not in body["data"][0]  # only with include=variants
    first = store.get("/v3/catalog/products", params={"limit": 5, "page": 1}).json()["data"]
    assert not {p["id"] for p in first} & {p["id"] for p in body["data"]}
    r = store.get("/v3/catalog/products", params={"limit": 1000})
    assert r.status_code in (200, 422)
    if r.status_code == 200:
        assert len(r.json()["data"]) <= 250  # the documented maximum


def test_product_filters(store: StoreHttp, catalog: list[dict[str, Any]]) -> None:
    product = catalog[42]
    r = store.get("/v3/catalog/products", params={"sku": product["sku"]})
    assert [p["id"] for p in r.json()["data"]] == [product["id"]]
    ids = [catalog[3]["id"], catalog[7]["id"], catalog[11]["id"]]
    r = store.get("/v3/catalog/products", params={"id:in": ",".join(map(str, ids))})
    assert sorted(p["id"] for p in r.json()["data"]) == sorted(ids)
    word = product["name"].split()[-1]
    r = store.get("/v3/catalog/products", params={"keyword": word, "limit": 250})
    found = r.json()["data"]
    assert product["id"] in [p["id"] for p in found]
    for p in found:
        text = " ".join(
            [p["name"], p["sku"], p.get("description", ""), p.get("search_keywords", "")]
        ).lower()
        assert word.lower() in text or p.get("brand_id"), p["name"]
    r = store.get(f"/v3/catalog/products/{product['id']}", params={"include": "variants,images"})
    data = r.json()["data"]
    assert data["id"] == product["id"]
    assert [v["id"] for v in data["variants"]] == [v["id"] for v in product["variants"]]
    assert isinstance(data["images"], list)


def test_variants_by_sku_and_barcode(store: StoreHttp, catalog: list[dict[str, Any]]) -> None:
    variant = next(v for p in catalog[100:] for v in p["variants"] if v.get("upc"))
    r = store.get("/v3/catalog/variants", params={"sku": variant["sku"]})
    assert [v["id"] for v in r.json()["data"]] == [variant["id"]]
    r = store.get("/v3/catalog/variants", params={"upc": variant["upc"]})
    assert [v["id"] for v in r.json()["data"]] == [variant["id"]]
    r = store.get("/v3/catalog/variants", params={"sku": "NO-SUCH-SKU"})
    assert r.status_code == 200 and r.json()["data"] == []


def test_customer_searches(store: StoreHttp) -> None:
    r = store.get("/v3/customers", params={"limit": 250, "include": "addresses"})
    customers = r.json()["data"]
    assert len(customers) >= 20
    assert all(c["addresses"] for c in customers[:20])
    with_cards = 0
    for c in customers[:20]:
        cards = store.get(f"/v3/customers/{c['id']}/stored-instruments").json()
        with_cards += bool(cards)
    assert with_cards >= 2

    someone = customers[5]
    r = store.get("/v3/customers", params={"email:in": someone["email"].upper()})
    assert [c["id"] for c in r.json()["data"]] == [someone["id"]]
    r = store.get("/v3/customers", params={"name:like": someone["last_name"][1:-1]})
    assert someone["id"] in [c["id"] for c in r.json()["data"]]
    ids = [customers[1]["id"], customers[2]["id"]]
    r = store.get("/v3/customers", params={"id:in": ",".join(map(str, ids))})
    assert sorted(c["id"] for c in r.json()["data"]) == sorted(ids)
    r = store.get("/v3/customers", params={"limit": 3})
    assert "addresses" not in r.json()["data"][0]


def test_create_customer_then_find_and_refuse_a_duplicate(store: StoreHttp) -> None:
    email = f"new-{secrets.token_hex(4)}@example.com"
    body = [{"email": email, "first_name": "Ada", "last_name": "Lovelace", "phone": "5125550199"}]
    r = store.post("/v3/customers", body)
    assert r.status_code == 200, r.text
    [created] = r.json()["data"]
    assert created["email"] == email and isinstance(created["id"], int)
    r = store.get("/v3/customers", params={"email:in": email})
    assert [c["id"] for c in r.json()["data"]] == [created["id"]]
    assert store.get(f"/v3/customers/{created['id']}/stored-instruments").json() == []
    r = store.post("/v3/customers", body)
    assert r.status_code == 422, r.text


def test_order_list_filters_sort_and_paging(
    store: StoreHttp, catalog: list[dict[str, Any]]
) -> None:
    product, variant = sellable_variants(catalog, min_stock=3)[-5]
    cart, first = store.ready_order([line_item(product, variant)])
    second = store.order(cart["id"])
    third = store.order(cart["id"])
    r = store.get("/v2/orders", params={"cart_id": cart["id"]})
    assert [o["id"] for o in r.json()] == [first, second, third]  # by id, lowest first
    r = store.get("/v2/orders", params={"cart_id": cart["id"], "sort": "id:desc"})
    assert [o["id"] for o in r.json()] == [third, second, first]
    r = store.get("/v2/orders", params={"cart_id": cart["id"], "limit": 1, "page": 2})
    assert [o["id"] for o in r.json()] == [second]
    r = store.get("/v2/orders", params={"min_id": second, "status_id": 0, "cart_id": cart["id"]})
    assert [o["id"] for o in r.json()] == [second, third]
    r = store.put(f"/v2/orders/{first}", {"status_id": 5})
    assert r.status_code == 200
    r = store.get("/v2/orders", params={"cart_id": cart["id"], "status_id": 5})
    assert [o["id"] for o in r.json()] == [first]
