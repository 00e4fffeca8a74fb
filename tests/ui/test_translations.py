from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard
from ui_helpers import PROFILE

from pos.ui import translations
from pos.ui.wizard import shortcuts


def test_the_sources_compile_to_one_translation(qm_dir):
    assert sorted(p.name for p in qm_dir.iterdir()) == ["pos_es.qm"]


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


def test_the_wizard_speaks_spanish(qtbot, register, spanish):
    win = register(profile=PROFILE)
    w = win.wizard
    assert w.items_page.title() == "Artículos"
    assert w.button(QWizard.WizardButton.NextButton).text().replace("&", "").startswith(
        "Siguiente"
    )
    assert w.button(QWizard.WizardButton.CancelButton).text().replace("&", "") == "Cancelar"
    # Strings of the shared page base class, seen from a subclass.
    assert w.items_page.retry_button.text() == "Reintentar (F5)"
    assert "Tienda" in win.header.store.text()
    assert shortcuts()[0][1] == "Mostrar u ocultar esta ayuda"
    assert w.payment_page.card.cvv.placeholderText() == "3 cifras"


def test_a_missing_translation_keeps_english(qapp, qm_dir):
    installed = translations.install(qapp, "xx_YY", qm_dir=qm_dir)
    try:
        assert not [t for t in installed if "pos_" in t.filePath()]
    finally:
        translations.uninstall(qapp, installed)


def test_every_string_of_the_wizard_has_a_spanish_translation(tmp_path):
    """Qt's own lupdate reads every tr()/translate() literal in pos/ui: each one must have
    a finished Spanish translation, so no new string ships in English by accident."""
    import subprocess
    import xml.etree.ElementTree as ET
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    lupdate = translations.find_lrelease()[0].replace("lrelease", "lupdate")
    if not Path(lupdate).exists():
        pytest.skip(f"Qt's lupdate is not installed beside lrelease ({lupdate})")
    sources = sorted(str(p) for p in (repo / "pos" / "ui").rglob("*.py"))
    probe = tmp_path / "probe.ts"
    subprocess.run([lupdate, *sources, "-ts", str(probe)], check=True, capture_output=True)

    def messages(path: Path, finished_only: bool) -> set[tuple[str, str]]:
        found = set()
        for context in ET.parse(path).getroot().iter("context"):  # noqa: S314 (our own files)
            name = context.findtext("name")
            for message in context.iter("message"):
                translation = message.find("translation")
                done = translation is not None and translation.get("type") not in {
                    "unfinished", "obsolete", "vanished"
                } and bool((translation.text or "").strip() or translation.find("numerusform")
                           is not None)
                if done or not finished_only:
                    found.add((name, message.findtext("source")))
        return found

    in_code = messages(probe, finished_only=False)
    translated = messages(repo / "resources" / "translations" / "pos_es.ts", finished_only=True)
    assert sorted(in_code - translated) == []
