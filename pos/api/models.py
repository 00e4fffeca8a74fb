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
    "Channel",
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
    "GiftCertificate",
    "LineItem",
    "LineItemInput",
    "Meta",
    "Money",
    "Order",
    "OrderAddress",
    "OrderProduct",
    "OrderStatus",
    "OrderTax",
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
    "StoreCredit",
    "StoredCard",
    "StoredInstrument",
    "SupportedInstrument",
    "Tax",
    "Transaction",
    "Variant",
    "unbuilt_models",
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


def _json_number(value: Decimal) -> int | float:
    """Decimal to a JSON number for v3 bodies (which type money as ``number``)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


#: An amount in a request body: parsed like :data:`Money`, sent as a JSON number.
Amount = Annotated[
    Decimal, BeforeValidator(_to_decimal), PlainSerializer(_json_number, when_used="json")
]
#: A date-time from RFC 2822 (v2) or ISO 8601 (v3).
Date = Annotated[dt.datetime, BeforeValidator(_to_datetime)]
#: A string id that BigCommerce sometimes sends as a number.
StrId = Annotated[str, BeforeValidator(_to_str_id)]
_Secret = Annotated[SecretStr, PlainSerializer(lambda s: s.get_secret_value(), when_used="json")]


#: Every model's validator is built when the model is first used, not when this module is
#: imported (the register's first window does not wait for the client's fifty models).
_DEFERRED = ConfigDict(defer_build=True)


class BCModel(BaseModel):
    """A response object: unknown fields kept, official names."""

    model_config = ConfigDict(extra="allow", populate_by_name=True, hide_input_in_errors=True,
                              defer_build=True)


class BCInput(BaseModel):
    """A request object. :meth:`body` gives the JSON-ready dict without unset fields."""

    model_config = ConfigDict(extra="allow", hide_input_in_errors=True, defer_build=True)

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

    model_config = _DEFERRED

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


# --------------------------------------------------------------------------- channels


class Channel(BCModel):
    """A sales channel: ``type`` ``storefront``, ``pos``, ``marketplace``, ``marketing``;
    ``status`` ``active``, ``prelaunch``, ``inactive``, ``connected``, ``disconnected``..."""

    id: int
    name: str | None = None
    platform: str | None = None
    type: str | None = None
    status: str | None = None
    external_id: str | None = None
    is_enabled: bool | None = None
    is_listable_from_ui: bool | None = None
    is_visible: bool | None = None
    icon_url: str | None = None
    date_created: Date | None = None
    date_modified: Date | None = None


# --------------------------------------------------------------------------- catalog


class OptionValue(BCModel):
    id: int | None = None
    label: str | None = None
    option_id: int | None = None
    option_display_name: str | None = None


class _Sellable(BCModel):
    """What a product and a variant both carry: codes, prices and stock."""

    id: int
    sku: str | None = None
    upc: str | None = None
    price: Money | None = None
    sale_price: Money | None = None
    retail_price: Money | None = None
    calculated_price: Money | None = None
    inventory_level: int | None = None


class Variant(_Sellable):
    product_id: int | None = None
    sku_id: int | None = None
    gtin: str | None = None
    mpn: str | None = None
    purchasing_disabled: bool | None = None
    purchasing_disabled_message: str | None = None
    image_url: str | None = None
    option_values: list[OptionValue] = Field(default_factory=list)


class Product(_Sellable):
    name: str | None = None
    type: str | None = None
    inventory_tracking: str | None = None
    is_visible: bool | None = None
    availability: str | None = None
    variants: list[Variant] | None = None


# --------------------------------------------------------------------------- addresses


class _AddressLines(BaseModel):
    """The fields every v3 address (customer, billing, consignment) spells the same way."""

    model_config = _DEFERRED

    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    address1: str | None = None
    address2: str | None = None
    city: str | None = None
    state_or_province: str | None = None
    postal_code: str | None = None
    country_code: str | None = None
    phone: str | None = None


class _CheckoutAddressLines(_AddressLines):
    """A checkout's address (``AddressProperties``): the lines plus e-mail and state code."""

    email: str | None = None
    state_or_province_code: str | None = None


# --------------------------------------------------------------------------- customers


class CustomerAddress(BCModel, _AddressLines):
    """One of a customer's saved addresses (``include=addresses`` of ``GET /v3/customers``)."""

    id: int | None = None
    customer_id: int | None = None
    country: str | None = None
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
    store_credit_amounts: list[dict[str, Any]] | None = None
    """Present only when the search asked for ``include=storecredit``."""

    @property
    def store_credit(self) -> Decimal | None:
        """The customer's store credit (None: not asked for)."""
        if self.store_credit_amounts is None:
            return None
        total = Decimal(0)
        for entry in self.store_credit_amounts:
            try:
                total += Decimal(str(entry.get("amount", 0)))
            except (InvalidOperation, ValueError):
                continue
        return total.quantize(Decimal("0.01"))


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


class _CartItem(BCModel):
    """What every kind of cart line carries."""

    id: str
    sku: str | None = None
    name: str | None = None
    quantity: int
    list_price: Money | None = None
    extended_list_price: Money | None = None


class LineItem(_CartItem):
    """A physical or digital line item; ``id`` is the UUID used as a consignment ``item_id``."""

    parent_id: str | None = None
    variant_id: int | None = None
    product_id: int | None = None
    is_taxable: bool | None = None
    is_require_shipping: bool | None = None
    original_price: Money | None = None
    sale_price: Money | None = None
    extended_sale_price: Money | None = None
    discount_amount: Money | None = None
    coupon_amount: Money | None = None
    image_url: str | None = None


class CustomItem(_CartItem):
    """A non-catalog line (``custom_items``)."""


class CartLineItems(BCModel):
    physical_items: list[LineItem] = Field(default_factory=list)
    digital_items: list[LineItem] = Field(default_factory=list)
    custom_items: list[CustomItem] = Field(default_factory=list)
    gift_certificates: list[dict[str, Any]] = Field(default_factory=list)

    def all_items(self) -> list[LineItem]:
        return [*self.physical_items, *self.digital_items]


class _CartFields(BCModel):
    """What a cart and a checkout's cart both carry."""

    id: str
    customer_id: int | None = None
    channel_id: int | None = None
    email: str | None = None
    currency: Currency | None = None
    tax_included: bool | None = None
    base_amount: Money | None = None
    discount_amount: Money | None = None
    line_items: CartLineItems = Field(default_factory=CartLineItems)
    created_time: Date | None = None
    updated_time: Date | None = None


class Cart(_CartFields):
    manual_discount_amount: Money | None = None
    cart_amount: Money | None = None
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
    list_price: Amount | None = None
    name: str | None = None
    option_selections: list[OptionSelection] | None = None


class CustomItemInput(BCInput):
    """A non-catalog item (``custom_items``)."""

    sku: str
    name: str
    quantity: int = Field(ge=1)
    list_price: Amount


# --------------------------------------------------------------------------- checkouts


class AddressInput(BCInput, _CheckoutAddressLines):
    """A billing or consignment address (``AddressProperties``)."""

    custom_fields: list[dict[str, Any]] | None = None


class BillingAddress(BCModel, _CheckoutAddressLines):
    id: StrId | None = None
    country: str | None = None


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


class CheckoutCart(_CartFields):
    """The cart inside a checkout: ``cart_amount_inc_tax``/``_ex_tax``, no ``cart_amount``."""

    cart_amount_inc_tax: Money | None = None
    cart_amount_ex_tax: Money | None = None
    coupons: list[Coupon] = Field(default_factory=list)


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
    quantity_refunded: int | None = None
    base_price: Money | None = None
    price_ex_tax: Money | None = None
    price_inc_tax: Money | None = None
    total_ex_tax: Money | None = None
    total_inc_tax: Money | None = None


class OrderTax(BCModel):
    """One tax applied to an order (``GET /v2/orders/{id}/taxes``): its ``name`` (e.g.
    "State Tax"), rate, and the amount it came to (``line_amount``, else
    ``priority_amount``)."""

    id: int | None = None
    order_id: int | None = None
    name: str | None = None
    class_: str | None = Field(default=None, alias="class")
    rate: Money | None = None
    priority_amount: Money | None = None
    line_amount: Money | None = None
    line_item_type: str | None = None

    @property
    def amount(self) -> Decimal:
        value = self.line_amount if self.line_amount is not None else self.priority_amount
        return value if value is not None else Decimal(0)


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
    amount: Amount | None = None
    reason: str | None = None


class RefundPayment(BCInput):
    provider_id: str
    amount: Amount
    offline: bool = False


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


class _Instrument(BaseModel):
    """What the payments body's ``instrument`` is built from; secrets never in ``repr``."""

    model_config = ConfigDict(hide_input_in_errors=True, frozen=True, defer_build=True)

    verification_value: SecretStr | None = None

    def _instrument_fields(self) -> dict[str, Any]:
        raise NotImplementedError

    def instrument(self) -> dict[str, Any]:
        """The ``instrument`` object of the payment body (with the CVV when there is one)."""
        body = self._instrument_fields()
        if self.verification_value is not None:
            body["verification_value"] = self.verification_value.get_secret_value()
        return body

    def __str__(self) -> str:
        return repr(self)


class Card(_Instrument):
    """A card typed or swiped at the register. Number and CVV are secrets: never in
    ``repr``/``str``, validation errors or logs; they leave memory only in the payment body.
    """

    cardholder_name: str = Field(min_length=1)
    number: SecretStr
    expiry_month: int = Field(ge=1, le=12)
    expiry_year: int = Field(ge=1000, le=9999)

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

    def _instrument_fields(self) -> dict[str, Any]:
        return {
            "type": "card",
            "number": self.number.get_secret_value(),
            "cardholder_name": self.cardholder_name,
            "expiry_month": self.expiry_month,
            "expiry_year": self.expiry_year,
        }

    def __repr__(self) -> str:
        return f"Card(cardholder_name=..., number=****{self.last4}, expiry=**/**, cvv=***)"


class GiftCertificate(_Instrument):
    """A gift certificate by its code (a bearer code: never in ``repr`` or logs)."""

    code: SecretStr

    def _instrument_fields(self) -> dict[str, Any]:
        return {"type": "gift_certificate",
                "gift_certificate_code": self.code.get_secret_value()}

    def __repr__(self) -> str:
        return "GiftCertificate(code=***)"


class StoreCredit(_Instrument):
    """The customer's store credit."""

    def _instrument_fields(self) -> dict[str, Any]:
        return {"type": "store_credit"}

    def __repr__(self) -> str:
        return "StoreCredit()"


class StoredCard(_Instrument):
    """A stored card by its token (from ``stored_instruments``); CVV when the method
    requires it (``verification_value_required``)."""

    token: SecretStr

    def _instrument_fields(self) -> dict[str, Any]:
        return {"type": "stored_card", "token": self.token.get_secret_value()}

    def __repr__(self) -> str:
        return "StoredCard(token=***, cvv=***)"


def unbuilt_models() -> list[type[BaseModel]]:
    """The models of this module whose validators are not built yet: each is built at its
    first use, or now by ``model.model_rebuild()`` (a register does that while it is idle
    after its window shows, so that no call of its first sale waits for one)."""
    return [
        value for value in globals().values()
        if isinstance(value, type) and issubclass(value, BaseModel)
        and value.__module__ == __name__ and not value.__pydantic_complete__
    ]
