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


def _package_of(path: Path) -> str:
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    return package


def _resolve(package: str, level: int, module: str | None) -> str:
    base = package.split(".")
    base = base[: len(base) - (level - 1)]
    prefix = ".".join(base)
    return f"{prefix}.{module}" if module else prefix


_IMPORT_FUNCTIONS = {"import_module", "__import__"}


def _dynamic_import(node: ast.Call) -> str | None:
    """The module named by ``importlib.import_module("x")``, ``import_module("x")`` or
    ``__import__("x")``; for an f-string (``f"pos.commands.{name}"``) its constant start
    followed by ``*`` (every module under it)."""
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if name not in _IMPORT_FUNCTIONS or not node.args:
        return None
    arg = node.args[0]
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.JoinedStr):
        start = ""
        for part in arg.values:
            if not (isinstance(part, ast.Constant) and isinstance(part.value, str)):
                break
            start += part.value
        return f"{start}*"
    return "*"  # a computed name: it could be anything


def _import_nodes(tree: ast.AST, package: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each import of a module: (module, names taken from it) with relative imports resolved;
    dynamic imports appear with no names."""
    found: list[tuple[str, tuple[str, ...]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((alias.name, ()) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = (
                _resolve(package, node.level, node.module) if node.level else node.module or ""
            )
            found.append((module, tuple(alias.name for alias in node.names)))
        elif isinstance(node, ast.Call):
            target = _dynamic_import(node)
            if target is not None:
                found.append((target, ()))
    return found


def _imports(path: Path, package: str | None = None) -> set[str]:
    """Absolute names of every module imported by ``path`` (relative imports resolved), at
    the top, inside functions, under ``TYPE_CHECKING`` or through ``importlib``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for module, names in _import_nodes(tree, package or _package_of(path)):
        found.add(module)
        found.update(f"{module}.{name}" for name in names)
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


def test_the_sale_knows_nothing_of_its_sibling_rooms() -> None:
    """Returns, staff and the shift hear of a completed sale through the engine's hook,
    wired in pos/composition.py; the sale imports none of them."""
    siblings = ("pos.returns", "pos.staff", "pos.shift", "pos.hardware", "pos.composition")
    offenders = {
        module: sorted(n for n in names if n.startswith(siblings))
        for module, names in MODULES.items()
        if _room(module) == "sale"
    }
    assert {m: n for m, n in offenders.items() if n} == {}


@pytest.mark.parametrize(
    ("library", "allowed"),
    [("qasync", "pos.ui.async_qt"), ("keyring", "pos.stores.secrets")],
)
def test_one_module_imports_each_gateway_library(library: str, allowed: str) -> None:
    assert allowed in MODULES, f"the gateway module {allowed} of {library} is missing"
    importers = sorted(m for m, names in MODULES.items() if any(_top(n) == library for n in names))
    assert importers == [allowed], f"{library} imported by {importers}; only {allowed} may"


def test_the_walk_catches_a_broken_rule(tmp_path: Path) -> None:
    """The checker itself: a module that breaks a rule is seen."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def f():\n    from PySide6 import QtCore\n    import keyring\n"
        "    from ..sale import journal\n"
    )
    names = _imports(bad, package="pos.sandbox")
    assert {"PySide6", "keyring", "pos.sale", "pos.sale.journal"} <= names


def test_the_walk_sees_importlib(tmp_path: Path) -> None:
    """A rule's gateway cannot be dodged by importing through ``importlib``."""
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import importlib\nfrom importlib import import_module\n"
        "def f(name):\n    importlib.import_module('keyring')\n"
        "    import_module('qasync')\n    __import__('PySide6.QtCore')\n"
        "    importlib.import_module(f'pos.sale.{name}')\n"
    )
    names = _imports(bad, package="pos.api")
    assert {"keyring", "qasync", "PySide6.QtCore", "pos.sale.*"} <= names
    assert {_top(n) for n in names} >= {"keyring", "qasync", "PySide6"}


# ------------------------------------------------------------------ no import cycle


def _module_paths() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(POS.rglob("*.py"))}


def _edges(path: Path, modules: set[str], package: str | None = None) -> set[str]:
    """The modules of ``modules`` that ``path`` imports explicitly: ``import a.b`` is an edge
    to ``a.b``; ``from a import b`` to ``a.b`` when that is a module, else to ``a``; a
    dynamic import with a computed part to every module under its constant start."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    targets: set[str] = set()
    for module, names in _import_nodes(tree, package or _package_of(path)):
        if module.endswith("*"):
            start = module[:-1]
            targets.update(m for m in modules if m.startswith(start) and m != start.rstrip("."))
            continue
        if not names:
            targets.add(module)
            continue
        for name in names:
            sub = f"{module}.{name}"
            targets.add(sub if sub in modules else module)
    this = _module_name(path) if package is None else None
    return {t for t in targets if t in modules and t != this}


def _graph() -> dict[str, set[str]]:
    paths = _module_paths()
    names = set(paths)
    return {name: _edges(path, names) for name, path in paths.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (``[a, b, ..., a]``) for every strongly connected group of modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []
    counter = 0

    def connect(start: str) -> None:  # Tarjan's algorithm, without recursion
        nonlocal counter
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    group: list[str] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1 or node in graph.get(node, ()):
                        groups.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            connect(name)
    return [_one_cycle(graph, set(group), group[0]) for group in groups]


def _one_cycle(graph: dict[str, set[str]], group: set[str], start: str) -> list[str]:
    """The shortest way from ``start`` back to itself inside ``group``."""
    previous: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following: list[str] = []
        for node in frontier:
            for child in sorted(graph.get(node, ()) & group):
                if child == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(previous[path[-1]])
                    return [start, *reversed(path[:-1]), start] if node != start else [start, start]
                if child not in previous:
                    previous[child] = node
                    following.append(child)
        frontier = following
    return [start]


def test_no_import_cycle_among_pos_modules() -> None:
    """Counting imports inside functions and under ``TYPE_CHECKING``: the house has no
    circle of modules importing each other (each cycle is named)."""
    graph = _graph()
    cycles = _cycles(graph)
    lines = []
    for cycle in cycles:
        circle = _circle_of(graph, cycle[0])
        lines.append(f"{' -> '.join(cycle)}  (one circle of {len(circle)} modules: "
                     f"{', '.join(sorted(circle))})")
    assert cycles == [], "import cycles:\n" + "\n".join(lines)


def _circle_of(graph: dict[str, set[str]], start: str) -> set[str]:
    """Every module that ``start`` reaches and that reaches ``start``."""
    def reach(edges: dict[str, set[str]]) -> set[str]:
        seen, todo = {start}, [start]
        while todo:
            for child in edges.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        return seen

    backwards: dict[str, set[str]] = {}
    for node, children in graph.items():
        for child in children:
            backwards.setdefault(child, set()).add(node)
    return reach(graph) & reach(backwards)


def test_the_cycle_check_finds_and_names_a_cycle(tmp_path: Path) -> None:
    pkg = tmp_path / "pos" / "room"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("from . import a\n")
    (pkg / "a.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
                              "    from .b import B\n")
    (pkg / "b.py").write_text("def f():\n    from pos.room import c\n")
    (pkg / "c.py").write_text("import importlib\nimportlib.import_module('pos.room.a')\n")
    (pkg / "d.py").write_text("from pos.room import a\n")
    names = {"pos.room", "pos.room.a", "pos.room.b", "pos.room.c", "pos.room.d"}
    graph = {
        "pos.room": _edges(pkg / "__init__.py", names, package="pos.room"),
        **{f"pos.room.{m}": _edges(pkg / f"{m}.py", names, package="pos.room")
           for m in "abcd"},
    }
    assert graph["pos.room"] == {"pos.room.a"}  # a package importing its own submodule
    assert graph["pos.room.d"] == {"pos.room.a"}  # from a package, a submodule
    assert _cycles(graph) == [["pos.room.a", "pos.room.b", "pos.room.c", "pos.room.a"]]
    assert _cycles({"x": {"y"}, "y": set()}) == []


# ------------------------------------------------------------------ module size

MAX_LINES = 900


def test_no_module_in_pos_is_over_900_lines() -> None:
    sizes = {
        _module_name(p): len(p.read_text(encoding="utf-8").splitlines())
        for p in POS.rglob("*.py")
    }
    over = {m: n for m, n in sorted(sizes.items()) if n > MAX_LINES}
    assert over == {}, f"modules over {MAX_LINES} lines: {over}"
