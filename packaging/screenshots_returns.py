"""Screenshots of the return flow, taken from the real dialog against the sandbox store.

    xvfb-run -a python packaging/screenshots_returns.py OUT_DIR [--lang es_ES]

Starts the sandbox store in this process, sells two items on the demo profile, opens the
return flow, finds the sale by its number, quotes one of the two, refunds it and saves
``returns-quote[-LANG].png`` and ``returns-refunded[-LANG].png``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")

ADDRESS = {
    "first_name": "Ana", "last_name": "Diaz", "email": "ana@example.com",
    "address1": "1 Main St", "city": "Austin", "country_code": "US",
    "state_or_province": "Texas", "state_or_province_code": "TX", "postal_code": "78701",
}


async def until(condition: Callable[[], object], seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the return flow did not get there in time")
        await asyncio.sleep(0.05)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default="en_US", help="e.g. es_ES")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.lang == "en_US" else "-" + args.lang.split("_")[0]

    from PySide6.QtWidgets import QApplication, QSpinBox

    from pos.commands.demo import _demo_profile, build_engine
    from pos.sale.cards import CardDetails
    from pos.sale.records import NewCard
    from pos.sale.script import ItemSpec, SaleScript, walk
    from pos.sandbox.server import SandboxServer
    from pos.ui import translations
    from pos.ui.app import apply_look
    from pos.ui.async_qt import new_event_loop
    from pos.ui.returns import ReturnsDialog

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    apply_look(app)
    app.setQuitOnLastWindowClosed(False)
    with tempfile.TemporaryDirectory() as tmp, SandboxServer(seed=1, catalog_size=200) as store:
        if args.lang != "en_US":
            qm = translations.build_qm(out_dir=Path(tmp) / "qm")
            app._translators = translations.install(  # type: ignore[attr-defined]
                app, args.lang, qm_dir=qm[0].parent)
        loop = new_event_loop(app)
        asyncio.set_event_loop(loop)
        profile = _demo_profile(store)
        engine = build_engine(profile, store.token, Path(tmp))
        locale = "es_ES" if args.lang.startswith("es") else "en_US"

        async def run() -> None:
            sale = engine.new_sale()
            script = SaleScript(items=(ItemSpec("AWA-000001-S-RED", 2),), billing=ADDRESS)
            card = CardDetails("4242424242424242", "123", 12, 2031, "Ana Diaz")
            walked = await walk(sale, script, lambda options: NewCard(card))
            await sale.aclose()
            order_id = walked.result.order_id
            assert order_id is not None
            assert engine.new_returns is not None
            dialog = ReturnsDialog(engine.new_returns(), locale=locale,
                                   store="Demo store (sandbox)")
            dialog.resize(760, 600)
            dialog.show()
            dialog.scanned(str(order_id))
            await until(lambda: dialog.table.rowCount() == 1)
            spin = dialog.table.cellWidget(0, 3)
            assert isinstance(spin, QSpinBox)
            spin.setValue(1)
            dialog.quote_button.click()
            await until(dialog.refund_button.isEnabled)
            await asyncio.sleep(0.3)
            dialog.grab().save(str(args.out / f"returns-quote{suffix}.png"))
            dialog.refund_button.click()
            await until(lambda: dialog.outcome_shown is not None)
            await asyncio.sleep(0.3)
            dialog.grab().save(str(args.out / f"returns-refunded{suffix}.png"))
            dialog.close()
            await engine.close()

        try:
            loop.run_until_complete(run())
        finally:
            loop.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
