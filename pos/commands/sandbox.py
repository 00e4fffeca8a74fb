"""``pos sandbox``: run the local sandbox store until SIGINT/SIGTERM."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sandbox",
        help="run the local sandbox store (a BigCommerce look-alike for demos and tests)",
        description="Run the sandbox store. Once it accepts connections it prints one JSON "
        "line: api_base_url, payments_base_url, store_hash, token.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=0, help="port (0: a free one)")
    parser.add_argument("--db", metavar="PATH",
                        help="SQLite file, kept across restarts (default: a temporary one)")
    parser.add_argument("--latency-ms", type=int, default=0, metavar="MS",
                        help="added to every request")
    parser.add_argument("--seed", type=int, default=1, metavar="N",
                        help="seed of the demo data (default 1)")
    parser.add_argument(
        "--catalog-size", type=int, default=500, metavar="N",
        help="number of products (default 500, up to 1000000: about 3 million variants)",
    )
    parser.add_argument("--rate-limit-quota", type=int, default=150, metavar="N",
                        help="API requests allowed per window before 429, shared by every "
                        "client (default 150, a real store's; raise it for tests that are "
                        "not about limits)")
    parser.add_argument("--rate-limit-window-ms", type=int, default=30000, metavar="MS",
                        help="length of the API rate-limit window (default 30000)")
    parser.add_argument("--payments-quota", type=int, default=50, metavar="N",
                        help="payment requests allowed per window before 429 (default 50)")
    parser.add_argument("--payments-window-ms", type=int, default=4000, metavar="MS",
                        help="length of the payments rate-limit window (default 4000)")
    parser.add_argument("--pending-settle-ms", type=int, default=2000, metavar="MS",
                        help="how long a 'pending' test card's payment takes to settle "
                        "(default 2000)")
    parser.add_argument("--authorize-only", action="store_true",
                        help="the card gateway only authorizes payments (transaction_type "
                        "'authorization'), as some stores' gateways do")
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="SPEC",
        help="'METHOD PATH KIND [TIMES [LATENCY_MS]]', e.g. "
        "'POST /payments close_after 1' (repeatable)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import json
    import logging
    import signal
    import sys
    import threading

    from pos.sandbox.faults import parse_fault_spec
    from pos.sandbox.server import SandboxServer

    logging.basicConfig(
        level=logging.WARNING,
        stream=sys.stderr,
        format="%(asctime)s %(name)s %(levelname)s %(message)s",
    )
    try:
        faults = [parse_fault_spec(spec) for spec in args.fault]
        server = SandboxServer(
            host=args.host,
            port=args.port,
            db_path=args.db,
            seed=args.seed,
            catalog_size=args.catalog_size,
            latency_ms=args.latency_ms,
            rate_limit_quota=args.rate_limit_quota,
            rate_limit_window_ms=args.rate_limit_window_ms,
            payments_quota=args.payments_quota,
            payments_window_ms=args.payments_window_ms,
            pending_settle_ms=args.pending_settle_ms,
            authorize_only=args.authorize_only,
            faults=faults,
        )
    except ValueError as error:
        print(f"pos sandbox: {error}", file=sys.stderr)
        return 2
    stop = threading.Event()

    def on_signal(signum: int, frame: Any) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        try:
            server.start()
        except OSError as error:
            print(
                f"pos sandbox: cannot listen on {args.host}:{args.port}: {error}", file=sys.stderr
            )
            return 1
        sys.stdout.write(json.dumps(server.info) + "\n")
        sys.stdout.flush()
        while not stop.wait(0.5):
            if not server.running:
                print("pos sandbox: the server stopped unexpectedly", file=sys.stderr)
                return 1
        return 0
    finally:
        server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
