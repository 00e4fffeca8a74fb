"""The receipt printer: bytes to a device named by a URI, off the event loop, with the
printer's state reported to whoever shows it.

:class:`ReceiptPrinter` is what the register uses. Every job (a receipt, a reprint, a drawer
pulse, a pole display's text) runs in one worker thread of its own, one job at a time, so
that the Qt event loop never waits for a printer; the coroutine that asked for it awaits the
outcome. A printer that is off, unplugged, busy or out of paper raises a
:class:`PrinterError` whose message tells the clerk what to do, and the printer's
:attr:`~ReceiptPrinter.status` changes (listeners hear of it: the register's header shows it).
The last receipt is kept: :meth:`ReceiptPrinter.reprint` prints it again, marked as a copy.

``qt://`` printers go through a callable given by the window (``pos.ui``), since only the GUI
thread may drive Qt's print system; they cannot open a drawer.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import enum
import errno
import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .escpos_render import codepage_for, drawer_kick, pole_display, render_receipt
from .receipt import Receipt
from .uri import PrinterUri, parse_printer_uri

__all__ = [
    "DrawerUnsupported",
    "PaperOut",
    "PrinterError",
    "PrinterOffline",
    "PrinterState",
    "PrinterStatus",
    "PrinterUnavailable",
    "QtPrint",
    "ReceiptPrinter",
    "open_device",
    "send_bytes",
]

log = logging.getLogger("pos.hardware")

#: Prints a receipt through Qt (``copy`` marks a reprint); given by the window for ``qt://``.
QtPrint = Callable[[Receipt, PrinterUri, int, bool], None]


class PrinterError(Exception):
    """A receipt or a drawer pulse did not reach the printer. ``str()`` is for the clerk."""

    state: PrinterState


class PrinterOffline(PrinterError):
    """The printer cannot be reached: off, unplugged, or the network is down."""


class PaperOut(PrinterError):
    """The printer says it has no paper (or its cover is open)."""


class PrinterUnavailable(PrinterError):
    """The printer is there but cannot be used: busy, no permission, no driver."""


class DrawerUnsupported(PrinterError):
    """This printer cannot open a drawer (a system printer through Qt)."""


class PrinterState(enum.StrEnum):
    READY = "ready"
    PRINTING = "printing"
    OFFLINE = "offline"
    PAPER_OUT = "paper_out"
    UNAVAILABLE = "unavailable"
    NOT_SET = "not_set"


PrinterOffline.state = PrinterState.OFFLINE
PaperOut.state = PrinterState.PAPER_OUT
PrinterUnavailable.state = PrinterState.UNAVAILABLE
DrawerUnsupported.state = PrinterState.READY
PrinterError.state = PrinterState.UNAVAILABLE


@dataclass(frozen=True)
class PrinterStatus:
    """What the header shows: ``state`` and, when something is wrong, the clerk's words."""

    state: PrinterState
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.state in (PrinterState.READY, PrinterState.PRINTING)


# --------------------------------------------------------------------------- devices


def _offline(uri: PrinterUri) -> PrinterOffline:
    return PrinterOffline(
        f"The receipt printer ({uri}) does not answer. Check that it is on and connected, "
        "then print again."
    )


def _usb_error(uri: PrinterUri, exc: BaseException) -> PrinterError:
    cause = exc.__cause__ or exc.__context__ or exc
    code = getattr(cause, "errno", None) or getattr(exc, "errno", None)
    text = f"{exc} {cause}"
    if code in (errno.EACCES, errno.EPERM) or "Access denied" in text:
        return PrinterUnavailable(
            f"The register may not use the USB printer {uri}: install the udev rule "
            "(see docs/hardware.md) and plug the printer in again."
        )
    if code == errno.EBUSY or "Resource busy" in text:
        return PrinterUnavailable(
            f"The USB printer {uri} is held by the system's usblp driver: detach it "
            "(see docs/hardware.md) and print again."
        )
    return _offline(uri)


def open_device(uri: PrinterUri, *, timeout: float = 5.0) -> Any:
    """An open python-escpos printer for ``uri`` (not ``qt://``). Raises PrinterError."""
    from ._escpos import printer_module

    escpos_printer = printer_module()
    from escpos import exceptions as escpos_errors

    try:
        if uri.kind == "tcp":
            device = escpos_printer.Network(uri.host, uri.port, timeout=timeout)
            # Connected here rather than by Network.open(), which leaves its socket open
            # when the printer refuses the connection.
            device.device = socket.create_connection((uri.host, uri.port), timeout=timeout)
            return device
        if uri.kind == "usb":
            if not escpos_printer.Usb.is_usable():
                raise PrinterUnavailable("USB printers need the pyusb package and libusb.")
            device = escpos_printer.Usb(uri.vendor_id, uri.product_id, timeout=int(timeout * 1000))
        elif uri.kind == "serial":
            if not escpos_printer.Serial.is_usable():
                raise PrinterUnavailable("Serial printers need the pyserial package.")
            device = escpos_printer.Serial(uri.device, baudrate=uri.baud, timeout=timeout)
        elif uri.kind == "cups":
            if not escpos_printer.CupsPrinter.is_usable():
                raise PrinterUnavailable(
                    "CUPS queues need the pycups package; or name the printer by tcp:// "
                    "or usb://."
                )
            device = escpos_printer.CupsPrinter(uri.name)
        else:
            raise PrinterUnavailable(f"{uri} is printed through the register's window.")
        device.open()
    except PrinterError:
        raise
    except escpos_errors.DeviceNotFoundError as exc:
        if uri.kind == "usb":
            raise _usb_error(uri, exc) from None
        raise _offline(uri) from None
    except (OSError, escpos_errors.Error) as exc:
        if uri.kind == "usb":
            raise _usb_error(uri, exc) from None
        raise _offline(uri) from None
    except Exception as exc:  # pyusb's USBError is not an OSError
        if uri.kind == "usb":
            raise _usb_error(uri, exc) from None
        raise _offline(uri) from None
    return device


def _paper_ok(device: Any, uri: PrinterUri, timeout: float, io_timeout: float) -> None:
    """Raise PaperOut when the printer says it has no paper; printers that do not answer
    the status request (or cannot: CUPS, USB printers without an IN endpoint) are believed
    to have some. A network printer that drops the connection is offline."""
    sock: Any = getattr(device, "_device", None)
    tcp = uri.kind == "tcp" and hasattr(sock, "settimeout")
    if tcp:
        sock.settimeout(timeout)
    try:
        paper = device.paper_status()
    except (TimeoutError, NotImplementedError):
        return
    except OSError:
        if tcp:
            raise _offline(uri) from None
        return
    except Exception:
        return
    finally:
        if tcp:
            sock.settimeout(io_timeout)
    if paper == 0:
        raise PaperOut(
            f"The receipt printer ({uri}) is out of paper or its cover is open. Load "
            "paper, close the cover, then print again."
        )


def send_bytes(
    uri: PrinterUri,
    data: bytes,
    *,
    timeout: float = 5.0,
    check_paper: bool = True,
    status_timeout: float = 1.0,
) -> None:
    """Open the printer, check its paper, send ``data`` in one piece and close. Blocking:
    call it from a worker thread. Raises PrinterError."""
    device = open_device(uri, timeout=timeout)
    try:
        if check_paper:
            _paper_ok(device, uri, status_timeout, timeout)
        try:
            device._raw(data)
        except Exception as exc:
            if uri.kind == "usb":
                raise _usb_error(uri, exc) from None
            raise _offline(uri) from None
    finally:
        try:
            device.close()
        except Exception:
            log.debug("closing the printer failed", exc_info=True)


# --------------------------------------------------------------------------- the service


class ReceiptPrinter:
    """The register's receipt printer (see the module's description).

    ``send`` replaces :func:`send_bytes` (tests); ``qt_print`` prints ``qt://`` printers.
    Coroutines must be awaited on one event loop (the Qt loop in the register).
    """

    def __init__(
        self,
        uri: PrinterUri | str,
        *,
        paper_width: int = 80,
        locale: str = "en_US",
        timeout: float = 5.0,
        check_paper: bool = True,
        status_timeout: float = 1.0,
        qt_print: QtPrint | None = None,
        send: Callable[[PrinterUri, bytes], None] | None = None,
    ) -> None:
        self.uri = parse_printer_uri(uri) if isinstance(uri, str) else uri
        if paper_width not in (58, 80):
            raise ValueError("paper_width must be 58 or 80 (mm)")
        self.paper_width = paper_width
        self.codepage = codepage_for(locale)
        self._timeout = timeout
        self._check_paper = check_paper
        self._status_timeout = status_timeout
        self._qt_print = qt_print
        self._send = send
        self._executor: concurrent.futures.ThreadPoolExecutor | None = None
        self._status = PrinterStatus(PrinterState.READY)
        self._listeners: list[Callable[[PrinterStatus], None]] = []
        self._last: Receipt | None = None
        self.jobs = 0  # jobs sent whole (receipts, reprints, drawer pulses)

    # -- state ----------------------------------------------------------------------------

    @property
    def status(self) -> PrinterStatus:
        return self._status

    @property
    def last_receipt(self) -> Receipt | None:
        """The receipt :meth:`reprint` prints (the last one asked for, printed or not)."""
        return self._last

    @property
    def can_open_drawer(self) -> bool:
        return self.uri.supports_drawer

    def add_listener(self, listener: Callable[[PrinterStatus], None]) -> Callable[[], None]:
        """Call ``listener(status)`` on the event loop whenever the status changes; returns
        the function that stops it."""
        self._listeners.append(listener)

        def remove() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return remove

    def _set(self, status: PrinterStatus) -> None:
        if status == self._status:
            return
        self._status = status
        for listener in list(self._listeners):
            try:
                listener(status)
            except Exception:  # a listener's failure is not the printer's
                log.exception("printer status listener failed")

    # -- jobs -----------------------------------------------------------------------------

    def _blocking_send(self, data: bytes) -> None:
        if self._send is not None:
            self._send(self.uri, data)
        else:
            send_bytes(self.uri, data, timeout=self._timeout, check_paper=self._check_paper,
                       status_timeout=self._status_timeout)

    async def _job(self, data: bytes) -> None:
        if self._executor is None:
            self._executor = concurrent.futures.ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="pos-printer"
            )
        previous = self._status
        self._set(PrinterStatus(PrinterState.PRINTING))
        loop = asyncio.get_running_loop()
        try:
            await loop.run_in_executor(self._executor, self._blocking_send, data)
        except PrinterError as exc:
            self._set(PrinterStatus(exc.state, str(exc)))
            log.info("printer %s: %s", self.uri.kind, type(exc).__name__)
            raise
        except BaseException:
            self._set(previous)
            raise
        if data:
            self.jobs += 1
        self._set(PrinterStatus(PrinterState.READY))

    async def print_receipt(self, receipt: Receipt, *, open_drawer_pin: int | None = None,
                            copy: bool = False) -> None:
        """Print ``receipt`` (and open the drawer on ``open_drawer_pin`` in the same job,
        after the cut: the pulse goes only with a receipt that reached the printer)."""
        self._last = receipt
        if self.uri.kind == "qt":
            if open_drawer_pin is not None:
                raise DrawerUnsupported(
                    f"The printer {self.uri} cannot open a cash drawer; open it by hand."
                )
            self._print_qt(receipt, copy)
            return
        data = render_receipt(receipt, paper_width=self.paper_width, codepage=self.codepage,
                              copy=copy, drawer_pin=open_drawer_pin)
        await self._job(data)

    def _print_qt(self, receipt: Receipt, copy: bool) -> None:
        if self._qt_print is None:
            raise PrinterUnavailable(
                f"The system printer {self.uri} is printed from the register's window."
            )
        try:
            self._qt_print(receipt, self.uri, self.paper_width, copy)
        except PrinterError as exc:
            self._set(PrinterStatus(exc.state, str(exc)))
            raise
        self.jobs += 1
        self._set(PrinterStatus(PrinterState.READY))

    async def reprint(self) -> Receipt:
        """Print the last receipt again, marked as a copy (never with a drawer pulse)."""
        if self._last is None:
            raise PrinterError("There is no receipt to print again yet.")
        receipt = self._last
        await self.print_receipt(receipt, copy=True)
        return receipt

    async def kick_drawer(self, pin: int) -> None:
        """Send the drawer's pulse on ``pin`` (2 or 5) alone."""
        if not self.can_open_drawer:
            raise DrawerUnsupported(
                f"The printer {self.uri} cannot open a cash drawer; open it by hand."
            )
        await self._job(drawer_kick(pin))

    async def show_on_pole(self, first: str, second: str = "") -> None:
        """Two lines on a pole display chained through the printer."""
        if self.can_open_drawer:
            await self._job(pole_display(first, second, codepage=self.codepage))

    async def check(self) -> PrinterStatus:
        """Ask the printer whether it is there and has paper (an empty job)."""
        if self.uri.kind != "qt":
            with contextlib.suppress(PrinterError):
                await self._job(b"")
        return self._status

    def close(self) -> None:
        """Stop the worker thread once the job under way (if any) ends."""
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
