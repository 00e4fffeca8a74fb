"""Returns: find a past sale, refund all or part of it exactly once, void it the same day,
put the goods back on the shelf. A sibling of :mod:`pos.sale` (no Qt)."""

from pos.returns.engine import QuoteChanged, Returns, ReturnsError
from pos.returns.journal import RefundJournal
from pos.returns.records import (
    DEFAULT_REASONS,
    OrderLine,
    OrderView,
    QuoteView,
    RefundResult,
    ReturnLine,
    ReturnsSettings,
)

__all__ = [
    "DEFAULT_REASONS",
    "OrderLine",
    "OrderView",
    "QuoteChanged",
    "QuoteView",
    "RefundJournal",
    "RefundResult",
    "ReturnLine",
    "Returns",
    "ReturnsError",
    "ReturnsSettings",
]
