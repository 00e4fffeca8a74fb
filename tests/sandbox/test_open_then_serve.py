"""A sandbox store opened before it serves (the demo store of a register whose window
shows first): its address, hash and token are known at once, its web stack is loaded only
when it serves, and a request made in between is answered then, not refused."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from pos.sandbox.server import SandboxServer

ROOT = Path(__file__).resolve().parents[2]


def _read_response(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


def test_a_request_made_before_the_store_serves_is_answered_once_it_does(tmp_path):
    store = SandboxServer(db_path=tmp_path / "store.sqlite3", seed=1, catalog_size=5)
    store.open()
    try:
        assert store.store_hash and store.token and store.api_base_url
        assert not store.running
        host, port = store.api_base_url.removeprefix("http://").rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=30) as conn:
            conn.sendall(
                f"GET /stores/{store.store_hash}/v3/catalog/products HTTP/1.1\r\n"
                f"Host: {host}\r\nX-Auth-Token: {store.token}\r\nAccept: application/json\r\n"
                "Connection: close\r\n\r\n".encode())
            store.serve()
            assert store.running
            assert _read_response(conn).startswith(b"HTTP/1.1 200 ")
        store.serve()  # serving again changes nothing
        assert store.running
    finally:
        store.stop()
    assert not store.running


def test_opening_a_store_loads_no_web_stack(tmp_path):
    code = (
        "import json, sys\n"
        "from pos.sandbox.server import SandboxServer\n"
        f"store = SandboxServer(db_path={str(tmp_path / 'store.sqlite3')!r}, catalog_size=5)\n"
        "store.open()\n"
        "print(json.dumps([m for m in ('uvicorn', 'starlette', 'pos.sandbox.app')"
        " if m in sys.modules]))\n"
        "store.stop()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=False, cwd=ROOT,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout) == []
