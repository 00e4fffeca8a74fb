"""Shared helpers for the wizard's tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from pos.ui.pages import PAGE_CUSTOMER, PAGE_START
from pos.ui.profile import ScreenProfile

if TYPE_CHECKING:
    from pos.sale import Sale
    from pos.sandbox.server import SandboxServer

PROFILE = ScreenProfile(store="Demo store", channel="POS (1)", terminal="Till 1",
                        locale="en_US", currency="USD", country="US",
                        pickup_location="Main Street shop", demo=True)


def show_active(qtbot, widget: QWidget) -> None:
    widget.show()
    widget.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget, timeout=10_000)


def put_on_screen(qtbot, win):
    """The register's window at its usual size, shown and active; returns ``win``."""
    win.resize(1000, 720)
    qtbot.addWidget(win)
    show_active(qtbot, win)
    return win


#: Reconciliation timings short enough for tests (seconds).
FAST = {"reconcile_timeout": 1.0, "reconcile_interval": 0.05, "reconcile_max_interval": 0.2,
        "unpaid_confirm": 0.3}

#: The calls of a sale that the tests count (``sale.calls``).
COUNTED = ("add_item", "set_quantity", "remove_line", "find_customers", "set_customer",
           "set_billing_address", "set_fulfilment", "choose_shipping", "apply_coupon",
           "remove_coupon", "prepare_payment", "charge", "check_payment", "abandon")


def record_calls(sale: Sale) -> list[str]:
    """``sale.calls``: the name of each of the sale's public coroutines as it is called
    (the real method runs; only the call is noted); ``sale.charges``: what each
    ``charge`` was given."""
    calls: list[str] = []
    charges: list[object] = []
    for name in COUNTED:
        method = getattr(sale, name)

        def counted(*args, __name=name, __method=method, **kwargs):
            calls.append(__name)
            if __name == "charge":
                charges.append(args[0] if args else kwargs.get("payment"))
            return __method(*args, **kwargs)

        setattr(sale, name, counted)
    sale.calls = calls  # type: ignore[attr-defined]
    sale.charges = charges  # type: ignore[attr-defined]
    return calls


@dataclass(frozen=True)
class Shop:
    """What the UI tests' sandbox store sells, read from the store itself."""

    skus: tuple[str, ...]  # simple products in good stock
    upcs: dict[str, str]  # sku → UPC of those
    prices: dict[str, Decimal]  # sku → price of those
    names: dict[str, str]  # sku → product name of those
    several_variants: str  # a product's SKU that names several sellable variants
    out_of_stock: str  # a simple product with no stock
    disabled: str  # a simple product whose purchasing is disabled
    disabled_name: str
    customer_id: int  # a customer with a stored card and addresses
    customer_email: str
    customer_addresses: int
    customer_city: str  # of the customer's first address


class Cable(httpx.AsyncBaseTransport):
    """The network between the register and the sandbox store, which a test can unplug:
    plugged in, every request goes to the store; unplugged, none leaves the register (the
    connection is refused, as when the store cannot be reached). ``tried``: the path of
    every request the register made, plugged in or not."""

    def __init__(self) -> None:
        self._network = httpx.AsyncHTTPTransport()
        self.plugged_in = True
        self.tried: list[str] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.tried.append(request.url.path)
        if not self.plugged_in:
            raise httpx.ConnectError("[Errno 111] Connection refused", request=request)
        return await self._network.handle_async_request(request)

    async def aclose(self) -> None:
        await self._network.aclose()


def store_get(store: SandboxServer, path: str, **params) -> list[dict]:
    response = httpx.get(
        f"{store.api_base_url}/stores/{store.store_hash}{path}", params=params,
        headers={"X-Auth-Token": store.token, "Accept": "application/json"}, timeout=10,
    )
    response.raise_for_status()
    return response.json()["data"]


def read_shop(store: SandboxServer) -> Shop:
    products = store_get(store, "/v3/catalog/products", include="variants", limit=250)
    simple = [p for p in products if len(p["variants"]) == 1]
    good = [p for p in simple if p["availability"] != "disabled"
            and p["inventory_tracking"] == "product" and p["inventory_level"] > 40]
    several = next(p for p in products if len(p["variants"]) > 2 and sum(
        1 for v in p["variants"] if not v["purchasing_disabled"] and v["inventory_level"]) > 1)
    empty = next(p for p in simple if p["inventory_tracking"] == "product"
                 and p["inventory_level"] == 0 and p["availability"] != "disabled")
    disabled = next(p for p in simple if p["availability"] == "disabled")
    customers = store_get(store, "/v3/customers", include="addresses",
                          limit=50)
    customer = customers[0]  # has a stored card (see test_wizard_sandbox)
    return Shop(
        skus=tuple(p["sku"] for p in good),
        upcs={p["sku"]: p["upc"] for p in good},
        prices={p["sku"]: Decimal(str(p["calculated_price"])) for p in good},
        names={p["sku"]: p["name"] for p in good},
        several_variants=several["sku"],
        out_of_stock=empty["sku"],
        disabled=disabled["sku"],
        disabled_name=disabled["name"],
        customer_id=customer["id"],
        customer_email=customer["email"],
        customer_addresses=len(customer["addresses"]),
        customer_city=customer["addresses"][0]["city"],
    )


def open_register(qtbot, store: SandboxServer, data_dir: Path, *, scanner=None,
                  transport=None, profile: ScreenProfile | None = None, window=None,
                  **settings):
    """A register window on the real sale engine and ``store``; every sale it makes
    records its calls (``sale.calls``), ``win.sales`` lists them, ``win.engine`` is the
    engine. ``window`` (keyword arguments of the window) e.g. ``{"first_run": True}``."""
    from pos.composition import build_engine, demo_profile
    from pos.ui.profile import screen_profile_for
    from pos.ui.wizard import RegisterWindow

    store_profile = demo_profile(store)
    engine = build_engine(store_profile, store.token, data_dir, transport=transport,
                          **{**FAST, **settings})
    sales: list[Sale] = []

    def new_sale() -> Sale:
        sale = engine.new_sale()
        record_calls(sale)
        sales.append(sale)
        return sale

    options = {"resumable": engine.unfinished, "resume": engine.resume, **(window or {})}
    win = RegisterWindow(profile or screen_profile_for(store_profile, demo=True), new_sale,
                         scanner=scanner, **options)
    put_on_screen(qtbot, win)
    win.engine = engine
    win.sales = sales
    return win


def close_register(qtbot, qloop, win) -> None:
    """Stop the window's sale and close its engine (its client, journal and catalogue)."""
    if getattr(win, "engine_closed", False):
        return
    win.engine_closed = True
    if shiboken6.isValid(win):  # not yet deleted by Qt
        if win.view is not None:
            win.view.close()
        win.hide()
    done = qloop.create_task(win.engine.close())
    qtbot.waitUntil(done.done, timeout=5000)


@dataclass
class Folders:
    """Profile, system and data folders under one root, named by the POS_* variables."""

    root: Path
    user: Path
    system: Path
    data: Path

    def files_holding(self, secret: str) -> list[Path]:
        found = []
        scanned = 0
        for path in self.root.rglob("*"):
            if path.is_file():
                scanned += 1
                if secret.encode() in path.read_bytes():
                    found.append(path)
        assert scanned >= 1
        return found


def make_folders(root: Path, monkeypatch: pytest.MonkeyPatch) -> Folders:
    found = Folders(root, root / "config" / "profiles", root / "system", root / "data")
    monkeypatch.setenv("POS_PROFILES_DIR", str(found.user))
    monkeypatch.setenv("POS_SYSTEM_PROFILES_DIR", str(found.system))
    monkeypatch.setenv("POS_DATA_DIR", str(found.data))
    monkeypatch.delenv("POS_TOKEN", raising=False)
    return found


def press(key: Qt.Key, widget: QWidget | None = None) -> None:
    target = widget or QApplication.focusWidget()
    assert target is not None, "nothing has focus"
    QTest.keyClick(target, key)


def type_text(text: str, widget: QWidget | None = None) -> None:
    target = widget or QApplication.focusWidget()
    assert target is not None, "nothing has focus"
    QTest.keyClicks(target, text)


def type_quantity(qtbot, table, row: int, text: str) -> None:
    """Type a quantity on a table's row by keys, as a clerk does: the row current, its
    first digit (which opens the row's quantity editor), the rest, then Enter."""
    table.setFocus()
    qtbot.waitUntil(table.hasFocus, timeout=2000)
    table.setCurrentCell(row, 0)
    QTest.keyClicks(table, text[0])
    editor = QApplication.focusWidget()
    assert editor is not table and table.isAncestorOf(editor), "no editor opened"
    QTest.keyClicks(editor, text[1:])
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState, timeout=2000)


ADDRESS = {
    "first_name": "Ana", "last_name": "Diaz", "email": "ana@example.com",
    "address1": "1 Main St", "city": "Austin", "country_code": "US",
    "state_or_province": "Texas", "state_or_province_code": "TX", "postal_code": "78701",
    "phone": "+15125550100",
}


# Characters a US keyboard (and a keyboard-wedge scanner set up like one) types with Shift.
SHIFTED = frozenset('~!@#$%^&*()_+{}|:"<>?')


def key_char(target: QWidget, ch: str) -> None:
    """One character as a keyboard or a wedge scanner sends it.

    Capitals and shifted symbols come with Shift held around them: QTest sends a Key_Shift
    press before the character and a Key_Shift release after it when the Shift modifier is
    given, exactly like a real scanner does.
    """
    if ch.isupper() or ch in SHIFTED:
        QTest.keyClick(target, ch, Qt.KeyboardModifier.ShiftModifier)
    else:
        QTest.keyClick(target, ch)


class Keyboard:
    """Sends key events to whatever has focus, with a clock the scanner detector reads."""

    def __init__(self) -> None:
        self.now = 10_000

    def __call__(self) -> int:
        return self.now

    def _target(self) -> QWidget:
        target = QApplication.focusWidget()
        assert target is not None, "nothing has focus"
        return target

    def key(self, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier, gap_ms: int = 150):
        self.now += gap_ms
        QTest.keyClick(self._target(), key, modifier)

    def type(self, text: str, gap_ms: int = 90) -> None:
        for ch in text:
            self.now += gap_ms
            key_char(self._target(), ch)

    def scan(self, code: str) -> None:
        """A keyboard-wedge scanner: a burst a few ms apart, Shift around capitals, Enter."""
        self.type(code, gap_ms=4)
        self.key(Qt.Key.Key_Return, gap_ms=4)


@contextmanager
def scanning_register(qapp, register, kb: Keyboard, **options) -> Iterator[Any]:
    """``register(**options)`` with a scanner detector that times keys by ``kb``'s clock
    (``kb.scan`` is a scan, ``kb.key``/``kb.type`` a clerk's keys), installed on the
    application for the block."""
    from pos.ui.widgets.scanner import ScannerDetector

    scanner = ScannerDetector(clock=kb)
    scanner.install(qapp)
    try:
        yield register(scanner=scanner, **options)
    finally:
        scanner.uninstall()


class CountingKeyboard(Keyboard):
    """Counts the keys the clerk presses (not a scanner's burst, not typed characters)."""

    def __init__(self) -> None:
        super().__init__()
        self.pressed = 0
        self.typed = 0  # characters the clerk typed (not the card's, not a scan's)
        self._in_scan = False

    def key(self, key, modifier=Qt.KeyboardModifier.NoModifier, gap_ms: int = 150):
        if not self._in_scan:
            self.pressed += 1
        super().key(key, modifier, gap_ms)

    def type_clerk(self, text: str) -> None:
        self.typed += len(text)
        self.type(text)

    def scan(self, code: str) -> None:
        self._in_scan = True
        try:
            super().scan(code)
        finally:
            self._in_scan = False


def full_sale_by_keys(qtbot, win, kb: CountingKeyboard, shop: Shop, on_page=None, *,
                      mistakes: bool = False) -> None:
    """Ring a whole sale by key events only: two scanned items, Enter through every step
    (a guest's address typed in full, the goods taken now), a new card typed, F9; until
    the Done page. ``on_page(page_id)`` is called on each page once it is idle.

    ``mistakes``: the clerk also scans a code no product has, presses Enter on an empty
    address, and charges a card that has expired before correcting its expiry (each page
    is read again with its error shown)."""
    from pos.ui.pages import (
        PAGE_CUSTOMER,
        PAGE_DONE,
        PAGE_FULFILMENT,
        PAGE_ITEMS,
        PAGE_PAYMENT,
    )

    w = win.wizard

    def wait_page(page_id: int) -> None:
        qtbot.waitUntil(lambda: w.currentId() == page_id, timeout=10_000)
        qtbot.waitUntil(lambda: win.view is None or not (win.view.busy.is_busy
                                                          or win.view.runner.tasks),
                        timeout=10_000)
        if on_page is not None:
            on_page(page_id)

    if on_page is not None:
        on_page(w.currentId())
    kb.scan(shop.upcs[shop.skus[0]])
    wait_page(PAGE_ITEMS)
    kb.scan(shop.upcs[shop.skus[1]])
    qtbot.waitUntil(lambda: len(win.view.sale.lines) == 2 and not win.view.busy.is_busy,
                    timeout=10_000)
    if on_page is not None:
        on_page(PAGE_ITEMS)
    if mistakes:
        kb.scan("NOSUCH-4040")
        items = w.items_page
        qtbot.waitUntil(lambda: "NOSUCH-4040" in items.error_label.text()
                        and not win.view.busy.is_busy, timeout=10_000)
        wait_page(PAGE_ITEMS)
    kb.key(Qt.Key.Key_Return)
    wait_page(PAGE_CUSTOMER)
    customer = w.customer_page
    if mistakes:
        kb.key(Qt.Key.Key_Return)  # nothing typed yet: every required field says so
        qtbot.waitUntil(lambda: customer.form.errors["first_name"].isVisible(),
                        timeout=10_000)
        wait_page(PAGE_CUSTOMER)
    for text in ("Ana", "Diaz", "ana@example.com", "5125550100", "", "1 Main St", "",
                 "Austin"):
        kb.type_clerk(text)
        kb.key(Qt.Key.Key_Tab)
    kb.key(Qt.Key.Key_Tab)  # the United States is already chosen
    kb.type_clerk("Texas")
    assert customer.form.state_combo.currentData() == "TX"
    kb.key(Qt.Key.Key_Tab)
    kb.type_clerk("78701")
    kb.key(Qt.Key.Key_Return)
    wait_page(PAGE_FULFILMENT)
    kb.key(Qt.Key.Key_Return)  # the customer takes it now
    wait_page(PAGE_PAYMENT)
    pay = w.payment_page
    qtbot.waitUntil(lambda: pay.options is not None, timeout=10_000)
    if on_page is not None:
        on_page(PAGE_PAYMENT)
    kb.type("4242424242424242")
    kb.key(Qt.Key.Key_Tab)
    kb.type("Ana Diaz")
    kb.key(Qt.Key.Key_Tab)
    if mistakes:
        kb.type("01/20")  # expired
        kb.key(Qt.Key.Key_Tab)
        kb.type("123")
        kb.key(Qt.Key.Key_F9)
        qtbot.waitUntil(lambda: pay.card.errors_by_field["expiry_year"].isVisible(),
                        timeout=10_000)
        wait_page(PAGE_PAYMENT)
        assert QApplication.focusWidget() is pay.card.expiry
        kb.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        kb.type("12/2031")
        kb.key(Qt.Key.Key_F9)
    else:
        kb.type("12/2031")
        kb.key(Qt.Key.Key_Tab)
        kb.type("123")
        kb.key(Qt.Key.Key_F9)
    wait_page(PAGE_DONE)


def wiz(window):
    return window.wizard


def wait_page(qtbot, window, page_id: int) -> None:
    qtbot.waitUntil(lambda: wiz(window).currentId() == page_id, timeout=10_000)


def next_page(qtbot, window, page_id: int) -> None:
    """Next, and wait for the wizard to show ``page_id``."""
    wiz(window).next()
    wait_page(qtbot, window, page_id)


def wait_idle(qtbot, window) -> None:
    """Until nothing runs: no call of the page, no scan still on its way to the store."""
    qtbot.waitUntil(lambda: not window.view.busy.is_busy and not window.view.sale.waiting_scans,
                    timeout=10_000)


def add_items(qtbot, window, *codes: str) -> None:
    w = wiz(window)
    if w.currentId() == PAGE_START:
        w.next()
    page = w.items_page
    for code in codes:
        page.search.setFocus()
        page.search.setText(code)
        press(Qt.Key.Key_Return, page.search)
        qtbot.waitUntil(lambda: page.search.text() == "", timeout=10_000)  # taken
        wait_idle(qtbot, window)  # and added by the store


def fill_guest_billing(qtbot, window, address=None) -> None:
    w = wiz(window)
    next_page(qtbot, window, PAGE_CUSTOMER)
    w.customer_page.form.set_address(address or ADDRESS)


def fill_new_card(qtbot, window, number: str, cvv: str = "123") -> None:
    """Type a new card on the payment page (without charging)."""
    page = wiz(window).payment_page
    qtbot.waitUntil(lambda: page.options is not None, timeout=10_000)
    page.new_card_radio.setChecked(True)
    page.card.number.setFocus()
    type_text(number, page.card.number)
    page.card.name.setFocus()
    page.card.name.clear()  # kept from a refused attempt
    page.card.expiry.clear()
    type_text("Ana Diaz", page.card.name)
    type_text("12/2031", page.card.expiry)
    type_text(cvv, page.card.cvv)


def pay_new_card(qtbot, window, number: str, cvv: str = "123") -> None:
    fill_new_card(qtbot, window, number, cvv)
    wiz(window).payment_page.charge_button.click()


def to_payment(qtbot, window, *codes: str) -> None:
    """Items (the shop's first SKU unless told), a guest's billing address, pickup, and
    on to the payment page."""
    from pos.ui.pages import PAGE_FULFILMENT, PAGE_PAYMENT

    add_items(qtbot, window, *(codes or (window.shop.skus[0],)))
    fill_guest_billing(qtbot, window)
    next_page(qtbot, window, PAGE_FULFILMENT)
    next_page(qtbot, window, PAGE_PAYMENT)




def checkout_to_payment(qtbot, window, *, ship: bool = False) -> None:
    """From the items: a guest's billing address, pickup (or shipping, with the first
    option), and on to the payment page."""
    from pos.ui.pages import PAGE_FULFILMENT, PAGE_PAYMENT, PAGE_SHIPPING

    w = wiz(window)
    fill_guest_billing(qtbot, window)
    next_page(qtbot, window, PAGE_FULFILMENT)
    if ship:
        w.fulfilment_page.ship.setChecked(True)
        next_page(qtbot, window, PAGE_SHIPPING)
        next(iter(w.shipping_page._groups.values())).button(0).click()
        qtbot.waitUntil(w.shipping_page.isComplete, timeout=10_000)
    next_page(qtbot, window, PAGE_PAYMENT)


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """Every text the clerk can read in ``root``: ``(what, text)`` for the window title,
    each visible label, button, box title, placeholder, chosen combo entry, tab, header,
    the wizard page's title and subtitle, the cells of visible lists and tables, and each
    visible widget's accessible name, description and tooltip."""
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QTabBar,
        QTextEdit,
        QWizardPage,
    )

    found: list[tuple[str, str]] = []
    if root.windowTitle():
        found.append(("window title", root.windowTitle()))
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisibleTo(root) or (widget is not root and not widget.isVisible()):
            continue
        name = f"{type(widget).__name__} {widget.objectName()}".strip()
        texts: list[str] = []
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            texts.append(widget.toPlainText())
        elif isinstance(widget, QComboBox):
            texts.append(widget.currentText())
        elif isinstance(widget, QTabBar):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QWizardPage):
            texts += [widget.title(), widget.subTitle()]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            columns = model.columnCount(QModelIndex())
            for column in range(columns):
                header = model.headerData(column, Qt.Orientation.Horizontal)
                if isinstance(header, str):
                    texts.append(header)
            for row in range(min(model.rowCount(QModelIndex()), 50)):
                for column in range(columns):
                    value = model.index(row, column).data()
                    if isinstance(value, str):
                        texts.append(value)
        # What a screen reader says, and the tooltip, are read too.
        texts += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
        found += [(name, t) for t in texts if t and t.strip()]
    return found


def english_on_screen(root: QWidget, ignore=()) -> list[tuple[str, str, list[str]]]:
    """``(what, text, English words)`` for every readable text of ``root`` with English in
    it, once the data in ``ignore`` (product names, a typed address...) is taken out."""
    from support.english import english_words

    out = []
    for what, text in visible_texts(root):
        words = english_words(text, ignore)
        if words:
            out.append((what, text, words))
    return out
