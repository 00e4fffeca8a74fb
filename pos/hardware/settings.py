"""The counter hardware's settings, read from a store profile's fields."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .receipt import ReceiptOptions
from .uri import PrinterUri, parse_printer_setting, parse_printer_uri

__all__ = ["DRAWER_PINS", "PAPER_WIDTHS", "HardwareSettings"]

DRAWER_PINS = (2, 5)
PAPER_WIDTHS = (80, 58)


@dataclass(frozen=True)
class HardwareSettings:
    printer: PrinterUri | None = None
    drawer_pin: int = 2
    paper_width: int = 80
    customer_display: bool = False
    pole_display: bool = False
    receipt: ReceiptOptions = field(default_factory=ReceiptOptions)

    @classmethod
    def from_profile(cls, profile: Any, *, printer: str | None = None) -> HardwareSettings:
        """From a store profile's ``printer``, ``drawer_pin``, ``paper_width``,
        ``customer_display`` and ``pole_display`` (``printer`` overrides the profile's).
        Raises :class:`~pos.hardware.uri.PrinterUriError` for a printer that is not one."""
        text = printer if printer is not None else getattr(profile, "printer", None)
        pin = getattr(profile, "drawer_pin", 2) or 2
        width = getattr(profile, "paper_width", 80) or 80
        return cls(
            printer=(parse_printer_uri(printer) if printer is not None
                     else parse_printer_setting(text) if text else None),
            drawer_pin=pin if pin in DRAWER_PINS else 2,
            paper_width=width if width in PAPER_WIDTHS else 80,
            customer_display=bool(getattr(profile, "customer_display", False)),
            pole_display=bool(getattr(profile, "pole_display", False)),
            receipt=ReceiptOptions.from_profile(profile),
        )
