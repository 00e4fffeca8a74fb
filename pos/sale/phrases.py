"""The sale engine's phrasebook: every sentence the engine builds for the clerk.

Modules of ``pos.sale`` make their phrases from :data:`SALE_WORDS` at import time
(``_NO_CODE = SALE_WORDS("item.no_code", "No product has the code {code}.")``) and raise
or report ``_NO_CODE(code=code)``: English text that the Qt face says in the clerk's
language (``pos.ui.wording``). See :mod:`pos.wording`.
"""

from __future__ import annotations

from pos.wording import CountryName, Phrasebook

__all__ = ["ADD_AN_ITEM_FIRST", "ALREADY_PAID", "ALREADY_PAID_START_NEW", "BILLING_FIRST",
           "CONSIGNMENT_GONE", "SALE_WORDS", "country", "doing"]

SALE_WORDS = Phrasebook("SaleWords")

#: Said by several steps of the engine.
ADD_AN_ITEM_FIRST = SALE_WORDS("not_ready.items", "Add an item to the sale first.")
BILLING_FIRST = SALE_WORDS("not_ready.customer", "Enter the customer's billing address first.")
ALREADY_PAID_START_NEW = SALE_WORDS(
    "paid.start_new", "This sale is already paid; start a new sale for changes.")
ALREADY_PAID = SALE_WORDS("paid.already", "This sale is already paid.")
CONSIGNMENT_GONE = SALE_WORDS("delivery.consignment_gone",
                              "That consignment is no longer part of the sale.")


def country(code: str) -> CountryName:
    """A country as a phrase parameter: English here, the clerk's language on screen."""
    from pos.sale.regions import country_name

    return CountryName(code, country_name(code) or code)


#: What the engine was doing when a call to the store failed ("(adding the item)").
_DOING = {
    english: SALE_WORDS("doing." + english.replace(" ", "_"), english)()
    for english in (
        "adding the item", "applying the coupon", "changing the delivery",
        "changing the quantity", "checking an earlier order of this sale", "checking the cart",
        "checking the order", "checking whether the order was made",
        "choosing the shipping option", "creating the cart", "finding the customer",
        "looking up the item", "making the order", "reading the payment methods",
        "reading the sale", "removing the coupon", "saving the billing address",
        "saving the delivery",
    )
}


def doing(english: str) -> str:
    """What the engine was doing (one of :data:`_DOING`'s), as words a face can translate."""
    return _DOING.get(english, english)
