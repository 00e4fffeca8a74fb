"""Payment routes: methods and access tokens (store API) and `/payments` (the
payments host)."""

from __future__ import annotations

from typing import Any

from pos.sandbox import carts, orders, payment_methods, payment_tokens, payments
from pos.sandbox.context import Ctx, api
from pos.sandbox.errors import ApiError, Fields


@api.add("GET", "/v3/payments/methods")
def get_payment_methods(ctx: Ctx) -> tuple[int, Any]:
    order_id = ctx.int_query("order_id", minimum=1)
    checkout_id = ctx.query("checkout_id")
    if order_id is not None:
        _, order = orders.load_order(ctx.conn, order_id)
        customer_id = int(order["customer_id"])
    elif checkout_id:
        customer_id = int(carts.load_cart(ctx.conn, checkout_id)["customer_id"])
    else:
        raise ApiError(
            422,
            "order_id or checkout_id is required",
            errors={"order_id": "order_id or checkout_id is required"},
        )
    return 200, {"data": payment_methods.methods_json(ctx.conn, customer_id), "meta": {}}


@api.add("POST", "/v3/payments/access_tokens")
def post_access_token(ctx: Ctx) -> tuple[int, Any]:
    f = Fields(ctx.body)
    order = f.dict("order", required=True)
    f.done()
    g = Fields(order, "order")
    order_id = g.int("id", required=True, minimum=1)
    g.bool("is_recurring")
    g.done()
    assert order_id is not None
    token = payment_tokens.new_pat(
        ctx.conn, ctx.state.secret, ctx.state.store_hash, order_id, ctx.now
    )
    return 201, {"data": {"id": token}, "meta": {}}


@api.add("POST", "/payments")
def post_payment(ctx: Ctx) -> tuple[int, Any]:
    payment_tokens.spend_pat(ctx.conn, ctx.extra["pat"], ctx.now)
    # The token stays spent whatever the payment's outcome: its own work is undone on
    # refusal, the token's use is kept.
    ctx.conn.execute("SAVEPOINT payment")
    try:
        answer = payments.process_payment(
            ctx.conn,
            ctx.extra["pat"],
            ctx.body,
            ctx.now,
            ctx.state.settings.pending_settle_ms,
            authorize_only=bool(ctx.state.settings.authorize_only),
        )
    except ApiError as refused:
        ctx.conn.execute("ROLLBACK TO payment")
        ctx.conn.execute("RELEASE payment")
        return refused.status, refused.body()
    ctx.conn.execute("RELEASE payment")
    return 201, answer


@api.add("GET", "/v2/gift_certificates", v2=True,
         query=frozenset({"code", "page", "limit", "min_id", "max_id", "to_name",
                          "to_email", "from_name", "from_email", "order_id"}))
def get_gift_certificates(ctx: Ctx) -> tuple[int, Any]:
    """``GET /v2/gift_certificates`` (marketing.v2.yml), filtered by ``code``: the
    certificate's ``code``, ``balance`` (a string) and ``status``; none is 204."""
    code = (ctx.query("code") or "").strip()
    if code:
        rows = ctx.conn.execute(
            "SELECT rowid, code, balance FROM gift_certificates WHERE code = ?", (code,)
        ).fetchall()
    else:
        rows = ctx.conn.execute(
            "SELECT rowid, code, balance FROM gift_certificates ORDER BY rowid"
        ).fetchall()
    if not rows:
        return 204, None
    return 200, [
        {"id": int(r[0]), "code": r[1], "balance": r[2], "amount": r[2],
         "status": "active", "currency_code": "USD"}
        for r in rows
    ]
