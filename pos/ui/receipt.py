"""The receipt: HTML for the preview, printed with Qt's print dialog or saved as PDF.

The receipt shows the store profile's header lines, the terminal, the local date and time
(formatted for the profile's locale), the lines and totals, and the profile's footer lines
(or "Thank you!" when it has none). The card appears masked (last four digits), never more.
PDF files are written with ``QPdfWriter`` (QtGui), so saving works even where no printer is
installed.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from pos.sale import PaymentResult, Sale
from pos.sale.money import format_money
from pos.ui.sale_messages import order_status_name
from pos.ui.wording import say


@dataclass
class ReceiptData:
    store: str
    order_id: int | None
    status: str
    transaction_id: str
    masked_card: str
    currency: str
    locale: str
    lines: list[tuple[str, int, Decimal]] = field(default_factory=list)
    rows: list[tuple[str, Decimal]] = field(default_factory=list)  # subtotal, taxes...
    total: Decimal = Decimal(0)
    terminal: str = ""
    header: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()
    when: datetime | None = None  # local time of the sale
    title: str = ""  # e.g. "Refund" on a refund receipt

    @classmethod
    def from_sale(cls, sale: Sale, result: PaymentResult | None, *, store: str, locale: str,
                  terminal: str = "", header: Sequence[str] = (),
                  footer: Sequence[str] = (), when: datetime | None = None) -> ReceiptData:
        """The receipt of a paid sale; ``when`` defaults to now (local time)."""
        totals = sale.totals
        currency = totals.currency if totals is not None else "USD"
        lines = [
            (ln.name + (f" ({ln.variant})" if ln.variant else ""),
             int(ln.quantity), ln.total)
            for ln in sale.lines
        ]
        rows: list[tuple[str, Decimal]] = []
        total = Decimal(0)
        if totals is not None:
            rows.append((QCoreApplication.translate("Receipt", "Subtotal"), totals.subtotal))
            if totals.discounts:
                discounts = QCoreApplication.translate("Receipt", "Discounts")
                rows.append((discounts, -abs(totals.discounts)))
            rows.append((QCoreApplication.translate("Receipt", "Shipping"), totals.shipping))
            rows.extend((str(n), a) for n, a in totals.taxes)
            total = totals.grand_total
        return cls(
            store=store,
            order_id=result.order_id if result is not None else None,
            status=order_status_name(result.status_id, result.status or "")
            if result is not None else "",
            transaction_id=(result.transaction_id or "") if result is not None else "",
            masked_card=say(result.masked_card or "") if result is not None else "",
            currency=currency,
            locale=locale,
            lines=lines,
            rows=rows,
            total=total,
            terminal=terminal,
            header=tuple(str(line) for line in header),
            footer=tuple(str(line) for line in footer),
            when=when if when is not None else datetime.now().astimezone(),
        )


def format_when(when: datetime, locale: str) -> str:
    """``when`` as a date and time in ``locale``'s short format (``"11/27/26, 9:41 AM"``)."""
    stamp = QDateTime.fromSecsSinceEpoch(int(when.timestamp()))
    return QLocale(locale.replace("-", "_")).toString(stamp, QLocale.FormatType.ShortFormat)


def receipt_html(data: ReceiptData) -> str:
    def money(amount: Decimal) -> str:
        return html.escape(format_money(amount, data.currency, data.locale))

    def row(cells: Sequence[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            align = ' align="right"' if i == len(cells) - 1 else ""
            out.append(f"<td{align}>{cell}</td>")
        return "<tr>" + "".join(out) + "</tr>"

    def label(text: str) -> str:
        return html.escape(text)

    order = label(QCoreApplication.translate("Receipt", "Order"))
    status = label(QCoreApplication.translate("Receipt", "Status"))
    card = label(QCoreApplication.translate("Receipt", "Card"))
    transaction = label(QCoreApplication.translate("Receipt", "Transaction"))
    total_label = label(QCoreApplication.translate("Receipt", "Total"))
    terminal = label(QCoreApplication.translate("Receipt", "Terminal"))
    date = label(QCoreApplication.translate("Receipt", "Date"))
    parts = [f"<h2>{html.escape(data.store)}</h2>"]
    if data.title:
        parts.append(f"<h3 align='center'>{html.escape(data.title)}</h3>")
    if data.header:
        parts.append("<p align='center'>"
                     + "<br>".join(html.escape(line) for line in data.header) + "</p>")
    parts.append(f"<p>{order} #{data.order_id}<br>")
    if data.when is not None:
        parts.append(f"{date}: {html.escape(format_when(data.when, data.locale))}<br>")
    if data.terminal:
        parts.append(f"{terminal}: {html.escape(data.terminal)}<br>")
    parts += [
        f"{status}: {html.escape(data.status)}<br>",
        f"{card}: {html.escape(data.masked_card)}<br>",
        f"{transaction}: {html.escape(data.transaction_id)}</p>",
        '<table width="100%" cellspacing="0" cellpadding="2">',
    ]
    for name, qty, line_total in data.lines:
        parts.append(row([f"{qty} × {html.escape(name)}", money(line_total)]))
    parts.append("<tr><td colspan='2'><hr></td></tr>")
    for name, amount in data.rows:
        parts.append(row([html.escape(name), money(amount)]))
    parts.append(row([f"<b>{total_label}</b>", f"<b>{money(data.total)}</b>"]))
    parts.append("</table>")
    footer = data.footer or (QCoreApplication.translate("Receipt", "Thank you!"),)
    parts.append("<p align='center'>" + "<br>".join(label(line) for line in footer) + "</p>")
    if data.order_id is not None:
        parts.append(f"<p align='center'><img src='{BARCODE_URL}'><br>{data.order_id}</p>")
    return "\n".join(parts)


#: The resource name of the order id's Code 128 barcode in the receipt's document.
BARCODE_URL = "barcode:order"


def code128_image(text: str, *, module_px: int = 4, height_px: int = 110) -> QImage:
    """``text`` as a Code 128 barcode (with its quiet zones), black on white."""
    import barcode

    [pattern] = barcode.get("code128", text).build()
    quiet = 10
    width = (len(pattern) + 2 * quiet) * module_px
    image = QImage(width, height_px, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    for i, bit in enumerate(pattern):
        if bit == "1":
            painter.fillRect((quiet + i) * module_px, 0, module_px, height_px, QColor("black"))
    painter.end()
    return image


def document(data: ReceiptData) -> QTextDocument:
    doc = QTextDocument()
    if data.order_id is not None:
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(BARCODE_URL),
                        code128_image(str(data.order_id)))
    doc.setHtml(receipt_html(data))
    return doc


#: The PDF's resolution (dots per inch) and its text size, as thermal receipt printers
#: print: one monospaced column, body text 9 pt (at least 8 pt at 80 mm).
PDF_DPI = 300
PDF_TEXT_PT = 9.0


def pdf_document(data: ReceiptData, *, dpi: int = PDF_DPI) -> QTextDocument:
    """The receipt laid out for a ``dpi`` page: the document's sizes are device pixels
    there, so its font is sized in pixels (a point size would shrink by dpi / 96)."""
    doc = document(data)
    font = QFont("Monospace")
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    font.setPixelSize(round(PDF_TEXT_PT * dpi / 72))
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    return doc


def save_pdf(data: ReceiptData, path: Path, *, width_mm: float = 80.0) -> Path:
    """Write the receipt as a PDF (80 mm wide, as long as it needs), its text 9 pt."""
    doc = pdf_document(data)
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setTitle(QCoreApplication.translate("Receipt", "Receipt"))
    margins = QMarginsF(4, 4, 4, 4)
    doc.setPageSize(QSizeF((width_mm - 8) * PDF_DPI / 25.4, 10_000))
    height_px = doc.documentLayout().documentSize().height()
    height_mm = max(60.0, height_px * 25.4 / PDF_DPI + 10)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QSizeF(width_mm, height_mm), QPageSize.Unit.Millimeter),
            QPageLayout.Orientation.Portrait,
            margins,
            QPageLayout.Unit.Millimeter,
        )
    )
    doc.setPageSize(QSizeF(writer.width(), writer.height()))
    doc.print_(writer)
    return path
