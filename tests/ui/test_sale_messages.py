"""The engine's clerk messages (English, Qt-free) shown in the clerk's language."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ui_helpers import (
    add_items,
    fill_guest_billing,
    pay_new_card,
    wiz,
)

from pos.sale.errors import StoreProblem
from pos.sale.messages import (
    ERROR_KIND_MESSAGES,
    PAYMENT_CODE_MESSAGES,
    ErrorKind,
    error_kind_message,
    payment_message,
)
from pos.ui import sale_messages, translations
from pos.ui.pages import PAGE_FULFILMENT, PAGE_PAYMENT


def _spanish_entries() -> dict[str, tuple[str, str]]:
    tree = ET.parse(translations.TRANSLATIONS_DIR / "pos_es.ts")  # noqa: S314 (our own file)
    for context in tree.getroot().iter("context"):
        if context.findtext("name") == sale_messages.CONTEXT:
            return {
                m.findtext("source") or "": (m.findtext("extracomment") or "",
                                             m.findtext("translation") or "")
                for m in context.iter("message")
            }
    return {}


def test_every_engine_message_and_status_has_a_spanish_entry():
    entries = _spanish_entries()
    expected = sale_messages.english_entries()
    assert len(expected) == 2 * len(PAYMENT_CODE_MESSAGES) + 2 * len(ERROR_KIND_MESSAGES) + 15
    assert sorted(entries) == sorted(expected)
    for key, (english, spanish) in entries.items():
        # The English a translation was made from is still the engine's: a reworded
        # message must be translated again.
        assert english == expected[key], key
        assert spanish and spanish != english, key


def test_without_a_translation_the_english_words_show(qapp):
    assert sale_messages.payment_text(30104) == str(payment_message(30104))
    assert sale_messages.error_kind_text("offline") == str(error_kind_message(ErrorKind.OFFLINE))
    assert sale_messages.order_status_name(11) == "Awaiting Fulfillment"
    assert sale_messages.translate_text("Something the engine never said.") == (
        "Something the engine never said."
    )


def test_spanish_messages_by_code_kind_status_and_text(spanish):
    declined = sale_messages.payment_text(30104)
    assert declined.startswith("La tarjeta ha sido rechazada. No se ha cobrado nada.")
    assert sale_messages.payment_text(99999).startswith("No se ha aceptado el pago.")
    assert sale_messages.error_kind_text(ErrorKind.TIMEOUT).startswith(
        "La tienda tarda demasiado en responder."
    )
    assert sale_messages.order_status_name(11, "Awaiting Fulfillment") == (
        "Pendiente de preparación"
    )
    assert sale_messages.order_status_name(99, "Something new") == "Something new"
    # Text the engine built from a table, with the store's own words in brackets kept as is.
    english = f"{error_kind_message(ErrorKind.INVALID_DATA)} (coupon: The code is not valid)"
    assert sale_messages.translate_text(english) == (
        "La tienda no ha aceptado estos datos. Compruebe los datos marcados e inténtelo de "
        "nuevo. (coupon: The code is not valid)"
    )
    problem = StoreProblem(error_kind_message(ErrorKind.CONNECTION), ErrorKind.CONNECTION,
                           detail="adding the item")
    assert sale_messages.error_text(problem) == (
        "No se puede conectar con la tienda. Compruebe la conexión de red e inténtelo de "
        "nuevo. (adding the item)"
    )


def test_a_decline_shows_in_spanish_on_the_payment_page(qtbot, window, skus, spanish):
    win = window
    add_items(qtbot, win, skus[1])
    fill_guest_billing(qtbot, win)
    w = wiz(win)
    w.next()
    qtbot.waitUntil(lambda: w.currentId() == PAGE_FULFILMENT, timeout=10_000)
    w.next()
    qtbot.waitUntil(lambda: w.currentId() == PAGE_PAYMENT, timeout=10_000)
    pay_new_card(qtbot, win, "4000000000000002")
    page = w.payment_page
    qtbot.waitUntil(lambda: "rechazada" in page.status.text(), timeout=10_000)
    assert page.status.text().startswith("La tarjeta ha sido rechazada. No se ha cobrado nada.")
    assert "declined" not in page.status.text()
