"""Does HTTP/2 help the register's client? Prints a table; asserts nothing.

BigCommerce's real hosts cannot be reached offline, and the sandbox (uvicorn) speaks only
HTTP/1.1, so this builds a local HTTPS server that speaks both HTTP/1.1 and HTTP/2 (ALPN,
the ``h2`` package), answering every request with a checkout-sized JSON body after a fixed
server time, behind a relay that adds a round-trip time to every packet in both directions
(so the TLS handshake pays it too, as on a real network).

The same ``BigCommerceClient`` is measured with ``http2=False`` and ``http2=True``:

* cold: a new client's first call (TCP + TLS + request);
* warm_up: ``warm_up()`` then the first call (what the register does before a sale);
* sequential: 20 calls one after another on a warm client (a sale is a chain: each step
  needs the previous answer);
* burst: 10 calls at once on a warm client (e.g. reading several pages or orders together).

Run: ``python benchmarks/bench_http2.py [--rtt-ms 60] [--server-ms 40] [--rounds 5]``.
Needs ``h2`` and ``cryptography`` (test dependencies, not runtime ones).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import ipaddress
import json
import ssl
import statistics
import tempfile
import time
from pathlib import Path

import h2.config
import h2.connection
import h2.events
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from pos.api import BigCommerceClient

BODY = json.dumps(
    {
        "data": {
            "id": "c0ffee00-0000-4000-8000-000000000001",
            "line_items": {"physical_items": [
                {"id": f"item-{i}", "product_id": i, "quantity": 1, "list_price": 10.5,
                 "name": "A product with a long enough name " * 2, "sku": f"SKU-{i:06d}"}
                for i in range(12)
            ]},
            "cart_amount": 126.0,
        },
        "meta": {},
    }
).encode()


# ---------------------------------------------------------------------------- certificates


def make_cert(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "bench")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


# ---------------------------------------------------------------------------- the server


class Server:
    def __init__(self, cert: tuple[Path, Path], server_ms: float) -> None:
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(*cert)
        self.ctx.set_alpn_protocols(["h2", "http/1.1"])
        self.delay = server_ms / 1000
        self.connections = 0

    async def start(self) -> int:
        self.server = await asyncio.start_server(self.handle, "127.0.0.1", 0, ssl=self.ctx)
        return int(self.server.sockets[0].getsockname()[1])

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        ssl_obj = writer.get_extra_info("ssl_object")
        try:
            if ssl_obj is not None and ssl_obj.selected_alpn_protocol() == "h2":
                await self.h2(reader, writer)
            else:
                await self.h1(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, ssl.SSLError):
            pass
        finally:
            writer.close()

    async def h1(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            await asyncio.sleep(self.delay)
            body = b"" if head.startswith(b"HEAD ") else BODY
            writer.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n"
                         b"content-length: %d\r\n\r\n%s" % (len(BODY), body))
            await writer.drain()

    async def h2(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        conn = h2.connection.H2Connection(h2.config.H2Configuration(client_side=False))
        conn.initiate_connection()
        writer.write(conn.data_to_send())
        window_open = asyncio.Event()
        tasks: set[asyncio.Task[None]] = set()

        async def respond(stream_id: int, head_only: bool) -> None:
            await asyncio.sleep(self.delay)
            conn.send_headers(stream_id, [(":status", "200"),
                                          ("content-type", "application/json"),
                                          ("content-length", str(len(BODY)))],
                              end_stream=head_only)
            data = b"" if head_only else BODY
            while data:
                room = min(conn.local_flow_control_window(stream_id), conn.max_outbound_frame_size)
                if room <= 0:
                    window_open.clear()
                    writer.write(conn.data_to_send())
                    await window_open.wait()
                    continue
                chunk, data = data[:room], data[room:]
                conn.send_data(stream_id, chunk, end_stream=not data)
            writer.write(conn.data_to_send())

        while True:
            data = await reader.read(65536)
            if not data:
                return
            for event in conn.receive_data(data):
                if isinstance(event, h2.events.RequestReceived):
                    method = dict(event.headers).get(b":method", b"")
                    task = asyncio.ensure_future(respond(event.stream_id, method == b"HEAD"))
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
                elif isinstance(event, h2.events.WindowUpdated):
                    window_open.set()
                elif isinstance(event, h2.events.DataReceived):
                    conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            writer.write(conn.data_to_send())


class Relay:
    """A TCP relay that delays every chunk by half the RTT in each direction, in order."""

    def __init__(self, target_port: int, rtt_ms: float) -> None:
        self.target_port = target_port
        self.half = rtt_ms / 2000

    async def start(self) -> int:
        self.server = await asyncio.start_server(self.handle, "127.0.0.1", 0)
        return int(self.server.sockets[0].getsockname()[1])

    async def handle(self, c_reader: asyncio.StreamReader, c_writer: asyncio.StreamWriter) -> None:
        s_reader, s_writer = await asyncio.open_connection("127.0.0.1", self.target_port)

        async def pipe(src: asyncio.StreamReader, dst: asyncio.StreamWriter) -> None:
            queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

            async def deliver() -> None:
                while True:
                    due, chunk = await queue.get()
                    if not chunk:
                        dst.close()
                        return
                    wait = due - time.monotonic()
                    if wait > 0:
                        await asyncio.sleep(wait)
                    dst.write(chunk)

            sender = asyncio.ensure_future(deliver())
            try:
                while True:
                    chunk = await src.read(65536)
                    queue.put_nowait((time.monotonic() + self.half, chunk))
                    if not chunk:
                        break
            except ConnectionError:
                queue.put_nowait((0.0, b""))
            await sender

        try:
            await asyncio.gather(pipe(c_reader, s_writer), pipe(s_reader, c_writer),
                                 return_exceptions=True)
        except asyncio.CancelledError:  # the benchmark is over
            s_writer.close()
            c_writer.close()


# ---------------------------------------------------------------------------- measurements


async def measure(url: str, ca: Path, http2: bool, rounds: int) -> dict[str, float]:
    def client() -> BigCommerceClient:
        return BigCommerceClient("bench", lambda: "token", api_base_url=url,
                                 payments_base_url=url, ca_bundle=str(ca), http2=http2,
                                 trust_env=False, timeout=30)

    results: dict[str, list[float]] = {"cold": [], "warm_up": [], "sequential": [], "burst": []}
    for _ in range(rounds):
        async with client() as c:
            t = time.perf_counter()
            await c.carts.get("x")
            results["cold"].append(time.perf_counter() - t)
        async with client() as c:
            await c.warm_up()
            t = time.perf_counter()
            await c.carts.get("x")
            results["warm_up"].append(time.perf_counter() - t)
            t = time.perf_counter()
            for _ in range(20):
                await c.carts.get("x")
            results["sequential"].append((time.perf_counter() - t) / 20)
            t = time.perf_counter()
            await asyncio.gather(*(c.carts.get("x") for _ in range(10)))
            results["burst"].append(time.perf_counter() - t)
    return {k: statistics.median(v) * 1000 for k, v in results.items()}


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rtt-ms", type=float, nargs="*", default=[0.0, 60.0])
    parser.add_argument("--server-ms", type=float, default=40.0)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cert, key = make_cert(Path(tmp))
        server = Server((cert, key), args.server_ms)
        port = await server.start()
        print(f"server time {args.server_ms:.0f} ms per request, body {len(BODY)} bytes, "
              f"median of {args.rounds} rounds (ms)")
        print(f"{'rtt':>5} {'protocol':>9} {'cold':>8} {'warm_up':>8} {'seq/call':>9} "
              f"{'burst×10':>9} {'conns':>6}")
        for rtt in args.rtt_ms:
            relay = Relay(port, rtt)
            relay_port = await relay.start()
            url = f"https://127.0.0.1:{relay_port}"
            for http2 in (False, True):
                before = server.connections
                r = await measure(url, cert, http2, args.rounds)
                conns = (server.connections - before) / args.rounds
                print(f"{rtt:>5.0f} {'HTTP/2' if http2 else 'HTTP/1.1':>9} {r['cold']:>8.1f} "
                      f"{r['warm_up']:>8.1f} {r['sequential']:>9.1f} {r['burst']:>9.1f} "
                      f"{conns:>6.1f}")
            relay.server.close()


if __name__ == "__main__":
    asyncio.run(main())
