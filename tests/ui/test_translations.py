from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard
from ui_fake_sale import KINDS, FakeSale
from ui_helpers import PROFILE

from pos.ui import translations
from pos.ui.wizard import RegisterWindow, shortcuts


@pytest.fixture(scope="module")
def qm_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("qm")
    built = translations.build_qm(out_dir=out)
    assert [p.name for p in built] == ["pos_es.qm"]
    return out


@pytest.fixture
def spanish(qapp, qm_dir):
    installed = translations.install(qapp, "es_ES", qm_dir=qm_dir)
    yield installed
    translations.uninstall(qapp, installed)


def test_the_spanish_source_is_complete():
    import xml.etree.ElementTree as ET

    tree = ET.parse(translations.TRANSLATIONS_DIR / "pos_es.ts")  # noqa: S314 (our own file)
    unfinished = [
        m.findtext("source") for m in tree.getroot().iter("message")
        if m.find("translation").get("type") in {"unfinished", "obsolete"}
        or not (m.findtext("translation") or m.find("translation").find("numerusform") is not None)
    ]
    assert unfinished == []


def test_app_and_qt_translations_load_together(spanish):
    names = sorted(t.filePath().rsplit("/", 1)[-1] for t in spanish)
    assert names == ["pos_es.qm", "qtbase_es.qm"]


def test_the_wizard_speaks_spanish(qtbot, qloop, spanish):
    win = RegisterWindow(PROFILE, FakeSale, kinds=KINDS)
    qtbot.addWidget(win)
    w = win.wizard
    assert w.items_page.title() == "Artículos"
    assert w.button(QWizard.WizardButton.NextButton).text().replace("&", "").startswith(
        "Siguiente"
    )
    assert w.button(QWizard.WizardButton.CancelButton).text().replace("&", "") == "Cancelar"
    # Strings of the shared page base class, seen from a subclass.
    assert w.items_page.retry_button.text() == "&Reintentar"
    assert "Tienda" in win.header.store.text()
    assert shortcuts()[0][1] == "Mostrar u ocultar esta ayuda"
    assert w.payment_page.card.cvv.placeholderText() == "3 cifras"
    win.view.close()


def test_a_missing_translation_keeps_english(qapp, qm_dir):
    installed = translations.install(qapp, "xx_YY", qm_dir=qm_dir)
    try:
        assert not [t for t in installed if "pos_" in t.filePath()]
    finally:
        translations.uninstall(qapp, installed)
