"""Customer routes (`/v3/customers`) and a customer's stored instruments."""

from __future__ import annotations

import json
from typing import Any

from pos.sandbox import catalog, payment_methods
from pos.sandbox.context import (
    LIKE,
    Ctx,
    api,
    documented_time,
    like_pattern,
    marks,
    select_page,
)
from pos.sandbox.db import dumps
from pos.sandbox.errors import ApiError, Fields, not_found
from pos.sandbox.money import D


def customer_json(row: Any, include: set[str]) -> dict[str, Any]:
    data = json.loads(row["data"])
    out: dict[str, Any] = {
        "id": row["id"],
        "email": row["email"],
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "company": data.get("company", ""),
        "phone": data.get("phone", ""),
        "notes": data.get("notes", ""),
        "registration_ip_address": "",
        "tax_exempt_category": "",
        "customer_group_id": 0,
        "date_created": catalog.iso(data.get("created", catalog.STORE_EPOCH)),
        "date_modified": catalog.iso(data.get("created", catalog.STORE_EPOCH)),
        "address_count": len(data["addresses"]),
        "attribute_count": 0,
        "authentication": {"force_password_reset": False},
        "accepts_product_review_abandoned_cart_emails": False,
        "origin_channel_id": 1,
    }
    if "addresses" in include:
        out["addresses"] = [
            {
                **{
                    k: a.get(k, "")
                    for k in (
                        "first_name",
                        "last_name",
                        "company",
                        "address1",
                        "address2",
                        "city",
                        "state_or_province",
                        "postal_code",
                        "country_code",
                        "phone",
                    )
                },
                "address_type": a.get("address_type", "residential"),
                "country": {
                    "US": "United States",
                    "CA": "Canada",
                    "GB": "United Kingdom",
                    "DE": "Germany",
                    "AU": "Australia",
                }.get(a.get("country_code", ""), a.get("country_code", "")),
                "customer_id": row["id"],
                "id": a["id"],
            }
            for a in data["addresses"]
        ]
    if "storecredit" in include:
        out["store_credit_amounts"] = [{"amount": float(D(data.get("store_credit", "0")))}]
    return out


# From customers.v3.yml: the `include` enum, the `sort` enum, and the filters the sandbox
# honours exactly (any other query parameter is refused).
CUSTOMER_INCLUDES = frozenset(
    {"addresses", "storecredit", "attributes", "formfields", "shopper_profile_id", "segment_ids"}
)
CREATED = "json_extract(data, '$.created')"
CUSTOMER_SORTS = {
    "date_created:asc": f"{CREATED} ASC",
    "date_created:desc": f"{CREATED} DESC",
    "date_modified:asc": f"{CREATED} ASC",
    "date_modified:desc": f"{CREATED} DESC",
    "last_name:asc": "last_name ASC",
    "last_name:desc": "last_name DESC",
}
CUSTOMER_QUERY = frozenset(
    {
        "page",
        "limit",
        "include",
        "sort",
        "id:in",
        "email:in",
        "name:in",
        "name:like",
        "phone:in",
        "company:in",
        "customer_group_id:in",
        "date_created",
        "date_created:min",
        "date_created:max",
        "date_modified",
        "date_modified:min",
        "date_modified:max",
    }
)
FULL_NAME = "(first_name || ' ' || last_name)"


@api.add("GET", "/v3/customers", includes=CUSTOMER_INCLUDES, query=CUSTOMER_QUERY)
def get_customers(ctx: Ctx) -> tuple[int, Any]:
    where: list[str] = []
    args: list[Any] = []
    for name, column in (
        ("email:in", "email"),  # the column compares without case
        ("name:in", FULL_NAME),
        ("phone:in", "json_extract(data, '$.phone')"),  # exactly as the store holds it
        ("company:in", "json_extract(data, '$.company')"),
    ):
        values = ctx.many(name)
        if values is not None:
            where.append(marks(column, values))
            args += values
    for name, column in (("id:in", "id"), ("customer_group_id:in", "0")):
        ids = ctx.int_list(name)
        if ids is not None:
            where.append(marks(column, ids))
            args += ids
    parts = ctx.many("name:like")
    if parts is not None:
        # A substring of "first last", its % and _ taken literally.
        where.append("(" + " OR ".join(f"{FULL_NAME}{LIKE}" for _ in parts) + ")")
        args += [like_pattern(part) for part in parts]
    for name in ("date_created", "date_modified"):
        day = ctx.query(name)
        if day is not None:
            where.append(f"date({CREATED}, 'unixepoch') = date(?, 'unixepoch')")
            args.append(documented_time(name, day[:10], ctx.now))
        for suffix, op in ((":min", ">="), (":max", "<=")):
            text = ctx.query(name + suffix)
            if text is not None:
                where.append(f"{CREATED} {op} ?")
                args.append(documented_time(name + suffix, text, ctx.now))
    sort = ctx.query("sort")
    if sort is not None and sort not in CUSTOMER_SORTS:
        raise ApiError(
            422,
            "Input is invalid",
            detail=f"sort must be one of: {', '.join(CUSTOMER_SORTS)}.",
            errors={"sort": f"{sort!r} is not a documented value"},
        )
    order = CUSTOMER_SORTS[sort] if sort else "id"
    rows, meta = select_page(ctx, "customers", where, args, order=order)
    include = ctx.include()
    return 200, {"data": [customer_json(r, include) for r in rows], "meta": meta}


@api.add("POST", "/v3/customers")
def post_customers(ctx: Ctx) -> tuple[int, Any]:
    body = ctx.body
    if not isinstance(body, list) or not body:
        raise ApiError(
            422, "Input is invalid", errors={"body": "must be a non-empty array of customers"}
        )
    created = []
    for n, raw in enumerate(body):
        f = Fields(raw, f"[{n}]")
        email = f.str("email", required=True, max_length=255)
        first = f.str("first_name", required=True, max_length=100)
        last = f.str("last_name", required=True, max_length=100)
        phone = f.str("phone", max_length=50) or ""
        company = f.str("company", max_length=255) or ""
        notes = f.str("notes") or ""
        addresses = f.list("addresses") or []
        if email and "@" not in email:
            f.fail("email", "email is not a valid address")
        parsed = []
        for m, raw_address in enumerate(addresses):
            a = Fields(raw_address, f"[{n}].addresses[{m}]")
            entry = {}
            for key in ("first_name", "last_name", "address1", "city", "country_code"):
                entry[key] = a.str(key, required=True, max_length=255)
            for key in (
                "company",
                "address2",
                "state_or_province",
                "postal_code",
                "phone",
                "address_type",
            ):
                entry[key] = a.str(key, max_length=255) or ""
            entry["address_type"] = entry["address_type"] or "residential"
            f.merge(a)
            parsed.append(entry)
        f.done()
        exists = ctx.conn.execute("SELECT 1 FROM customers WHERE email = ?", (email,)).fetchone()
        if exists is not None:
            raise ApiError(
                422,
                "The customer could not be created",
                errors={f"[{n}].email": f"The email address {email} is already in use"},
            )
        cursor = ctx.conn.execute(
            "INSERT INTO customers (email, first_name, last_name, data) VALUES (?,?,?,?)",
            (
                email,
                first,
                last,
                dumps(
                    {
                        "phone": phone,
                        "company": company,
                        "notes": notes,
                        "addresses": [],
                        "created": ctx.now,
                    }
                ),
            ),
        )
        customer_id = int(cursor.lastrowid or 0)
        catalog.store_addresses(ctx.conn, customer_id, parsed)
        created.append(customer_id)
    rows = [
        ctx.conn.execute("SELECT * FROM customers WHERE id = ?", (i,)).fetchone() for i in created
    ]
    return 200, {"data": [customer_json(r, {"addresses"}) for r in rows], "meta": {}}


@api.add("GET", "/v3/customers/{customer_id}/stored-instruments")
def get_stored_instruments(ctx: Ctx) -> tuple[int, Any]:
    customer_id = ctx.int_param("customer_id")
    if ctx.conn.execute("SELECT 1 FROM customers WHERE id = ?", (customer_id,)).fetchone() is None:
        raise not_found("Customer")
    return 200, payment_methods.stored_instruments(ctx.conn, customer_id, with_billing=True)
