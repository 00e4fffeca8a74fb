"""Alt+letter accelerators: no letter twice on one page, in English and in Spanish."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QWizard

from pos.ui import translations

_MNEMONIC = re.compile(r"&([^&\s])")


def mnemonic(text: str) -> str | None:
    found = _MNEMONIC.search(text.replace("&&", ""))
    return found.group(1).casefold() if found else None


def page_accelerators(wizard: QWizard, page) -> Counter[str]:
    """Every accelerator that is live while ``page`` shows (its widgets and the wizard's)."""
    letters: Counter[str] = Counter()
    texts = []
    for widget in page.findChildren(QLabel):
        if widget.buddy() is not None and widget.isVisibleTo(page):
            texts.append(widget.text())
    for widget in page.findChildren(QAbstractButton):
        # Retry shows with an error: an accelerator of every state of the page.
        if widget.isVisibleTo(page) or widget is getattr(page, "retry_button", None):
            texts.append(widget.text())
    for widget in page.findChildren(QGroupBox):
        if widget.isVisibleTo(page):
            texts.append(widget.title())
    last = page.nextId() == -1
    buttons = [QWizard.WizardButton.BackButton] if not last else []
    if not last:
        buttons.append(QWizard.WizardButton.CancelButton)
        buttons.append(QWizard.WizardButton.CommitButton if page.isCommitPage()
                       else QWizard.WizardButton.NextButton)
    for which in buttons:
        texts.append(wizard.button(which).text())
    for text in texts:
        letter = mnemonic(text)
        if letter:
            letters[letter] += 1
    return letters


@pytest.fixture(params=["en_US", "es_ES"])
def language(request, qapp, qm_dir):
    installed = translations.install(qapp, request.param, qm_dir=qm_dir)
    yield request.param
    translations.uninstall(qapp, installed)


def test_no_accelerator_letter_twice_on_a_page(qtbot, register, language):
    win = register()
    w = win.wizard
    w.customer_page.known.setChecked(True)  # the customer search shows too
    clashes = {}
    fulfilment = w.fulfilment_page
    fulfilment.split.setChecked(True)  # the split table and the shipping address show
    fulfilment.ship_box.setVisible(True)
    fulfilment.address_form.setVisible(True)
    for page in (w.items_page, w.customer_page, fulfilment, w.shipping_page,
                 w.payment_page, w.done_page):
        twice = sorted(k for k, n in page_accelerators(w, page).items() if n > 1)
        if twice:
            clashes[type(page).__name__] = twice
    assert clashes == {}
