"""The hardware room's place in the house: no Qt, nothing of the window or the sandbox;
it may read orders through pos.api and format money with pos.sale.money."""

from __future__ import annotations

import ast
from pathlib import Path

ROOM = Path(__file__).resolve().parents[2] / "pos" / "hardware"
QT = {"PySide6", "shiboken6", "qasync", "PyQt5", "PyQt6", "PySide2"}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def test_the_hardware_room_keeps_to_its_arrows() -> None:
    modules = sorted(ROOM.glob("*.py"))
    assert len(modules) >= 8
    offenders = {}
    for path in modules:
        bad = sorted(
            name for name in _imports(path)
            if name.split(".")[0] in QT
            or name.startswith(("pos.ui", "pos.sandbox", "pos.commands", "pos.cli",
                                "pos.stores", "keyring"))
            or (name.startswith("pos.sale") and name != "pos.sale.money")
        )
        if bad:
            offenders[path.name] = bad
    assert offenders == {}
