"""The staff room keeps the arrows of the house: no Qt, no screens, no sandbox, no sales;
of the store profiles it uses the folders (and their atomic write and folder sync) only."""

from __future__ import annotations

import ast
from pathlib import Path

ROOM = Path(__file__).resolve().parents[2] / "pos" / "staff"
FORBIDDEN = ("PySide6", "shiboken6", "qasync", "keyring", "pos.ui", "pos.sandbox", "pos.sale",
             "pos.api", "pos.commands", "pos.cli")


def imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_the_staff_room_imports_nothing_above_it() -> None:
    modules = sorted(ROOM.glob("*.py"))
    assert modules
    offenders = {p.name: sorted(n for n in imports(p) if n.startswith(FORBIDDEN))
                 for p in modules}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_of_the_profiles_only_the_folders_are_used() -> None:
    used = {n for p in ROOM.glob("*.py") for n in imports(p) if n.startswith("pos.stores")}
    assert used <= {"pos.stores.profiles.data_dir", "pos.stores.profiles.system_profiles_dir",
                    "pos.stores.profiles.user_profiles_dir",
                    "pos.stores.profiles.atomic_write",  # the same safe write as profiles
                    "pos.stores.profiles.fsync_dir"}  # and its folder sync
