"""The bundle's deferred run-time hooks (packaging/deferred_rthooks.py), run by a real
Python the way the bundle runs a run-time hook: before the program, then the program's
imports. (The built bundle itself is checked by test_installers_deb.py.)"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))

from deferred_rthooks import (  # noqa: E402
    defer_ctypes_bootstrap,
    deferred_ctypes_source,
    originals,
    write_hooks,
)

HOOK = """
import sys
import colorsys  # the module is imported when its hook runs
sys.hook_runs = getattr(sys, "hook_runs", 0) + 1
sys.hook_saw_module = "colorsys" in sys.modules
"""


def _hook_dirs(tmp_path: Path) -> list[Path]:
    first, builtin = tmp_path / "contrib", tmp_path / "builtin"
    for folder, text in ((first, HOOK), (builtin, "raise SystemExit('the wrong hook ran')")):
        (folder / "rthooks").mkdir(parents=True)
        (folder / "rthooks" / "pyi_rth_colorsys.py").write_text(text)
        (folder / "rthooks.dat").write_text("{'colorsys': ['pyi_rth_colorsys.py']}\n")
    return [first, builtin]


def _run(hook: Path, program: str, *argv: str) -> subprocess.CompletedProcess[str]:
    code = f"exec(compile(open({str(hook)!r}).read(), 'rthook', 'exec'), {{}})\n{program}"
    return subprocess.run([sys.executable, "-c", code, *argv], capture_output=True,
                          text=True, timeout=60, check=False)


def test_the_first_hook_directory_that_names_a_module_wins(tmp_path: Path) -> None:
    dirs = _hook_dirs(tmp_path)
    assert originals(dirs, ["colorsys", "inspect"]) == {
        "colorsys": [dirs[0] / "rthooks" / "pyi_rth_colorsys.py"]}


def test_a_deferred_hook_runs_once_when_its_module_is_first_imported(tmp_path: Path) -> None:
    target = write_hooks(tmp_path / "out", _hook_dirs(tmp_path), {"colorsys": "False"})
    assert (target / "rthooks.dat").read_text().strip() == \
        "{'colorsys': ['pyi_rth_pos_deferred_colorsys.py']}"
    hook = target / "rthooks" / "pyi_rth_pos_deferred_colorsys.py"
    done = _run(hook, "import sys\n"
                "assert not hasattr(sys, 'hook_runs'), 'ran before the import'\n"
                "import colorsys\n"
                "import colorsys\n"
                "assert sys.hook_runs == 1 and sys.hook_saw_module\n"
                "assert colorsys.rgb_to_hsv(1, 0, 0) == (0.0, 1.0, 1)\n"
                "print('ok')")
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_a_deferred_hook_runs_at_once_when_asked_or_already_imported(tmp_path: Path) -> None:
    target = write_hooks(tmp_path / "out", _hook_dirs(tmp_path),
                         {"colorsys": "'--helper' in sys.argv"})
    hook = target / "rthooks" / "pyi_rth_pos_deferred_colorsys.py"
    check = "import sys\nassert sys.hook_runs == 1\nprint('ok')"
    eager = _run(hook, check, "--helper")
    assert eager.returncode == 0 and eager.stdout.strip() == "ok", eager.stderr
    lazy = _run(hook, "import sys\nprint(hasattr(sys, 'hook_runs'))")
    assert lazy.stdout.strip() == "False", lazy.stderr
    code = (f"import colorsys\nexec(compile(open({str(hook)!r}).read(), 'rthook', 'exec'), {{}})"
            f"\n{check}")
    already = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             timeout=60, check=False)
    assert already.returncode == 0 and already.stdout.strip() == "ok", already.stderr


PYSIDE6_HOOK = ROOT / "packaging" / "hooks" / "rthooks" / "pyi_rth_pos_pyside6.py"

#: Modules ``pos --version`` from source does not load: the bundle's hooks must not either.
NOT_AT_START = ("PySide6.QtCore", "importlib.abc", "importlib.resources", "tempfile", "typing",
                "_pyi_rth_utils")


def test_the_pyside6_hook_waits_for_qt_and_loads_no_importlib_abc(tmp_path: Path) -> None:
    # PyInstaller's helpers exist only inside a bundle: a stand-in with the same names, which
    # records the embedded qt.conf check.
    utils = tmp_path / "_pyi_rth_utils"
    utils.mkdir()
    (utils / "__init__.py").write_text(
        "is_macos_app_bundle = False\n"
        "def prepend_path_to_environment_variable(path, variable):\n    pass\n")
    (utils / "qt.py").write_text(
        "checked = []\n"
        "def ensure_single_qt_bindings_package(bindings):\n    checked.append('single')\n"
        "def create_embedded_qt_conf(bindings, prefix):\n    checked.append(bindings)\n")
    program = (
        "import sys\n"
        f"sys._MEIPASS = {str(tmp_path)!r}\n"
        f"sys.path.insert(0, {str(tmp_path)!r})\n"
        f"exec(compile(open({str(PYSIDE6_HOOK)!r}).read(), 'rthook', 'exec'), {{}})\n"
        f"print('LOADED', sorted(m for m in {NOT_AT_START!r} if m in sys.modules))\n"
        "import PySide6.QtCore\n"
        "from _pyi_rth_utils import qt\n"
        "print('CHECKED', qt.checked)\n"
    )
    done = subprocess.run([sys.executable, "-I", "-c", program], capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == ["LOADED []", "CHECKED ['single', 'PySide6']"]


#: A stand-in for PyInstaller's pyimod03_ctypes: its install() patches ctypes, as the real
#: one does (ctypes.CDLL becomes its subclass).
FAKE_PYIMOD03 = """
import sys
def install():
    import ctypes
    class Bundled(ctypes.CDLL):
        pass
    ctypes.CDLL = Bundled
    sys.installs = getattr(sys, "installs", 0) + 1
"""


def _bootstrap(module: Path, program: str) -> subprocess.CompletedProcess[str]:
    """``program`` run after the bootstrap's ``import pyimod03_ctypes; install()``."""
    code = (f"import sys\nsys.path.insert(0, {str(module.parent)!r})\n"
            "import pyimod03_ctypes\npyimod03_ctypes.install()\n" + program)
    return subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)


def test_the_bootstrap_ctypes_hooks_wait_for_ctypes(tmp_path: Path) -> None:
    original = tmp_path / "pyimod03_ctypes_original.py"
    original.write_text(FAKE_PYIMOD03)
    deps = [("struct", "/x/struct.pyc", "PYMODULE"),
            ("pyimod03_ctypes", "/x/pyimod03_ctypes.pyc", "PYMODULE")]
    swapped = defer_ctypes_bootstrap(deps, original, tmp_path / "out")
    assert swapped[0] == deps[0]
    name, compiled, kind = swapped[1]
    assert (name, kind) == ("pyimod03_ctypes", "PYMODULE")
    assert Path(compiled).is_file() and Path(compiled).suffix == ".pyc"
    module = tmp_path / "out" / "pyimod03_ctypes.py"
    done = _bootstrap(module, (
        "assert 'ctypes' not in sys.modules, 'ctypes loaded at start'\n"
        "assert not hasattr(sys, 'installs')\n"
        "import ctypes.util\n"
        "import ctypes\n"
        "assert sys.installs == 1 and ctypes.CDLL.__name__ == 'Bundled'\n"
        "print('ok')"))
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def test_the_bootstrap_ctypes_hooks_run_at_once_when_ctypes_is_there(tmp_path: Path) -> None:
    module = tmp_path / "pyimod03_ctypes.py"
    module.write_text(deferred_ctypes_source(FAKE_PYIMOD03))
    code = (f"import ctypes, sys\nsys.path.insert(0, {str(tmp_path)!r})\n"
            "import pyimod03_ctypes\npyimod03_ctypes.install()\n"
            "assert sys.installs == 1 and ctypes.CDLL.__name__ == 'Bundled'\nprint('ok')")
    done = subprocess.run([sys.executable, "-I", "-c", code], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def test_a_pyinstaller_without_pyimod03_keeps_its_bootstrap(tmp_path: Path) -> None:
    deps = [("struct", "/x/struct.pyc", "PYMODULE")]
    assert defer_ctypes_bootstrap(deps, tmp_path / "missing.py", tmp_path / "out") == deps

