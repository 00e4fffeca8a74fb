"""Time to the register's first usable window, and memory after a sale through the wizard.

    python benchmarks/bench_startup.py [--runs 10] [--cold-runs 3]

Each run is a fresh ``python -m pos`` subprocess on the offscreen Qt platform with
``POS_STARTUP_PROBE=1``: the app prints ``time.monotonic()`` as soon as its window is shown
and exposed and the wizard's first page holds the keyboard focus, then quits. The time is
measured from just before the subprocess is started (the system-wide monotonic clock), so
it includes the interpreter starting and every import.

* ``pos --demo``: the register on the built-in demo store, the sandbox store (uvicorn +
  SQLite, 500 products) in the process: opened before the window, served once it shows.
* ``pos --profile bench``: the register on a configured store (a profile in a temporary
  folder pointing at a sandbox run by this script; the token comes from ``POS_TOKEN``).

*warm*: ``--runs`` runs after one discarded run that fills a bytecode cache of the
benchmark's own (``PYTHONPYCACHEPREFIX``, written even where ``PYTHONDONTWRITEBYTECODE`` is
set, so warm means cached); files in the OS cache. *cold*: ``--cold-runs`` runs as the
register's first start after the machine boots: its bytecode cached (as an installed
register has it: the bundle ships it, a package install compiles it) and nothing of it in
the OS file cache, which is dropped before each run (``/proc/sys/vm/drop_caches``, so this
needs root; without it the row says so). *recompiled*: ``--cold-runs`` runs each with an
empty bytecode cache (every module, the standard library's too, compiled again: a state no
installed register is in), shown for what it costs, without a target. The table shows the
median, the mean, the fastest and the slowest run, and the load average when the case
started (the machine's other work shows in the times).

Then one more subprocess rings up a complete demo sale through the wizard (scan an item, a
guest billing address, pickup in store, a new card, the Done page) and reports its resident
memory (VmRSS) and peak (VmHWM).

Targets: the first usable window under 0.5 s warm and under 1.0 s cold (the median);
under 200 MB RSS after a sale.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_WARM_S = 0.5
TARGET_COLD_S = 1.0
TARGET_RSS_MB = 200.0
READY = "POS_STARTUP_READY"


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_API": "pyside6",
           "POS_STARTUP_PROBE": "1"}
    env.update(extra or {})
    return env


def time_to_window(args: list[str], env: dict[str, str], timeout: float = 120.0) -> float:
    """Seconds from starting ``python -m pos ARGS`` to its first usable window."""
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pos", *args], env=env, capture_output=True, text=True,
        timeout=timeout, check=False, cwd=ROOT,
    )
    for line in result.stdout.splitlines():
        if line.startswith(READY):
            return float(line.split()[1]) - started
    raise RuntimeError(
        f"pos {' '.join(args)} exited with {result.returncode} and no {READY} line:\n"
        f"{result.stderr[-2000:]}"
    )


DROP_CACHES = Path("/proc/sys/vm/drop_caches")


def drop_page_cache() -> bool:
    """Empty the OS file cache (written files first), as after a boot; False when this
    process may not (not root, or not Linux)."""
    try:
        os.sync()
        DROP_CACHES.write_text("3\n", encoding="ascii")
    except OSError:
        return False
    return True


def measure(args: list[str], env: dict[str, str], runs: int, cold_runs: int,
            tmp: Path) -> tuple[list[float], list[float] | None, list[float]]:
    """``(recompiled, cold, warm)`` start times; ``cold`` is None when the page cache
    cannot be dropped here."""
    env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    recompiled = []
    for i in range(cold_runs):
        prefix = tmp / f"pycache-{'-'.join(args)}-{i}"
        recompiled.append(time_to_window(args, {**env, "PYTHONPYCACHEPREFIX": str(prefix)}))
    warm_env = {**env, "PYTHONPYCACHEPREFIX": str(tmp / "pycache-warm")}
    time_to_window(args, warm_env)  # fills the bytecode cache; not counted
    cold: list[float] = []
    for _ in range(cold_runs):
        if not drop_page_cache():
            return recompiled, None, [time_to_window(args, warm_env) for _ in range(runs)]
        cold.append(time_to_window(args, warm_env))
    time_to_window(args, warm_env)  # fills the OS file cache again; not counted
    warm = [time_to_window(args, warm_env) for _ in range(runs)]
    return recompiled, cold, warm


# -- the sale, in a child process ---------------------------------------------------------


def _sale_child() -> None:
    """Run the register on the demo store, ring up one sale through the wizard, print RSS."""
    os.environ.setdefault("QT_API", "pyside6")
    import asyncio

    import httpx
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from pos.commands.demo import build_engine
    from pos.sandbox.server import SandboxServer
    from pos.stores.profiles import DEMO_PROFILE
    from pos.ui.app import create_application
    from pos.ui.async_qt import GarbageCollector, new_event_loop
    from pos.ui.pages import PAGE_CUSTOMER, PAGE_DONE, PAGE_FULFILMENT, PAGE_PAYMENT
    from pos.ui.profile import screen_profile_for
    from pos.ui.wizard import RegisterWindow

    app = create_application()
    collector = GarbageCollector(app)
    collector.start()
    loop = new_event_loop(app)
    asyncio.set_event_loop(loop)
    address = {
        "first_name": "Ana", "last_name": "Diaz", "email": "ana@example.com",
        "address1": "1 Main St", "city": "Austin", "country_code": "US",
        "state_or_province": "Texas", "state_or_province_code": "TX",
        "postal_code": "78701", "phone": "+15125550100",
    }

    with tempfile.TemporaryDirectory(prefix="pos-bench-") as tmp, SandboxServer(
        seed=1, catalog_size=500, rate_limit_quota=1_000_000
    ) as store:
        profile = DEMO_PROFILE.resolved_for_sandbox(
            api_base_url=store.api_base_url, payments_base_url=store.payments_base_url,
            store_hash=store.store_hash,
        )
        variants = httpx.get(
            f"{store.api_base_url}/stores/{store.store_hash}/v3/catalog/variants",
            params={"limit": 250}, timeout=10,
            headers={"X-Auth-Token": store.token, "Accept": "application/json"},
        ).json()["data"]
        sku = next(v["sku"] for v in variants
                   if not v.get("purchasing_disabled") and (v.get("inventory_level") or 0) > 5)
        engine = build_engine(profile, store.token, Path(tmp))
        window = RegisterWindow(screen_profile_for(profile, demo=True), engine.new_sale,
                                resumable=engine.unfinished,
                                resume=engine.resume)
        window.resize(1100, 780)
        window.show()

        async def until(condition) -> None:
            async with asyncio.timeout(30):
                while not condition():  # noqa: ASYNC110 (polls widgets; bounded wait)
                    await asyncio.sleep(0.01)

        async def sale() -> None:
            await engine.sync_catalog()
            wizard = window.wizard
            wizard.next()
            items = wizard.items_page
            items.search.setFocus()
            items.search.setText(sku)
            QTest.keyClick(items.search, Qt.Key.Key_Return)
            # The line is on screen at once, pending until the store's cart confirms it.
            await until(lambda: items.search.text() == "" and bool(wizard.view.sale.lines)
                        and not wizard.view.sale.pending_lines
                        and not window.view.busy.is_busy)
            wizard.next()
            await until(lambda: wizard.currentId() == PAGE_CUSTOMER)
            wizard.customer_page.form.set_address(address)
            wizard.next()
            await until(lambda: wizard.currentId() == PAGE_FULFILMENT)
            wizard.next()
            await until(lambda: wizard.currentId() == PAGE_PAYMENT)
            pay = wizard.payment_page
            await until(lambda: pay.options is not None)
            pay.new_card_radio.setChecked(True)
            QTest.keyClicks(pay.card.number, "4242424242424242")
            QTest.keyClicks(pay.card.name, "Ana Diaz")
            QTest.keyClicks(pay.card.expiry, "12/2031")
            QTest.keyClicks(pay.card.cvv, "123")
            pay.charge_button.click()
            await until(lambda: wizard.currentId() == PAGE_DONE)

        loop.run_until_complete(sale())
        status = Path("/proc/self/status").read_text() if Path("/proc/self/status").exists() else ""
        fields = {line.split(":")[0]: line.split(":")[1].strip() for line in status.splitlines()
                  if ":" in line}

        def mb(name: str) -> float | None:
            value = fields.get(name)
            return int(value.split()[0]) / 1024 if value else None

        print(json.dumps({"order_status": window.wizard.done_page.status.text(),
                          "rss_mb": mb("VmRSS"), "peak_mb": mb("VmHWM")}), flush=True)
        window.view.close()
        loop.run_until_complete(engine.close())
        collector.stop()
        loop.close()


def rss_after_sale() -> dict[str, float | str | None]:
    result = subprocess.run(
        [sys.executable, __file__, "--sale-child"], env=_env({"POS_STARTUP_PROBE": ""}),
        capture_output=True, text=True, timeout=300, check=False, cwd=ROOT,
    )
    for line in reversed(result.stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)  # type: ignore[no-any-return]
    raise RuntimeError(f"the sale did not finish ({result.returncode}):\n{result.stderr[-3000:]}")


#: The medians when the start-up target was set (the same benchmark, its "cold" then being
#: every module recompiled; the first start after boot was not measured then).
BEFORE = {("demo", "warm"): "0.87 s", ("demo", "recompiled"): "2.43 s",
          ("store", "warm"): "1.03 s", ("store", "recompiled"): "2.46 s"}


def _row(name: str, values: list[float] | None, target: float | None, load: float,
         before: str = "–") -> str:
    if values is None:
        return (f"| {name} | 0 | – | – | – | – | {load:.1f} | {before} | not measured: "
                "dropping the OS file cache needs root |")
    if not values:
        return f"| {name} | 0 | – | – | – | – | {load:.1f} | {before} | |"
    median = statistics.median(values)
    verdict = ("" if target is None else
               f"< {target:.1f} s: {'met' if median < target else 'MISSED'}")
    return (f"| {name} | {len(values)} | {median:.3f} s | {statistics.fmean(values):.3f} s | "
            f"{min(values):.3f} s | {max(values):.3f} s | {load:.1f} | {before} | {verdict} |")


def _load() -> float:
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="warm runs per case")
    parser.add_argument("--cold-runs", type=int, default=3, help="cold runs per case")
    parser.add_argument("--sale-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--no-sale", action="store_true", help="skip the memory measurement")
    args = parser.parse_args()
    if args.sale_child:
        _sale_child()
        return 0

    from pos.sandbox.server import SandboxServer

    rows = []
    with tempfile.TemporaryDirectory(prefix="pos-bench-") as tmp_name:
        tmp = Path(tmp_name)
        demo_load = _load()
        demo_recompiled, demo_cold, demo_warm = measure(["--demo"], _env(), args.runs,
                                                        args.cold_runs, tmp)
        with SandboxServer(rate_limit_quota=1_000_000, seed=1, catalog_size=500) as store:
            profiles = tmp / "profiles"
            profiles.mkdir()
            (profiles / "bench.toml").write_text(
                f'name = "bench"\nstore_hash = "{store.store_hash}"\n'
                f'api_base_url = "{store.api_base_url}"\n'
                f'payments_base_url = "{store.payments_base_url}"\n'
                'terminal_name = "Till 1"\n',
                encoding="utf-8",
            )
            env = _env({"POS_PROFILES_DIR": str(profiles),
                        "POS_SYSTEM_PROFILES_DIR": str(tmp / "system"),
                        "POS_DATA_DIR": str(tmp / "data"), "POS_TOKEN": store.token})
            store_load = _load()
            store_recompiled, store_cold, store_warm = measure(
                ["--profile", "bench"], env, args.runs, args.cold_runs, tmp)
    demo, store_name = "`pos --demo` (the sandbox store in-process)", "`pos --profile NAME`"
    store_name = f"{store_name} (a configured store)"
    for key, name, load, recompiled, cold, warm in (
            ("demo", demo, demo_load, demo_recompiled, demo_cold, demo_warm),
            ("store", store_name, store_load, store_recompiled, store_cold, store_warm)):
        rows.append(_row(f"{name}, cold (first start after boot)", cold, TARGET_COLD_S, load))
        rows.append(_row(f"{name}, warm", warm, TARGET_WARM_S, load,
                         BEFORE.get((key, "warm"), "–")))
        rows.append(_row(f"{name}, every module recompiled", recompiled, None, load,
                         BEFORE.get((key, "recompiled"), "–")))

    print("Time from process start to the first usable window (offscreen; wizard shown,")
    print("its first page focused). Cold = bytecode cached, OS file cache dropped before")
    print("each run; warm = both cached; recompiled = no bytecode at all.")
    print(f"{os.cpu_count()} cores; load = the 1-minute load average as each case started.")
    print()
    print("| case | runs | median | mean | min | max | load | before | target (median) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(row)
    if not args.no_sale:
        sale = rss_after_sale()
        rss, peak = sale.get("rss_mb"), sale.get("peak_mb")
        verdict = ("under target" if isinstance(rss, float) and rss < TARGET_RSS_MB
                   else "OVER TARGET")
        print()
        print("| memory after a complete demo sale through the wizard | value | target |")
        print("|---|---|---|")
        print(f"| resident (VmRSS), order status {sale.get('order_status')!r} | "
              f"{rss:.0f} MB | < {TARGET_RSS_MB:.0f} MB: {verdict} |")
        print(f"| peak resident (VmHWM) | {peak:.0f} MB | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
