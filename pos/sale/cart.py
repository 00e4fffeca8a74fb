"""The cart and the customer: items by code, catalogue item or variant id (the cart is
made on the first one), quantities within known stock, the customer and the billing
address, and coupons. Changes that void the delivery or the order set them up again."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from typing import Any

import pos.sale.view as view
from pos.api.errors import ApiError, BigCommerceError, ClientError, ConnectionFailed, NotFound
from pos.api.models import AddressInput, Cart, Checkout, LineItemInput, Variant
from pos.sale.catalog_cache import CatalogItem
from pos.sale.context import SaleContext
from pos.sale.errors import (
    AmbiguousCode,
    ItemNotFound,
    NotSellable,
    SaleError,
    SaleValidationError,
    StoreProblem,
    store_problem,
)
from pos.sale.fulfilment import Fulfilment
from pos.sale.messages import ErrorKind, error_kind_message
from pos.sale.phrases import SALE_WORDS, doing
from pos.sale.records import Customer, Line, SaleStep
from pos.sale.unsafe import unsafe_write

_DISABLED = SALE_WORDS("item.disabled", "{item} cannot be sold: purchasing is disabled for it.")
_DISABLED_WHY = SALE_WORDS("item.disabled_why", "{item} cannot be sold. {why}.")
_OUT_OF_STOCK = SALE_WORDS("item.out_of_stock", "{item} cannot be sold: it is out of stock.")
_QUANTITY_WHOLE = SALE_WORDS(
    "item.quantity_whole",
    "The quantity must be a whole number of at least 1.",
)
_QUANTITY_LARGE = SALE_WORDS("item.quantity_large", "The quantity is too large (at most {limit}).")
_LINE_GONE = SALE_WORDS("item.line_gone", "That line is no longer in the sale.")
_ONLY_IN_STOCK = SALE_WORDS(
    "item.only_in_stock",
    "Only {level} in stock; the quantity cannot be {quantity}.",
)
_UNKNOWN_ITEM = SALE_WORDS(
    "item.unknown",
    "That item is not known; scan it or search for it again.",
)
_NO_CODE_GIVEN = SALE_WORDS("item.code_missing", "Scan or type a barcode or SKU.")
_NO_CODE = SALE_WORDS("item.no_code", "No product has the code {code}.")
_AMBIGUOUS = SALE_WORDS("item.ambiguous", "The code {code} names {count} variants; choose one.")
_CUSTOMER_CHANGED = SALE_WORDS(
    "customer.changed",
    "Changing the customer makes the store drop the coupon and the delivery choices; they are"
    " being applied again.",
)
_COUPON_LOST = SALE_WORDS("coupon.lost", "The coupon {code} could not be applied again: {reason}")

__all__ = ["CartKeeper", "check_quantity"]

log = logging.getLogger("pos.sale")


def check_quantity(quantity: Any) -> None:
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise SaleValidationError.one("quantity", _QUANTITY_WHOLE())
    if quantity > 9999:
        raise SaleValidationError.one("quantity", _QUANTITY_LARGE(limit=9999))


def check_sellable(item: CatalogItem) -> None:
    if item.purchasing_disabled:
        # The store's own words are a sentence of their own ("This item is not available
        # for purchase"), never glued in mid-sentence.
        why = (item.purchasing_disabled_message or "").strip().rstrip(".")
        if not why:
            raise NotSellable(_DISABLED(item=item.display_name))
        raise NotSellable(_DISABLED_WHY(item=item.display_name, why=why))
    if item.out_of_stock:
        raise NotSellable(_OUT_OF_STOCK(item=item.display_name))


def line_input(item: CatalogItem, quantity: int) -> LineItemInput:
    return LineItemInput(product_id=item.product_id, variant_id=item.variant_id, quantity=quantity)


class CartKeeper:
    """Items, customer, billing address and coupons of one sale."""

    def __init__(self, ctx: SaleContext, fulfilment: Fulfilment) -> None:
        self.ctx = ctx
        self.fulfilment = fulfilment
        # The items sent by the last add_to_cart_with whose answer never came (the store
        # may hold them): sent again only once the cart shows it does not.
        self._items_uncertain: object | None = None

    @property
    def items_uncertain(self) -> bool:
        """The last items sent to the cart had no certain answer (the store may hold them)."""
        return self._items_uncertain is not None

    # ------------------------------------------------------------------ items

    async def search(self, text: str, limit: int) -> list[CatalogItem]:
        ctx = self.ctx
        if ctx.catalog is None:
            return []
        hits = await asyncio.to_thread(ctx.catalog.search, text, limit)
        for hit in hits:
            if hit.variant_id is not None:
                ctx.known_items[hit.variant_id] = hit
        return hits

    async def add_item(self, code_or_variant: Any, quantity: int) -> Line:
        ctx = self.ctx
        item = await self.resolve(code_or_variant)
        check_sellable(item)

        def same(ln: Line) -> bool:
            return ln.variant_id == item.variant_id and ln.product_id == item.product_id

        existing = next((ln for ln in ctx.lines if same(ln)), None)
        wanted = quantity + (existing.quantity if existing else 0)
        self.check_stock(item.variant_id, wanted, item)
        if item.variant_id is not None and item.variant_label:
            ctx.labels[item.variant_id] = item.variant_label.replace(" / ", ", ")
        if existing is not None:
            cart = await self.update_line(existing, wanted)
        elif ctx.cart_id is None:
            cart = await self.create_cart(item, quantity)
        else:
            cart = await self.add_to_cart(item, quantity)
        await self.after_items_changed(cart)
        line = next((ln for ln in ctx.lines if same(ln)), None)
        if line is None:
            raise StoreProblem(
                error_kind_message(ErrorKind.INVALID_DATA), ErrorKind.INVALID_DATA,
                detail="the store did not add the item",
            )
        return line

    async def set_quantity(self, line_id: str, quantity: int) -> None:
        line = self.line(line_id)
        if line.quantity == quantity:
            return
        if line.variant_id is not None:
            self.check_stock(line.variant_id, quantity, None)
        cart = await self.update_line(line, quantity)
        await self.after_items_changed(cart)

    async def remove_line(self, line_id: str) -> None:
        ctx = self.ctx
        line = self.line(line_id)
        assert ctx.cart_id is not None
        cart_id = ctx.cart_id
        cart: Cart | None
        try:
            cart = await ctx.client.carts.delete_item(cart_id, line.id)
        except NotFound:
            cart = await ctx.store(ctx.client.carts.get(cart_id))
        except BigCommerceError as exc:
            raise store_problem(exc) from exc
        if cart is None:
            # The cart became empty and the store deleted it: the next item makes a new one.
            ctx.cart_id = None
            ctx.checkout = None
            ctx.methods_task = None
            ctx.methods = None
            ctx.lines = []
            ctx.consignments = []
            ctx.plans = []
            ctx.coupons = []
            ctx.invalidate_order("the cart is empty")
            ctx.emit("lines")
            ctx.emit("totals")
            ctx.set_step(SaleStep.ITEMS)
            return
        await self.after_items_changed(cart)

    def line(self, line_id: str) -> Line:
        for line in self.ctx.lines:
            if line.id == line_id:
                return line
        raise SaleValidationError.one("line_id", _LINE_GONE())

    def check_stock(self, variant_id: int | None, quantity: int, item: CatalogItem | None) -> None:
        stock = self.ctx.stock
        level: int | None = None
        if item is not None:
            level = item.inventory_level
        elif variant_id is not None:
            level = stock.get(variant_id)
        if item is not None and variant_id is not None and level is not None:
            stock[variant_id] = level
        if level is not None and quantity > level:
            raise SaleValidationError.one(
                "quantity", _ONLY_IN_STOCK(level=level, quantity=quantity)
            )

    async def resolve(self, code_or_variant: Any) -> CatalogItem:
        ctx = self.ctx
        if isinstance(code_or_variant, CatalogItem):
            return code_or_variant
        if isinstance(code_or_variant, int) and not isinstance(code_or_variant, bool):
            known = ctx.known_items.get(code_or_variant)
            if known is not None:
                return known
            code = str(code_or_variant)
        elif isinstance(code_or_variant, str):
            code = code_or_variant.strip()
        else:
            variant_id = view.as_int(getattr(code_or_variant, "variant_id", None))
            if variant_id is not None and variant_id in ctx.known_items:
                return ctx.known_items[variant_id]
            raise ItemNotFound(_UNKNOWN_ITEM())
        if not code:
            raise SaleValidationError.one("code", _NO_CODE_GIVEN())
        found: list[CatalogItem] = []
        if ctx.catalog is not None:
            found = await asyncio.to_thread(ctx.catalog.by_code, code)
        if not found:
            found = await self.lookup_api(code)
        if not found:
            raise ItemNotFound(_NO_CODE(code=code))
        sellable = [i for i in found if not i.purchasing_disabled]
        if len(found) > 1 and len(sellable) != 1:
            raise AmbiguousCode(_AMBIGUOUS(code=code, count=len(found)),
                                found)
        item = sellable[0] if len(found) > 1 else found[0]
        if item.variant_id is not None:
            ctx.known_items[item.variant_id] = item
        return item

    async def lookup_api(self, code: str) -> list[CatalogItem]:
        """A code the cache does not know: ask the catalog API (variant UPC, then SKU)."""
        ctx = self.ctx
        catalog = ctx.client.catalog
        variants: list[Variant] = []
        kinds = ("upc", "sku") if code.isdigit() else ("sku", "upc")
        for kind in kinds:
            variants = await ctx.store(
                catalog.find_variants(**{kind: code}), doing("looking up the item")
            )
            if variants:
                break
        items: list[CatalogItem] = []
        names: dict[int, tuple[str, str]] = {}
        for variant in variants:
            if variant.product_id is None:
                continue
            if variant.product_id not in names:
                product = await ctx.store(catalog.get_product(variant.product_id))
                names[variant.product_id] = (product.name or "", product.inventory_tracking or "")
            name, tracking = names[variant.product_id]
            label = " / ".join(v.label or "" for v in variant.option_values if v.label)
            price = variant.calculated_price or variant.sale_price or variant.price
            items.append(
                CatalogItem(
                    product_id=variant.product_id,
                    variant_id=variant.id,
                    name=name,
                    variant_label=label,
                    sku=variant.sku,
                    upc=variant.upc,
                    brand="",
                    price=variant.price,
                    sale_price=variant.sale_price,
                    calculated_price=price,
                    inventory_level=variant.inventory_level if tracking != "none" else None,
                    inventory_tracking=tracking or "none",
                    purchasing_disabled=bool(variant.purchasing_disabled),
                    purchasing_disabled_message=variant.purchasing_disabled_message or "",
                    is_visible=True,
                    date_modified=None,
                    image_url=variant.image_url,
                    option_values=(),
                )
            )
        return items

    async def create_cart(self, item: CatalogItem, quantity: int) -> Cart:
        return await self.create_cart_with([(item, quantity)])

    async def create_cart_with(self, wanted: Sequence[tuple[CatalogItem, int]]) -> Cart:
        """The cart, made with every item of ``wanted`` (in that order) in one call."""
        ctx = self.ctx
        sale_id = await ctx.ensure_sale_record()
        customer_id = ctx.customer.id if ctx.customer is not None else None
        body = [line_input(item, quantity) for item, quantity in wanted]

        def create() -> Any:
            return ctx.client.carts.create(
                body,
                customer_id=customer_id,
                channel_id=ctx.settings.channel_id,
                currency=ctx.settings.currency,
                locale=ctx.settings.locale.replace("_", "-"),
            )

        async def orphan() -> Cart | None:
            # An orphan cart is harmless (it expires); make another one.
            log.info("creating the cart had no certain answer; creating another")
            return None

        cart: Cart = await unsafe_write(
            create,
            what=doing("adding the item"),
            reconcile=orphan,
            resend=lambda: ctx.store(create(), doing("creating the cart")),
        )
        ctx.cart_id = cart.id
        await ctx.jcall(ctx.journal.record_cart, sale_id, cart.id)
        if customer_id is not None:
            await ctx.jcall(ctx.journal.record_customer, sale_id, customer_id)
        ctx.start_methods_fetch()
        return cart

    async def add_to_cart(self, item: CatalogItem, quantity: int) -> Cart:
        return await self.add_to_cart_with([(item, quantity)])

    async def add_many(self, wanted: Sequence[tuple[CatalogItem, int]]) -> Cart:
        """Every item of ``wanted`` in one cart call (``line_items``), in that order: the
        cart is made by it when there is none yet. The store adds an item the cart already
        has to its line."""
        if self.ctx.cart_id is None:
            return await self.create_cart_with(wanted)
        return await self.add_to_cart_with(wanted)

    async def add_to_cart_with(self, wanted: Sequence[tuple[CatalogItem, int]]) -> Cart:
        ctx = self.ctx
        assert ctx.cart_id is not None
        cart_id = ctx.cart_id
        before: dict[tuple[int, int | None], int] = {}
        for ln in ctx.lines:
            key = (ln.product_id, ln.variant_id)
            before[key] = before.get(key, 0) + ln.quantity
        body = [line_input(item, quantity) for item, quantity in wanted]

        def holds_all(cart: Cart) -> bool:
            held: dict[tuple[int, int | None], int] = {}
            for found in cart.line_items.all_items():
                if found.product_id is None:
                    continue
                key = (found.product_id, found.variant_id)
                held[key] = held.get(key, 0) + found.quantity
            return all(
                held.get((item.product_id, item.variant_id), 0)
                >= before.get((item.product_id, item.variant_id), 0) + quantity
                for item, quantity in wanted
            )

        async def arrived() -> Cart | None:
            # Re-read the cart until the items arrive or have stayed absent for the time a
            # late request may still land in (the store can apply a lost request late:
            # sending it again at once would add the quantities twice).
            settings = ctx.settings
            loop = asyncio.get_running_loop()
            absent_until = loop.time() + settings.unpaid_confirm
            interval = max(0.01, settings.reconcile_interval)
            while True:
                cart = await ctx.store(ctx.client.carts.get(cart_id), doing("checking the cart"))
                if holds_all(cart):
                    return cart
                now = loop.time()
                if now >= absent_until:
                    log.info("the items did not arrive in the cart; adding them again")
                    return None
                await asyncio.sleep(min(interval, absent_until - now))
                interval = min(interval * 2, max(settings.reconcile_max_interval, interval))

        attempt = (cart_id, tuple(sorted(before.items(), key=repr)),
                   tuple((i.product_id, i.variant_id, q) for i, q in wanted))
        if self._items_uncertain == attempt:
            # The same items were sent before without an answer: they may be there.
            held = await arrived()
            if held is not None:
                self._items_uncertain = None
                return held
        self._items_uncertain = attempt

        async def send() -> Cart:
            try:
                return await ctx.client.carts.add_items(cart_id, body)
            except (ConnectionFailed, ClientError):
                self._items_uncertain = None  # never sent, or refused: nothing landed
                raise

        cart: Cart = await unsafe_write(
            send,
            what=doing("adding the item"),
            reconcile=arrived,
            resend=lambda: ctx.store(send(), doing("adding the item")),
        )
        self._items_uncertain = None
        return cart

    async def update_line(self, line: Line, quantity: int) -> Cart:
        ctx = self.ctx
        assert ctx.cart_id is not None
        return await ctx.store(
            ctx.client.carts.update_item(
                ctx.cart_id,
                line.id,
                product_id=line.product_id,
                variant_id=line.variant_id,
                quantity=quantity,
            ),
            doing("changing the quantity"),
        )

    async def after_items_changed(self, cart: Cart) -> None:
        """Items changed: new lines, the order is void, consignments are made again."""
        ctx = self.ctx
        ctx.lines = view.lines_from(cart.line_items, ctx.labels, ctx.currency())
        ctx.checkout_stale = True
        ctx.invalidate_order("the items changed")
        ctx.emit("lines")
        if ctx.consignments or ctx.plans:
            await self.fulfilment.redo_after_items()
        elif ctx.checkout is not None:
            await ctx.refresh_checkout()
        ctx.set_step(SaleStep.ITEMS)

    # ------------------------------------------------------------------ customer

    async def search_customers(
        self,
        *,
        name_like: str | None = None,
        emails: Sequence[str] = (),
        phones: Sequence[str] = (),
        ids: Sequence[int] = (),
    ) -> list[Customer]:
        page = await self.ctx.client.customers.search(
            name_like=name_like, emails=emails, phones=phones, ids=ids,
            include=("addresses",), limit=20,
        )
        return [view.customer_from_api(customer) for customer in page.items]

    async def set_customer(self, customer: Customer | None) -> None:
        ctx = self.ctx
        new_id = customer.id if customer is not None else None
        old_id = ctx.customer.id if ctx.customer is not None else None
        ctx.customer = customer
        ctx.emit("customer")
        if new_id == old_id:
            return
        if ctx.cart_id is None:
            return
        sale_id = await ctx.ensure_sale_record()
        had_extras = bool(ctx.coupons or ctx.consignments)
        if had_extras:
            ctx.emit(
                "warning",
                message=_CUSTOMER_CHANGED(),
            )
        await ctx.store(
            ctx.client.carts.set_customer(ctx.cart_id, new_id or 0),
            "attaching the customer",
        )
        await ctx.jcall(ctx.journal.record_customer, sale_id, new_id)
        ctx.invalidate_order("the customer changed")
        ctx.methods = None
        ctx.start_methods_fetch()
        if had_extras:
            await self.redo_after_customer_change()
        else:
            await ctx.refresh_checkout()
        ctx.set_step(ctx.ready_step())

    async def redo_after_customer_change(self) -> None:
        ctx = self.ctx
        coupons = list(ctx.coupons)
        plans = list(ctx.plans)
        checkout = await ctx.store(ctx.client.checkouts.get(ctx.require_cart()))
        ctx.set_checkout(checkout)
        if plans:
            await self.fulfilment.apply(plans, reuse_types=True)
        for code in coupons:
            if code.upper() not in {c.upper() for c in ctx.coupons}:
                try:
                    await self.add_coupon(code)
                except SaleError as exc:
                    ctx.emit("warning", message=_COUPON_LOST(code=code, reason=exc.message))

    async def set_billing_address(self, address: Mapping[str, Any]) -> None:
        """Set the billing address (checked already by :func:`validate_address`)."""
        ctx = self.ctx
        cart_id = ctx.require_cart()
        body = AddressInput(**{k: v for k, v in address.items()
                               if k in AddressInput.model_fields})
        existing = ctx.checkout.billing_address if ctx.checkout is not None else None
        if existing is not None and existing.id:
            checkout = await ctx.store(
                ctx.client.checkouts.update_billing_address(cart_id, str(existing.id), body),
                doing("saving the billing address"),
            )
        else:
            checkout = await self.add_billing(cart_id, body)
        ctx.billing = dict(address)
        ctx.invalidate_order("the billing address changed")
        ctx.set_checkout(checkout)
        ctx.set_step(ctx.ready_step())

    async def add_billing(self, cart_id: str, body: AddressInput) -> Checkout:
        ctx = self.ctx

        async def held() -> Checkout | None:
            checkout = await ctx.store(ctx.client.checkouts.get(cart_id))
            if checkout.billing_address is not None and checkout.billing_address.id:
                return await ctx.store(
                    ctx.client.checkouts.update_billing_address(
                        cart_id, str(checkout.billing_address.id), body
                    ),
                    doing("saving the billing address"),
                )
            return None

        return await unsafe_write(
            lambda: ctx.client.checkouts.add_billing_address(cart_id, body),
            what=doing("saving the billing address"),
            reconcile=held,
            resend=lambda: ctx.store(ctx.client.checkouts.add_billing_address(cart_id, body),
                                     doing("saving the billing address")),
        )

    # ------------------------------------------------------------------ coupons

    async def add_coupon(self, code: str) -> None:
        ctx = self.ctx
        cart_id = ctx.require_cart()

        async def held() -> Checkout | None:
            checkout = await ctx.store(ctx.client.checkouts.get(cart_id))
            if code.upper() in {c.code.upper() for c in checkout.coupons}:
                return checkout
            return None

        async def refused(exc: BigCommerceError) -> None:
            # Real stores refuse a coupon with a 400 whose detail names the reason
            # ("Coupon code `X` is invalid"); older answers were 422 with a title.
            if isinstance(exc, ApiError) and exc.status in (400, 422):
                words = (exc.body.detail or exc.body.title or "The coupon is not valid")
                words = words.strip().replace("`", "").rstrip(".")
                raise SaleValidationError.one("coupon_code", f"{words}.") from exc

        checkout = await unsafe_write(
            lambda: ctx.client.checkouts.add_coupon(cart_id, code),
            what=doing("applying the coupon"),
            reconcile=held,
            resend=lambda: ctx.store(ctx.client.checkouts.add_coupon(cart_id, code),
                                     doing("applying the coupon")),
            on_error=refused,
        )
        ctx.invalidate_order("a coupon was applied")
        ctx.set_checkout(checkout)

    async def remove_coupon(self, code: str) -> None:
        ctx = self.ctx
        cart_id = ctx.require_cart()
        try:
            checkout = await ctx.client.checkouts.remove_coupon(cart_id, code.strip())
        except NotFound:
            checkout = await ctx.store(ctx.client.checkouts.get(cart_id))
        except BigCommerceError as exc:
            raise store_problem(exc, what=doing("removing the coupon")) from exc
        ctx.invalidate_order("a coupon was removed")
        ctx.set_checkout(checkout)
        ctx.set_step(ctx.ready_step())

