"""Where the resources are (``pos.resources``), and what the package ships of them."""

from __future__ import annotations

import ast
import sys
import tomllib
from pathlib import Path

import pytest

from pos import resources
from pos.resources import ENV_VAR, Origin, locate, resource_path, resources_dir

ROOT = Path(__file__).resolve().parent.parent


def test_from_source_the_repository_folder_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    found = locate()
    assert found.origin is Origin.SOURCE
    assert found.path == ROOT / "resources"
    assert found.writable_build_products
    assert resource_path("icons", "pos.svg").is_file()
    assert (resources_dir() / "sandbox" / "nouns.txt").is_file()


def test_the_environment_overrides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    assert locate() == resources.Resources(tmp_path, Origin.ENVIRONMENT)
    assert resource_path("style.qss") == tmp_path / "style.qss"
    assert locate({}).origin is not Origin.ENVIRONMENT  # the environment given is read


def test_a_frozen_bundle_uses_its_own_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    found = locate()
    assert found == resources.Resources(tmp_path / "resources", Origin.BUNDLE)
    assert not found.writable_build_products


def test_an_installed_package_uses_its_package_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(ENV_VAR, raising=False)
    package = tmp_path / "pos"
    (package / resources.PACKAGE_FOLDER).mkdir(parents=True)
    monkeypatch.setattr(resources, "_PACKAGE_DIR", package)
    found = locate()
    assert found == resources.Resources(package / "_resources", Origin.PACKAGE)
    assert not found.writable_build_products


def test_pos_resources_is_a_leaf() -> None:
    """The sandbox store imports it: it must import nothing of ``pos``."""
    tree = ast.parse((ROOT / "pos" / "resources.py").read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
             for alias in node.names}
    names |= {node.module or "" for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom)}
    assert not {n for n in names if n == "pos" or n.startswith("pos.")}


def test_the_sandbox_reads_its_word_lists_through_pos_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pos.sandbox import catalog

    monkeypatch.delenv(ENV_VAR, raising=False)
    assert catalog.resources_dir() == ROOT / "resources" / "sandbox"
    monkeypatch.setenv(ENV_VAR, str(tmp_path))
    with pytest.raises(FileNotFoundError, match=ENV_VAR):
        catalog.resources_dir()


def test_the_package_list_names_every_package_and_resource_folder() -> None:
    """``pyproject.toml`` lists packages by hand (``resources/`` is mapped into ``pos``):
    a new package or resource folder must be added there, or a wheel would lack it."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setuptools = config["tool"]["setuptools"]
    listed = set(setuptools["packages"])
    code = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "pos").rglob("__init__.py")
    }
    folders = {"pos._resources"} | {
        "pos._resources." + ".".join(p.relative_to(ROOT / "resources").parts)
        for p in (ROOT / "resources").rglob("*")
        if p.is_dir() and p.name != "__pycache__"
    }
    assert listed == code | folders
    assert setuptools["package-dir"] == {"pos._resources": "resources"}
