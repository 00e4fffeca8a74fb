"""Translations: ``.ts`` sources in ``resources/translations``, ``.qm`` built from them.

``build_qm()`` runs Qt's ``lrelease`` (shipped with PySide6 as ``pyside6-lrelease``) at
install or build time; the ``.qm`` files are not kept in version control. ``install()``
loads the app's translation for a locale together with Qt's own (``qtbase_xx``), so the
wizard's Back / Next / Cancel buttons are translated too.

Where the ``.qm`` files go (:func:`compiled_dir`): next to the ``.ts`` in a source checkout
(or an editable install); in the user's cache folder when the resources belong to an
installed package (a wheel is left as installed); a bundle carries them compiled.
``install()`` looks in both places, and compiles the sources once when a translation for
the locale exists only as ``.ts``.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from pos import APP_NAME, __version__
from pos import resources as pos_resources

log = logging.getLogger(__name__)

APP_CATALOGUE = "pos"


def sources_dir() -> Path:
    """The translation sources (``.ts``); in a bundle, the compiled ``.qm`` too."""
    return pos_resources.resource_path("translations")


def compiled_dir() -> Path:
    """Where :func:`build_qm` writes by default: beside the sources when they may hold
    build products (a source checkout), else a per-version folder in the user's cache."""
    if pos_resources.locate().writable_build_products:
        return sources_dir()
    import platformdirs

    cache = platformdirs.user_cache_path(APP_NAME, appauthor=False)
    return cache / "translations" / __version__


def qm_dirs() -> list[Path]:
    """The folders :func:`install` looks in for ``.qm`` files, in order."""
    found: list[Path] = []
    for folder in (sources_dir(), compiled_dir()):
        if folder not in found:
            found.append(folder)
    return found


#: The translation sources of this installation (kept for callers that read the .ts).
TRANSLATIONS_DIR = sources_dir()


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
    """Compile every ``.ts`` in ``source_dir`` to ``.qm`` in ``out_dir``; return the files.

    By default the sources are this installation's and the output goes to
    :func:`compiled_dir` (which is writable even when the resources are not).
    """
    if source_dir is None:
        source_dir = sources_dir()
        out_dir = out_dir or compiled_dir()
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
    app: QCoreApplication,
    locale: QLocale | str | None = None,
    qm_dir: Path | None = None,
    *,
    compile_missing: bool = True,
) -> list[QTranslator]:
    """Load the app's and Qt's translations for ``locale``; return the installed translators.

    The app's ``.qm`` is looked for in ``qm_dir`` only when it is given, else in
    :func:`qm_dirs`; when it is found nowhere but its ``.ts`` source is here
    (``compile_missing``), the sources are compiled into :func:`compiled_dir` once.
    Keep the returned list alive as long as the translations are wanted. A missing
    translation is not an error: the text stays in English.
    """
    if locale is None:
        locale = QLocale.system()
    elif isinstance(locale, str):
        locale = QLocale(locale)
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = _load(app, locale, "qtbase", [Path(qt_dir)])
    if translator is not None:
        installed.append(translator)
    folders = [qm_dir] if qm_dir is not None else qm_dirs()
    translator = _load(app, locale, APP_CATALOGUE, folders)
    if translator is None and qm_dir is None and compile_missing and _has_source(locale):
        try:
            build_qm()
        except (TranslationBuildError, OSError) as exc:
            log.warning("the %s translation could not be compiled: %s", locale.name(), exc)
        else:
            translator = _load(app, locale, APP_CATALOGUE, [compiled_dir()])
    if translator is not None:
        installed.append(translator)
    return installed


def _load(
    app: QCoreApplication, locale: QLocale, name: str, folders: list[Path]
) -> QTranslator | None:
    for folder in folders:
        translator = QTranslator()
        if translator.load(locale, name, "_", str(folder)):
            translator.setParent(app)
            app.installTranslator(translator)
            return translator
    log.debug("no %s translation for %s", name, locale.name())
    return None


def _has_source(locale: QLocale) -> bool:
    """A ``.ts`` for this locale (``pos_es_ES.ts`` or ``pos_es.ts``) is among the sources."""
    name = locale.name()
    stems = {f"{APP_CATALOGUE}_{name}", f"{APP_CATALOGUE}_{name.split('_')[0]}"}
    return any((sources_dir() / f"{stem}.ts").is_file() for stem in stems)


def uninstall(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
