"""The X and Z reports of a shift as a document: shown on screen, saved as PDF (the way the
receipt is: a QTextDocument printed on a QPdfWriter)."""

from __future__ import annotations

import html
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

__all__ = ["report_document", "report_html", "save_report_pdf"]


def _row(label: str, value: Any, *, strong: bool = False, indent: bool = False) -> str:
    v = html.escape(str(value))
    if strong:
        v = f"<b>{v}</b>"
    pad = "&nbsp;" * 6 if indent else ""
    return f"<tr><td>{pad}{html.escape(label)}</td><td align='right'>{v}</td></tr>"


def _tender(name: str) -> str:
    names = {
        "cash": QCoreApplication.translate("ShiftReport", "Cash"),
        "card": QCoreApplication.translate("ShiftReport", "Card"),
        "stored_card": QCoreApplication.translate("ShiftReport", "Stored card"),
        "terminal": QCoreApplication.translate("ShiftReport", "Card terminal"),
        "other": QCoreApplication.translate("ShiftReport", "Other"),
        "split": QCoreApplication.translate("ShiftReport", "Split"),
        "gift_certificate": QCoreApplication.translate("ShiftReport", "Gift certificate"),
        "store_credit": QCoreApplication.translate("ShiftReport", "Store credit"),
    }
    return names.get(name, name)


def report_html(report: Mapping[str, Any]) -> str:
    """The report as HTML (a Z report when it has a count, else an X report)."""
    z = "counted_cash" in report
    cur = html.escape(str(report.get("currency") or ""))
    title = (
        QCoreApplication.translate("ShiftReport", "Z report")
        if z
        else QCoreApplication.translate("ShiftReport", "X report (so far)")
    )
    rows = [
        _row(QCoreApplication.translate("ShiftReport", "Shift"), report.get("shift_id")),
        _row(QCoreApplication.translate("ShiftReport", "Register"), report.get("register")),
        _row(QCoreApplication.translate("ShiftReport", "Opened"), report.get("opened_at")),
    ]
    if z:
        rows.append(
            _row(QCoreApplication.translate("ShiftReport", "Closed"), report.get("closed_at"))
        )
    sales = report.get("sales") or {}
    rows += [
        _row(
            QCoreApplication.translate("ShiftReport", "Opening float"), report.get("opening_float")
        ),
        _row(
            QCoreApplication.translate("ShiftReport", "Sales"),
            f"{sales.get('count', 0)} · {sales.get('amount', '0.00')}",
            strong=True,
        ),
    ]
    counts = report.get("count_by_tender") or {}
    for name, amount in (report.get("by_tender") or {}).items():
        rows.append(_row(f"{_tender(name)} ({counts.get(name, 0)})", amount, indent=True))
    refunds = report.get("refunds") or {}
    rows.append(
        _row(
            QCoreApplication.translate("ShiftReport", "Refunds"),
            f"{refunds.get('count', 0)} · {refunds.get('amount', '0.00')}",
        )
    )
    for name, amount in (refunds.get("by_tender") or {}).items():
        rows.append(_row(_tender(name), amount, indent=True))
    voids = report.get("voids") or {}
    rows.append(
        _row(
            QCoreApplication.translate("ShiftReport", "Voids"),
            f"{voids.get('count', 0)} · {voids.get('amount', '0.00')}",
        )
    )
    rows.append(
        _row(QCoreApplication.translate("ShiftReport", "Discounts"), report.get("discounts"))
    )
    for name, amount in (report.get("taxes") or {}).items():
        rows.append(_row(f"{QCoreApplication.translate('ShiftReport', 'Tax')}: {name}", amount))
    rows += [
        _row(QCoreApplication.translate("ShiftReport", "Paid in"), report.get("paid_in")),
        _row(QCoreApplication.translate("ShiftReport", "Paid out"), report.get("paid_out")),
        _row(
            QCoreApplication.translate("ShiftReport", "No-sale drawer opens"),
            report.get("no_sales"),
        ),
        _row(
            QCoreApplication.translate("ShiftReport", "Expected cash"),
            report.get("expected_cash"),
            strong=True,
        ),
    ]
    if z:
        rows += [
            _row(
                QCoreApplication.translate("ShiftReport", "Counted cash"),
                report.get("counted_cash"),
                strong=True,
            ),
            _row(
                QCoreApplication.translate("ShiftReport", "Variance"),
                report.get("variance"),
                strong=True,
            ),
        ]
    body = "".join(rows)
    unmatched = ""
    if z:
        items = report.get("unmatched_orders") or []
        if items:
            lines = "".join(
                f"<li>#{int(u.get('order_id', 0))}: "
                + html.escape(
                    QCoreApplication.translate("ShiftReport", "at the store, not in this shift")
                    if u.get("where") == "store only"
                    else QCoreApplication.translate(
                        "ShiftReport", "in this shift, not at the store"
                    )
                )
                + "</li>"
                for u in items
            )
            heading = QCoreApplication.translate("ShiftReport", "Orders that do not match")
            unmatched = f"<h3>{html.escape(heading)}</h3><ul>{lines}</ul>"
        else:
            matches = QCoreApplication.translate("ShiftReport", "Every order matches the store.")
            unmatched = f"<p>{html.escape(matches)}</p>"
    currency = QCoreApplication.translate("ShiftReport", "Currency")
    return (
        f"<h2>{html.escape(title)}</h2><p>{html.escape(currency)}: {cur}</p>"
        f"<table width='100%' cellspacing='0' cellpadding='3'>{body}</table>{unmatched}"
    )


def report_document(report: Mapping[str, Any]) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(report_html(report))
    return doc


def save_report_pdf(report: Mapping[str, Any], path: Path) -> Path:
    """The report as an A4 PDF."""
    doc = report_document(report)
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(QCoreApplication.translate("ShiftReport", "Z report"))
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    doc.setPageSize(QSizeF(writer.width(), writer.height()))
    doc.print_(writer)
    return path
