"""What the screen shows about the store profile in use (filled by the composition root)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScreenProfile:
    store: str
    channel: str = ""
    terminal: str = ""
    locale: str = "en_US"
    currency: str = "USD"
    country: str = "US"
    pickup_location: str = ""
    demo: bool = False
