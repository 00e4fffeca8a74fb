"""What a screen reader hears and where the keyboard focus goes, through Qt's accessibility
interfaces, against the real engine and the sandbox store."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget
from ui_helpers import (
    fill_guest_billing,
    next_page,
    pay_new_card,
    press,
    type_text,
    wait_idle,
    wait_page,
    wiz,
)

from pos.ui import announce as announce_module
from pos.ui.pages import (
    PAGE_CUSTOMER,
    PAGE_DONE,
    PAGE_FULFILMENT,
    PAGE_ITEMS,
    PAGE_PAYMENT,
)

DECLINED = "4000000000000002"


@pytest.fixture
def heard():
    """Every announcement sent: (message, assertive)."""
    said: list[tuple[str, bool]] = []

    def listen(_source, message: str, assertive: bool) -> None:
        said.append((message, assertive))

    announce_module.add_listener(listen)
    yield said
    announce_module.remove_listener(listen)


def scan(qtbot, window, code: str) -> None:
    page = wiz(window).items_page
    page.search.setFocus()
    page.search.setText(code)
    press(Qt.Key.Key_Return, page.search)
    qtbot.waitUntil(lambda: page.search.text() == "", timeout=10_000)  # taken
    wait_idle(qtbot, window)  # and added by the store


def test_the_announcement_is_a_real_accessibility_event(qapp):
    widget = QWidget()
    widget.setAccessibleName("Register")
    sent = []
    announce_module.add_listener(lambda s, m, a: sent.append((s, m, a)))
    try:
        announce_module.announce(widget, "  Added   Mug.  ")
        announce_module.announce_error(widget, "Declined.")
        announce_module.announce(widget, "   ")  # nothing to say: nothing sent
    finally:
        announce_module._listeners.clear()
    assert sent == [(widget, "Added Mug.", False), (widget, "Declined.", True)]
    assert QAccessible.queryAccessibleInterface(widget) is not None


def test_scans_errors_charging_declines_and_paid_are_announced(qtbot, window, shop, heard):
    w = wiz(window)
    sku = shop.skus[0]
    w.next()
    wait_page(qtbot, window, PAGE_ITEMS)
    assert ("Items", False) in heard  # the new page, by its title
    scan(qtbot, window, sku)
    qtbot.waitUntil(lambda: any(m.startswith("Added ") and not a for m, a in heard),
                    timeout=10_000)
    scan(qtbot, window, "NO-SUCH-CODE-42")
    qtbot.waitUntil(lambda: any("NO-SUCH-CODE-42" in m and a for m, a in heard),
                    timeout=10_000)
    fill_guest_billing(qtbot, window)
    next_page(qtbot, window, PAGE_FULFILMENT)
    next_page(qtbot, window, PAGE_PAYMENT)
    assert ("Review and pay", False) in heard
    heard.clear()
    pay_new_card(qtbot, window, DECLINED)
    page = w.payment_page
    qtbot.waitUntil(lambda: "declined" in page.status.text(), timeout=10_000)
    assert ("Charging…", False) in heard
    assert (page.status.text(), True) in heard  # the decline interrupts
    # On a decline the reason is what the clerk hears next: focus is on the message.
    assert QApplication.focusWidget() is not page.card.number
    heard.clear()
    pay_new_card(qtbot, window, "4242424242424242")
    wait_page(qtbot, window, PAGE_DONE)
    assert ("Paid.", False) in heard
    assert ("Done", False) in heard


def test_focus_goes_to_the_first_field_of_each_page_never_a_hidden_widget(
        qtbot, window, shop):
    w = wiz(window)
    w.next()
    wait_page(qtbot, window, PAGE_ITEMS)

    def focused():
        widget = QApplication.focusWidget()
        assert widget is not None and widget.isVisible(), widget
        assert widget is not w.currentPage().retry_button
        return widget

    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.items_page.search, timeout=5000)
    assert w.items_page.accessibleName() == "Items"
    scan(qtbot, window, shop.skus[0])
    next_page(qtbot, window, PAGE_CUSTOMER)
    assert focused() is not None
    assert w.customer_page.accessibleName() == w.customer_page.title()
    w.customer_page.form.set_address(__import__("ui_helpers").ADDRESS)
    next_page(qtbot, window, PAGE_FULFILMENT)
    assert focused() is not None
    next_page(qtbot, window, PAGE_PAYMENT)
    qtbot.waitUntil(lambda: w.payment_page.options is not None, timeout=10_000)
    assert focused() is not None
    pay_new_card(qtbot, window, "4242424242424242")
    wait_page(qtbot, window, PAGE_DONE)
    assert focused() is not None
    assert w.done_page.accessibleName() == "Done"


def test_enter_goes_on_after_tab_has_cycled_past_the_buttons(qtbot, window, shop):
    w = wiz(window)
    w.next()
    wait_page(qtbot, window, PAGE_ITEMS)
    scan(qtbot, window, shop.skus[0])
    next_page(qtbot, window, PAGE_CUSTOMER)
    w.customer_page.form.set_address(__import__("ui_helpers").ADDRESS)
    qtbot.waitUntil(w.customer_page.isComplete, timeout=5000)
    # Tab all the way round: past Back, Next and Cancel and back into the fields.
    start = QApplication.focusWidget()
    assert start is not None
    for _ in range(80):
        focus = QApplication.focusWidget()
        press(Qt.Key.Key_Tab, focus)
        if QApplication.focusWidget() is start:
            break
    field = w.customer_page.form.fields["first_name"]
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=2000)
    press(Qt.Key.Key_Return, field)
    wait_page(qtbot, window, PAGE_FULFILMENT)


class ShownHidden(QObject):
    """Counts what a screen reader is told of as objects shown, hidden or changing state
    (Qt sends one accessibility event for each of these widget events)."""

    KINDS = (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.EnabledChange)

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.KINDS and isinstance(watched, QWidget):
            self.count += 1
        return False


def test_a_scan_does_not_flood_the_screen_reader(qtbot, qapp, window, shop):
    w = wiz(window)
    w.next()
    wait_page(qtbot, window, PAGE_ITEMS)
    scan(qtbot, window, shop.skus[0])  # the first line makes the page complete
    next_button = w.button(w.WizardButton.NextButton)
    qtbot.waitUntil(next_button.isEnabled, timeout=5000)
    counter = ShownHidden()
    qapp.installEventFilter(counter)
    try:
        for sku in shop.skus[:3]:
            before = counter.count
            scan(qtbot, window, sku)
            qtbot.waitUntil(lambda: w.items_page.search.text() == "", timeout=10_000)
            assert counter.count - before < 50
    finally:
        qapp.removeEventFilter(counter)
    assert next_button.isEnabled()  # back on once the store has answered
    assert len(window.view.sale.lines) >= 2


def test_tables_values_and_scroll_areas(qtbot, window, shop):
    from PySide6.QtWidgets import QScrollArea, QTableWidget

    w = wiz(window)
    w.next()
    wait_page(qtbot, window, PAGE_ITEMS)
    scan(qtbot, window, shop.skus[0])
    scan(qtbot, window, shop.skus[0])
    lines = w.items_page.lines
    # The quantity cell says the quantity, not nothing.
    qtbot.waitUntil(lambda: lines.item(0, 2) is not None and lines.item(0, 2).text() == "2",
                    timeout=5000)
    for page in (w.items_page, w.customer_page, w.fulfilment_page, w.payment_page):
        for area in page.findChildren(QScrollArea):
            assert area.focusPolicy() == Qt.FocusPolicy.NoFocus
        for table in page.findChildren(QTableWidget):
            assert not table.tabKeyNavigation()  # Tab leaves the table
            assert table.focusPolicy() != Qt.FocusPolicy.NoFocus
            assert table.accessibleName()
    fill_guest_billing(qtbot, window)
    next_page(qtbot, window, PAGE_FULFILMENT)
    next_page(qtbot, window, PAGE_PAYMENT)
    pay_new_card(qtbot, window, "4242424242424242")
    wait_page(qtbot, window, PAGE_DONE)
    done = w.done_page
    assert done.order.accessibleName() == f"Order number: {window.view.sale.order_id}"
    assert done.card.accessibleName() == "Card: Visa •••• 4242"



def unnamed(root: QWidget) -> list[str]:
    """The visible interactive widgets under ``root`` a screen reader would read with no
    name (through Qt's accessibility interface, as the platform bridge reads them)."""
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLineEdit,
        QTextEdit,
    )

    kinds = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit,
             QTextEdit)
    missing = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not isinstance(widget, kinds) or not widget.isVisible():
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(
                widget, QAbstractButton):
            continue
        if type(widget).__name__ == "QLineEdit" and isinstance(widget.parent(),
                                                               (QAbstractSpinBox, QComboBox)):
            continue  # the editor inside a spin or combo box: the box has the name
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not name.strip():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_every_interactive_widget_of_every_page_has_a_name(qtbot, window, shop):
    window.show()
    w = wiz(window)
    seen = {}

    def check():
        seen[w.currentId()] = unnamed(window)

    check()
    w.next()
    wait_page(qtbot, window, PAGE_ITEMS)
    page = w.items_page
    page.search.setFocus()
    type_text(shop.skus[0][:4], page.search)
    qtbot.waitUntil(lambda: page.results.isVisible(), timeout=10_000)
    check()
    scan(qtbot, window, shop.skus[0])
    check()
    fill_guest_billing(qtbot, window)
    check()
    next_page(qtbot, window, PAGE_FULFILMENT)
    for button in (w.fulfilment_page.ship, w.fulfilment_page.split):
        button.setChecked(True)
        check()
    w.fulfilment_page.take_now.setChecked(True)
    next_page(qtbot, window, PAGE_PAYMENT)
    qtbot.waitUntil(lambda: w.payment_page.options is not None, timeout=10_000)
    check()
    pay_new_card(qtbot, window, "4242424242424242")
    wait_page(qtbot, window, PAGE_DONE)
    check()
    assert {k: v for k, v in seen.items() if v} == {}


def test_the_new_screens_name_every_control(qtbot, tmp_path, monkeypatch):
    from pos.hardware.printer import ReceiptPrinter
    from pos.staff import StaffDesk
    from pos.staff.roster import Roster
    from pos.ui.customer_display import CustomerDisplay
    from pos.ui.printer_status import PrinterStatusIndicator
    from pos.ui.sign_in import SignInScreen
    from pos.ui.widgets.pin_pad import PinPad

    monkeypatch.setenv("POS_PROFILES_DIR", str(tmp_path / "profiles"))
    monkeypatch.setenv("POS_SYSTEM_PROFILES_DIR", str(tmp_path / "system"))
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    host = QWidget()
    host.resize(700, 500)
    qtbot.addWidget(host)
    screen = SignInScreen(host, StaffDesk(Roster("shop")))
    pad = PinPad(host)
    printer = PrinterStatusIndicator(ReceiptPrinter("tcp://127.0.0.1:9"), host)
    printer.reprint.show()
    host.show()
    screen.show()
    display = CustomerDisplay(store="Main Street Shoes", currency="USD", locale="en_US")
    qtbot.addWidget(display)
    display.show()
    assert unnamed(screen) == []
    assert unnamed(pad) == []
    assert unnamed(printer) == []
    assert unnamed(display) == []


def test_field_errors_go_with_the_field_and_go_when_corrected(qtbot, qapp):
    from pos.ui.widgets.address_form import AddressForm
    from pos.ui.widgets.card_entry import CardEntry

    card = CardEntry()
    qtbot.addWidget(card)
    card.show()
    assert card.card_details() is None  # every field empty: errors next to each
    assert card.errors_by_field["cardholder_name"].isVisible()
    assert card.name.accessibleDescription()
    card.name.setFocus()
    type_text("Ana Diaz", card.name)
    assert not card.errors_by_field["cardholder_name"].isVisible()
    assert card.name.accessibleDescription() == ""

    form = AddressForm(None, default_country="US")
    qtbot.addWidget(form)
    form.show()
    form.errors["state_or_province"].set_error("Choose the state.")
    assert form.state_combo.accessibleDescription() == "Choose the state."
    assert form.state_text.accessibleDescription() == "Choose the state."
    form.errors["state_or_province"].set_error(None)
    assert form.state_combo.accessibleDescription() == ""


def test_the_card_brand_is_read_with_its_caption(qtbot):
    from pos.ui.widgets.card_entry import CardEntry

    card = CardEntry()
    qtbot.addWidget(card)
    card.show()
    card.number.setFocus()
    type_text("4242", card.number)
    assert card.brand.accessibleName() == "Card brand: Visa"


def accessible_tree(root: QWidget) -> tuple[set[int], list[tuple[str, str]]]:
    """What a screen reader can reach from ``root``: the widgets (by id) and the cells
    ((table's name, cell's text)) of Qt's accessibility tree."""
    widgets: set[int] = set()
    cells: list[tuple[str, str]] = []

    def walk(interface, table: str, depth: int) -> None:
        if interface is None or not interface.isValid() or depth > 40:
            return
        role = interface.role()
        found = interface.object()
        if isinstance(found, QWidget):
            widgets.add(id(found))
            if role == QAccessible.Role.Table:
                table = found.accessibleName()
        if role == QAccessible.Role.Cell:
            cells.append((table, interface.text(QAccessible.Text.Name)))
        for i in range(interface.childCount()):
            walk(interface.child(i), table, depth + 1)

    walk(QAccessible.queryAccessibleInterface(root), "", 0)
    return widgets, cells


def test_quantities_are_cells_a_screen_reader_reads_and_tab_leaves_every_table(
        qtbot, window, shop):
    from PySide6.QtWidgets import QAbstractSpinBox

    window.show()
    w = wiz(window)
    w.next()
    wait_page(qtbot, window, PAGE_ITEMS)
    for sku in (shop.skus[0], shop.skus[0], shop.skus[1]):
        scan(qtbot, window, sku)
    page = w.items_page
    reachable, cells = accessible_tree(window)
    # Every spin box on show is in the tree (none hides over a cell), and the quantity
    # cells read their numbers.
    spins = [s for s in window.findChildren(QAbstractSpinBox) if s.isVisible()]
    assert [s for s in spins if id(s) not in reachable] == []
    assert ("Items in this sale", "2") in cells and ("Items in this sale", "1") in cells
    # Tab: the lines table is one stop.
    page.lines.setFocus()
    press(Qt.Key.Key_Tab, page.lines)
    assert QApplication.focusWidget() is page.remove_button

    fill_guest_billing(qtbot, window)
    next_page(qtbot, window, PAGE_FULFILMENT)
    fulfilment = w.fulfilment_page
    fulfilment.split.setChecked(True)
    table = fulfilment.split_table
    reachable, cells = accessible_tree(window)
    spins = [s for s in window.findChildren(QAbstractSpinBox) if s.isVisible()]
    assert [s for s in spins if id(s) not in reachable] == []
    name = table.accessibleName()
    assert (name, "2") in cells and (name, "1") in cells  # "takes now": all of each line
    table.setFocus()
    qtbot.waitUntil(table.hasFocus, timeout=2000)
    press(Qt.Key.Key_Tab, table)
    focus = QApplication.focusWidget()
    assert focus is not table and not table.isAncestorOf(focus)  # Tab leaves the table
    fulfilment.take_now.setChecked(True)
    next_page(qtbot, window, PAGE_PAYMENT)
    payment = w.payment_page
    qtbot.waitUntil(lambda: payment.options is not None, timeout=10_000)
    stops = []
    for _ in range(40):
        press(Qt.Key.Key_Tab)
        stops.append(QApplication.focusWidget())
    assert payment.lines in stops  # the lines to pay for are read by Tab too


def labelled(label) -> list:
    """The widgets ``label`` is the label for, as a screen reader finds them."""
    interface = QAccessible.queryAccessibleInterface(label)
    return [found.object() for found, _relation
            in interface.relations(QAccessible.Relation.Labelled)]


def test_page_errors_go_with_their_field_and_go_when_it_is_corrected(qtbot, window, shop):
    from ui_helpers import ADDRESS

    w = wiz(window)
    w.next()
    wait_page(qtbot, window, PAGE_ITEMS)
    items = w.items_page
    scan(qtbot, window, "NO-SUCH-CODE-7")
    qtbot.waitUntil(items.error_label.isVisible, timeout=10_000)
    assert labelled(items.error_label) == [items.search]  # the code typed in the scan box
    assert "NO-SUCH-CODE-7" in items.search.accessibleDescription()
    scan(qtbot, window, shop.skus[0])
    assert not items.error_label.isVisible() and items.search.accessibleDescription() == ""

    next_page(qtbot, window, PAGE_CUSTOMER)
    page = w.customer_page
    form = page.form
    form.set_address({**ADDRESS, "first_name": "", "state_or_province": "",
                      "state_or_province_code": ""})
    w.next()
    qtbot.waitUntil(page.error_label.isVisible, timeout=5000)
    first = form.fields["first_name"]
    assert QApplication.focusWidget() is first  # the first field in error
    assert labelled(page.error_label) == [first]
    assert labelled(form.errors["first_name"]) == [first]
    assert first.accessibleDescription() == form.errors["first_name"].text()
    # The State error is the combo box's: its ring, its label, its description.
    combo = form.state_combo
    assert labelled(form.errors["state_or_province"]) == [combo]
    assert combo.property("invalid") is True and form.state.property("invalid") is False
    assert combo.accessibleDescription()
    type_text("Ana", first)  # corrected: its error goes at once
    assert first.accessibleDescription() == "" and not form.errors["first_name"].isVisible()
    assert first.property("invalid") is False
    assert page.error_label.isVisible()  # the State is still wrong
    w.next()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is combo, timeout=5000)
    assert labelled(page.error_label) == [combo]
    type_text("Texas", combo)
    assert combo.currentData() == "TX"
    assert combo.property("invalid") is False and combo.accessibleDescription() == ""
    assert not page.error_label.isVisible()  # the last marked field was corrected


def test_the_card_summary_error_goes_once_every_card_field_is_corrected(qtbot, window, shop):
    from ui_helpers import to_payment

    to_payment(qtbot, window)
    page = wiz(window).payment_page
    qtbot.waitUntil(lambda: page.options is not None, timeout=10_000)
    card = page.card
    card.number.setFocus()
    type_text("4242424242424242", card.number)
    page.charge()
    assert page.error_label.isVisible() and not page.is_charging()
    assert QApplication.focusWidget() is card.name
    assert labelled(page.error_label) == [card.name]
    for field, text in ((card.name, "Ana Diaz"), (card.expiry, "12/2031")):
        field.setFocus()
        type_text(text, field)
        assert page.error_label.isVisible()  # the CVV is still marked
    card.cvv.setFocus()
    type_text("123", card.cvv)
    assert not page.error_label.isVisible() and labelled(page.error_label) == []
    card.wipe()
