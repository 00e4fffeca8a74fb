"""The rules of the house (DESIGN.md), checked on the imports of every module in ``pos/``.

The walk uses the syntax tree, so an import inside a function counts as much as one
at the top of a module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

POS = Path(__file__).resolve().parent.parent / "pos"
QT_MODULES = {"PySide6", "shiboken6", "qasync", "PyQt5", "PyQt6", "PySide2"}


def _module_name(path: Path) -> str:
    rel = path.relative_to(POS.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, package: str | None = None) -> set[str]:
    """Absolute names of every module imported by ``path`` (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    if package is None:
        package = _module_name(path)
        if path.name != "__init__.py":
            package = package.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base)
                name = f"{prefix}.{node.module}" if node.module else prefix
                found.add(name)
                found.update(f"{name}.{alias.name}" for alias in node.names)
            elif node.module:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _all_modules() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) for p in sorted(POS.rglob("*.py"))}


def _top(name: str) -> str:
    return name.split(".")[0]


def _room(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


MODULES = _all_modules()


def test_the_walk_sees_the_package() -> None:
    assert "pos.cli" in MODULES
    assert any(m.startswith("pos.sandbox") for m in MODULES)


@pytest.mark.parametrize("room", ["api", "sale", "stores", "sandbox"])
def test_no_qt_outside_the_ui(room: str) -> None:
    offenders = {
        module: sorted(n for n in names if _top(n) in QT_MODULES)
        for module, names in MODULES.items()
        if _room(module) == room
    }
    assert {m: n for m, n in offenders.items() if n} == {}


def test_sandbox_is_an_independent_server() -> None:
    forbidden = ("pos.api", "pos.sale", "pos.ui", "pos.stores", "pos.commands", "pos.cli")
    offenders = {
        module: sorted(n for n in names if n.startswith(forbidden))
        for module, names in MODULES.items()
        if _room(module) == "sandbox"
    }
    assert {m: n for m, n in offenders.items() if n} == {}


def test_api_imports_no_higher_room_and_no_keyring() -> None:
    forbidden = ("pos.sale", "pos.ui", "pos.stores", "pos.sandbox", "pos.commands", "pos.cli")
    offenders = {
        module: sorted(n for n in names if n.startswith(forbidden) or _top(n) == "keyring")
        for module, names in MODULES.items()
        if _room(module) == "api"
    }
    assert {m: n for m, n in offenders.items() if n} == {}


def test_sale_and_stores_do_not_import_the_ui() -> None:
    offenders = {
        module: sorted(n for n in names if n.startswith(("pos.ui", "pos.sandbox")))
        for module, names in MODULES.items()
        if _room(module) in {"sale", "stores"}
    }
    assert {m: n for m, n in offenders.items() if n} == {}


@pytest.mark.parametrize(
    ("library", "allowed"),
    [("qasync", "pos.ui.async_qt"), ("keyring", "pos.stores.secrets")],
)
def test_one_module_imports_each_gateway_library(library: str, allowed: str) -> None:
    importers = sorted(m for m, names in MODULES.items() if any(_top(n) == library for n in names))
    assert importers in ([], [allowed]), f"{library} imported by {importers}; only {allowed} may"


def test_the_walk_catches_a_broken_rule(tmp_path: Path) -> None:
    """The checker itself: a module that breaks a rule is seen."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def f():\n    from PySide6 import QtCore\n    import keyring\n"
        "    from ..sale import journal\n"
    )
    names = _imports(bad, package="pos.sandbox")
    assert {"PySide6", "keyring", "pos.sale", "pos.sale.journal"} <= names
