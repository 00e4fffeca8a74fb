"""Pydantic models of BigCommerce's requests and responses.

Response models accept fields they do not know (``extra="allow"``), keep the official
field names, parse money to :class:`~decimal.Decimal` (v2 sends strings such as
``"225.0000"``, v3 numbers) and parse v2's RFC 2822 dates as well as v3's ISO 8601 ones.

Input models (``*Input``, :class:`Card`, :class:`StoredCard`) build request bodies with
:meth:`BCInput.body`. Card numbers, CVVs and tokens are :class:`~pydantic.SecretStr`:
hidden in ``repr``/``str`` and in validation errors.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from email.utils import parsedate_to_datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    SecretStr,
    field_validator,
)

__all__ = [
    "AddressInput",
    "BillingAddress",
    "Card",
    "Cart",
    "CartLineItems",
    "Checkout",
    "CheckoutCart",
    "Consignment",
    "ConsignmentAddress",
    "ConsignmentInput",
    "ConsignmentLineItem",
    "Coupon",
    "CreatedOrder",
    "Currency",
    "CustomItem",
    "CustomItemInput",
    "Customer",
    "CustomerAddress",
    "CustomerInput",
    "Date",
    "LineItem",
    "LineItemInput",
    "Meta",
    "Money",
    "Order",
    "OrderAddress",
    "OrderProduct",
    "OrderStatus",
    "Page",
    "Pagination",
    "PaymentAccessToken",
    "PaymentMethod",
    "PaymentResult",
    "Product",
    "Refund",
    "RefundItem",
    "RefundPayment",
    "RefundPaymentOption",
    "RefundQuote",
    "ShippingOption",
    "StoredCard",
    "StoredInstrument",
    "SupportedInstrument",
    "Tax",
    "Transaction",
    "Variant",
]


def _to_decimal(value: Any) -> Any:
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise ValueError("a boolean is not an amount")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # shortest round-trip text, not the binary expansion
    if isinstance(value, str):
        text = value.strip()
        if text == "":
            return None
        try:
            result = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError("not an amount") from exc
        if not result.is_finite():
            raise ValueError("not a finite amount")
        return result
    raise ValueError("not an amount")


def _to_datetime(value: Any) -> Any:
    if value is None or isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text == "":
            return None
        if text[:1].isalpha():  # RFC 2822: "Tue, 20 Nov 2012 00:00:00 +0000"
            try:
                return parsedate_to_datetime(text)
            except (TypeError, ValueError) as exc:
                raise ValueError("not an RFC 2822 date") from exc
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as exc:
            raise ValueError("not an ISO 8601 date") from exc
    raise ValueError("not a date")


def _to_str_id(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError("not an id")
    if isinstance(value, int):
        return str(value)
    return value


#: An amount of money, from a JSON number or a decimal string; ``None`` stays ``None``.
Money = Annotated[Decimal, BeforeValidator(_to_decimal)]
#: A date-time from RFC 2822 (v2) or ISO 8601 (v3).
Date = Annotated[dt.datetime, BeforeValidator(_to_datetime)]
#: A string id that BigCommerce sometimes sends as a number.
StrId = Annotated[str, BeforeValidator(_to_str_id)]
_Secret = Annotated[SecretStr, PlainSerializer(lambda s: s.get_secret_value(), when_used="json")]


class BCModel(BaseModel):
    """A response object: unknown fields kept, official names."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, hide_input_in_errors=True)


class BCInput(BaseModel):
    """A request object. :meth:`body` gives the JSON-ready dict without unset fields."""

    model_config = ConfigDict(extra="allow", hide_input_in_errors=True)

    def body(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)


# --------------------------------------------------------------------------- common


class Pagination(BCModel):
    total: int | None = None
    count: int | None = None
    per_page: int | None = None
    current_page: int | None = None
    total_pages: int | None = None


class Meta(BCModel):
    pagination: Pagination | None = None


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a v3 collection."""

    items: list[T]
    pagination: Pagination | None = None

    @property
    def has_next(self) -> bool:
        p = self.pagination
        if p is None or p.current_page is None or p.total_pages is None:
            return False
        return p.current_page < p.total_pages


class Currency(BCModel):
    code: str | None = None


# --------------------------------------------------------------------------- catalog


class OptionValue(BCModel):
    id: int | None = None
    label: str | None = None
    option_id: int | None = None
    option_display_name: str | None = None


class Variant(BCModel):
    id: int
    product_id: int | None = None
    sku: str | None = None
    sku_id: int | None = None
    upc: str | None = None
    gtin: str | None = None
    mpn: str | None = None
    price: Money | None = None
    sale_price: Money | None = None
    retail_price: Money | None = None
    calculated_price: Money | None = None
    inventory_level: int | None = None
    purchasing_disabled: bool | None = None
    purchasing_disabled_message: str | None = None
    image_url: str | None = None
    option_values: list[OptionValue] = Field(default_factory=list)


class Product(BCModel):
    id: int
    name: str | None = None
    type: str | None = None
    sku: str | None = None
    upc: str | None = None
    price: Money | None = None
    sale_price: Money | None = None
    retail_price: Money | None = None
    calculated_price: Money | None = None
    inventory_level: int | None = None
    inventory_tracking: str | None = None
    is_visible: bool | None = None
    availability: str | None = None
    variants: list[Variant] | None = None


# --------------------------------------------------------------------------- customers


class CustomerAddress(BCModel):
    """One of a customer's saved addresses (``include=addresses`` of ``GET /v3/customers``)."""

    id: int | None = None
    customer_id: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    address1: str | None = None
    address2: str | None = None
    city: str | None = None
    state_or_province: str | None = None
    postal_code: str | None = None
    country: str | None = None
    country_code: str | None = None
    phone: str | None = None
    address_type: str | None = None


class Customer(BCModel):
    id: int
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    phone: str | None = None
    customer_group_id: int | None = None
    date_created: Date | None = None
    date_modified: Date | None = None
    addresses: list[CustomerAddress] | None = None
    """Present only when the search asked for ``include=addresses``."""


class CustomerInput(BCInput):
    """Body of one customer for ``POST /v3/customers`` (email, first and last name required)."""

    email: str
    first_name: str
    last_name: str
    company: str | None = None
    phone: str | None = None
    notes: str | None = None
    customer_group_id: int | None = None


class StoredInstrument(BCModel):
    """A stored card (or PayPal/bank account). ``token`` is hidden from ``repr``."""

    type: str
    token: str = Field(repr=False)
    is_default: bool | None = None
    brand: str | None = None
    expiry_month: int | None = None
    expiry_year: int | None = None
    issuer_identification_number: str | None = None
    last_4: str | None = None
    email: str | None = None


# --------------------------------------------------------------------------- carts


class LineItem(BCModel):
    """A physical or digital line item; ``id`` is the UUID used as a consignment ``item_id``."""

    id: str
    parent_id: str | None = None
    variant_id: int | None = None
    product_id: int | None = None
    sku: str | None = None
    name: str | None = None
    quantity: int
    is_taxable: bool | None = None
    is_require_shipping: bool | None = None
    original_price: Money | None = None
    list_price: Money | None = None
    sale_price: Money | None = None
    extended_list_price: Money | None = None
    extended_sale_price: Money | None = None
    discount_amount: Money | None = None
    coupon_amount: Money | None = None
    image_url: str | None = None


class CustomItem(BCModel):
    id: str
    sku: str | None = None
    name: str | None = None
    quantity: int
    list_price: Money | None = None
    extended_list_price: Money | None = None


class CartLineItems(BCModel):
    physical_items: list[LineItem] = Field(default_factory=list)
    digital_items: list[LineItem] = Field(default_factory=list)
    custom_items: list[CustomItem] = Field(default_factory=list)
    gift_certificates: list[dict[str, Any]] = Field(default_factory=list)

    def all_items(self) -> list[LineItem]:
        return [*self.physical_items, *self.digital_items]


class Cart(BCModel):
    id: str
    customer_id: int | None = None
    channel_id: int | None = None
    email: str | None = None
    currency: Currency | None = None
    tax_included: bool | None = None
    base_amount: Money | None = None
    discount_amount: Money | None = None
    manual_discount_amount: Money | None = None
    cart_amount: Money | None = None
    line_items: CartLineItems = Field(default_factory=CartLineItems)
    created_time: Date | None = None
    updated_time: Date | None = None
    locale: str | None = None
    version: int | None = None


class OptionSelection(BCInput):
    option_id: int
    option_value: int | str
    name: str | None = None
    value: str | None = None


class LineItemInput(BCInput):
    """A catalog item for a cart. With modifiers, omit ``variant_id`` and use
    ``option_selections``. ``list_price`` overrides the price (no promotions then)."""

    product_id: int
    quantity: int = Field(ge=1)
    variant_id: int | None = None
    list_price: Money | None = None
    name: str | None = None
    option_selections: list[OptionSelection] | None = None

    def body(self) -> dict[str, Any]:
        out = super().body()
        if self.list_price is not None:
            out["list_price"] = _json_number(self.list_price)
        return out


class CustomItemInput(BCInput):
    """A non-catalog item (``custom_items``)."""

    sku: str
    name: str
    quantity: int = Field(ge=1)
    list_price: Money

    def body(self) -> dict[str, Any]:
        out = super().body()
        out["list_price"] = _json_number(self.list_price)
        return out


def _json_number(value: Decimal) -> int | float:
    """Decimal to a JSON number for v3 bodies (which type money as ``number``)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# --------------------------------------------------------------------------- checkouts


class AddressInput(BCInput):
    """A billing or consignment address (``AddressProperties``)."""

    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    company: str | None = None
    address1: str | None = None
    address2: str | None = None
    city: str | None = None
    state_or_province: str | None = None
    state_or_province_code: str | None = None
    country_code: str | None = None
    postal_code: str | None = None
    phone: str | None = None
    custom_fields: list[dict[str, Any]] | None = None


class BillingAddress(BCModel):
    id: StrId | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    company: str | None = None
    address1: str | None = None
    address2: str | None = None
    city: str | None = None
    state_or_province: str | None = None
    state_or_province_code: str | None = None
    country: str | None = None
    country_code: str | None = None
    postal_code: str | None = None
    phone: str | None = None


class ConsignmentAddress(BillingAddress):
    pass


class ConsignmentLineItem(BCInput):
    item_id: str
    quantity: int = Field(ge=1)


class ConsignmentInput(BCInput):
    """One element of the consignments array: ``address`` + ``line_items``, or a
    ``pickup_option`` ``{"pickup_method_id": N}``."""

    address: AddressInput | None = None
    line_items: list[ConsignmentLineItem]
    pickup_option: dict[str, Any] | None = None


class ShippingOption(BCModel):
    id: str
    type: str | None = None
    description: str | None = None
    image_url: str | None = None
    cost: Money | None = None
    transit_time: str | None = None
    additional_description: str | None = None


class Consignment(BCModel):
    id: StrId
    address: ConsignmentAddress | None = None
    available_shipping_options: list[ShippingOption] | None = None
    selected_shipping_option: ShippingOption | None = None
    shipping_cost_inc_tax: Money | None = None
    shipping_cost_ex_tax: Money | None = None
    handling_cost_inc_tax: Money | None = None
    handling_cost_ex_tax: Money | None = None
    line_item_ids: list[str] = Field(default_factory=list)


class Coupon(BCModel):
    code: str
    id: StrId | None = None
    coupon_type: StrId | None = None
    discounted_amount: Money | None = None
    display_name: str | None = None


class Tax(BCModel):
    name: str | None = None
    amount: Money | None = None


class CheckoutCart(BCModel):
    """The cart inside a checkout: ``cart_amount_inc_tax``/``_ex_tax``, no ``cart_amount``."""

    id: str
    customer_id: int | None = None
    email: str | None = None
    currency: Currency | None = None
    tax_included: bool | None = None
    base_amount: Money | None = None
    channel_id: int | None = None
    discount_amount: Money | None = None
    cart_amount_inc_tax: Money | None = None
    cart_amount_ex_tax: Money | None = None
    coupons: list[Coupon] = Field(default_factory=list)
    line_items: CartLineItems = Field(default_factory=CartLineItems)
    created_time: Date | None = None
    updated_time: Date | None = None


class Checkout(BCModel):
    id: str
    cart: CheckoutCart
    billing_address: BillingAddress | None = None
    consignments: list[Consignment] = Field(default_factory=list)
    taxes: list[Tax] = Field(default_factory=list)
    coupons: list[Coupon] = Field(default_factory=list)
    #: A string, or null until an order is created from the checkout.
    order_id: StrId | None = None
    shipping_cost_total_inc_tax: Money | None = None
    shipping_cost_total_ex_tax: Money | None = None
    handling_cost_total_inc_tax: Money | None = None
    handling_cost_total_ex_tax: Money | None = None
    tax_total: Money | None = None
    subtotal_inc_tax: Money | None = None
    subtotal_ex_tax: Money | None = None
    grand_total: Money | None = None
    customer_message: str | None = None
    created_time: Date | None = None
    updated_time: Date | None = None
    version: int | None = None


class CreatedOrder(BCModel):
    id: int


# --------------------------------------------------------------------------- orders


class OrderAddress(BCModel):
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    street_1: str | None = None
    street_2: str | None = None
    city: str | None = None
    state: str | None = None
    zip: str | None = None
    country: str | None = None
    country_iso2: str | None = None
    phone: str | None = None
    email: str | None = None


class Order(BCModel):
    """A v2 order. Money fields arrive as strings and are Decimals here."""

    id: int
    customer_id: int | None = None
    channel_id: int | None = None
    status_id: int
    status: str | None = None
    custom_status: str | None = None
    payment_status: str | None = None
    payment_method: str | None = None
    payment_provider_id: StrId | None = None
    cart_id: str | None = None
    date_created: Date | None = None
    date_modified: Date | None = None
    subtotal_ex_tax: Money | None = None
    subtotal_inc_tax: Money | None = None
    total_ex_tax: Money | None = None
    total_inc_tax: Money | None = None
    total_tax: Money | None = None
    shipping_cost_inc_tax: Money | None = None
    discount_amount: Money | None = None
    coupon_discount: Money | None = None
    refunded_amount: Money | None = None
    store_credit_amount: Money | None = None
    gift_certificate_amount: Money | None = None
    currency_code: str | None = None
    items_total: int | None = None
    staff_notes: str | None = None
    customer_message: str | None = None
    billing_address: OrderAddress | None = None
    is_deleted: bool | None = None


class OrderProduct(BCModel):
    id: int
    order_id: int | None = None
    product_id: int | None = None
    variant_id: int | None = None
    order_address_id: int | None = None
    name: str | None = None
    sku: str | None = None
    quantity: int | None = None
    base_price: Money | None = None
    price_ex_tax: Money | None = None
    price_inc_tax: Money | None = None
    total_ex_tax: Money | None = None
    total_inc_tax: Money | None = None


class OrderStatus(BCModel):
    id: int
    name: str | None = None
    system_label: str | None = None
    custom_label: str | None = None
    system_description: str | None = None
    order: int | None = None


class Transaction(BCModel):
    id: int | str
    order_id: StrId | None = None
    event: str | None = None
    method: str | None = None
    amount: Money | None = None
    currency: str | None = None
    gateway: str | None = None
    gateway_transaction_id: str | None = None
    status: str | None = None
    test: bool | None = None
    date_created: Date | None = None
    payment_method_id: str | None = None


class RefundItem(BCInput):
    """One refund line: ``PRODUCT``/``GIFT_WRAPPING`` take ``quantity``; ``ORDER``,
    ``SHIPPING``, ``HANDLING``, ``TAX``, ``FEE`` take ``amount``."""

    item_type: Literal["PRODUCT", "GIFT_WRAPPING", "ORDER", "SHIPPING", "HANDLING", "TAX", "FEE"]
    item_id: int
    quantity: int | None = None
    amount: Money | None = None
    reason: str | None = None

    def body(self) -> dict[str, Any]:
        out = super().body()
        if self.amount is not None:
            out["amount"] = _json_number(self.amount)
        return out


class RefundPayment(BCInput):
    provider_id: str
    amount: Money
    offline: bool = False

    def body(self) -> dict[str, Any]:
        out = super().body()
        out["amount"] = _json_number(self.amount)
        return out


class RefundPaymentOption(BCModel):
    provider_id: str | None = None
    provider_description: str | None = None
    amount: Money | None = None
    offline: bool | None = None
    offline_provider: bool | None = None
    offline_reason: str | None = None


class RefundQuote(BCModel):
    order_id: int | None = None
    total_refund_amount: Money | None = None
    total_refund_tax_amount: Money | None = None
    order_level_refund_amount: Money | None = None
    rounding: Money | None = None
    adjustment: Money | None = None
    tax_inclusive: bool | None = None
    refund_methods: list[list[RefundPaymentOption]] = Field(default_factory=list)


class RefundedPayment(BCModel):
    id: int | None = None
    provider_id: str | None = None
    amount: Money | None = None
    offline: bool | None = None
    is_declined: bool | None = None
    declined_message: str | None = None


class Refund(BCModel):
    id: int
    order_id: int | None = None
    user_id: int | None = None
    created: Date | None = None
    reason: str | None = None
    total_amount: Money | None = None
    total_tax: Money | None = None
    items: list[dict[str, Any]] = Field(default_factory=list)
    payments: list[RefundedPayment] = Field(default_factory=list)


# --------------------------------------------------------------------------- payments


class SupportedInstrument(BCModel):
    instrument_type: str
    verification_value_required: bool | None = None


class PaymentMethod(BCModel):
    id: str
    name: str | None = None
    test_mode: bool | None = None
    type: str | None = None
    supported_instruments: list[SupportedInstrument] = Field(default_factory=list)
    stored_instruments: list[StoredInstrument] = Field(default_factory=list)


class PaymentAccessToken(BCModel):
    """The payment access token (PAT): ``id`` is secret, single use, valid one hour."""

    id: SecretStr


class PaymentResult(BCModel):
    id: str
    transaction_type: str | None = None
    status: str | None = None


class Card(BaseModel):
    """A card typed or swiped at the register. Number and CVV are secrets: never in
    ``repr``/``str``, validation errors or logs; they leave memory only in the payment body.
    """

    model_config = ConfigDict(hide_input_in_errors=True, frozen=True)

    cardholder_name: str = Field(min_length=1)
    number: SecretStr
    expiry_month: int = Field(ge=1, le=12)
    expiry_year: int = Field(ge=1000, le=9999)
    verification_value: SecretStr | None = None

    @field_validator("number")
    @classmethod
    def _digits_only(cls, value: SecretStr) -> SecretStr:
        digits = "".join(ch for ch in value.get_secret_value() if ch not in " -")
        if not digits.isdigit() or not 12 <= len(digits) <= 19:
            raise ValueError("card number must be 12 to 19 digits")
        return SecretStr(digits)

    @field_validator("verification_value")
    @classmethod
    def _cvv_digits(cls, value: SecretStr | None) -> SecretStr | None:
        if value is not None and not (
            value.get_secret_value().isdigit() and 3 <= len(value.get_secret_value()) <= 4
        ):
            raise ValueError("CVV must be 3 or 4 digits")
        return value

    @property
    def last4(self) -> str:
        return self.number.get_secret_value()[-4:]

    def instrument(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": "card",
            "number": self.number.get_secret_value(),
            "cardholder_name": self.cardholder_name,
            "expiry_month": self.expiry_month,
            "expiry_year": self.expiry_year,
        }
        if self.verification_value is not None:
            body["verification_value"] = self.verification_value.get_secret_value()
        return body

    def __repr__(self) -> str:
        return f"Card(cardholder_name=..., number=****{self.last4}, expiry=**/**, cvv=***)"

    __str__ = __repr__


class StoredCard(BaseModel):
    """A stored card by its token (from ``stored_instruments``); CVV when the method
    requires it (``verification_value_required``)."""

    model_config = ConfigDict(hide_input_in_errors=True, frozen=True)

    token: SecretStr
    verification_value: SecretStr | None = None

    def instrument(self) -> dict[str, Any]:
        body: dict[str, Any] = {"type": "stored_card", "token": self.token.get_secret_value()}
        if self.verification_value is not None:
            body["verification_value"] = self.verification_value.get_secret_value()
        return body

    def __repr__(self) -> str:
        return "StoredCard(token=***, cvv=***)"

    __str__ = __repr__
