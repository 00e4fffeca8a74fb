"""The receipt's words follow the register's language, its numbers and dates the locale."""

from __future__ import annotations

from hardware_support import order_json, products_json

from pos.hardware.receipt import ReceiptOptions, receipt_from_order
from pos.stores.profiles import profile_from_data


def test_the_profiles_language_words_the_receipt_in_a_us_formatted_store():
    profile, _ = profile_from_data({"name": "shop", "sandbox": True, "locale": "en_US",
                                    "language": "es"})
    assert profile is not None
    options = ReceiptOptions.from_profile(profile)
    assert (options.locale, options.language) == ("en_US", "es")
    receipt = receipt_from_order(order_json(), products_json(), options)
    assert [name for name, _ in receipt.rows] == ["Subtotal", "Descuentos", "Impuestos"]
    assert receipt.status == "Pendiente de preparación"
    assert receipt.labels["thank_you"] == "¡Gracias!"


def test_without_a_language_the_locale_words_the_receipt():
    receipt = receipt_from_order(order_json(), products_json(), ReceiptOptions(locale="en_US"))
    assert [name for name, _ in receipt.rows] == ["Subtotal", "Discounts", "Tax"]
    assert receipt.status == "Awaiting Fulfillment"
