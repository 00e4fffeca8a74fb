"""The customer display, offscreen: it follows a sale through SaleView's signals."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from pos.sale import PaymentResult, SaleEvent, SaleStep
from pos.sale.money import format_money
from pos.ui.adapter import SaleView
from pos.ui.customer_display import CustomerDisplay, customer_screen


@dataclass
class StubSale:
    """The part of a sale the display reads, with the engine's subscribe()."""

    lines: list[Any] = field(default_factory=list)
    totals: Any = None
    listeners: list[Callable[[Any], None]] = field(default_factory=list)

    def subscribe(self, listener: Callable[[Any], None]) -> Callable[[], None]:
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener)

    def emit(self, kind: str, **values: Any) -> None:
        for listener in list(self.listeners):
            listener(SaleEvent(kind, **values))

    def scan(self, name: str, qty: int, total: str, variant: str | None = None) -> None:
        self.lines.append(SimpleNamespace(name=name, variant=variant, quantity=qty,
                                          total=Decimal(total)))
        running = sum((ln.total for ln in self.lines), Decimal(0))
        self.totals = SimpleNamespace(grand_total=running, currency=self.currency)
        self.emit("lines")

    currency: str = "USD"


@pytest.fixture
def display(qtbot: Any) -> CustomerDisplay:
    widget = CustomerDisplay(store="Main Street Shoes", currency="USD", locale="en_US")
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def spanish_display(qtbot: Any) -> CustomerDisplay:
    """The display of a shop whose profile's locale is es_ES, selling in euros."""
    widget = CustomerDisplay(store="Zapatería", currency="EUR", locale="es_ES")
    qtbot.addWidget(widget)
    return widget


def _attach(display: CustomerDisplay, currency: str = "USD") -> tuple[StubSale, SaleView]:
    """A new sale, followed by ``display`` through its view (as the register attaches it)."""
    sale = StubSale(currency=currency)
    view = SaleView(sale)
    display.attach(view)
    return sale, view


def _rows(display: CustomerDisplay) -> list[tuple[str, str, str]]:
    return display.rows()


def test_lines_and_total_follow_the_scans(display: CustomerDisplay) -> None:
    sale, view = _attach(display)
    assert display.state == "idle" and display.status.text() == "Welcome"
    sale.scan("Walking shoe", 2, "40.00", variant="S, Red")
    assert _rows(display) == [("2 ×", "Walking shoe (S, Red)", "$40.00")]
    assert display.total.text() == "Total: $40.00"
    sale.scan("Socks", 1, "5.50")
    assert _rows(display)[-1] == ("1 ×", "Socks", "$5.50")
    assert display.total.text() == "Total: $45.50"
    assert display.state == "selling"
    view.close()


def test_change_due_approved_and_thank_you(display: CustomerDisplay) -> None:
    sale, view = _attach(display)
    sale.scan("Socks", 1, "5.50")
    display.show_change_due(Decimal("4.50"))
    assert display.status.text() == "Change due: $4.50"
    sale.emit("payment", result=PaymentResult(outcome="paid", order_id=7))
    assert display.state == "approved"
    assert display.status.text().splitlines() == ["Approved", "Change due: $4.50"]
    sale.emit("step", step=SaleStep.CONFIRMED)
    assert display.state == "thanks"
    assert display.status.text().splitlines() == ["Change due: $4.50", "Thank you!"]
    view.close()


def test_a_declined_card_is_not_approved(display: CustomerDisplay) -> None:
    sale, view = _attach(display)
    sale.scan("Socks", 1, "5.50")
    sale.emit("payment", result=PaymentResult(outcome="declined", order_id=7))
    assert display.state == "selling"
    assert "Approved" not in display.status.text()
    view.close()


def test_a_new_sale_starts_clean_and_the_old_one_is_not_heard(display: CustomerDisplay) -> None:
    first, first_view = _attach(display)
    first.scan("Socks", 1, "5.50")
    second, second_view = _attach(display)
    assert _rows(display) == [] and display.state == "idle"
    first.scan("Hat", 1, "9.00")  # the old sale's events no longer reach the display
    assert _rows(display) == []
    second.scan("Belt", 1, "12.00")
    assert _rows(display) == [("1 ×", "Belt", "$12.00")]
    first_view.close()
    second_view.close()


def test_money_follows_the_profile_locale_and_the_sale_currency(
        spanish_display: CustomerDisplay) -> None:
    sale, view = _attach(spanish_display, currency="EUR")
    sale.scan("Piña", 3, "1234.50")
    price = format_money(Decimal("1234.50"), "EUR", "es_ES")
    assert price.endswith(",50\u00a0€")
    assert spanish_display.rows() == [("3 ×", "Piña", price)]
    assert spanish_display.total.text() == f"Total: {price}"
    view.close()


def test_type_is_large_for_the_screen(display: CustomerDisplay) -> None:
    display.set_sizes(1080)
    assert display.total.font().pixelSize() >= 100
    assert display.lines.font().pixelSize() >= 40


def test_one_screen_means_a_window(display: CustomerDisplay) -> None:
    assert customer_screen() is None  # the offscreen platform has one screen
    assert display.place() is None
    assert display.isVisible() and not display.isFullScreen()


SECOND_SCREEN_SCRIPT = """
import json, sys
from PySide6.QtWidgets import QApplication
from pos.ui.customer_display import CustomerDisplay
app = QApplication([])
display = CustomerDisplay(store="Shop")
main = next(s for s in app.screens() if s.name() == "register")
screen = display.place(main)
app.processEvents()
g = display.geometry()
print(json.dumps({"screen": screen.name() if screen else None,
                  "full": display.isFullScreen(), "geometry": [g.x(), g.y(), g.width(),
                  g.height()], "total_px": display.total.font().pixelSize()}))
"""


def test_two_screens_put_the_display_on_the_other_one(tmp_path: Path) -> None:
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "register", "x": 0, "y": 0, "width": 1280, "height": 800,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "customer", "x": 1280, "y": 0, "width": 800, "height": 480,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
    ]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    done = subprocess.run([sys.executable, "-c", SECOND_SCREEN_SCRIPT], capture_output=True,
                          text=True, env=env, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["screen"] == "customer"
    assert out["full"] is True
    assert out["geometry"] == [1280, 0, 800, 480]
    assert out["total_px"] == 48  # 480 / 30 * 3


def test_the_display_speaks_the_profile_language(qtbot: Any, qapp: Any, tmp_path: Path) -> None:
    from pos.ui import translations

    translations.build_qm(out_dir=tmp_path)
    installed = translations.install(qapp, "es_ES", qm_dir=tmp_path)
    try:
        display = CustomerDisplay(store="Zapatería", currency="EUR", locale="es_ES")
        qtbot.addWidget(display)
        sale, view = _attach(display, currency="EUR")
        sale.scan("Piña", 1, "5.00")
        display.show_change_due(Decimal("5.00"))
        sale.emit("payment", result=PaymentResult(outcome="paid", order_id=7))
        assert display.total.text() == "Total: 5,00\u00a0€"
        assert display.status.text().splitlines() == ["Aprobado", "Cambio: 5,00\u00a0€"]
        sale.emit("step", step=SaleStep.CONFIRMED)
        assert display.status.text().splitlines()[-1] == "¡Gracias!"
        view.close()
    finally:
        translations.uninstall(qapp, installed)


def test_the_running_subtotal_shows_before_the_store_has_totals(display: CustomerDisplay) -> None:
    sale, view = _attach(display)
    sale.lines.append(SimpleNamespace(name="Mug", variant=None, quantity=2,
                                      total=Decimal("18.00")))
    sale.subtotal = Decimal("18.00")  # type: ignore[attr-defined]
    sale.emit("lines")
    assert display.total.text() == "Total: $18.00"
    assert display.status.text() == ""  # no "Welcome" under a sale in progress
    view.close()


def _ink(display: CustomerDisplay, row: int, column: int) -> tuple[int, int]:
    """The leftmost and rightmost x of light (text) pixels drawn in one cell of the lines
    table, in the table viewport's coordinates, read from the rendered widget."""
    table = display.lines
    image = table.viewport().grab().toImage()
    rect = table.visualRect(table.model().index(row, column))
    xs = [x for y in range(max(rect.top(), 0), min(rect.bottom(), image.height() - 1) + 1)
          for x in range(max(rect.left(), 0), min(rect.right(), image.width() - 1) + 1)
          if image.pixelColor(x, y).lightness() > 140]
    assert xs, f"nothing drawn in row {row}, column {column}"
    return min(xs), max(xs)


def _sell(display: CustomerDisplay, *lines: tuple[str, int, str]) -> SaleView:
    sale, view = _attach(display)
    for name, qty, total in lines:
        sale.scan(name, qty, total)
    return view


def test_prices_stand_right_aligned_in_a_column_and_descriptions_line_up(
        qtbot: Any, display: CustomerDisplay) -> None:
    display.resize(900, 640)
    display.show()
    qtbot.waitExposed(display)
    view = _sell(display, ("Walking shoe", 2, "40.00"), ("Socks", 1, "5.50"),
                 ("Leather travel bag", 1, "1234.50"))
    assert [row[2] for row in display.rows()] == ["$40.00", "$5.50", "$1,234.50"]
    qtbot.waitUntil(lambda: display.lines.visualRect(
        display.lines.model().index(2, 2)).height() > 0)
    width = display.lines.viewport().width()
    price_right = [_ink(display, r, 2)[1] for r in range(3)]
    item_left = [_ink(display, r, 1)[0] for r in range(3)]
    qty_right = [_ink(display, r, 0)[1] for r in range(3)]
    assert max(price_right) - min(price_right) <= 3  # one right edge, whatever the length
    assert width - max(price_right) <= 40  # against the right side of the display
    assert max(item_left) - min(item_left) <= 3  # descriptions start in one column
    assert max(qty_right) < min(item_left)  # the quantity stands before the description
    assert max(_ink(display, r, 1)[1] for r in range(3)) < min(
        _ink(display, r, 2)[0] for r in range(3))  # no description runs into a price
    view.close()


def test_a_long_description_is_cut_short_and_its_price_stays_whole(
        qtbot: Any, display: CustomerDisplay) -> None:
    display.resize(640, 480)
    display.show()
    qtbot.waitExposed(display)
    long_name = "Extraordinarily long hand-stitched leather weekend travel bag, cognac"
    view = _sell(display, ("Socks", 1, "5.50"), (long_name, 1, "1234.50"))
    assert display.rows()[1] == ("1 ×", long_name, "$1,234.50")
    table = display.lines
    price = table.visualRect(table.model().index(1, 2))
    needed = table.fontMetrics().horizontalAdvance("$1,234.50")
    assert price.width() >= needed  # the price column is as wide as its widest price
    assert price.right() < table.viewport().width()
    first, second = _ink(display, 0, 2), _ink(display, 1, 2)
    assert abs(first[1] - second[1]) <= 3
    assert _ink(display, 1, 1)[1] < second[0]
    view.close()


def test_rows_are_tall_enough_for_the_large_type(qtbot: Any, display: CustomerDisplay) -> None:
    display.set_sizes(1080)
    display.show()
    view = _sell(display, ("Socks", 1, "5.50"))
    assert display.lines.rowHeight(0) >= display.lines.font().pixelSize()
    view.close()


def test_a_cash_tender_shows_the_change_the_sale_recorded(display: CustomerDisplay) -> None:
    sale, view = _attach(display)
    sale.scan("Socks", 1, "5.50")
    sale.tender_record = SimpleNamespace(  # type: ignore[attr-defined]
        kind="cash", change_due=Decimal("4.50"), tendered=Decimal("10.00"))
    sale.emit("payment", result=PaymentResult(outcome="paid", order_id=7))
    assert display.status.text().splitlines() == ["Approved", "Change due: $4.50"]
    sale.emit("step", step=SaleStep.CONFIRMED)
    assert display.status.text().splitlines() == ["Change due: $4.50", "Thank you!"]
    view.close()


def test_a_card_tender_shows_no_change(display: CustomerDisplay) -> None:
    sale, view = _attach(display)
    sale.scan("Socks", 1, "5.50")
    sale.tender_record = None  # type: ignore[attr-defined]
    sale.emit("payment", result=PaymentResult(outcome="paid", order_id=7))
    assert display.status.text() == "Approved"
    view.close()


def test_the_store_s_totals_show_subtotal_discounts_shipping_and_tax(
        qtbot: Any, display: CustomerDisplay) -> None:
    display.resize(900, 640)
    display.show()
    sale, view = _attach(display)
    sale.scan("Socks", 2, "11.00")
    assert display.breakdown_rows() == [] and not display.breakdown.isVisible()
    sale.totals = SimpleNamespace(subtotal=Decimal("11.00"), discounts=Decimal("1.00"),
                                  shipping=Decimal("0.00"), tax_total=Decimal("0.83"),
                                  grand_total=Decimal("10.83"), currency="USD")
    sale.emit("totals")
    assert display.breakdown_rows() == [("Subtotal", "$11.00"), ("Discounts", "-$1.00"),
                                        ("Tax", "$0.83")]
    assert display.breakdown.isVisible()
    assert display.total.text() == "Total: $10.83"
    labels = display.breakdown.findChildren(QLabel)
    amounts = [label for label in labels if label.text().startswith(("$", "-$"))]
    assert len(amounts) == 3
    assert all(label.alignment() & Qt.AlignmentFlag.AlignRight for label in amounts)
    rights = {label.geometry().right() for label in amounts}
    assert len(rights) == 1  # the amounts end in one column
    assert all(label.font().pixelSize() == display.breakdown.font().pixelSize() > 12
               for label in labels)  # readable from the customer's side
    display.set_sizes(1080)
    assert all(label.font().pixelSize() == 1080 // 30 * 11 // 10 for label in labels)
    _, second_view = _attach(display)  # the next customer
    assert display.breakdown_rows() == [] and not display.breakdown.isVisible()
    view.close()
    second_view.close()
