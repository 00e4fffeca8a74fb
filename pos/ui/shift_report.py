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


def _tr(text: str) -> str:
    return QCoreApplication.translate("ShiftReport", text)


def _row(label: str, value: Any, *, strong: bool = False) -> str:
    v = html.escape(str(value))
    if strong:
        v = f"<b>{v}</b>"
    return f"<tr><td>{html.escape(label)}</td><td align='right'>{v}</td></tr>"


def _tender(name: str) -> str:
    names = {
        "cash": _tr("Cash"), "card": _tr("Card"), "stored_card": _tr("Stored card"),
        "terminal": _tr("Card terminal"), "other": _tr("Other"), "split": _tr("Split"),
        "gift_certificate": _tr("Gift certificate"), "store_credit": _tr("Store credit"),
    }
    return names.get(name, name)


def report_html(report: Mapping[str, Any]) -> str:
    """The report as HTML (a Z report when it has a count, else an X report)."""
    z = "counted_cash" in report
    cur = html.escape(str(report.get("currency") or ""))
    title = _tr("Z report") if z else _tr("X report (so far)")
    rows = [
        _row(_tr("Shift"), report.get("shift_id")),
        _row(_tr("Register"), report.get("register")),
        _row(_tr("Opened"), report.get("opened_at")),
    ]
    if z:
        rows.append(_row(_tr("Closed"), report.get("closed_at")))
    sales = report.get("sales") or {}
    rows += [
        _row(_tr("Opening float"), report.get("opening_float")),
        _row(_tr("Sales"), f"{sales.get('count', 0)} · {sales.get('amount', '0.00')}",
             strong=True),
    ]
    counts = report.get("count_by_tender") or {}
    for name, amount in (report.get("by_tender") or {}).items():
        rows.append(_row(f"  {_tender(name)} ({counts.get(name, 0)})", amount))
    refunds = report.get("refunds") or {}
    rows.append(_row(_tr("Refunds"), f"{refunds.get('count', 0)} · "
                     f"{refunds.get('amount', '0.00')}"))
    for name, amount in (refunds.get("by_tender") or {}).items():
        rows.append(_row(f"  {_tender(name)}", amount))
    voids = report.get("voids") or {}
    rows.append(_row(_tr("Voids"), f"{voids.get('count', 0)} · {voids.get('amount', '0.00')}"))
    rows.append(_row(_tr("Discounts"), report.get("discounts")))
    for name, amount in (report.get("taxes") or {}).items():
        rows.append(_row(f"{_tr('Tax')}: {name}", amount))
    rows += [
        _row(_tr("Paid in"), report.get("paid_in")),
        _row(_tr("Paid out"), report.get("paid_out")),
        _row(_tr("No-sale drawer opens"), report.get("no_sales")),
        _row(_tr("Expected cash"), report.get("expected_cash"), strong=True),
    ]
    if z:
        rows += [
            _row(_tr("Counted cash"), report.get("counted_cash"), strong=True),
            _row(_tr("Variance"), report.get("variance"), strong=True),
        ]
    body = "".join(rows)
    unmatched = ""
    if z:
        items = report.get("unmatched_orders") or []
        if items:
            lines = "".join(
                f"<li>#{int(u.get('order_id', 0))}: "
                + html.escape(_tr("at the store, not in this shift") if u.get("where") ==
                              "store only" else _tr("in this shift, not at the store"))
                + "</li>" for u in items)
            unmatched = f"<h3>{html.escape(_tr('Orders that do not match'))}</h3><ul>{lines}</ul>"
        else:
            unmatched = f"<p>{html.escape(_tr('Every order matches the store.'))}</p>"
    return (f"<h2>{html.escape(title)}</h2><p>{html.escape(_tr('Currency'))}: {cur}</p>"
            f"<table width='100%' cellspacing='0' cellpadding='3'>{body}</table>{unmatched}")


def report_document(report: Mapping[str, Any]) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(report_html(report))
    return doc


def save_report_pdf(report: Mapping[str, Any], path: Path) -> Path:
    """The report as an A4 PDF."""
    doc = report_document(report)
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(_tr("Z report"))
    writer.setPageLayout(QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
        QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter,
    ))
    doc.setPageSize(QSizeF(writer.width(), writer.height()))
    doc.print_(writer)
    return path
