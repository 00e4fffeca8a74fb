# The register's run-time hook for PySide6, in place of PyInstaller's own
# (``pyi_rth_pyside6.py``, which ``packaging/hooks/rthooks.dat`` replaces).
#
# PyInstaller's hook imports ``PySide6.QtCore`` at every start, before any command runs, to
# see whether Qt's prefix needs an embedded ``qt.conf``: loading Qt's core library made
# ``pos --version`` and the other commands without a window twice as slow as from source.
# This hook sets the same environment (Qt's plugin and QML paths), and makes the same check
# once ``PySide6.QtCore`` is first imported by the program itself: the window's path pays
# for it, the command line does not.
# On Linux it loads none of PyInstaller's helpers at start (``_pyi_rth_utils``).
# Its import finder is a plain class with ``find_spec`` (all ``sys.meta_path`` asks for):
# ``importlib.abc`` would load ``importlib.resources``, ``pathlib``, ``tempfile``, ``typing``...
# at every start.
# ruff: noqa


def _pyi_rthook():
    import os
    import sys

    # PyInstaller's helpers are loaded at start only where the environment needs them
    # (Windows, macOS); their Qt part when Qt is first imported.
    is_macos_app_bundle = False
    if sys.platform.startswith("win") or sys.platform == "darwin":
        from _pyi_rth_utils import is_macos_app_bundle, prepend_path_to_environment_variable

    if sys.platform.startswith("win"):
        qt_path = os.path.join(sys._MEIPASS, "PySide6")
    else:
        qt_path = os.path.join(sys._MEIPASS, "PySide6", "Qt")

    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_path, "plugins")
    if is_macos_app_bundle:
        # The .app keeps binaries under Contents/Frameworks and data under
        # Contents/Resources: both QML trees are registered, as PyInstaller's hook does.
        resources = os.path.normpath(
            os.path.join(sys._MEIPASS, "..", "Resources", os.path.relpath(qt_path, sys._MEIPASS))
        )
        os.environ["QML2_IMPORT_PATH"] = os.pathsep.join(
            [os.path.join(resources, "qml"), os.path.join(qt_path, "qml")]
        )
    else:
        os.environ["QML2_IMPORT_PATH"] = os.path.join(qt_path, "qml")
    if sys.platform.startswith("win"):
        prepend_path_to_environment_variable(sys._MEIPASS, "PATH")
    if sys.platform == "darwin" and not is_macos_app_bundle:
        prepend_path_to_environment_variable(sys._MEIPASS, "DYLD_LIBRARY_PATH")

    class _AfterQtCore:
        """Runs PyInstaller's embedded qt.conf check right after ``PySide6.QtCore`` is
        imported, then steps aside."""

        def find_spec(self, name, path=None, target=None):
            if name != "PySide6.QtCore":
                return None
            sys.meta_path.remove(self)
            for finder in sys.meta_path:
                spec = finder.find_spec(name, path, target) if hasattr(finder, "find_spec") \
                    else None
                if spec is not None:
                    break
            else:
                return None
            loader = spec.loader
            exec_module = loader.exec_module

            def exec_then_conf(module):
                exec_module(module)
                sys.modules[name] = module
                from _pyi_rth_utils import qt as qt_rth_utils

                qt_rth_utils.ensure_single_qt_bindings_package("PySide6")
                qt_rth_utils.create_embedded_qt_conf("PySide6", qt_path)

            loader.exec_module = exec_then_conf
            return spec

    sys.meta_path.insert(0, _AfterQtCore())


_pyi_rthook()
del _pyi_rthook
