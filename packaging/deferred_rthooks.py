"""PyInstaller run-time hooks that wait for their module, written at build time by pos.spec.

PyInstaller runs a run-time hook for every collected module that has one, at every start,
before the program: the hooks of ``inspect``, ``multiprocessing``, ``pkgutil`` and ``usb``
import those modules (and ``ast``, ``dis``, ``pickle``, ``socket``, ``ctypes``...), which
made ``pos --version`` slower in the bundle than from source. For each module of
:data:`DEFERRED`, :func:`write_hooks` writes a hook in PyInstaller's hook-directory layout
(``rthooks.dat`` and ``rthooks/``) that takes its place: it carries PyInstaller's own hook
code, unchanged, and runs it right after the program first imports the module (at once
when the module is already imported, or when the process was started as one of
multiprocessing's helper processes, which PyInstaller's hook must catch before anything
else). A directory listed first in the spec's ``hookspath`` wins over PyInstaller's own.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

__all__ = ["DEFERRED", "defer_ctypes_bootstrap", "deferred_ctypes_source", "originals",
           "wrapper_source", "write_hooks"]

#: Modules whose run-time hooks wait for the module, and when a hook must run at once.
DEFERRED: Mapping[str, str] = {
    "inspect": "False",
    # A helper process of multiprocessing (resource tracker, fork server, spawned worker)
    # is recognised and diverted by the hook before the program runs.
    "multiprocessing": "len(sys.argv) > 1 and (sys.argv[1] == '--multiprocessing-fork'"
                       " or '-c' in sys.argv)",
    "pkgutil": "False",
    "usb": "False",
}

#: Runs ``run()`` once ``{module}`` is imported (at once when it already is, or when
#: ``{eager}`` is true): the body shared by the deferred hooks and the deferred bootstrap.
_AFTER_IMPORT = '''\
    if {module!r} in sys.modules or ({eager}):
        run()
        return

    class _AfterImport:
        """Runs the hooks right after `{module}` is imported, then steps aside."""

        def find_spec(self, name, path=None, target=None):
            if name != {module!r}:
                return None
            sys.meta_path.remove(self)
            for finder in sys.meta_path:
                find = getattr(finder, "find_spec", None)
                spec = find(name, path, target) if find is not None else None
                if spec is not None:
                    break
            else:
                return None
            loader = spec.loader
            if loader is None or not hasattr(loader, "exec_module"):
                run()
                return spec
            exec_module = loader.exec_module

            def exec_then_hooks(module):
                exec_module(module)
                run()

            # Each module has a loader of its own (PyInstaller's and Python's finders).
            loader.exec_module = exec_then_hooks
            return spec

    sys.meta_path.insert(0, _AfterImport())
'''

_TEMPLATE = '''\
# Written by packaging/pos.spec (packaging/deferred_rthooks.py): PyInstaller's run-time
# hook(s) of `{module}`, run when the program first imports `{module}` rather than at
# every start.


def _pos_deferred_rthook():
    import sys

    hooks = {hooks!r}

    def run():
        for filename, source in hooks:
            exec(compile(source, filename, "exec"),
                 {{"__name__": "__main__", "__builtins__": __builtins__}})

''' + _AFTER_IMPORT + '''

_pos_deferred_rthook()
del _pos_deferred_rthook
'''

_CTYPES_TEMPLATE = '''\
# Written by packaging/pos.spec (packaging/deferred_rthooks.py) in place of PyInstaller's
# bootstrap module `pyimod03_ctypes`: its install() (ctypes.CDLL and the other loaders look
# in the bundle's folder first) runs, unchanged, when the program first imports `ctypes`
# rather than at every start (importing `ctypes` loads `_ctypes` and `libffi`: about 5 ms
# that `pos --version` and the other commands did not need).

import sys


def install():
    source = {source!r}

    def run():
        namespace = {{"__name__": "pyimod03_ctypes", "__builtins__": __builtins__}}
        exec(compile(source, "pyimod03_ctypes.py", "exec"), namespace)
        namespace["install"]()

''' + _AFTER_IMPORT


def originals(hook_dirs: Iterable[str | Path],
              modules: Iterable[str]) -> dict[str, list[Path]]:
    """The run-time hook files PyInstaller would run for ``modules``: from the first of
    ``hook_dirs`` (in PyInstaller's order) whose ``rthooks.dat`` names the module."""
    wanted = set(modules)
    found: dict[str, list[Path]] = {}
    for folder in map(Path, hook_dirs):
        listing = folder / "rthooks.dat"
        if not listing.is_file():
            continue
        table = ast.literal_eval(listing.read_text(encoding="utf-8"))
        for module, files in table.items():
            if module in wanted and module not in found:
                found[module] = [folder / "rthooks" / name for name in files]
    return found


def wrapper_source(module: str, hooks: Iterable[tuple[str, str]], eager: str = "False") -> str:
    """A run-time hook that runs ``hooks`` ((file name, source) pairs) once ``module`` is
    imported, or at once when ``eager`` (a Python expression over ``sys``) is true."""
    text = _TEMPLATE.format(module=module, hooks=list(hooks), eager=eager)
    compile(text, f"pyi_rth_pos_deferred_{module}.py", "exec")  # a broken hook fails the build
    return text


def write_hooks(target: Path, hook_dirs: Iterable[str | Path],
                deferred: Mapping[str, str] = DEFERRED) -> Path:
    """Write the deferred hooks of ``deferred`` into ``target`` (a hook directory for the
    spec's ``hookspath``); a module with no hook in ``hook_dirs`` is left out."""
    (target / "rthooks").mkdir(parents=True, exist_ok=True)
    table: dict[str, list[str]] = {}
    for module, files in originals(hook_dirs, deferred).items():
        name = f"pyi_rth_pos_deferred_{module}.py"
        hooks = [(f.name, f.read_text(encoding="utf-8")) for f in files]
        (target / "rthooks" / name).write_text(
            wrapper_source(module, hooks, deferred[module]), encoding="utf-8")
        table[module] = [name]
    (target / "rthooks.dat").write_text(repr(table) + "\n", encoding="utf-8")
    return target


def deferred_ctypes_source(original: str) -> str:
    """A module that stands for PyInstaller's bootstrap module ``pyimod03_ctypes`` (whose
    source is ``original``): its ``install()`` runs the original's once ``ctypes`` is
    imported."""
    text = _CTYPES_TEMPLATE.format(module="ctypes", eager="False", source=original)
    compile(text, "pyimod03_ctypes.py", "exec")  # a broken module fails the build
    return text


def defer_ctypes_bootstrap(dependencies: list[tuple[str, str, str]], original: Path,
                           target: Path) -> list[tuple[str, str, str]]:
    """``dependencies`` (a PYZ's bootstrap modules, compiled) with ``pyimod03_ctypes``
    replaced by :func:`deferred_ctypes_source` of ``original``, compiled into ``target``.
    Unchanged when PyInstaller no longer has that module (its bootstrap then changed: the
    build says so)."""
    if not any(name == "pyimod03_ctypes" for name, _path, _kind in dependencies):
        print("deferred_rthooks: PyInstaller has no pyimod03_ctypes; its bootstrap is kept")
        return dependencies
    import py_compile

    target.mkdir(parents=True, exist_ok=True)
    source = target / "pyimod03_ctypes.py"
    source.write_text(deferred_ctypes_source(original.read_text(encoding="utf-8")),
                      encoding="utf-8")
    compiled = py_compile.compile(str(source), cfile=str(target / "pyimod03_ctypes.pyc"),
                                  doraise=True)
    return [(name, compiled if name == "pyimod03_ctypes" else path, kind)
            for name, path, kind in dependencies]
