"""The engine's words about sales and tenders, as the clerk meets them in Spanish: the Start
page's unfinished sales (built by the engine from the journal), a tender the engine refuses
on Review and pay, and the tender's name on the Done page.

The command line reads the same values as plain English (``str``), checked here too.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from support.english import english_words
from ui_helpers import add_items, checkout_to_payment, wait_idle, wait_page, wiz

from pos.sale import Sale
from pos.sale.journal import Journal
from pos.sale.journal_recovery import SalvagedSale
from pos.ui.pages import PAGE_DONE
from pos.ui.wizard import RegisterWindow
from pos.ui.wording import say


def _journal_with_unfinished_sales(path: Path) -> Journal:
    """A journal holding two unfinished sales: one stopped at payment with its order made,
    one still at the items with nothing sent."""
    journal = Journal(path)
    paying = journal.start_sale("front", currency="USD")
    journal.set_state(paying, "payment")
    journal.record_totals(paying, Decimal("42.50"), "USD")
    journal.order_created(paying, 1234)
    journal.log_event(paying, "summary", {"customer": "Ana Diaz",
                                          "items": [["Blue mug", 2]], "more_items": 0})
    journal.start_sale("front", currency="USD")
    return journal


def test_the_start_page_lists_unfinished_sales_in_spanish(qtbot, spanish, window, tmp_path):
    journal = _journal_with_unfinished_sales(tmp_path / "journal.sqlite3")
    try:
        unfinished = Sale.unfinished(journal)
    finally:
        journal.close()
    # The command line and the logs read English, as they always did.
    labels = sorted((str(u.label) for u in unfinished), key=lambda label: "order" in label)
    assert labels[0].endswith(" (items)"), labels
    assert labels[1].endswith(" order 1234 42.50 USD (payment)"), labels

    start = wiz(window).start_page
    start.set_resumable(RegisterWindow._as_resumable(unfinished))
    texts = [start.resume_list.item(n).text() for n in range(start.resume_list.count())]
    assert len(texts) == 2
    paying = next(t for t in texts if "1234" in t)
    assert " pedido 1234 42.50 USD (pago)" in paying, paying
    assert "Ana Diaz: 2 × Blue mug" in paying
    assert any(t.endswith(" (artículos)") for t in texts), texts
    english = {t: english_words(t, ignore=("Ana Diaz", "Blue mug")) for t in texts}
    assert all(not words for words in english.values()), english


def test_a_salvaged_sale_is_said_in_spanish(spanish):
    sale = SalvagedSale("s-1", 77, finished=False, outcome=None, payment_unknown=True,
                        paid=False)
    assert sale.label == ("sale s-1: order 77, payment outcome unknown: check the order at "
                          "the store")
    said = say(sale.label)
    assert said == ("venta s-1: pedido 77, resultado del pago desconocido: compruebe el "
                    "pedido en la tienda")
    assert english_words(said, ignore=("s-1",)) == []


def test_a_refused_tender_and_the_tender_paid_with_read_in_spanish(
        qtbot, spanish, window, skus, store):
    add_items(qtbot, window, skus[1])
    checkout_to_payment(qtbot, window)
    wait_idle(qtbot, window)
    page = wiz(window).payment_page
    tender = page.tender
    tender.terminal_radio.click()
    # The page lets an approval code with a space through; the engine refuses it.
    qtbot.keyClicks(tender.reference, "AP 55")
    qtbot.keyClicks(tender.last4, "1234")
    assert tender.problem() is None
    page.charge_button.click()
    qtbot.waitUntil(lambda: bool(page.error_label.text()), timeout=10_000)
    refused = page.error_label.text()
    assert refused.startswith("Escriba el código de aprobación del terminal"), refused
    assert english_words(refused) == []
    assert page.result is None
    tender.reference.clear()
    qtbot.keyClicks(tender.reference, "AP55Z")
    page.charge_button.click()
    wait_page(qtbot, window, PAGE_DONE)
    done = wiz(window).done_page
    qtbot.waitUntil(lambda: bool(done.card.text()), timeout=10_000)
    assert done.card.text() == "Terminal de tarjetas ****1234"
    # The store is told in English, as its control panel reads.
    assert window.view.sale.result.masked_card == "Card terminal ****1234"
