"""Screenshots of every step of a sale, taken from the real wizard against the sandbox store.

    xvfb-run -a python packaging/screenshots.py OUT_DIR [--lang es_ES] [--size 1024x720]
    QT_QPA_PLATFORM=offscreen python packaging/screenshots.py OUT_DIR

Starts the sandbox store in this process, opens the register on the demo profile, drives a
sale (items, a known customer, a split between pickup and shipping, a declined card then a
saved card) and saves one PNG per step: ``01-start.png`` ... ``09-help.png``.

    xvfb-run -a -s "-screen 0 1280x800x24 -screen 1 1024x600x24" \
        python packaging/screenshots.py OUT_DIR --size 1280x800 --customer-display --desktop

With ``--customer-display`` the customer display follows the sale, placed by itself on the
second screen when the X server has one (as above: Qt lists each Xvfb ``-screen`` as a
screen of its own); ``--desktop`` saves the whole desktop at the display's steps as well,
every screen read back from the X server and set side by side (``desktop-02-items.png``...).

    xvfb-run -a python3 packaging/screenshots.py OUT_DIR --wine

On Linux, ``--wine`` runs the same script with the Windows Python of the Wine prefix that
``packaging/build.py --target windows`` makes (this tree installed into it first), so the
wizard is drawn by Qt's Windows platform plugin (``qwindows``) through Wine's X11 driver.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_API", "pyside6")


async def until(condition: Callable[[], object], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the wizard did not get there in time")
        await asyncio.sleep(0.05)


#: The steps at which the customer display is captured too (``--customer-display``).
CUSTOMER_SHOTS = ("02-items", "06-payment", "08-done")


def save_desktop(path: Path) -> None:
    """Every screen as the X server shows it (each screen's root window), side by side."""
    from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter

    gap = 24
    grabs = [screen.grabWindow(0) for screen in QGuiApplication.screens()]
    width = sum(g.width() for g in grabs) + gap * (len(grabs) - 1)
    height = max(g.height() for g in grabs)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3a3a3a"))
    painter = QPainter(image)
    x = 0
    for grab in grabs:
        painter.drawPixmap(x, 0, grab)
        x += grab.width() + gap
    painter.end()
    image.save(str(path))


async def to_known_customer(window: Any, store: Any) -> None:
    """From Items to the Customer page, with the store's first customer found and chosen."""
    import httpx

    from pos.ui import pages

    w, view = window.wizard, window.view
    async with httpx.AsyncClient(timeout=10) as http:
        response = await http.get(
            f"{store.api_base_url}/stores/{store.store_hash}/v3/customers",
            params={"limit": 1}, headers={"X-Auth-Token": store.token},
        )
    customers = response.json()["data"]
    w.next()
    await until(lambda: w.currentId() == pages.PAGE_CUSTOMER)
    customer = w.customer_page
    customer.known.setChecked(True)
    customer.find_edit.setText(customers[0]["email"])
    customer._start_find()
    await until(lambda: customer.found.count() > 0 and not view.busy.is_busy)


async def drive(window: Any, out: Path, store: Any, desktop: bool = False) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from pos.ui import pages

    async def shot(name: str) -> None:
        await asyncio.sleep(0.4)  # let layouts settle and the busy indicator go
        window.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")
        display = getattr(window, "customer_display", None)
        if display is not None and name in CUSTOMER_SHOTS:
            display.grab().save(str(out / f"customer-{name}.png"))
            print(out / f"customer-{name}.png")
            if desktop:
                save_desktop(out / f"desktop-{name}.png")
                print(out / f"desktop-{name}.png")

    w = window.wizard
    view = window.view
    window.activateWindow()  # focus moves (and the card number masks) only when active
    await until(window.isActiveWindow)
    await until(lambda: not view.busy.is_busy)
    await shot("01-start")

    w.next()
    items = w.items_page
    await until(lambda: window.engine_ready)
    for text in ("mug", "tote"):
        items.search.setText(text)
        items._start_search()
        await until(lambda: items.results.rowCount() > 0)
        items.submit_search_box()
        await until(lambda: not view.busy.is_busy and items.search.text() == "")
    items.search.setText("shirt")
    items._start_search()
    await until(lambda: items.results.rowCount() > 0)
    await shot("02-items")
    items.search.clear()
    items._show_hits([])

    await to_known_customer(window, store)
    await shot("03-customer")

    w.next()
    await until(lambda: w.currentId() == pages.PAGE_FULFILMENT)
    fulfilment = w.fulfilment_page
    fulfilment.split.setChecked(True)
    fulfilment.set_ships(view.sale.lines[-1].id, True)
    await shot("04-fulfilment")

    w.next()
    await until(lambda: w.currentId() == pages.PAGE_SHIPPING)
    shipping = w.shipping_page
    next(iter(shipping._groups.values())).button(0).click()
    await until(shipping.isComplete)
    await shot("05-shipping")

    w.next()
    await until(lambda: w.currentId() == pages.PAGE_PAYMENT)
    payment = w.payment_page
    await until(lambda: payment.options is not None)
    payment.new_card_radio.setChecked(True)
    card = payment.card
    card.number.setFocus()
    QTest.keyClicks(card.number, "4000000000000002")
    QTest.keyClick(card.number, Qt.Key.Key_Tab)  # masked once entered
    QTest.keyClicks(card.name, "Ana Diaz")
    QTest.keyClicks(card.expiry, "12/2031")
    QTest.keyClicks(card.cvv, "123")
    await shot("06-payment")
    payment.charge()
    await until(lambda: not payment.is_charging() and payment.status.text() != "")
    await shot("07-declined")
    if payment.options is not None and payment.options.stored_cards:
        payment.method_group.button(0).setChecked(True)
        payment.charge()
    else:
        payment.new_card_radio.setChecked(True)
        card.number.setFocus()
        QTest.keyClicks(card.number, "4242424242424242")
        QTest.keyClicks(card.name, "Ana Diaz")
        QTest.keyClicks(card.expiry, "12/2031")
        QTest.keyClicks(card.cvv, "123")
        payment.charge()
    await until(lambda: w.currentId() == pages.PAGE_DONE, seconds=60)
    await shot("08-done")
    window.help.open_overlay()
    await shot("09-help")
    window.help.close_overlay()


def under_wine(args: argparse.Namespace) -> int:
    """This script, run by the Windows Python of the Wine prefix on this X display."""
    if not os.environ.get("DISPLAY"):
        print("--wine needs an X display: xvfb-run -a python3 packaging/screenshots.py ...",
              file=sys.stderr)
        return 2
    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here / "windows"))
    from wine_build import apt_wine, ensure_prefix, prefix_lock, winpath

    apt_wine()
    with prefix_lock():
        wine = ensure_prefix()
        wine.env["DISPLAY"] = os.environ["DISPLAY"]
        wine.check([wine.python(), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                    "--no-deps", "--no-build-isolation", "--force-reinstall",
                    "--no-warn-script-location", winpath(here.parent)])
        args.out.mkdir(parents=True, exist_ok=True)
        code, _ = wine.run([wine.python(), winpath(Path(__file__)), winpath(args.out),
                            "--lang", args.lang, "--size", args.size])
        wine.wait()
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="en_US", help="e.g. es_ES")
    parser.add_argument("--size", default="1024x720")
    parser.add_argument("--customer-display", action="store_true",
                        help="show the customer display too (on a second screen when the "
                             "X server has one, e.g. Xvfb with -screen 0 ... -screen 1 ...) "
                             "and capture it beside the wizard")
    parser.add_argument("--desktop", action="store_true",
                        help="with --customer-display: save every screen side by side too")
    parser.add_argument("--wine", action="store_true",
                        help="Linux: run under Wine with the Windows build's Python")
    args = parser.parse_args(argv)
    if args.wine and sys.platform != "win32":
        return under_wine(args)
    return run_register(
        lambda session: drive(session.window, session.out, session.store,
                              desktop=args.desktop),
        args.out, lang=args.lang, size=args.size, customer_display=args.customer_display)


@dataclass
class Session:
    """What a drive of the register gets: the window on the demo profile, the sandbox
    store it sells on, its engine, the store profile, where the PNGs go, and a private
    folder for the run (removed after)."""

    window: Any
    out: Path
    store: Any
    engine: Any
    profile: Any
    data: Path


def run_register(drive: Callable[[Session], Awaitable[None]], out: Path, *,
                 lang: str = "en_US", size: str = "1024x720", customer_display: bool = False,
                 fit_out: Callable[[Session], None] | None = None) -> int:
    """Open the register window on the demo profile against a sandbox store started in
    this process (translated to ``lang``), sync its catalogue, then ``await drive(session)``.
    ``fit_out(session)`` runs before the window shows (staff sign-in, hardware...).
    Every screenshot script of ``packaging/`` drives the register through this."""
    out.mkdir(parents=True, exist_ok=True)
    width, height = (int(n) for n in size.split("x"))

    from pos.ui.app import display_problem

    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from pos.commands.demo import _demo_profile, _screen_profile, build_engine
    from pos.sandbox.server import SandboxServer
    from pos.ui import translations
    from pos.ui.app import apply_look
    from pos.ui.async_qt import new_event_loop
    from pos.ui.wizard import RegisterWindow

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0]])
    apply_look(app)
    failures: list[BaseException] = []
    with tempfile.TemporaryDirectory() as tmp, SandboxServer(seed=1, catalog_size=200) as store:
        if lang != "en_US":
            qm = translations.build_qm(out_dir=Path(tmp) / "qm")
            app._translators = translations.install(app, lang, qm_dir=qm[0].parent)  # type: ignore[attr-defined]
        loop = new_event_loop(app)
        asyncio.set_event_loop(loop)
        profile = _demo_profile(store)
        engine = build_engine(profile, store.token, Path(tmp))
        window = RegisterWindow(_screen_profile(profile, demo=True), engine.new_sale,
                                resumable=engine.unfinished,
                                resume=engine.resume)
        window.engine_ready = False  # type: ignore[attr-defined]
        window.resize(width, height)
        session = Session(window, out, store, engine, profile, Path(tmp))
        if fit_out is not None:
            fit_out(session)
        window.show()
        if customer_display:
            from pos.ui.customer_display import CustomerDisplay

            display = CustomerDisplay(store=profile.display_name or "Demo store",
                                      currency=profile.currency, locale=lang)
            window.set_customer_display(display)
            display.follow_screens(window)

        async def run() -> None:
            try:
                await engine.sync_catalog()
                window.engine_ready = True  # type: ignore[attr-defined]
                await drive(session)
            except BaseException as exc:
                failures.append(exc)
            finally:
                if window.view is not None:
                    window.view.close()
                await engine.close()

        try:
            loop.run_until_complete(run())
        finally:
            loop.close()
    if failures:
        raise failures[0]
    return 0


if __name__ == "__main__":
    sys.exit(main())
