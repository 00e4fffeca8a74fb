"""Translations: ``.ts`` sources in ``resources/translations``, ``.qm`` built from them.

``build_qm()`` runs Qt's ``lrelease`` (shipped with PySide6 as ``pyside6-lrelease``) at
install or build time; the ``.qm`` files are not kept in version control. ``install()``
loads the app's translation for a locale together with Qt's own (``qtbase_xx``), so the
wizard's Back / Next / Cancel buttons are translated too.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

APP_CATALOGUE = "pos"
RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"
TRANSLATIONS_DIR = RESOURCES / "translations"


class TranslationBuildError(RuntimeError):
    pass


def find_lrelease() -> list[str]:
    """The command that runs Qt's lrelease, from PySide6's own tools."""
    here = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "pyside6-lrelease.exe"):
        candidate = here / name
        if candidate.exists():
            return [str(candidate)]
    found = shutil.which("pyside6-lrelease")
    if found:
        return [found]
    import PySide6

    base = Path(PySide6.__file__).parent
    for candidate in (base / "lrelease", base / "lrelease.exe", base / "Qt" / "bin" / "lrelease"):
        if candidate.exists():
            return [str(candidate)]
    raise TranslationBuildError(
        "Qt's lrelease was not found; install PySide6-Essentials (it ships pyside6-lrelease)."
    )


def build_qm(source_dir: Path | None = None, out_dir: Path | None = None) -> list[Path]:
    """Compile every ``.ts`` in ``source_dir`` to ``.qm`` in ``out_dir``; return the files."""
    source_dir = source_dir or TRANSLATIONS_DIR
    out_dir = out_dir or source_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    command = find_lrelease()
    built: list[Path] = []
    for ts in sorted(source_dir.glob("*.ts")):
        qm = out_dir / (ts.stem + ".qm")
        result = subprocess.run(
            [*command, "-silent", str(ts), "-qm", str(qm)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0 or not qm.exists():
            raise TranslationBuildError(
                f"lrelease failed on {ts.name}: {result.stderr.strip() or result.stdout.strip()}"
            )
        built.append(qm)
    return built


def install(
    app: QCoreApplication, locale: QLocale | str | None = None, qm_dir: Path | None = None
) -> list[QTranslator]:
    """Load the app's and Qt's translations for ``locale``; return the installed translators.

    Keep the returned list alive as long as the translations are wanted. A missing
    translation is not an error: the text stays in English.
    """
    if locale is None:
        locale = QLocale.system()
    elif isinstance(locale, str):
        locale = QLocale(locale)
    qm_dir = qm_dir or TRANSLATIONS_DIR
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, directory in (("qtbase", qt_dir), (APP_CATALOGUE, str(qm_dir))):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", directory):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.debug("no %s translation for %s", name, locale.name())
    return installed


def uninstall(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
