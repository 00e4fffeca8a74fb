"""The Qt side of ``pos --self-test``: Qt starts, icons and translations load, the wizard's
pages are created. Each check returns a :class:`Finding` (plain data); nothing is shown.

:mod:`pos.self_test` runs these beside its Qt-free checks and prints one line per check.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pos.resources import is_frozen, resource_path

if TYPE_CHECKING:
    from pos.composition import Engine
    from pos.stores.profiles import Profile

#: The clerk's wizard, page by page (page classes without their ``Page`` suffix), in order.
WIZARD_PAGES = ("Start", "Items", "Customer", "Fulfilment", "Shipping", "Payment", "Done")

#: The Qt platform plugin a desktop session uses, per platform (file name stem).
NATIVE_QT_PLATFORM = {"linux": "qxcb", "win32": "qwindows", "darwin": "qcocoa"}


@dataclass(frozen=True)
class Finding:
    """The outcome of one check: passed or not, and what was found, in words."""

    ok: bool
    detail: str


def _platform_key() -> str:
    return "linux" if sys.platform.startswith("linux") else sys.platform


def has_display(environ: dict[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    if _platform_key() != "linux":
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def _cancel_started_work() -> None:
    """Cancel what the pages started for the store (e.g. the payment page preparing the
    payment): the self-test runs no event loop under the window, so it would never run."""
    import asyncio

    from pos.ui.async_qt import cancel_pending

    loop = asyncio.get_event_loop_policy().get_event_loop()
    if loop.is_running() or loop.is_closed():
        return
    if any(not task.done() for task in asyncio.all_tasks(loop)):
        loop.run_until_complete(cancel_pending(5.0))


class QtChecks:
    """Holds the application and what the checks create, until :meth:`close`.

    ``workdir`` is a scratch folder (translations compiled for this run only go there).
    Call :meth:`start` first: the other checks need the application it starts.
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.app: Any = None
        self._keep: list[Any] = []

    def start(self) -> Finding:
        """A QApplication starts (offscreen when there is no display) and the platform
        plugins are present."""
        if not os.environ.get("QT_QPA_PLATFORM") and not has_display():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ.setdefault("QT_API", "pyside6")
        try:
            from PySide6 import __version__ as pyside_version
            from PySide6.QtCore import QLibraryInfo
            from PySide6.QtWidgets import QApplication
        except ImportError as exc:
            return Finding(False, f"Qt (PySide6) cannot be imported: {exc}")

        plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
        present = {p.name.split(".")[0].removeprefix("lib") for p in plugins.glob("*")}
        wanted = {"qoffscreen", NATIVE_QT_PLATFORM.get(_platform_key(), "qoffscreen")}
        missing = sorted(wanted - present)
        if missing:
            return Finding(
                False, f"Qt platform plugins missing from {plugins}: {', '.join(missing)}"
            )
        self.app = QApplication.instance() or QApplication(
            [sys.argv[0] if sys.argv else "pos"]
        )
        platform = QApplication.platformName()
        return Finding(
            True,
            f"PySide6 {pyside_version}, platform '{platform}', "
            f"plugins {', '.join(sorted(wanted))}",
        )

    def icons(self) -> Finding:
        """Every icon in ``resources/icons`` loads."""
        from PySide6.QtCore import QSize
        from PySide6.QtGui import QIcon

        icons = resource_path("icons")
        files = sorted(p for p in icons.rglob("*") if p.suffix.lower() in {".svg", ".png"})
        if not files:
            return Finding(False, f"no icons (.svg, .png) in {icons}")
        broken = [p.name for p in files if QIcon(str(p)).pixmap(QSize(48, 48)).isNull()]
        if broken:
            return Finding(
                False, f"{len(broken)} of {len(files)} icons do not load: {', '.join(broken)}"
            )
        return Finding(True, f"{len(files)} icons load from {icons}")

    def translations(self, locale: str = "es") -> Finding:
        """The app's translation for ``locale`` and Qt's own load.

        A bundle must carry them compiled; from source or an installed package the
        ``.ts`` sources are compiled for this run when no ``.qm`` is there yet.
        """
        try:
            from pos.ui import translations
        except ImportError as exc:
            return Finding(False, f"pos.ui.translations cannot be imported ({exc})")
        sources = translations.sources_dir()
        qm_dir = next((d for d in translations.qm_dirs() if any(d.glob("*.qm"))), None)
        note = ""
        if qm_dir is None:
            if is_frozen():
                return Finding(False, f"no compiled translations (.qm) in {sources}")
            if not any(sources.glob("*.ts")):
                return Finding(False, f"no translations (.ts or .qm) in {sources}")
            qm_dir = self.workdir / "translations"
            translations.build_qm(sources, qm_dir)
            note = " (compiled from .ts for this run)"
        installed = translations.install(self.app, locale, qm_dir)
        self._keep.extend(installed)
        try:
            loaded = sorted(Path(t.filePath()).name for t in installed)
            if not any(n.startswith(translations.APP_CATALOGUE + "_") for n in loaded):
                return Finding(False, f"the '{locale}' translation does not load from {qm_dir}")
            if not any(n.startswith("qtbase_") for n in loaded):
                return Finding(False, f"Qt's own translation (qtbase_{locale}.qm) does not load")
            return Finding(True, f"{locale}: {', '.join(loaded)}{note}")
        finally:
            translations.uninstall(self.app, installed)

    def wizard(self, profile: Profile, engine: Engine) -> Finding:
        """The register window of ``pos --demo`` for ``profile`` (a store profile) and
        ``engine`` (:class:`pos.composition.Engine`), with every wizard page created."""
        try:
            from pos.ui.profile import screen_profile_for
            from pos.ui.wizard import RegisterWindow
        except ImportError as exc:
            return Finding(False, f"the clerk's wizard (pos.ui.wizard) cannot be imported: {exc}")
        window = RegisterWindow(
            screen_profile_for(profile, demo=True), engine.new_sale
        )
        self._keep.append(window)
        wizard = window.wizard
        if wizard is None:
            return Finding(False, "the register window has no wizard")
        wizard.build_pages()  # the later pages are otherwise made once the window shows
        ids = list(wizard.pageIds())
        if not ids:
            return Finding(False, "the wizard has no pages")
        names = []
        pages = []
        for page_id in ids:
            page = wizard.page(page_id)
            if page is None:
                return Finding(False, f"wizard page {page_id} could not be created")
            names.append(type(page).__name__.removesuffix("Page"))
            pages.append(page)
        if tuple(names) != WIZARD_PAGES:
            return Finding(
                False,
                f"the wizard's pages are {', '.join(names) or 'none'}; "
                f"expected {', '.join(WIZARD_PAGES)}",
            )
        # Each page fills itself in when the clerk reaches it: do that for each one, on the
        # empty sale, so that a page that cannot even show itself is found here.
        broken = []
        for name, page in zip(names, pages, strict=True):
            try:
                page.initializePage()
            except Exception as exc:  # reported, not raised: the other checks still run
                broken.append(f"{name} ({type(exc).__name__}: {exc})")
        _cancel_started_work()
        if broken:
            return Finding(False, "wizard pages fail to initialise: " + "; ".join(broken))
        return Finding(True, f"{len(ids)} pages initialise: {', '.join(names)}")

    def close(self) -> None:
        """Let go of the windows and translators the checks made (on this thread)."""
        self._keep.clear()
