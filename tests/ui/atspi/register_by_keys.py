"""The register, ringing a sale by keys on the sandbox store, for the screen-reader test.

Run by ``screen_reader.py`` (under Xvfb, in a private D-Bus session, with
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1). At each step it prints one line and waits for the
reader's answer on stdin, so the reader can read the tree while nothing moves:

    PAGE <title>     a page is showing, settled
    SCAN <n> START / SCAN <n> END     one scan, from the key to the store's answer
    DONE

With a screen reader on the bus, Qt's AT-SPI bridge hands every key to the reader first
and delivers it to the register only once the reader has answered: keys arrive a moment
after they are typed, as they do for a clerk with a screen reader. So each key waits for
its effect (the text typed, the focus moved) before the next goes to whichever widget then
has the focus.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests/: the support package

from support.poll import eventually

DECLINED = "4000000000000002"  # the sandbox declines it
PAID = "4242424242424242"


async def until(condition: Callable[[], object], seconds: float = 20.0) -> None:
    await eventually(condition, within=seconds, message="the register to get there")


async def ask(line: str) -> None:
    """Tell the reader where the sale is; go on when it answers."""
    print(line, flush=True)
    answer = await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    if not answer:
        raise SystemExit("the reader went away")


async def drive(window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from pos.ui import pages

    w = window.wizard
    view = window.view

    def key(k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        target = QApplication.focusWidget() or window
        QTest.keyClick(target, k, modifier)

    def type_(text: str) -> None:
        target = QApplication.focusWidget() or window
        QTest.keyClicks(target, text)

    async def type_into(field, text: str, shows: Callable[[str], bool]) -> None:  # type: ignore[no-untyped-def]
        await until(field.hasFocus)
        type_(text)
        await until(lambda: shows(field.text()))

    async def tab_to(field) -> None:  # type: ignore[no-untyped-def]
        key(Qt.Key.Key_Tab)
        await until(field.hasFocus)

    async def idle() -> None:
        await until(lambda: not view.busy.is_busy)

    async def page(page_id: int) -> None:
        await until(lambda: w.currentId() == page_id)
        await idle()
        await ask(f"PAGE {w.currentPage().title()}")

    window.activateWindow()
    await until(window.isActiveWindow)
    await ask(f"PAGE {w.currentPage().title()}")
    key(Qt.Key.Key_F2)
    await page(pages.PAGE_ITEMS)
    for n, sku in enumerate(window.skus[:3], 1):
        await ask(f"SCAN {n} START")
        type_(sku)
        key(Qt.Key.Key_Return)
        await until(lambda n=n: len(view.sale.lines) == n)
        await idle()
        await ask(f"SCAN {n} END")
    await ask("SCAN 4 START")
    type_("NO-SUCH-CODE")
    key(Qt.Key.Key_Return)
    await until(lambda: w.items_page.error_label.isVisible())
    await ask("SCAN 4 END")
    await ask(f"PAGE {w.currentPage().title()} (error)")
    w.items_page.search.clear()
    w.items_page.show_error(None)
    key(Qt.Key.Key_Return)  # Next: the page is complete
    await page(pages.PAGE_CUSTOMER)
    form = w.customer_page.form
    form.set_address({"first_name": "Ana", "last_name": "Diaz", "email": "ana@example.com",
                      "address1": "1 Main St", "city": "Austin", "country_code": "US",
                      "state_or_province": "Texas", "state_or_province_code": "TX",
                      "postal_code": "78701", "phone": "+15125550100"})
    form.fields["first_name"].setFocus()
    key(Qt.Key.Key_Return)
    await page(pages.PAGE_FULFILMENT)
    key(Qt.Key.Key_Return)
    await page(pages.PAGE_PAYMENT)
    payment = w.payment_page
    await until(lambda: payment.options is not None)
    await idle()
    await ask(f"PAGE {w.currentPage().title()} (ready to charge)")
    card = payment.card
    # A card the store declines: its reason is spoken, and the clerk types another.
    await type_into(card.number, DECLINED, lambda t: t.replace(" ", "") == DECLINED)
    await tab_to(card.name)
    await type_into(card.name, "Ana Diaz", lambda t: t == "Ana Diaz")
    await tab_to(card.expiry)
    await type_into(card.expiry, "12/2031", lambda t: t == "12/2031")
    await tab_to(card.cvv)
    await type_into(card.cvv, "123", lambda t: t == "123")
    await ask(f"PAGE {w.currentPage().title()} (card typed)")
    key(Qt.Key.Key_F9)
    await until(lambda: payment.is_charging() or bool(payment.status.text()))
    await until(lambda: not payment.is_charging() and not view.busy.is_busy)
    assert w.currentId() == pages.PAGE_PAYMENT and payment.result is None, \
        "the declined card was not declined"
    await ask(f"PAGE {w.currentPage().title()} (declined)")
    key(Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # Ne&w card: its number
    await type_into(card.number, PAID, lambda t: t.replace(" ", "") == PAID)
    for field in (card.name, card.expiry, card.cvv):
        await tab_to(field)
    await type_into(card.cvv, "123", lambda t: t == "123")
    key(Qt.Key.Key_F9)
    await page(pages.PAGE_DONE)
    print("DONE", flush=True)


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from pos.composition import build_engine, demo_profile
    from pos.sandbox.server import SandboxServer
    from pos.ui.app import apply_look
    from pos.ui.async_qt import new_event_loop
    from pos.ui.pages.items import hit_refusal
    from pos.ui.profile import screen_profile_for
    from pos.ui.wizard import RegisterWindow

    app = QApplication([sys.argv[0]])
    app.setApplicationName("pos-register")
    apply_look(app)
    failures: list[BaseException] = []
    with tempfile.TemporaryDirectory() as tmp, SandboxServer(seed=1, catalog_size=40) as store:
        loop = new_event_loop(app)
        asyncio.set_event_loop(loop)
        profile = demo_profile(store)
        engine = build_engine(profile, store.token, Path(tmp))
        window = RegisterWindow(screen_profile_for(profile, demo=True), engine.new_sale,
                                resumable=engine.unfinished, resume=engine.resume)
        window.resize(1024, 700)
        window.show()

        async def run() -> None:
            try:
                await engine.sync_catalog()
                hits = await window.view.sale.search("a", limit=40)
                window.skus = [h.sku for h in hits  # type: ignore[attr-defined]
                               if h.sku and hit_refusal(h) is None][:3]
                await drive(window)
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
        print(f"FAILED {type(failures[0]).__name__}: {failures[0]}", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
