"""What the screen shows about the store profile in use (filled by the composition root)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


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
    receipt_header: tuple[str, ...] = ()
    receipt_footer: tuple[str, ...] = ()
    printer: str | None = None  # the printer's name; None: the system's default


def channel_label(profile: Any) -> str:
    """The channel as the header names it: its name when known without asking the store
    (the sandbox's channels are fixed), otherwise its number."""
    channel_id = getattr(profile, "channel_id", None)
    if channel_id is None:
        return ""
    if getattr(profile, "sandbox", False):
        from pos.sandbox.channels import CHANNELS

        for number, name, *_rest in CHANNELS:
            if number == channel_id:
                return name
    return str(channel_id)


def screen_profile_for(profile: Any, *, demo: bool = False) -> ScreenProfile:
    """What the screen shows of a store profile (``pos.stores.profiles.Profile``)."""
    pickup = getattr(profile, "pickup_location", None)
    where = ""
    if pickup is not None and not pickup.is_empty():
        where = ", ".join(p for p in (pickup.company, pickup.address1, pickup.city) if p)
    return ScreenProfile(
        store=profile.title,
        channel=channel_label(profile),
        terminal=profile.terminal_name,
        locale=profile.locale,
        currency=profile.currency,
        country=(pickup.country_code if pickup is not None and pickup.country_code else "US"),
        pickup_location=where,
        demo=demo,
        receipt_header=tuple(getattr(profile, "receipt_header", ()) or ()),
        receipt_footer=tuple(getattr(profile, "receipt_footer", ()) or ()),
        printer=getattr(profile, "printer", None) or None,
    )
