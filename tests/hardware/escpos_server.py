"""A receipt printer on loopback: a TCP server that accepts a printer connection the way a
network ESC/POS printer does (raw bytes, port-9100 style), decodes the few commands the
register sends, and answers the real-time paper status request.

Not a test module. ``EscPosServer().start()`` listens on 127.0.0.1 (a free port);
``stop()`` closes it (the printer is off: connections are refused) and ``start()`` opens the
same port again (the printer is back). Each connection is one :class:`Job`.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass, field

ESC, GS, DLE, EOT = 0x1B, 0x1D, 0x10, 0x04
#: ESC t n → Python codec, for the code pages python-escpos's default profile names.
CODEPAGES = {0: "cp437", 2: "cp850", 16: "cp1252", 17: "cp866", 18: "cp852", 19: "cp858"}
#: Bytes of argument after ESC x / GS x (those the register sends).
ESC_ARGS = {ord("@"): 0, ord("t"): 1, ord("!"): 1, ord("E"): 1, ord("a"): 1, ord("{"): 1,
            ord("-"): 1, ord("M"): 1, ord("d"): 1, ord("p"): 3, ord("="): 1, ord("J"): 1,
            ord("G"): 1, ord("V"): 1, ord("2"): 0, ord("3"): 1}
GS_ARGS = {ord("!"): 1, ord("b"): 1, ord("B"): 1, ord("h"): 1, ord("w"): 1, ord("f"): 1,
           ord("H"): 1, ord("L"): 2, ord("W"): 2}
#: Paper status answers (DLE EOT 4): paper adequate, no paper.
PAPER_OK, PAPER_OUT = 0x12, 0x72


@dataclass
class Job:
    """What one connection printed."""

    lines: list[str] = field(default_factory=list)
    barcodes: list[tuple[str, str]] = field(default_factory=list)
    cuts: int = 0
    pulses: list[int] = field(default_factory=list)  # drawer pins
    codepages: list[int] = field(default_factory=list)
    status_requests: int = 0
    unknown: list[bytes] = field(default_factory=list)
    raw: bytes = b""
    pole: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def printed(self) -> bool:
        return bool(self.lines or self.barcodes or self.cuts)


class Decoder:
    """Decodes a byte stream incrementally; :meth:`feed` returns the answers to send."""

    def __init__(self, job: Job, paper: int) -> None:
        self.job = job
        self.paper = paper
        self.buffer = b""
        self.codec = "cp437"
        self.current = b""
        self.to_pole = False

    def _flush(self) -> None:
        if self.current:
            text = self.current.decode(self.codec, errors="replace")
            (self.job.pole if self.to_pole else self.job.lines).append(text)
            self.current = b""

    def feed(self, data: bytes) -> bytes:
        self.job.raw += data
        self.buffer += data
        answer = b""
        buf = self.buffer
        i = 0
        while i < len(buf):
            b = buf[i]
            if b == DLE:
                if i + 2 >= len(buf):
                    break
                if buf[i + 1] == EOT:
                    self.job.status_requests += 1
                    answer += bytes([self.paper if buf[i + 2] == 4 else 0x12])
                i += 3
                continue
            if b == ESC:
                if i + 1 >= len(buf):
                    break
                cmd = buf[i + 1]
                n = ESC_ARGS.get(cmd)
                if n is None:
                    self.job.unknown.append(buf[i:i + 2])
                    i += 2
                    continue
                if i + 2 + n > len(buf):
                    break
                args = buf[i + 2:i + 2 + n]
                self._esc(cmd, args)
                i += 2 + n
                continue
            if b == GS:
                if i + 1 >= len(buf):
                    break
                cmd = buf[i + 1]
                if cmd == ord("V"):
                    if i + 2 >= len(buf):
                        break
                    m = buf[i + 2]
                    extra = 1 if m in (65, 66) else 0
                    if i + 3 + extra > len(buf):
                        break
                    self._flush()
                    self.job.cuts += 1
                    i += 3 + extra
                    continue
                if cmd == ord("k"):
                    if i + 2 >= len(buf):
                        break
                    m = buf[i + 2]
                    if m <= 6:
                        end = buf.find(b"\x00", i + 3)
                        if end < 0:
                            break
                        data_ = buf[i + 3:end]
                        i = end + 1
                    else:
                        if i + 3 >= len(buf):
                            break
                        length = buf[i + 3]
                        if i + 4 + length > len(buf):
                            break
                        data_ = buf[i + 4:i + 4 + length]
                        i += 4 + length
                    self._flush()
                    kind = "CODE128" if m == 73 else f"type {m}"
                    value = data_.decode("ascii", errors="replace")
                    if kind == "CODE128" and value[:1] == "{":
                        value = value[2:]
                    self.job.barcodes.append((kind, value))
                    continue
                n = GS_ARGS.get(cmd)
                if n is None:
                    self.job.unknown.append(buf[i:i + 2])
                    i += 2
                    continue
                if i + 2 + n > len(buf):
                    break
                i += 2 + n
                continue
            if b == 0x0A:
                self._flush()
                if not self.current and self.job.lines and not self.to_pole:
                    pass
                i += 1
                continue
            self.current += bytes([b])
            i += 1
        self.buffer = buf[i:]
        return answer

    def _esc(self, cmd: int, args: bytes) -> None:
        if cmd == ord("t"):
            self._flush()
            self.job.codepages.append(args[0])
            self.codec = CODEPAGES.get(args[0], "cp437")
        elif cmd == ord("@"):
            self._flush()
            if not self.to_pole:
                self.codec = "cp437"
        elif cmd == ord("p"):
            self._flush()
            self.job.pulses.append(2 if args[0] in (0, 48) else 5)
        elif cmd == ord("="):
            self._flush()
            self.to_pole = args[0] == 2
        elif cmd == ord("d"):
            self._flush()

    def close(self) -> None:
        self._flush()


class EscPosServer:
    """See the module's description. ``paper_out`` makes the printer report no paper."""

    def __init__(self) -> None:
        self.port = 0
        self.jobs: list[Job] = []
        self.paper_out = False
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._cond = threading.Condition()
        self.connections = 0

    @property
    def uri(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def start(self) -> EscPosServer:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", self.port))
        sock.listen(8)
        self.port = sock.getsockname()[1]
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> EscPosServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _serve(self, sock: socket.socket) -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        job = Job()
        decoder = Decoder(job, PAPER_OUT if self.paper_out else PAPER_OK)
        with conn:
            conn.settimeout(10)
            while True:
                try:
                    data = conn.recv(4096)
                except OSError:
                    break
                if not data:
                    break
                answer = decoder.feed(data)
                if answer:
                    conn.sendall(answer)
        decoder.close()
        with self._cond:
            self.jobs.append(job)
            self.connections += 1
            self._cond.notify_all()

    def wait_jobs(self, count: int, timeout: float = 10.0) -> list[Job]:
        """The first ``count`` jobs, once that many connections have ended."""
        with self._cond:
            if not self._cond.wait_for(lambda: len(self.jobs) >= count, timeout=timeout):
                raise AssertionError(f"{len(self.jobs)} print jobs arrived, not {count}")
            return list(self.jobs[:count])
