"""Customer search with ``include=addresses`` against the sandbox over loopback."""

from __future__ import annotations

import pytest

from pos.api import BigCommerceClient
from pos.api.models import CustomerAddress


async def _customer_with_addresses(client: BigCommerceClient) -> int:
    page = await client.customers.search(limit=50)
    for customer in page.items:
        if (customer.model_extra or {}).get("address_count", 0) > 0:
            return customer.id
    pytest.fail("the sandbox's demo customers have no addresses")


async def test_search_includes_addresses(client: BigCommerceClient) -> None:
    customer_id = await _customer_with_addresses(client)

    bare = await client.customers.search(ids=[customer_id])
    assert [c.id for c in bare.items] == [customer_id]
    assert bare.items[0].addresses is None  # not asked for

    page = await client.customers.search(ids=[customer_id], include=("addresses",))
    (customer,) = page.items
    assert customer.addresses, "include=addresses fills the addresses"
    address = customer.addresses[0]
    assert isinstance(address, CustomerAddress)
    assert address.customer_id == customer_id
    assert address.address1 and address.city and address.country_code
    assert len(address.country_code) == 2

    assert customer.email
    by_email = await client.customers.search(emails=[customer.email], include=["addresses"])
    assert [c.id for c in by_email.items] == [customer_id]
    assert by_email.items[0].addresses == customer.addresses


async def test_iter_search_includes_addresses(client: BigCommerceClient) -> None:
    customer_id = await _customer_with_addresses(client)
    found = [
        c async for c in client.customers.iter_search(
            ids=[customer_id], include=("addresses",), page_size=5
        )
    ]
    assert [c.id for c in found] == [customer_id]
    assert found[0].addresses

    every = [c async for c in client.customers.iter_search(include=("addresses",), page_size=3)]
    assert len(every) == len({c.id for c in every}) > 3  # more than one page, each once
    assert all(c.addresses is not None for c in every)


async def test_search_refuses_an_unknown_include(client: BigCommerceClient) -> None:
    with pytest.raises(ValueError, match="unknown customer include"):
        await client.customers.search(include=("adresses",))


async def test_several_values_of_a_filter_go_comma_separated(client: BigCommerceClient) -> None:
    """A store refuses a filter given twice: several e-mails, phones or ids are one
    comma-separated value, and each is matched exactly."""
    customers = (await client.customers.search(limit=3)).items
    assert len(customers) == 3
    wanted = customers[:2]
    by_email = await client.customers.search(emails=[c.email for c in wanted])
    assert sorted(c.id for c in by_email.items) == sorted(c.id for c in wanted)
    by_id = await client.customers.search(ids=[c.id for c in wanted])
    assert sorted(c.id for c in by_id.items) == sorted(c.id for c in wanted)
    by_phone = await client.customers.search(phones=[c.phone for c in wanted if c.phone])
    assert {c.id for c in by_phone.items} == {c.id for c in wanted if c.phone}
