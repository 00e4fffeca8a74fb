"""``pos refund`` and ``pos orders find`` as a clerk's script runs them (a real process, a
sandbox store kept in a file): the JSON contract and exit codes, SIGKILL at every journal
point of a refund followed by ``--resume`` (exactly one refund at the store, counted from
its own refund list), and finding a sale by each search key."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from returns_support import Orders, make_client

from pos.returns.journal import CRASH_ENV, POINTS
from pos.sandbox.server import SandboxServer

FIELDS = {"outcome", "order_id", "refund_id", "amount", "currency", "status_id", "status",
          "message"}


def _env(data_root: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("POS_TOKEN", CRASH_ENV)}
    env["POS_DATA_DIR"] = str(data_root)
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def pos(data_root: Path, *args: str, **env: str) -> tuple[int, list[Any], str]:
    done = subprocess.run([sys.executable, "-m", "pos", *args], capture_output=True,
                          text=True, env=_env(data_root, **env), timeout=120, check=False)
    out = [json.loads(x) for x in done.stdout.splitlines() if x.strip().startswith(("{", "["))]
    return done.returncode, out, done.stderr


def demo_store(db: Path, *, orders: int = 1, quantity: int = 2, shipping: bool = False
               ) -> list[int]:
    """Paid orders in a sandbox store kept in ``db`` (as ``pos sale --demo-db`` makes)."""
    with SandboxServer(db_path=db, seed=1, catalog_size=500) as store:
        made = Orders(store)
        return [made.paid(quantity, shipping=shipping) for _ in range(orders)]


def refunds_at_store(db: Path, order_id: int) -> int:
    async def count() -> int:
        with SandboxServer(db_path=db, seed=1, catalog_size=500) as store:
            async with make_client(store) as client:
                return len(await client.orders.refunds(order_id))
    return asyncio.run(count())


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int]]:
    db = tmp_path_factory.mktemp("store") / "store.sqlite3"
    return db, demo_store(db, orders=1, shipping=True)


def _copy(template: tuple[Path, list[int]], tmp_path: Path) -> tuple[Path, int]:
    import shutil

    db, [order_id] = template
    target = tmp_path / "store.sqlite3"
    shutil.copy(db, target)
    for suffix in ("-wal", "-shm"):
        if Path(str(db) + suffix).exists():
            shutil.copy(Path(str(db) + suffix), Path(str(target) + suffix))
    return target, order_id


def test_refund_all_then_nothing_left_then_bad_input(
    template: tuple[Path, list[int]], tmp_path: Path
) -> None:
    db, order_id = _copy(template, tmp_path)
    data = tmp_path / "data"
    code, [out], err = pos(data, "refund", "--demo", "--demo-db", str(db), "--order",
                           str(order_id), "--all", "--shipping", "--reason", "Other")
    assert code == 0, (out, err)
    assert set(out) == FIELDS
    assert out["outcome"] == "refunded" and out["status_id"] == 4
    assert out["order_id"] == order_id and isinstance(out["amount"], str)
    code, [out], _ = pos(data, "refund", "--demo", "--demo-db", str(db), "--order",
                         str(order_id), "--item", "NO-SUCH-SKU:1")
    assert code == 1 and out["outcome"] == "error" and "NO-SUCH-SKU" in out["message"]
    code, [out], err = pos(data, "refund", "--demo", "--demo-db", str(db), "--order", "abc",
                           "--all")
    assert code == 1 and out["outcome"] == "error" and "Traceback" not in err
    assert refunds_at_store(db, order_id) == 1


def test_refund_more_than_remains_is_declined(
    template: tuple[Path, list[int]], tmp_path: Path
) -> None:
    db, order_id = _copy(template, tmp_path)
    data = tmp_path / "data"
    code, [found], _ = pos(data, "orders", "find", "--demo", "--demo-db", str(db), "--json")
    assert code == 0
    [sale] = [s for s in found if s["order_id"] == order_id]
    sku = sale["skus"][0]
    code, [out], _ = pos(data, "refund", "--demo", "--demo-db", str(db), "--order",
                         str(order_id), "--item", f"{sku}:5", "--no-restock")
    assert code == 2, out
    assert out["outcome"] == "declined" and "more than" in out["message"]
    code, [out], _ = pos(data, "refund", "--demo", "--demo-db", str(db), "--order",
                         str(order_id), "--item", f"{sku}:1", "--no-restock")
    assert code == 0 and out["outcome"] == "refunded" and out["status_id"] == 14
    assert refunds_at_store(db, order_id) == 1


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
@pytest.mark.parametrize("point", POINTS)
def test_killed_at_each_journal_point_then_resumed(
    template: tuple[Path, list[int]], tmp_path: Path, point: str
) -> None:
    db, order_id = _copy(template, tmp_path)
    data = tmp_path / "data"
    args = ("refund", "--demo", "--demo-db", str(db), "--order", str(order_id), "--all",
            "--reason", "Other")
    code, _, _ = pos(data, *args, **{CRASH_ENV: point})
    assert code == -signal.SIGKILL, f"not killed at {point} ({code})"
    code, out, err = pos(data, "refund", "--demo", "--demo-db", str(db), "--resume")
    assert code == 0, (point, out, err)
    assert [o["outcome"] for o in out] == ["refunded"], out
    assert refunds_at_store(db, order_id) == 1
    # Nothing left to resume, and a new refund of the order is refused by the store.
    code, out, _ = pos(data, "refund", "--demo", "--demo-db", str(db), "--resume")
    assert code == 1 and out[0]["outcome"] == "error"
    assert refunds_at_store(db, order_id) == 1


def test_find_by_each_key(tmp_path: Path) -> None:
    db = tmp_path / "store.sqlite3"
    [first, second] = demo_store(db, orders=2, quantity=1)
    data = tmp_path / "data"

    def find(*keys: str) -> list[int]:
        code, out, err = pos(data, "orders", "find", "--demo", "--demo-db", str(db),
                             *keys, "--json")
        assert code == 0, err
        return [s["order_id"] for s in out[0]]

    code, out, _ = pos(data, "orders", "find", "--demo", "--demo-db", str(db), "--json")
    sales = {s["order_id"]: s for s in out[0]}
    assert {first, second} <= set(sales)
    one = sales[first]
    assert one["last4"] == "4242" and one["skus"] and one["email"]
    assert first in find("--email", one["email"])
    assert first in find("--last4", "4242")
    assert find("--sku", one["skus"][0]) == [first]
    assert find("--sku", sales[second]["skus"][0]) == [second]
    assert first in find("--name", one["customer_name"].split()[0])
    assert first in find("--since", one["date"][:10])
    assert find("--since", "2999-01-01") == []
    assert find("--last4", "0000") == []
    code, _, err = pos(data, "orders", "find", "--demo", "--last4", "42")
    assert code == 1 and "last 4" in err
