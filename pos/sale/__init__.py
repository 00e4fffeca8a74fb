"""The sale engine: steps, journal and payment guard; no Qt.

Faces of the register (the wizard, ``pos sale``, the self-test, benchmarks) import the
engine's public types from here and nowhere deeper: ``from pos.sale import Sale, SaleStep``.
"""

from pos.sale.catalog_cache import CatalogItem
from pos.sale.errors import (
    AmbiguousCode,
    ItemNotFound,
    NotSellable,
    PaymentInProgress,
    SaleAlreadyPaid,
    SaleError,
    SaleValidationError,
    StepNotReady,
    StoreProblem,
)
from pos.sale.messages import ClerkMessage, InvalidInput, ValidationError
from pos.sale.records import (
    Attribution,
    Callback,
    CompletedSale,
    CompletedSaleHook,
    ConsignmentInfo,
    ConsignmentPlan,
    Customer,
    Line,
    NewCard,
    Payment,
    PaymentMethodInfo,
    PaymentOptions,
    PaymentResult,
    SaleEvent,
    SaleStep,
    ShippingOptionInfo,
    StoredCard,
    StoredCardInfo,
    Totals,
    UndeliveredSale,
    UnfinishedSale,
)
from pos.sale.sale import Sale
from pos.sale.scans import PendingScan
from pos.sale.settings import SaleSettings

__all__ = [
    "AmbiguousCode",
    "Attribution",
    "Callback",
    "CatalogItem",
    "ClerkMessage",
    "CompletedSale",
    "CompletedSaleHook",
    "ConsignmentInfo",
    "ConsignmentPlan",
    "Customer",
    "InvalidInput",
    "ItemNotFound",
    "Line",
    "NewCard",
    "NotSellable",
    "Payment",
    "PaymentInProgress",
    "PaymentMethodInfo",
    "PaymentOptions",
    "PaymentResult",
    "PendingScan",
    "Sale",
    "SaleAlreadyPaid",
    "SaleError",
    "SaleEvent",
    "SaleSettings",
    "SaleStep",
    "SaleValidationError",
    "ShippingOptionInfo",
    "StepNotReady",
    "StoreProblem",
    "StoredCard",
    "StoredCardInfo",
    "Totals",
    "UndeliveredSale",
    "UnfinishedSale",
    "ValidationError",
]
