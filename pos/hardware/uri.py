"""Printer addresses: one parser for every place a receipt printer is named.

A profile's ``printer`` field, ``pos profile add|edit … --printer URI`` and
``pos receipt --printer URI`` all go through :func:`parse_printer_uri`:

* ``tcp://HOST[:PORT]``: a network printer (raw TCP, port 9100 unless given);
* ``usb://VID:PID``: a USB printer by its vendor and product id (hexadecimal, as ``lsusb``
  prints them, e.g. ``usb://04b8:0202``);
* ``serial:///dev/ttyUSB0?baud=9600`` (or ``serial://COM3?baud=19200`` on Windows): a serial
  printer; ``baud`` defaults to 9600;
* ``cups://QUEUE``: a raw CUPS queue (ESC/POS bytes passed through unchanged);
* ``qt://PRINTER``: the system printer of that name, through Qt's print system (any driver;
  no drawer, no paper status). ``qt://`` alone is the system's default printer.

No Qt and nothing of the register here: the parser is shared by the profile files, the
command line and the hardware room.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import parse_qs, unquote

__all__ = [
    "PRINTER_URI_FORMS",
    "PrinterUri",
    "PrinterUriError",
    "check_hardware_fields",
    "parse_printer_setting",
    "parse_printer_uri",
]

Kind = Literal["tcp", "usb", "serial", "cups", "qt"]

#: The forms a printer URI may take, as the messages show them.
PRINTER_URI_FORMS = (
    "tcp://HOST:9100, usb://VID:PID, serial:///dev/ttyUSB0?baud=9600, cups://QUEUE "
    "or qt://PRINTER"
)
DEFAULT_TCP_PORT = 9100
DEFAULT_BAUD = 9600
_BAUDS = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200)
_HOST_RE = re.compile(
    r"^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?\.?)+$|^\[[0-9A-Fa-f:.]+\]$"
)
_HEX_ID_RE = re.compile(r"^(?:0x)?[0-9A-Fa-f]{1,4}$")
_QUEUE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}$")
_SERIAL_RE = re.compile(r"^(?:/dev/[A-Za-z0-9_./-]+|COM[0-9]{1,3})$")


class PrinterUriError(ValueError):
    """A printer URI that cannot be used; the message says which form is expected."""


@dataclass(frozen=True)
class PrinterUri:
    """A parsed printer address. ``str()`` gives it back in its canonical form."""

    kind: Kind
    host: str = ""
    port: int = DEFAULT_TCP_PORT
    vendor_id: int = 0
    product_id: int = 0
    device: str = ""
    baud: int = DEFAULT_BAUD
    name: str = ""  # the CUPS queue or the Qt printer ("" for the default one)

    @property
    def supports_drawer(self) -> bool:
        """Whether ESC/POS commands reach the printer (and so its drawer)."""
        return self.kind != "qt"

    def __str__(self) -> str:
        if self.kind == "tcp":
            host = f"[{self.host}]" if ":" in self.host else self.host
            return f"tcp://{host}:{self.port}"
        if self.kind == "usb":
            return f"usb://{self.vendor_id:04x}:{self.product_id:04x}"
        if self.kind == "serial":
            return f"serial://{self.device}?baud={self.baud}"
        return f"{self.kind}://{self.name}"


def _bad(what: str) -> PrinterUriError:
    return PrinterUriError(f"{what}; a printer is given as {PRINTER_URI_FORMS}")


def parse_printer_uri(text: str) -> PrinterUri:
    """The printer ``text`` names; :class:`PrinterUriError` (a clear sentence that never
    repeats the text) when it is not one of the forms above."""
    if not isinstance(text, str) or not text.strip():
        raise _bad("the printer is empty")
    value = text.strip()
    if any(ch.isspace() or ord(ch) < 32 for ch in value):
        raise _bad("the printer address must not contain spaces")
    scheme, sep, rest = value.partition("://")
    if not sep:
        raise _bad("the printer address has no scheme")
    scheme = scheme.lower()
    if "#" in rest:
        raise _bad("the printer address must not have a #fragment")
    if scheme == "tcp":
        return _tcp(rest)
    if scheme == "usb":
        return _usb(rest)
    if scheme == "serial":
        return _serial(rest)
    if scheme == "cups":
        return _named("cups", rest)
    if scheme == "qt":
        return _named("qt", rest)
    raise _bad(f"unknown printer scheme {scheme[:12]!r}")


def _tcp(rest: str) -> PrinterUri:
    if "?" in rest or "@" in rest:
        raise _bad("a tcp:// printer takes a host and a port only")
    rest = rest.rstrip("/")
    if "/" in rest:
        raise _bad("a tcp:// printer takes a host and a port only")
    if rest.startswith("["):
        host, _, tail = rest.partition("]")
        host += "]"
        port_text = tail[1:] if tail.startswith(":") else ""
        if tail and not tail.startswith(":"):
            raise _bad("the printer's host is not valid")
    else:
        host, _, port_text = rest.partition(":")
    if not host or not _HOST_RE.match(host):
        raise _bad("the printer's host is missing or not valid")
    port = DEFAULT_TCP_PORT
    if port_text:
        if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
            raise _bad("the printer's port must be a number from 1 to 65535")
        port = int(port_text)
    return PrinterUri("tcp", host=host.strip("[]"), port=port)


def _usb(rest: str) -> PrinterUri:
    vid, sep, pid = rest.rstrip("/").partition(":")
    if not sep or not _HEX_ID_RE.match(vid) or not _HEX_ID_RE.match(pid):
        raise _bad("a usb:// printer is given by its vendor and product ids in hexadecimal "
                   "(usb://04b8:0202, as lsusb shows them)")
    vendor, product = int(vid, 16), int(pid, 16)
    if not vendor or not product:
        raise _bad("a USB vendor or product id cannot be 0000")
    return PrinterUri("usb", vendor_id=vendor, product_id=product)


def _serial(rest: str) -> PrinterUri:
    path, _, query = rest.partition("?")
    device = unquote(path)
    if not device or not _SERIAL_RE.match(device) or ".." in device:
        raise _bad("a serial:// printer needs its port, like serial:///dev/ttyUSB0 or "
                   "serial://COM3")
    baud = DEFAULT_BAUD
    if query:
        try:
            params = parse_qs(query, strict_parsing=True)
        except ValueError:
            raise _bad("the serial printer's options must look like ?baud=9600") from None
        unknown = sorted(set(params) - {"baud"})
        if unknown:
            raise _bad(f"unknown serial option {unknown[0][:12]!r} (only baud is known)")
        values = params.get("baud", [])
        if len(values) != 1 or not values[0].isdigit() or int(values[0]) not in _BAUDS:
            raise _bad("the serial baud rate must be one of "
                       + ", ".join(str(b) for b in _BAUDS))
        baud = int(values[0])
    return PrinterUri("serial", device=device, baud=baud)


def _named(scheme: Kind, rest: str) -> PrinterUri:
    if "?" in rest:
        raise _bad(f"a {scheme}:// printer takes a name only")
    name = unquote(rest.strip("/"))
    if scheme == "cups" and not name:
        raise _bad("a cups:// printer needs the queue's name (lpstat -p lists them)")
    if name and (not _QUEUE_RE.match(name) if scheme == "cups" else (
            len(name) > 128 or any(ord(ch) < 32 for ch in name))):
        raise _bad(f"the {scheme}:// printer's name is not valid")
    return PrinterUri(scheme, name=name)


def parse_printer_setting(text: str) -> PrinterUri:
    """A profile's ``printer``: a URI, or (as profiles written before URIs say it) the bare
    name of a system printer, such as ``EPSON_TM_T20``, which is ``qt://EPSON_TM_T20``."""
    value = text.strip() if isinstance(text, str) else text
    if isinstance(value, str) and "://" not in value and _QUEUE_RE.match(value):
        return PrinterUri("qt", name=value)
    return parse_printer_uri(text)


def check_hardware_fields(values: Mapping[str, object]) -> list[tuple[str, str]]:
    """Problems of a profile's hardware fields as ``(key, message)``: ``printer`` (a URI),
    ``drawer_pin`` (2 or 5), ``paper_width`` (80 or 58 mm). Types are checked by the caller."""
    problems: list[tuple[str, str]] = []
    printer = values.get("printer")
    if isinstance(printer, str) and printer:
        try:
            parse_printer_setting(printer)
        except PrinterUriError as exc:
            problems.append(("printer", str(exc)))
    if "drawer_pin" in values and values["drawer_pin"] not in (2, 5):
        problems.append(("drawer_pin", "must be 2 or 5 (the drawer connector's pin)"))
    if "paper_width" in values and values["paper_width"] not in (80, 58):
        problems.append(("paper_width", "must be 80 or 58 (millimetres)"))
    return problems
