"""The receipt of an order as the store holds it: a pure function, no Qt, no I/O.

:func:`receipt_from_order` turns ``GET /v2/orders/{id}``, ``GET /v2/orders/{id}/products``
(and, where read, ``GET /v3/orders/{id}/transactions`` for the card's last four digits) into
a :class:`Receipt`. The same value feeds the ESC/POS printer (:mod:`pos.hardware.escpos_render`)
and the PDF receipt of the register window: ``pos.ui.receipt.ReceiptData(**receipt.pdf_fields())``
builds the PDF's model from it, field for field.

:func:`text_lines` lays a receipt out as fixed-width lines (48 columns on 80 mm paper, 32 on
58 mm), which is what a thermal printer prints.

The printed words follow the profile's language (:data:`LABELS`: English, Spanish, French);
amounts follow its locale (:func:`pos.sale.money.format_money`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pos.sale.money import format_money

__all__ = [
    "COLUMNS",
    "LABELS",
    "Receipt",
    "ReceiptOptions",
    "format_when",
    "labels_for",
    "receipt_from_order",
    "text_lines",
]

#: Characters per line of font A: 80 mm paper prints 48, 58 mm prints 32.
COLUMNS = {80: 48, 58: 32}

#: The receipt's words per language. Keys are the English words' roles.
LABELS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "order": "Order", "date": "Date", "terminal": "Terminal", "status": "Status",
        "payment": "Payment", "card": "Card", "transaction": "Transaction",
        "subtotal": "Subtotal", "discounts": "Discounts", "shipping": "Shipping",
        "tax": "Tax", "total": "Total", "thank_you": "Thank you!", "copy": "COPY",
        "refunded": "Refunded", "change": "Change",
    },
    "es": {
        "order": "Pedido", "date": "Fecha", "terminal": "Terminal", "status": "Estado",
        "payment": "Pago", "card": "Tarjeta", "transaction": "Transacción",
        "subtotal": "Subtotal", "discounts": "Descuentos", "shipping": "Envío",
        "tax": "Impuestos", "total": "Total", "thank_you": "¡Gracias!", "copy": "COPIA",
        "refunded": "Reembolsado", "change": "Cambio",
    },
    "fr": {
        "order": "Commande", "date": "Date", "terminal": "Caisse", "status": "Statut",
        "payment": "Paiement", "card": "Carte", "transaction": "Transaction",
        "subtotal": "Sous-total", "discounts": "Remises", "shipping": "Livraison",
        "tax": "Taxes", "total": "Total", "thank_you": "Merci !", "copy": "COPIE",
        "refunded": "Remboursé", "change": "Monnaie",
    },
}

#: BigCommerce's order statuses in the languages above (English comes from the store).
_STATUS_NAMES: Mapping[str, Mapping[int, str]] = {
    "es": {
        0: "Incompleto", 1: "Pendiente", 2: "Enviado", 3: "Enviado en parte",
        4: "Reembolsado", 5: "Cancelado", 6: "Rechazado", 7: "Pendiente de pago",
        8: "Pendiente de recogida", 9: "Pendiente de envío", 10: "Completado",
        11: "Pendiente de preparación", 12: "Verificación manual", 13: "En disputa",
        14: "Reembolsado en parte",
    },
    "fr": {
        0: "Incomplète", 1: "En attente", 2: "Expédiée", 3: "Expédiée en partie",
        4: "Remboursée", 5: "Annulée", 6: "Refusée", 7: "Paiement en attente",
        8: "Retrait en attente", 9: "Expédition en attente", 10: "Terminée",
        11: "En préparation", 12: "Vérification manuelle", 13: "Contestée",
        14: "Remboursée en partie",
    },
}


def _language(locale: str) -> str:
    return locale.replace("-", "_").split("_", 1)[0].lower()


def labels_for(locale: str) -> Mapping[str, str]:
    """The receipt's words in ``locale``'s language (English when it has none)."""
    return LABELS.get(_language(locale), LABELS["en"])


def format_when(when: dt.datetime, locale: str) -> str:
    """``when`` in local time: ``12/07/2026 6:41 PM`` in en_US, ``07/12/2026 18:41``
    elsewhere (day first, 24 hours)."""
    local = when.astimezone() if when.tzinfo is not None else when
    if locale.replace("-", "_") in ("en_US", "en_PH", "en"):
        hour = local.hour % 12 or 12
        return f"{local:%m/%d/%Y} {hour}:{local:%M} {'AM' if local.hour < 12 else 'PM'}"
    return f"{local:%d/%m/%Y %H:%M}"


@dataclass(frozen=True)
class ReceiptOptions:
    """What the store profile adds to every receipt."""

    store: str = ""
    locale: str = "en_US"
    currency: str = "USD"  # used when the order carries no currency
    language: str = ""  # the receipt's words (the profile's language); empty: the locale's
    terminal: str = ""
    header: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()

    @classmethod
    def from_profile(cls, profile: Any) -> ReceiptOptions:
        """From a store profile (:class:`pos.stores.profiles.Profile`, read by its fields)."""
        return cls(
            store=str(getattr(profile, "title", "") or getattr(profile, "name", "") or ""),
            locale=str(getattr(profile, "locale", "en_US") or "en_US"),
            currency=str(getattr(profile, "currency", "USD") or "USD"),
            language=str(getattr(profile, "language", "") or ""),
            terminal=str(getattr(profile, "terminal_name", "") or ""),
            header=tuple(str(x) for x in getattr(profile, "receipt_header", ()) or ()),
            footer=tuple(str(x) for x in getattr(profile, "receipt_footer", ()) or ()),
        )


@dataclass(frozen=True)
class Receipt:
    """One receipt, ready to print or to save. The field names and shapes are those of
    ``pos.ui.receipt.ReceiptData`` (see :meth:`pdf_fields`)."""

    store: str
    order_id: int | None
    status: str
    transaction_id: str
    masked_card: str
    currency: str
    locale: str
    lines: tuple[tuple[str, int, Decimal], ...] = ()
    rows: tuple[tuple[str, Decimal], ...] = ()  # subtotal, discounts, shipping, tax
    total: Decimal = Decimal(0)
    terminal: str = ""
    header: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()
    when: dt.datetime | None = None
    status_id: int | None = None
    payment_method: str = ""
    labels: Mapping[str, str] = field(default_factory=lambda: LABELS["en"], compare=False)

    def pdf_fields(self) -> dict[str, Any]:
        """Keyword arguments of ``pos.ui.receipt.ReceiptData`` for this receipt."""
        return {
            "store": self.store, "order_id": self.order_id, "status": self.status,
            "transaction_id": self.transaction_id, "masked_card": self.masked_card,
            "currency": self.currency, "locale": self.locale, "lines": list(self.lines),
            "rows": list(self.rows), "total": self.total, "terminal": self.terminal,
            "header": self.header, "footer": self.footer, "when": self.when,
        }

    def money(self, amount: Decimal) -> str:
        return format_money(amount, self.currency, self.locale)


def _get(obj: Any, name: str) -> Any:
    """A field of an API model or of a plain mapping, known or extra."""
    if isinstance(obj, Mapping):
        return obj.get(name)
    value = getattr(obj, name, None)
    if value is None:
        extra = getattr(obj, "model_extra", None) or {}
        value = extra.get(name)
    return value


def _money(value: Any) -> Decimal:
    if value is None or value == "":
        return Decimal(0)
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _line_name(product: Any) -> str:
    name = str(_get(product, "name") or _get(product, "sku") or "?")
    options = _get(product, "product_options") or []
    values = [str(o.get("display_value")) for o in options
              if isinstance(o, Mapping) and o.get("display_value")]
    return f"{name} ({', '.join(values)})" if values else name


def _card(transactions: Iterable[Any]) -> tuple[str, str]:
    """(masked card, transaction id) of the order's successful charge, if any."""
    for tx in transactions:
        event = str(_get(tx, "event") or "").lower()
        status = str(_get(tx, "status") or "").lower()
        if event not in ("purchase", "capture", "authorization") or status not in (
            "ok", "success", "pending", ""
        ):
            continue
        card = _get(tx, "credit_card")
        last4 = str(card.get("card_last4") or "") if isinstance(card, Mapping) else ""
        masked = f"•••• {last4[-4:]}" if last4 else ""
        reference = str(_get(tx, "gateway_transaction_id") or _get(tx, "id") or "")
        return masked, reference
    return "", ""


def receipt_from_order(
    order: Any,
    products: Sequence[Any],
    options: ReceiptOptions,
    *,
    transactions: Sequence[Any] = (),
) -> Receipt:
    """The receipt of ``order`` (``pos.api.models.Order`` or the v2 order's JSON) with its
    ``products`` (``OrderProduct`` or JSON): lines, totals and status exactly as the store
    holds them, in ``options``' language and locale. Nothing is computed but the sum of the
    discounts."""
    labels = labels_for(options.language or options.locale)
    currency = str(_get(order, "currency_code") or options.currency or "USD")
    lines = tuple(
        (_line_name(p), int(_get(p, "quantity") or 0), _money(_get(p, "total_ex_tax")))
        for p in products
    )
    rows: list[tuple[str, Decimal]] = [(labels["subtotal"], _money(_get(order, "subtotal_ex_tax")))]
    discounts = _money(_get(order, "discount_amount")) + _money(_get(order, "coupon_discount"))
    if discounts:
        rows.append((labels["discounts"], -abs(discounts)))
    shipping = _get(order, "shipping_cost_ex_tax")
    if shipping is None:
        shipping = _get(order, "shipping_cost_inc_tax")
    if _money(shipping):
        rows.append((labels["shipping"], _money(shipping)))
    rows.append((labels["tax"], _money(_get(order, "total_tax"))))
    refunded = _money(_get(order, "refunded_amount"))
    if refunded:
        rows.append((labels["refunded"], -abs(refunded)))
    status_id = _get(order, "status_id")
    status_id = int(status_id) if status_id is not None else None
    status = str(_get(order, "custom_status") or _get(order, "status") or "")
    translated = _STATUS_NAMES.get(_language(options.language or options.locale), {})
    if status_id is not None and status_id in translated:
        status = translated[status_id]
    masked, reference = _card(transactions)
    when = _get(order, "date_created")
    order_id = _get(order, "id")
    return Receipt(
        store=options.store,
        order_id=int(order_id) if order_id is not None else None,
        status=status,
        transaction_id=reference,
        masked_card=masked,
        currency=currency,
        locale=options.locale,
        lines=lines,
        rows=tuple(rows),
        total=_money(_get(order, "total_inc_tax")),
        terminal=options.terminal,
        header=options.header,
        footer=options.footer,
        when=when if isinstance(when, dt.datetime) else None,
        status_id=status_id,
        payment_method=str(_get(order, "payment_method") or ""),
        labels=labels,
    )


def _two_columns(left: str, right: str, width: int) -> list[str]:
    """``left`` and ``right`` on one line (``right`` flush right); a long ``left`` wraps."""
    room = width - len(right) - 1
    if room < 8:
        return [left[:width], right.rjust(width)]
    out: list[str] = []
    text = left
    while len(text) > room:
        cut = text.rfind(" ", 0, room + 1)
        cut = cut if cut > room // 2 else room
        out.append(text[:cut].rstrip())
        text = "  " + text[cut:].lstrip()
    out.append(text.ljust(room) + " " + right)
    return out


def text_lines(receipt: Receipt, *, paper_width: int = 80) -> dict[str, list[str]]:
    """The receipt laid out for ``paper_width`` mm paper, in parts: ``"header"`` (centred),
    ``"info"``, ``"lines"``, ``"totals"`` (the last one being the total) and ``"footer"``
    (centred). Every line fits the paper's columns."""
    width = COLUMNS.get(paper_width, COLUMNS[80])
    labels = receipt.labels
    header = [receipt.store, *receipt.header] if receipt.store else list(receipt.header)
    info = [f"{labels['order']} #{receipt.order_id}"]
    if receipt.when is not None:
        info.append(f"{labels['date']}: {format_when(receipt.when, receipt.locale)}")
    if receipt.terminal:
        info.append(f"{labels['terminal']}: {receipt.terminal}")
    if receipt.status:
        info.append(f"{labels['status']}: {receipt.status}")
    if receipt.payment_method:
        info.append(f"{labels['payment']}: {receipt.payment_method}")
    if receipt.masked_card:
        info.append(f"{labels['card']}: {receipt.masked_card}")
    if receipt.transaction_id:
        info.append(f"{labels['transaction']}: {receipt.transaction_id}")
    lines: list[str] = []
    for name, qty, total in receipt.lines:
        lines += _two_columns(f"{qty} x {name}", receipt.money(total), width)
    totals: list[str] = []
    for label, amount in receipt.rows:
        totals += _two_columns(label, receipt.money(amount), width)
    totals += _two_columns(labels["total"], receipt.money(receipt.total), width)
    footer = list(receipt.footer) or [labels["thank_you"]]
    return {
        "header": [h[:width] for h in header],
        "info": [i[:width] for i in info],
        "lines": lines,
        "totals": totals,
        "footer": [f[:width] for f in footer],
    }
