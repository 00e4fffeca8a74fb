"""A sale as a script: the one walk through a sale's steps shared by ``pos sale``,
``pos --self-test`` and ``benchmarks/bench_sale.py`` (the wizard walks them with a clerk).

:class:`SaleScript` says what to sell (items, customer, billing address, consignments,
coupon); :func:`walk` rings it up on a :class:`~pos.sale.sale.Sale`, running each step only
when the sale still needs it, so that a resumed sale continues where it stopped. How the
payment is made is the caller's (``pay``); how the steps are paced and measured, too
(:class:`Pace`). Qt-free.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pos.sale.errors import SaleError
from pos.sale.records import (
    ConsignmentPlan,
    Line,
    Payment,
    PaymentOptions,
    PaymentResult,
    SaleStep,
)
from pos.sale.sale import Sale

__all__ = [
    "ConsignmentSpec",
    "ItemSpec",
    "LineRef",
    "Pace",
    "SaleScript",
    "ScriptError",
    "Walked",
    "walk",
]

T = TypeVar("T")


class ScriptError(ValueError):
    """The script cannot be rung up as written (nothing the store refused)."""


@dataclass(frozen=True)
class ItemSpec:
    """An item by SKU or UPC (``code``); ``upc`` when the code is one (consignments may
    name the item by it). ``alternatives``: codes to try, in turn, when the store cannot
    sell ``code`` (given, even empty, the walk raises :class:`ScriptError` when none of
    them sells; not given, the store's refusal itself)."""

    code: str
    quantity: int = 1
    upc: Any = None
    alternatives: tuple[str, ...] | None = None


@dataclass(frozen=True)
class LineRef:
    """A line of a consignment: a SKU, a line id, the index of an item of the script, or
    an item's UPC; ``quantity`` of it (None: what no earlier consignment took)."""

    ref: Any
    quantity: Any = None


@dataclass(frozen=True)
class ConsignmentSpec:
    """Taken now (``pickup``) or shipped to ``address`` with the ``shipping`` option type
    (``"cheapest"``). ``items``: ``"all"`` (what is left) or a sequence of :class:`LineRef`."""

    pickup: bool = True
    items: Any = "all"
    address: Mapping[str, Any] | None = None
    shipping: str = "cheapest"


@dataclass(frozen=True)
class SaleScript:
    """What to sell. ``billing``: an address (BigCommerce field names) or
    ``"customer-default"`` (the customer's first address)."""

    items: Sequence[ItemSpec]
    billing: Any = "customer-default"
    customer_email: str | None = None
    consignments: Sequence[ConsignmentSpec] = field(default_factory=lambda: (ConsignmentSpec(),))
    coupon: str | None = None


@dataclass(frozen=True)
class Walked:
    """What the walk ended with: the payment step as shown, and the charge's result."""

    options: PaymentOptions
    result: PaymentResult


class Pace:
    """How a walk is paced and measured; the default runs each step at once.

    ``step`` wraps each step of the walk (``"items"``, ``"customer"``, ``"fulfilment"``,
    ``"shipping"``, ``"coupon"``, ``"payment"``, ``"charge"``), run or not; ``scan`` adds
    the items (each entry of ``adds`` adds one)."""

    async def step(self, name: str, call: Callable[[], Awaitable[T]]) -> T:
        return await call()

    async def scan(self, adds: Sequence[Callable[[], Awaitable[Line]]]) -> list[Line]:
        return [await add() for add in adds]


async def walk(
    sale: Sale,
    script: SaleScript,
    pay: Callable[[PaymentOptions], Payment],
    *,
    pace: Pace | None = None,
) -> Walked:
    """Ring up (or finish) ``sale`` as ``script`` says and charge ``pay(options)``.

    Raises :class:`ScriptError` when the script does not fit the sale (no such customer,
    no line for a consignment's item...), and the sale's own errors as they come."""
    pace = pace or Pace()
    codes: dict[int, str] = {}

    async def items() -> None:
        if sale.lines:
            return
        adds = [_adder(sale, item) for item in script.items]
        for n, line in enumerate(await pace.scan(adds)):
            codes[n] = line.id

    async def customer() -> None:
        email = script.customer_email
        if email and (sale.customer is None or sale.customer.email.lower() != email.lower()):
            found = await sale.customer_by_email(email)
            if found is None:
                raise ScriptError(f"no customer has the e-mail {email}")
            await sale.set_customer(found)
        if sale.billing_address is None or sale.step is SaleStep.CUSTOMER:
            billing = script.billing
            if billing == "customer-default":
                if sale.customer is None or not sale.customer.addresses:
                    raise ScriptError("\"customer-default\" needs a customer with an address")
                billing = dict(sale.customer.addresses[0])
                billing.setdefault("email", sale.customer.email)
            if not isinstance(billing, Mapping):
                raise ScriptError(
                    "billing_address must be an address object or \"customer-default\""
                )
            await sale.set_billing_address(billing)

    async def fulfilment() -> None:
        if sale.step is SaleStep.FULFILMENT or not sale.consignments:
            await sale.set_fulfilment(_plans(sale, script, codes))

    async def shipping() -> None:
        for n, c in enumerate(script.consignments):
            if c.pickup:
                continue
            for consignment in [x for x in sale.consignments if x.kind == "ship"]:
                if not consignment.needs_option:
                    continue
                options = sale.shipping_options(consignment.id)
                if not options:
                    raise ScriptError(f"consignments[{n}]: the store offers no shipping option")
                if c.shipping == "cheapest":
                    option = min(options, key=lambda o: o.cost)
                else:
                    chosen = next((o for o in options if o.type == c.shipping), None)
                    if chosen is None:
                        raise ScriptError(
                            f"consignments[{n}]: no shipping option of type {c.shipping!r}"
                        )
                    option = chosen
                await sale.choose_shipping(consignment.id, option.id)

    async def coupon() -> None:
        code = script.coupon
        if code and str(code).upper() not in {c.upper() for c in sale.coupons}:
            await sale.apply_coupon(str(code))

    await pace.step("items", items)
    await pace.step("customer", customer)
    await pace.step("fulfilment", fulfilment)
    await pace.step("shipping", shipping)
    await pace.step("coupon", coupon)
    options = await pace.step("payment", sale.prepare_payment)
    payment = pay(options)
    result = await pace.step("charge", lambda: sale.charge(payment))
    return Walked(options, result)


def _adder(sale: Sale, item: ItemSpec) -> Callable[[], Awaitable[Line]]:
    async def add() -> Line:
        codes = (item.code, *(item.alternatives or ()))
        for n, code in enumerate(codes):
            try:
                return await sale.add_item(code, item.quantity)
            except SaleError as exc:
                if item.alternatives is None:
                    raise
                if n == len(codes) - 1:
                    raise ScriptError(f"none of {len(codes)} items could be sold: {exc}") \
                        from None
        raise ScriptError("no item to add")  # pragma: no cover - codes is never empty

    return add


def _plans(sale: Sale, script: SaleScript, codes: Mapping[int, str]) -> list[ConsignmentPlan]:
    """The script's consignments as plans of the sale's lines."""
    plans: list[ConsignmentPlan] = []
    lines = list(sale.lines)
    left = {ln.id: ln.quantity for ln in lines}
    for n, c in enumerate(script.consignments):
        wanted = c.items
        items: dict[str, int] = {}
        if wanted == "all":
            items = {ln.id: left[ln.id] for ln in lines if left[ln.id] > 0}
        elif isinstance(wanted, Sequence) and not isinstance(wanted, str):
            for entry in wanted:
                ref, part = (entry.ref, entry.quantity) if isinstance(entry, LineRef) \
                    else (entry, None)
                line = _line_for(ref, lines, script, codes)
                if line is None:
                    raise ScriptError(f"consignments[{n}]: no line for {ref!r}")
                if part is None:
                    part = left[line.id]
                if isinstance(part, bool) or not isinstance(part, int) or part < 1:
                    raise ScriptError(f"consignments[{n}]: the quantity of {ref!r} must be "
                                      "a whole number of at least 1")
                items[line.id] = part
        else:
            raise ScriptError(f"consignments[{n}].items must be \"all\" or a list")
        for line_id, part in items.items():
            left[line_id] = left[line_id] - part
        if c.pickup:
            plans.append(ConsignmentPlan(kind="pickup", items=items))
        else:
            plans.append(ConsignmentPlan(kind="ship", items=items, address=c.address))
    return plans


def _line_for(ref: Any, lines: Sequence[Line], script: SaleScript,
              codes: Mapping[int, str]) -> Line | None:
    line = next((ln for ln in lines if ref in (ln.sku, ln.id)), None)
    if line is None and isinstance(ref, int) and ref in codes:
        line = next((ln for ln in lines if ln.id == codes[ref]), None)
    if line is None:
        upc_index = next((i for i, it in enumerate(script.items) if it.upc == ref), None)
        if upc_index is not None and upc_index < len(lines):
            line = lines[upc_index]
    return line
