"""Models: unknown fields kept, money as Decimal, dates parsed, secrets hidden."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from api_helpers import CHECKOUT
from pydantic import ValidationError

from pos.api.models import (
    AddressInput,
    Card,
    Checkout,
    ConsignmentInput,
    ConsignmentLineItem,
    CustomItemInput,
    LineItemInput,
    Order,
    PaymentAccessToken,
    PaymentMethod,
    RefundItem,
    StoredCard,
    StoredInstrument,
)

CARD_NUMBER = "4242424242424242"
CVV = "987"


def test_v2_order_money_strings_and_rfc2822_dates() -> None:
    order = Order.model_validate(
        {
            "id": 100,
            "status_id": 11,
            "status": "Awaiting Fulfillment",
            "total_inc_tax": "225.0000",
            "total_tax": "18.7500",
            "date_created": "Tue, 20 Nov 2012 00:00:00 +0000",
            "cart_id": "c0ffee",
            "brand_new_field": [1, 2],
        }
    )
    assert order.total_inc_tax == Decimal("225.0000")
    assert isinstance(order.total_tax, Decimal)
    assert order.date_created == dt.datetime(2012, 11, 20, tzinfo=dt.UTC)
    assert order.model_extra == {"brand_new_field": [1, 2]}


def test_checkout_official_names_and_decimal_numbers() -> None:
    # The client parses JSON with parse_float=Decimal; here we feed the same way.
    checkout = Checkout.model_validate(json.loads(json.dumps(CHECKOUT), parse_float=Decimal))
    assert checkout.cart.cart_amount_inc_tax == Decimal("21.65")
    assert checkout.grand_total == Decimal("21.65")
    assert checkout.order_id is None
    assert checkout.consignments[0].address is not None
    assert checkout.consignments[0].address.id == "1"  # numbers coerced to string ids
    assert checkout.consignments[0].available_shipping_options is not None
    assert checkout.taxes[0].amount == Decimal("1.65")
    assert checkout.model_extra == {"some_future_field": {"x": 1}}


def test_checkout_order_id_is_a_nullable_string() -> None:
    data = dict(CHECKOUT, order_id=125)
    assert Checkout.model_validate(data).order_id == "125"


def test_float_money_does_not_pick_up_binary_noise() -> None:
    order = Order.model_validate({"id": 1, "status_id": 0, "total_inc_tax": 0.1})
    assert order.total_inc_tax == Decimal("0.1")


@pytest.mark.parametrize("bad", ["abc", "NaN", True, {"x": 1}])
def test_bad_money_is_a_validation_error(bad: object) -> None:
    with pytest.raises(ValidationError):
        Order.model_validate({"id": 1, "status_id": 0, "total_inc_tax": bad})


def test_card_hides_number_and_cvv_everywhere() -> None:
    card = Card(
        cardholder_name="Jane Doe", number="4242 4242 4242 4242", expiry_month=12,
        expiry_year=2030, verification_value=CVV,
    )
    for text in (repr(card), str(card), f"{card}", repr(card.number), str(card.model_dump())):
        assert CARD_NUMBER not in text
        assert CVV not in text
    assert card.last4 == "4242"
    assert card.instrument() == {
        "type": "card", "number": CARD_NUMBER, "cardholder_name": "Jane Doe",
        "expiry_month": 12, "expiry_year": 2030, "verification_value": CVV,
    }


def test_card_validation_errors_do_not_echo_input() -> None:
    with pytest.raises(ValidationError) as info:
        Card(cardholder_name="J", number="4242x4242424242", expiry_month=13,
             expiry_year=30, verification_value="12345")
    text = str(info.value)
    assert "4242" not in text and "12345" not in text
    assert "number" in text and "expiry_month" in text


def test_stored_card_and_tokens_hidden() -> None:
    stored = StoredCard(token="t" * 64, verification_value=CVV)
    assert "t" * 64 not in repr(stored) and CVV not in repr(stored)
    assert stored.instrument() == {"type": "stored_card", "token": "t" * 64,
                                   "verification_value": CVV}
    pat = PaymentAccessToken.model_validate({"id": "eyJhbGciOiJIUzI1NiJ9.x.y"})
    assert "eyJ" not in repr(pat)
    instrument = StoredInstrument.model_validate(
        {"type": "stored_card", "token": "s" * 64, "last_4": "4242", "brand": "VISA"}
    )
    assert "s" * 64 not in repr(instrument)


def test_inputs_build_documented_bodies() -> None:
    item = LineItemInput(product_id=5, quantity=2, variant_id=7, list_price=Decimal("9.50"))
    assert item.body() == {"product_id": 5, "quantity": 2, "variant_id": 7, "list_price": 9.5}
    custom = CustomItemInput(sku="MISC", name="Misc", quantity=1, list_price=Decimal("3"))
    assert custom.body() == {"sku": "MISC", "name": "Misc", "quantity": 1, "list_price": 3}
    consignment = ConsignmentInput(
        address=AddressInput(email="a@b.test", country_code="US", first_name="A"),
        line_items=[ConsignmentLineItem(item_id="li-1", quantity=1)],
    )
    body = consignment.body()
    assert "address" in body and "shipping_address" not in body
    assert body["line_items"] == [{"item_id": "li-1", "quantity": 1}]
    refund = RefundItem(item_type="SHIPPING", item_id=3, amount=Decimal("4.25"))
    assert refund.body() == {"item_type": "SHIPPING", "item_id": 3, "amount": 4.25}


def test_payment_method_with_instruments() -> None:
    method = PaymentMethod.model_validate(
        {
            "id": "stripe.card", "name": "Stripe", "test_mode": True, "type": "card",
            "supported_instruments": [{"instrument_type": "VISA",
                                       "verification_value_required": True}],
            "stored_instruments": [],
        }
    )
    assert method.supported_instruments[0].instrument_type == "VISA"
