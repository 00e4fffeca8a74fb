"""A private X server with two screens for the customer display's tests (not a test
module): Xvfb with ``-screen 0`` for the register and ``-screen 1`` for the customer, the
two screens Qt's xcb platform lists as two :class:`QScreen`. The display number is the one
Xvfb reports itself (``-displayfd``) once it accepts connections."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

REGISTER_SIZE = (1280, 800)
CUSTOMER_SIZE = (800, 480)


def missing() -> list[str]:
    return [tool for tool in ("Xvfb",) if shutil.which(tool) is None]


@contextmanager
def two_screen_display(register: tuple[int, int] = REGISTER_SIZE,
                       customer: tuple[int, int] = CUSTOMER_SIZE,
                       timeout: float = 30.0) -> Iterator[str]:
    """Yields the ``DISPLAY`` of a running Xvfb with two screens; stops it afterwards."""
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp",
         "-screen", "0", "{}x{}x24".format(*register),
         "-screen", "1", "{}x{}x24".format(*customer)],
        pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], timeout)
        number = os.read(read_end, 64).decode().strip() if ready else ""
        if not number:
            server.kill()
            err = server.stderr.read() if server.stderr is not None else b""
            raise RuntimeError(f"Xvfb did not start: {err.decode(errors='replace')[-500:]}")
        yield f":{number}"
    finally:
        os.close(read_end)
        if server.stderr is not None:
            server.stderr.close()
        if server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
