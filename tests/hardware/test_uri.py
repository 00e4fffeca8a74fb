"""Printer URIs: one parser, clear messages, nothing typed repeated back."""

from __future__ import annotations

import pytest

from pos.hardware.uri import PrinterUri, PrinterUriError, parse_printer_uri


@pytest.mark.parametrize(
    ("text", "expected", "canonical"),
    [
        ("tcp://192.168.1.50:9100", PrinterUri("tcp", host="192.168.1.50", port=9100),
         "tcp://192.168.1.50:9100"),
        ("tcp://printer.local", PrinterUri("tcp", host="printer.local"),
         "tcp://printer.local:9100"),
        ("TCP://[::1]:9101", PrinterUri("tcp", host="::1", port=9101), "tcp://[::1]:9101"),
        ("usb://04b8:0202", PrinterUri("usb", vendor_id=0x04B8, product_id=0x0202),
         "usb://04b8:0202"),
        ("usb://0x0416:0x5011", PrinterUri("usb", vendor_id=0x0416, product_id=0x5011),
         "usb://0416:5011"),
        ("serial:///dev/ttyUSB0?baud=19200",
         PrinterUri("serial", device="/dev/ttyUSB0", baud=19200),
         "serial:///dev/ttyUSB0?baud=19200"),
        ("serial://COM3", PrinterUri("serial", device="COM3"), "serial://COM3?baud=9600"),
        ("cups://TM-T20", PrinterUri("cups", name="TM-T20"), "cups://TM-T20"),
        ("qt://Office%20Laser", PrinterUri("qt", name="Office Laser"), "qt://Office Laser"),
        ("qt://", PrinterUri("qt"), "qt://"),
    ],
)
def test_good_printer_uris(text: str, expected: PrinterUri, canonical: str) -> None:
    parsed = parse_printer_uri(text)
    assert parsed == expected
    assert str(parsed) == canonical


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "empty"),
        ("192.168.1.50:9100", "no scheme"),
        ("lpt://1", "unknown printer scheme"),
        ("tcp://", "host"),
        ("tcp://host:99999", "port"),
        ("tcp://host:90a", "port"),
        ("tcp://user:secretword@host:9100", "host and a port only"),
        ("tcp://host/path", "host and a port only"),
        ("usb://epson", "vendor and product ids"),
        ("usb://0000:0202", "cannot be 0000"),
        ("usb://04b8:02020", "vendor and product ids"),
        ("serial://", "needs its port"),
        ("serial:///etc/../dev/tty?baud=9600", "needs its port"),
        ("serial:///dev/ttyS0?baud=1234", "baud rate"),
        ("serial:///dev/ttyS0?speed=9600", "unknown serial option"),
        ("cups://", "queue"),
        ("cups://bad queue", "spaces"),
        ("tcp://host:9100#x", "fragment"),
    ],
)
def test_bad_printer_uris_get_one_clear_sentence(text: str, words: str) -> None:
    with pytest.raises(PrinterUriError) as raised:
        parse_printer_uri(text)
    message = str(raised.value)
    assert words in message
    assert "tcp://HOST:9100" in message  # the forms that work are shown
    assert "secretword" not in message
