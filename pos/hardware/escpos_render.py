"""A receipt as ESC/POS bytes, made with python-escpos (its byte-capturing ``Dummy``
printer), ready to be sent to any printer in one piece.

Rendering first and sending after keeps a print job whole: the same bytes are sent again
for a reprint, and a printer that goes away mid-job is known before anything half-printed
is believed. The code page is chosen from the profile's language (:func:`codepage_for`):
CP858 (CP850 with the euro sign) prints Spanish, French, German, Italian, Portuguese and
English, ñ and € included. A character the code page lacks prints as its plain letter
(``ő`` → ``o``) or ``?``, never as a wrong symbol.
"""

from __future__ import annotations

import contextlib
import io
import unicodedata
from collections.abc import Mapping
from typing import Any

from .receipt import Receipt, text_lines

__all__ = [
    "CODEPAGES",
    "DRAWER_PINS",
    "codepage_for",
    "drawer_kick",
    "pole_display",
    "render_receipt",
]

#: ESC/POS code page (python-escpos name) → Python codec.
CODEPAGES: Mapping[str, str] = {
    "CP437": "cp437", "CP850": "cp850", "CP858": "cp858", "CP852": "cp852",
    "CP866": "cp866", "CP1252": "cp1252",
}
_BY_LANGUAGE: Mapping[str, str] = {
    "pl": "CP852", "cs": "CP852", "sk": "CP852", "hu": "CP852", "hr": "CP852",
    "sl": "CP852", "ro": "CP852", "ru": "CP866", "uk": "CP866",
}
DRAWER_PINS = (2, 5)
_SPACES = {"\u00a0": " ", "\u202f": " ", "\u2009": " ", "•": "*", "×": "x", "–": "-",
           "—": "-", "‘": "'", "’": "'", "“": '"', "”": '"'}


def codepage_for(locale: str) -> str:
    """The code page that prints ``locale``'s language (CP858 for Western languages)."""
    language = locale.replace("-", "_").split("_", 1)[0].lower()
    return _BY_LANGUAGE.get(language, "CP858")


def printable(text: str, codepage: str) -> str:
    """``text`` with every character the code page cannot print replaced by its plain
    letter, or ``?`` (the euro sign by ``EUR`` where the code page has none)."""
    codec = CODEPAGES.get(codepage, "cp437")
    out = []
    for ch in text:
        ch = _SPACES.get(ch, ch)
        try:
            ch.encode(codec)
        except UnicodeEncodeError:
            if ch == "€":
                ch = "EUR"
            else:
                base = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
                ch = base or "?"
        out.append(ch)
    return "".join(out)


def _dummy() -> Any:
    from ._escpos import printer_module

    return printer_module().Dummy(profile="default")


def render_receipt(
    receipt: Receipt,
    *,
    paper_width: int = 80,
    codepage: str | None = None,
    copy: bool = False,
    drawer_pin: int | None = None,
    cut: bool = True,
) -> bytes:
    """The ESC/POS bytes of ``receipt``: store name large, header, order details, lines,
    totals, the order id as a Code 128 barcode, footer, feed and cut; ``copy`` marks a
    reprint; ``drawer_pin`` (2 or 5) adds the drawer's pulse after the cut."""
    page = codepage or codepage_for(receipt.locale)
    parts = text_lines(receipt, paper_width=paper_width)
    width = 48 if paper_width != 58 else 32
    p = _dummy()
    p.hw("INIT")
    p.charcode(page)

    def line(text: str) -> None:
        p.text(printable(text, page) + "\n")

    p.set(align="center")
    header = parts["header"]
    if receipt.store and header:
        p.set(align="center", bold=True, double_height=True)
        line(header[0])
        p.set(align="center", bold=False, double_height=False, normal_textsize=True)
        header = header[1:]
    for text in header:
        line(text)
    if copy:
        p.set(align="center", bold=True)
        line(f"*** {receipt.labels['copy']} ***")
        p.set(align="center", bold=False)
    p.set(align="left")
    line("-" * width)
    for text in parts["info"]:
        line(text)
    line("-" * width)
    for text in parts["lines"]:
        line(text)
    line("-" * width)
    totals = parts["totals"]
    for text in totals[:-1]:
        line(text)
    p.set(align="left", bold=True)
    line(totals[-1])
    p.set(align="left", bold=False)
    if receipt.order_id is not None:
        p.ln()
        # python-escpos announces its renderer on standard output; keep that off it.
        with contextlib.redirect_stdout(io.StringIO()):
            p.barcode("{B" + str(receipt.order_id), "CODE128", function_type="B",
                      height=64, width=2, pos="BELOW", align_ct=True)
    p.set(align="center")
    for text in parts["footer"]:
        line(text)
    p.set(align="left")
    if cut:
        p.cut()
    if drawer_pin is not None:
        p.cashdraw(_pin(drawer_pin))
    return bytes(p.output)


def _pin(pin: int) -> int:
    if pin not in DRAWER_PINS:
        raise ValueError("the drawer's pin must be 2 or 5")
    return pin


def drawer_kick(pin: int) -> bytes:
    """The pulse that opens a cash drawer wired to ``pin`` (2 or 5) of the printer."""
    p = _dummy()
    p.cashdraw(_pin(pin))
    return bytes(p.output)


def pole_display(first: str, second: str = "", *, codepage: str = "CP858") -> bytes:
    """Two lines (20 characters each) on a pole display chained through the printer."""
    p = _dummy()
    p.charcode(codepage)
    text = printable(first, codepage)[:20].ljust(20) + printable(second, codepage)[:20]
    p.linedisplay(text)
    return bytes(p.output)
