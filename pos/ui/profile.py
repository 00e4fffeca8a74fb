"""What the screen shows about the store profile in use (filled by the composition root)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pos.stores.profiles import Profile


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


def channel_label(profile: Profile) -> str:
    """The channel as the header names it: its name when known without asking the store
    (the sandbox's channels are fixed), otherwise its number."""
    channel_id = profile.channel_id
    if profile.sandbox:
        from pos.sandbox.channels import CHANNELS

        for number, name, *_rest in CHANNELS:
            if number == channel_id:
                return name
    return str(channel_id)


def screen_profile_for(profile: Profile, *, demo: bool = False) -> ScreenProfile:
    """What the screen shows of a store profile."""
    pickup = profile.pickup_location
    where = ""
    if not pickup.is_empty():
        where = ", ".join(p for p in (pickup.company, pickup.address1, pickup.city) if p)
    return ScreenProfile(
        store=profile.title,
        channel=channel_label(profile),
        terminal=profile.terminal_name,
        locale=profile.locale,
        currency=profile.currency,
        country=pickup.country_code or "US",
        pickup_location=where,
        demo=demo,
        receipt_header=tuple(profile.receipt_header),
        receipt_footer=tuple(profile.receipt_footer),
        printer=profile.printer or None,
    )
