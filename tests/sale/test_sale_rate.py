"""A sale at a real store's limits: the phone search at a store that matches phones
exactly, and the calls a sale makes."""

from __future__ import annotations

from collections.abc import Callable

from pos.api.client import BigCommerceClient
from pos.sale.sale import Sale

NewSale = Callable[..., Sale]


async def test_a_phone_typed_as_digits_finds_the_customer_stored_with_punctuation(
    new_sale: NewSale, client: BigCommerceClient
) -> None:
    customers = (await client.customers.search(limit=50)).items
    held = next(c for c in customers if c.phone and c.phone.startswith("("))
    digits = "".join(ch for ch in held.phone or "" if ch.isdigit())
    sale = new_sale()
    found = await sale.find_customers(digits)
    assert held.id in [c.id for c in found]
    assert all("".join(ch for ch in c.phone if ch.isdigit())[-10:] == digits for c in found)


async def test_a_number_no_customer_has_finds_nobody(new_sale: NewSale) -> None:
    # The store matches phone:in exactly; the register must not list anyone else.
    assert await new_sale().find_customers("(737) 444-0199") == []
    assert await new_sale().find_customers("+44 20 7946 0000") == []
