"""Translations of an installed package: its resources stay as installed, the ``.qm`` go to
the user's cache, and a locale with only a ``.ts`` is compiled once when first wanted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication

from pos import resources
from pos.ui import translations

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This process sees its resources as an installed package's, with an empty cache."""
    package = tmp_path / "site" / "pos"
    shutil.copytree(ROOT / "resources", package / resources.PACKAGE_FOLDER,
                    ignore=shutil.ignore_patterns("*.qm"))
    monkeypatch.delenv(resources.ENV_VAR, raising=False)
    monkeypatch.setattr(resources, "_PACKAGE_DIR", package)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return package / resources.PACKAGE_FOLDER


def test_compiled_translations_go_to_the_cache(installed: Path, tmp_path: Path) -> None:
    assert translations.sources_dir() == installed / "translations"
    cache = translations.compiled_dir()
    assert cache.is_relative_to(tmp_path / "cache")
    assert translations.qm_dirs() == [installed / "translations", cache]
    built = translations.build_qm()
    assert [p.parent for p in built] == [cache]
    assert not list(installed.rglob("*.qm"))


def test_install_compiles_a_missing_translation_once(
    installed: Path, qapp: QCoreApplication
) -> None:
    cache = translations.compiled_dir()
    assert not cache.exists()
    loaded = translations.install(qapp, "es_ES")
    try:
        names = sorted(Path(t.filePath()).name for t in loaded)
        assert names == ["pos_es.qm", "qtbase_es.qm"]
        assert (cache / "pos_es.qm").is_file()
    finally:
        translations.uninstall(qapp, loaded)
    stamp = (cache / "pos_es.qm").stat().st_mtime_ns
    again = translations.install(qapp, "es_ES")
    translations.uninstall(qapp, again)
    assert (cache / "pos_es.qm").stat().st_mtime_ns == stamp


def test_no_source_for_the_locale_compiles_nothing(
    installed: Path, qapp: QCoreApplication
) -> None:
    loaded = translations.install(qapp, "fr_FR")
    translations.uninstall(qapp, loaded)
    assert not translations.compiled_dir().exists()
    assert all(not Path(t.filePath()).name.startswith("pos_") for t in loaded)
