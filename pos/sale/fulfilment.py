"""Fulfilment: what is taken now and what is shipped. Plans are validated before any call,
sent as consignments, matched with what the store kept, and applied again when the items
or the customer change; shipping options are chosen per consignment."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

import pos.sale.view as view
from pos.api.errors import BigCommerceError, NotFound
from pos.api.models import AddressInput, Checkout, ConsignmentInput, ConsignmentLineItem
from pos.sale.addresses import validate_address
from pos.sale.context import SaleContext
from pos.sale.errors import SaleValidationError, StepNotReady, StoreProblem, store_problem
from pos.sale.journal import find_sensitive
from pos.sale.messages import ClerkMessage, ErrorKind, NextStep, ValidationError
from pos.sale.phrases import SALE_WORDS, doing
from pos.sale.records import ConsignmentPlan
from pos.sale.unsafe import unsafe_write

_PART = SALE_WORDS("delivery.part", "{quantity} {how}")
_PLUS = SALE_WORDS("delivery.plus", "{first} + {more}")
_ADDS_UP = SALE_WORDS("delivery.adds_up", "{parts} = {total}")

_CHOOSE_PLAN = SALE_WORDS("delivery.choose", "Choose pickup or shipping.")
_CHOOSE_KIND = SALE_WORDS("delivery.choose_kind", "Choose pickup or ship.")
_NO_PICKUP = SALE_WORDS(
    "delivery.no_pickup",
    "This register has no pickup location; ship the items.",
)
_QUANTITIES_WHOLE = SALE_WORDS(
    "delivery.quantities_whole",
    "Quantities must be whole numbers of at least 1 (leave a line out of a consignment "
    "instead of 0).",
)
_TAKEN_NOW = SALE_WORDS("delivery.taken_now", "taken now")
_SHIPPED = SALE_WORDS("delivery.shipped", "shipped")
_EMPTY = SALE_WORDS("delivery.empty", "Put at least one item in it.")
_ITEM_GONE = SALE_WORDS("delivery.item_gone", "An item is no longer in the sale.")
_SHARES_WRONG = SALE_WORDS(
    "delivery.shares_wrong",
    "{item}: {said}, but the sale has {quantity}; every one must be either taken now or "
    "shipped.",
)
_CHOOSE_FOR_ITEM = SALE_WORDS(
    "delivery.choose_for_item",
    "{item}: choose pickup or shipping for it.",
)
_ONE_PICKUP = SALE_WORDS("delivery.one_pickup", "Only one pickup is possible.")
_NOT_KEPT = SALE_WORDS("delivery.not_kept", "The store did not keep this delivery")
_NOT_KEPT_SPLIT = SALE_WORDS(
    "delivery.not_kept_split",
    "The store could not take part of an item now and ship the rest. Choose again: take each "
    "item's whole quantity now or ship it whole.",
)
_NOT_KEPT_CHANGED = SALE_WORDS(
    "delivery.not_kept_changed",
    "The store changed the consignments it was sent. Choose pickup or shipping again.",
)
_SET_UP_AGAIN = SALE_WORDS(
    "delivery.set_up_again",
    "The items changed, so the delivery was set up again.",
)
_CHOOSE_AGAIN = SALE_WORDS(
    "delivery.choose_again",
    "The items changed: choose again what is taken now and what is shipped.",
)
_CONSIGNMENT_GONE = SALE_WORDS(
    "delivery.consignment_gone",
    "That consignment is no longer part of the sale.",
)
_CHOOSE_OFFERED = SALE_WORDS(
    "delivery.choose_offered",
    "Choose one of the offered shipping options.",
)

__all__ = ["Fulfilment", "address_input"]

log = logging.getLogger("pos.sale")


def address_input(address: Mapping[str, Any]) -> AddressInput:
    return AddressInput(**{k: v for k, v in address.items() if k in AddressInput.model_fields})


class Fulfilment:
    """Consignments of one sale."""

    def __init__(self, ctx: SaleContext) -> None:
        self.ctx = ctx

    # ------------------------------------------------------------------ plans

    def check_plans(self, plans: Sequence[ConsignmentPlan]) -> list[ConsignmentPlan]:
        """Each line's quantities over all plans add up to the line's quantity; ship
        addresses complete; at most one pickup. Raises SaleValidationError."""
        ctx = self.ctx
        errors: list[ValidationError] = []
        if not plans:
            raise SaleValidationError.one("consignments", _CHOOSE_PLAN())
        shares: dict[str, list[tuple[str, int]]] = {}
        out: list[ConsignmentPlan] = []
        for index, plan in enumerate(plans):
            where = f"consignments[{index}]"
            if plan.kind not in ("pickup", "ship"):
                errors.append(ValidationError(f"{where}.kind", _CHOOSE_KIND()))
                continue
            address: dict[str, Any] | None = None
            if plan.kind == "ship":
                raw = dict(plan.address or {})
                if not raw.get("email") and ctx.billing is not None:
                    raw["email"] = ctx.billing.get("email", "")
                check = validate_address(raw, complete=True, require_email=False)
                errors += [
                    ValidationError(f"{where}.address.{e.field}", e.message) for e in check.errors
                ]
                address = check.address
            elif ctx.settings.pickup_method_id is None and not ctx.settings.pickup_address:
                errors.append(ValidationError(
                    f"{where}.kind", _NO_PICKUP()
                ))
            items: dict[str, int] = {}
            for line_id, qty in plan.items.items():
                if isinstance(qty, bool) or not isinstance(qty, int) or qty < 1:
                    errors.append(ValidationError(
                        f"{where}.items.{line_id}", _QUANTITIES_WHOLE(),
                    ))
                    continue
                items[line_id] = qty
                how = _TAKEN_NOW() if plan.kind == "pickup" else _SHIPPED()
                shares.setdefault(line_id, []).append((how, qty))
            if not items:
                errors.append(ValidationError(f"{where}.items", _EMPTY()))
            out.append(ConsignmentPlan(kind=plan.kind, items=items, address=address))
        by_id = {ln.id: ln for ln in ctx.lines}
        for line_id, parts in shares.items():
            line = by_id.get(line_id)
            total = sum(qty for _, qty in parts)
            if line is None:
                errors.append(ValidationError(f"items.{line_id}",
                                              _ITEM_GONE()))
            elif total != line.quantity:
                said: str = _PART(quantity=parts[0][1], how=parts[0][0])
                for way, qty in parts[1:]:
                    said = _PLUS(first=said, more=_PART(quantity=qty, how=way))
                if len(parts) > 1:
                    said = _ADDS_UP(parts=said, total=total)
                errors.append(ValidationError(
                    f"items.{line_id}",
                    _SHARES_WRONG(item=line.name, said=said, quantity=line.quantity),
                ))
        for line in ctx.lines:
            if line.id not in shares:
                errors.append(ValidationError(f"items.{line.id}", _CHOOSE_FOR_ITEM(item=line.name)))
        if sum(1 for p in plans if p.kind == "pickup") > 1:
            errors.append(ValidationError("consignments", _ONE_PICKUP()))
        if errors:
            raise SaleValidationError(errors)
        return out

    def consignment_input(self, plan: ConsignmentPlan) -> ConsignmentInput:
        ctx = self.ctx
        items = [ConsignmentLineItem(item_id=k, quantity=v) for k, v in plan.items.items()]
        if plan.kind == "pickup":
            if ctx.settings.pickup_method_id is not None:
                return ConsignmentInput(
                    line_items=items,
                    pickup_option={"pickup_method_id": ctx.settings.pickup_method_id},
                )
            address = dict(ctx.settings.pickup_address)
            if not address.get("email") and ctx.billing is not None:
                address["email"] = ctx.billing.get("email", "")
            return ConsignmentInput(address=address_input(address), line_items=items)
        return ConsignmentInput(address=address_input(plan.address or {}), line_items=items)

    def match_plans(
        self, checkout: Checkout, plans: Sequence[ConsignmentPlan]
    ) -> dict[str, ConsignmentPlan]:
        """Which consignment of the checkout is which plan: by kind, line items and address
        (a split line appears in more than one consignment)."""
        settings = self.ctx.settings
        free = list(plans)
        out: dict[str, ConsignmentPlan] = {}
        for consignment in checkout.consignments:
            ids = set(consignment.line_item_ids)
            extra = consignment.model_extra or {}
            address = consignment.address.model_dump() if consignment.address else {}
            pickup = bool(extra.get("selected_pickup_option")) or (
                settings.pickup_method_id is None
                and view.same_place(address, settings.pickup_address)
            )
            candidates = [p for p in free if set(p.items) == ids
                          and (p.kind == "pickup") == pickup]
            if not candidates and settings.pickup_method_id is None:
                # Shipped to the store's own address: the address alone cannot tell.
                candidates = [p for p in free if set(p.items) == ids]
            if len(candidates) > 1:
                candidates = [p for p in candidates
                              if view.same_place(address, p.address or {})] or candidates
            if candidates:
                out[str(consignment.id)] = candidates[0]
                free.remove(candidates[0])
        return out

    # ------------------------------------------------------------------ at the store

    async def delete_consignments(self) -> None:
        ctx = self.ctx
        cart_id = ctx.require_cart()
        checkout = ctx.checkout
        if checkout is None or ctx.checkout_stale:
            checkout = await ctx.store(ctx.client.checkouts.get(cart_id))
        deleted = False
        for consignment in checkout.consignments:
            try:
                checkout = await ctx.client.checkouts.delete_consignment(
                    cart_id, str(consignment.id)
                )
                deleted = True
            except NotFound:
                deleted = True
                continue
            except BigCommerceError as exc:
                raise store_problem(exc, what=doing("changing the delivery")) from exc
        ctx.consignments = []
        ctx.pickup_ids = set()
        ctx.consignment_plans = {}
        if deleted:
            checkout = await ctx.store(ctx.client.checkouts.get(cart_id))
        ctx.set_checkout(checkout)

    async def apply(self, plans: Sequence[ConsignmentPlan], *, reuse_types: bool) -> None:
        """Replace the consignments with ``plans`` (checked already); on a redo, choose the
        shipping option types chosen before."""
        ctx = self.ctx
        cart_id = ctx.require_cart()
        previous_types = dict(ctx.chosen_types) if reuse_types else {}
        old_plans = list(ctx.plans)
        await self.delete_consignments()
        ctx.invalidate_order("the delivery changed")
        body = [self.consignment_input(p) for p in plans]

        async def held() -> Checkout | None:
            checkout = await ctx.store(ctx.client.checkouts.get(cart_id))
            return checkout if checkout.consignments else None

        checkout = await unsafe_write(
            lambda: ctx.client.checkouts.add_consignments(cart_id, body),
            what=doing("saving the delivery"),
            reconcile=held,
            resend=lambda: ctx.store(ctx.client.checkouts.add_consignments(cart_id, body),
                                     doing("saving the delivery")),
        )
        ctx.chosen_types = {}
        matched = self.match_plans(checkout, plans)
        sale_id = await ctx.ensure_sale_record()
        if len(matched) != len(plans) or len(checkout.consignments) != len(plans):
            # The store merged or dropped part of the plan (a store that does not split a
            # line's quantity moves the whole line): never go on with a delivery the clerk
            # did not choose.
            ctx.plans = []
            ctx.consignment_plans = {}
            ctx.pickup_ids = set()
            ctx.set_checkout(checkout)
            await self.delete_consignments()
            await ctx.jcall(ctx.journal.record_consignments, sale_id, [])
            ctx.set_step(ctx.ready_step())
            split = any(
                sum(1 for p in plans if line_id in p.items) > 1
                for line_id in {i for p in plans for i in p.items}
            )
            raise StoreProblem(
                ClerkMessage(
                    _NOT_KEPT(),
                    _NOT_KEPT_SPLIT() if split else _NOT_KEPT_CHANGED(),
                    NextStep.TRY_AGAIN,
                    True,
                ),
                ErrorKind.INVALID_DATA,
            )
        ctx.plans = list(plans)
        ctx.consignment_plans = matched
        ctx.pickup_ids = {cid for cid, plan in matched.items() if plan.kind == "pickup"}
        ctx.set_checkout(checkout)
        # A store id that the journal's secret filter mistakes for a card number (a
        # consignment id of 13 digits that passes the Luhn check) is left out: the ids are
        # a record only (a resumed sale reads the consignments back from the store).
        ids = [c.id for c in ctx.consignments if find_sensitive(c.id) is None]
        if len(ids) < len(ctx.consignments):
            log.info("%d consignment id(s) left out of the journal",
                     len(ctx.consignments) - len(ids))
        await ctx.jcall(ctx.journal.record_consignments, sale_id, ids)
        # Legacy pickup: choose the store's "Pickup In Store" option; on a redo, the option
        # types chosen before.
        for info in list(ctx.consignments):
            wanted: str | None = None
            if info.kind == "pickup" and info.options:
                wanted = ctx.settings.pickup_option_type
            elif info.kind == "ship":
                old = next((p for p in old_plans if p.kind == "ship"
                            and set(p.items) == set(info.items)), None)
                wanted = previous_types.get(view.plan_key(old)) if old is not None else None
                if wanted is None and len(previous_types) == 1 and len(plans) == 1:
                    wanted = next(iter(previous_types.values()))
            if wanted is None:
                continue
            option = next((o for o in info.options if o.type == wanted), None)
            if option is not None:
                await self.select_option(info.id, option.id)

    async def redo_after_items(self) -> None:
        """Changed items recreate the consignments: a single plan is made again with every
        line; a split one is dropped and the clerk splits again."""
        ctx = self.ctx
        plans = ctx.plans
        if len(plans) == 1:
            plan = plans[0]
            again = ConsignmentPlan(
                kind=plan.kind,
                items={ln.id: ln.quantity for ln in ctx.lines},
                address=plan.address,
            )
            await self.apply([again], reuse_types=True)
            ctx.emit("warning", message=_SET_UP_AGAIN())
        else:
            await self.delete_consignments()
            ctx.plans = []
            ctx.emit(
                "warning",
                message=_CHOOSE_AGAIN(),
            )

    # ------------------------------------------------------------------ shipping options

    async def choose(self, consignment_id: str, option_id: str) -> None:
        """Choose one of the offered options for a shipping consignment."""
        ctx = self.ctx
        consignment = next((c for c in ctx.consignments if c.id == consignment_id), None)
        if consignment is None:
            raise StepNotReady(_CONSIGNMENT_GONE())
        if option_id not in {o.id for o in consignment.options}:
            raise SaleValidationError.one("shipping_option_id", _CHOOSE_OFFERED())
        await self.select_option(consignment_id, option_id)
        ctx.set_step(ctx.ready_step())

    async def select_option(self, consignment_id: str, option_id: str) -> None:
        ctx = self.ctx
        cart_id = ctx.require_cart()
        checkout = await ctx.store(
            ctx.client.checkouts.select_shipping_option(cart_id, consignment_id, option_id),
            doing("choosing the shipping option"),
        )
        ctx.invalidate_order("the shipping changed")
        options = {c.id: c.options for c in ctx.consignments}
        ctx.set_checkout(checkout, keep_options=options)
        chosen = next((c for c in ctx.consignments if c.id == consignment_id), None)
        if chosen is not None:
            option = next((o for o in chosen.options if o.id == option_id), None)
            plan = ctx.consignment_plans.get(consignment_id)
            if option is not None:
                ctx.chosen_types[view.plan_key(plan)] = option.type
