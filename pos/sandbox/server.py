"""Runs the sandbox store: in-process (a daemon thread with its own event loop) or standalone.

with SandboxServer(seed=1) as store:
    store.api_base_url, store.store_hash, store.token

``start()`` is ``open()`` (the store's file, identity and listening socket) then ``serve()``
(the web stack, uvicorn and Starlette, loaded and serving): a register that shows its window
first opens the demo store, and serves it once the window is on screen; connections made in
between wait in the socket's queue.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from typing import Any

from pos.sandbox import catalog
from pos.sandbox.db import SCHEMA_VERSION, Database
from pos.sandbox.faults import (
    STORE_QUOTA,
    STORE_WINDOW_MS,
    FaultSet,
    RateLimiter,
    Settings,
    parse_fault_spec,
)
from pos.sandbox.refund_flight import RefundsInFlight
from pos.sandbox.scopes import Tokens

log = logging.getLogger("pos.sandbox")

START_TIMEOUT_S = 30.0
#: Products of the demo catalogue at most: about three million variants. A million
#: variants (about 330,000 products) is made in well under a minute.
MAX_CATALOG_SIZE = 1_000_000


def _make_server(config: Any, ready: threading.Event) -> Any:
    """uvicorn's server (``config``: a ``uvicorn.Config``), telling a thread when it accepts
    connections. uvicorn is loaded here, when a store is first served."""
    import uvicorn

    class _Server(uvicorn.Server):
        def __init__(self, config: uvicorn.Config, ready: threading.Event) -> None:
            super().__init__(config)
            self._ready = ready

        async def startup(self, sockets: list[socket.socket] | None = None) -> None:
            await super().startup(sockets)
            self._ready.set()

        def install_signal_handlers(self) -> None:  # the owner of the process handles them
            return

    return _Server(config, ready)


class SandboxServer:
    """A sandbox store on a loopback port. A context manager; also ``start()``/``stop()``.

    Its API quota is a real store's by default (150 requests per 30 s, shared by every
    client); pass a higher ``rate_limit_quota`` for work that is not about limits."""

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        db_path: str | Path | None = None,
        seed: int = 1,
        catalog_size: int = 500,
        latency_ms: int = 0,
        rate_limit_quota: int = STORE_QUOTA,
        rate_limit_window_ms: int = STORE_WINDOW_MS,
        payments_quota: int = 50,
        payments_window_ms: int = 4000,
        pending_settle_ms: int = 2000,
        authorize_only: bool = False,
        faults: Iterable[str | dict[str, Any]] = (),
    ) -> None:
        if not 1 <= catalog_size <= MAX_CATALOG_SIZE:
            raise ValueError(f"catalog_size must be 1 to {MAX_CATALOG_SIZE}")
        self.host = host
        self.port = port
        self.seed = seed
        self.catalog_size = catalog_size
        self._db_path = Path(db_path) if db_path is not None else None
        self._defaults = Settings(
            latency_ms=latency_ms,
            rate_limit_quota=rate_limit_quota,
            rate_limit_window_ms=rate_limit_window_ms,
            payments_quota=payments_quota,
            payments_window_ms=payments_window_ms,
            pending_settle_ms=pending_settle_ms,
            authorize_only=int(authorize_only),
        )
        errors = Settings().update(self._defaults.as_dict())
        if errors:
            raise ValueError("; ".join(f"{k} {v}" for k, v in errors.items()))
        self._initial_faults = [
            parse_fault_spec(f) if isinstance(f, str) else dict(f) for f in faults
        ]
        self.settings = Settings(**self._defaults.as_dict())
        self.faults = FaultSet()
        self.limiter = RateLimiter()
        self.refunds = RefundsInFlight()
        self._tmpdir: str | None = None
        self._db: Database | None = None
        self._tokens: Tokens | None = None
        self._thread: threading.Thread | None = None
        self._server: Any = None  # uvicorn.Server, while serving
        self._socket: socket.socket | None = None
        self._secret = b""
        self.store_hash = ""
        self.token = ""
        self.api_base_url = ""
        self.payments_base_url = ""
        self.admin_url = ""

    # -- lifecycle --------------------------------------------------------------------------

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @property
    def db_path(self) -> Path:
        assert self._db is not None, "the sandbox is not started"
        return self._db.path

    @property
    def info(self) -> dict[str, str]:
        return {
            "api_base_url": self.api_base_url,
            "payments_base_url": self.payments_base_url,
            "store_hash": self.store_hash,
            "token": self.token,
        }

    def start(self) -> SandboxServer:
        """Opens (or creates) the store and returns once it accepts connections."""
        self.open()
        return self.serve()

    def open(self) -> SandboxServer:
        """Opens (or creates) the store and its listening socket, without serving it yet:
        its addresses, hash and token are set; connections wait in the socket's queue until
        :meth:`serve`. Raises what opening the store's file raises."""
        if self._thread is not None or self._socket is not None:
            raise RuntimeError("the sandbox is already running")
        if self._db_path is None:
            self._tmpdir = tempfile.mkdtemp(prefix="pos-sandbox-")
            path = Path(self._tmpdir) / "sandbox.sqlite3"
        else:
            path = self._db_path
            path.parent.mkdir(parents=True, exist_ok=True)
        self._db = Database(path)
        path.chmod(0o600)  # it holds the store's token and signing key
        try:
            secret = self._open_store(self._db)
            self._tokens = Tokens(self._db)
        except BaseException:
            self._close_db()
            raise
        for values in self._initial_faults:
            self.faults.add(**values)
        self._secret = secret
        # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets that say so.
        sock = socket.socket(
            socket.AF_INET6 if ":" in self.host else socket.AF_INET,
            socket.SOCK_STREAM,
            socket.IPPROTO_TCP,
        )
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((self.host, self.port))
        except OSError:
            sock.close()
            self._close_db()
            raise
        sock.listen(128)
        sock.set_inheritable(False)
        self._socket = sock
        port = sock.getsockname()[1]
        host = f"[{self.host}]" if ":" in self.host else self.host
        self.api_base_url = f"http://{host}:{port}"
        self.payments_base_url = self.api_base_url
        self.admin_url = f"{self.api_base_url}/__sandbox"
        return self

    def serve(self) -> SandboxServer:
        """Serves the store :meth:`open` opened (nothing when it already serves); returns once
        it accepts connections. Raises RuntimeError when it does not start."""
        if self._thread is not None:
            return self
        sock, db, tokens = self._socket, self._db, self._tokens
        if sock is None or db is None or tokens is None:
            raise RuntimeError("the sandbox store is not open")
        import uvicorn

        from pos.sandbox.app import SandboxApp, StoreState

        state = StoreState(
            db=db,
            store_hash=self.store_hash,
            token=self.token,
            secret=self._secret,
            tokens=tokens,
            settings=self.settings,
            faults=self.faults,
            limiter=self.limiter,
            refunds=self.refunds,
        )
        config = uvicorn.Config(
            SandboxApp(state),
            # No logging configuration of uvicorn's own: its default one asks
            # sys.stdout.isatty(), which fails where there is no console (a windowed
            # program). Its loggers propagate to whatever the host application set up.
            log_config=None,
            log_level="warning",
            access_log=False,
            lifespan="off",
            http="h11",
            loop="asyncio",
            timeout_graceful_shutdown=2,
        )
        ready = threading.Event()
        server = self._server = _make_server(config, ready)
        failure: list[BaseException] = []

        def run() -> None:
            try:
                asyncio.run(server.serve(sockets=[sock]))
            except BaseException as error:  # pragma: no cover - reported to start()
                failure.append(error)
                ready.set()

        self._thread = threading.Thread(target=run, name="pos-sandbox", daemon=True)
        self._thread.start()
        if not ready.wait(START_TIMEOUT_S) or failure or not server.started:
            self.stop()
            raise RuntimeError("the sandbox store did not start") from (
                failure[0] if failure else None
            )
        return self

    def stop(self) -> None:
        """Stops serving and closes the store (a temporary store is deleted)."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._thread = None
        self._server = None
        if self._socket is not None:
            self._socket.close()
            self._socket = None
        self._close_db()

    def _close_db(self) -> None:
        self._tokens = None
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._tmpdir is not None:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            self._tmpdir = None

    def _open_store(self, db: Database) -> bytes:
        """Reads the store's identity, or creates the store and its demo data."""
        if db.get_meta("store_hash") is None:
            started = time.perf_counter()
            with db.tx() as conn:
                catalog.generate(conn, self.seed, self.catalog_size)
                Database.set_meta(conn, "schema_version", str(SCHEMA_VERSION))
                Database.set_meta(conn, "seed", str(self.seed))
                Database.set_meta(conn, "catalog_size", str(self.catalog_size))
                Database.set_meta(conn, "store_hash", secrets.token_hex(5))
                Database.set_meta(conn, "token", secrets.token_hex(16))
                Database.set_meta(conn, "pat_secret", secrets.token_hex(32))
            log.info(
                "sandbox store created (%d products) in %.2f s",
                self.catalog_size,
                time.perf_counter() - started,
            )
        else:
            self._warn_if_other_settings(db)
        version = db.get_meta("schema_version")
        if version != str(SCHEMA_VERSION):
            raise RuntimeError(
                f"{db.path} is a sandbox store of another version ({version}); "
                "delete it or use another --db"
            )
        self.store_hash = db.get_meta("store_hash") or ""
        self.token = db.get_meta("token") or ""
        return bytes.fromhex(db.get_meta("pat_secret") or "")

    def _warn_if_other_settings(self, db: Database) -> None:
        """An existing store keeps its own demo data: say so when asked for other data."""
        stored = {"seed": db.get_meta("seed"), "catalog_size": db.get_meta("catalog_size")}
        asked = {"seed": str(self.seed), "catalog_size": str(self.catalog_size)}
        differ = [
            f"{name} {asked[name]} (stored: {stored[name]})"
            for name in ("seed", "catalog_size")
            if stored[name] is not None and stored[name] != asked[name]
        ]
        if differ:
            log.warning(
                "%s already holds a sandbox store; it is kept as it is and the requested %s "
                "is ignored (delete the file or use another --db for new demo data)",
                db.path,
                ", ".join(differ),
            )

    # -- run-time control (the same as the /__sandbox admin routes) ---------------------------

    def add_fault(
        self, method: str, path: str, kind: str, times: int = 1, latency_ms: int = 0
    ) -> int:
        """Queues a fault (see docs/sandbox.md); returns its id."""
        return self.faults.add(method, path, kind, times, latency_ms)

    def create_token(self, scopes: Iterable[str]) -> str:
        """Issues an API token with only these OAuth scopes (BigCommerce's names, e.g.
        ``store_cart``, ``store_v2_orders_read_only``); ValueError on an unknown name. The
        store's own ``token`` keeps every scope."""
        if self._tokens is None:
            raise RuntimeError("the sandbox is not started")
        return self._tokens.create(scopes)

    def refunds_in_flight(self) -> frozenset[int]:
        """The orders whose refund the store is processing now (refunds of one order run
        one at a time)."""
        return self.refunds.orders()

    def clear_faults(self) -> None:
        self.faults.clear()

    def configure(self, **settings: int) -> dict[str, int]:
        """Changes settings (latency_ms, rate_limit_quota, ...); resets the rate-limit windows."""
        errors = self.settings.update(settings)
        if errors:
            raise ValueError("; ".join(f"{k} {v}" for k, v in errors.items()))
        self.limiter.reset()
        return self.settings.as_dict()

    def reset_config(self) -> None:
        """Back to the settings given at construction; fresh rate-limit windows."""
        self.settings.update(self._defaults.as_dict())
        self.limiter.reset()

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"<SandboxServer {self.api_base_url or '-'} {state}>"
