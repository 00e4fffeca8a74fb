"""Locale names checked against CLDR (through Babel): the one list of locales the register knows.

* :func:`normalise_locale` reads the usual spellings (``"en-us"``, ``"fr_CA.UTF-8"``,
  ``"de_DE@euro"``) as ``"en_US"``, ``"fr_CA"``, ``"de_DE"``.
* :func:`check_locale` returns CLDR's identifier for a locale name, or raises
  :class:`UnknownLocale` carrying the nearest known names (for a profile that names a locale
  CLDR does not have: "unknown locale 'es_XX'; did you mean es_ES, es_MX, ...?").
* :func:`babel_locale` gives Babel's :class:`~babel.core.Locale` for a name, falling back to
  the language alone, then to English, so that formatting never fails on a bad name (the
  profile loader refuses such names before they get here).
* :func:`language_of` is the language part (``"es"`` of ``"es_MX"``).
* :func:`sort_key` orders names the way a dictionary does in most languages written in the
  Latin script (accents and case second), for lists shown without a collator at hand; the
  Qt faces sort with ``QCollator`` for the register's language.
"""

from __future__ import annotations

import difflib
import functools
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from babel import Locale, localedata
from babel.core import get_global

__all__ = [
    "UnknownLanguage",
    "UnknownLocale",
    "babel_locale",
    "check_interface_language",
    "check_locale",
    "interface_languages",
    "is_currency_code",
    "known_locales",
    "language_of",
    "locale_suggestions",
    "normalise_locale",
    "sort_key",
]


class UnknownLocale(ValueError):
    """A locale name CLDR does not know; :attr:`suggestions` are the nearest known names."""

    def __init__(self, name: str, suggestions: Sequence[str]) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown locale {name!r}{hint}")


class UnknownLanguage(ValueError):
    """A language the register's interface is not translated into; :attr:`known` lists
    the ones it is."""

    def __init__(self, name: str, known: Sequence[str]) -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__(f"the register is not translated into {name!r}; "
                         f"choose one of {', '.join(self.known)}")


#: The language the interface is written in (no translation file needed).
SOURCE_LANGUAGE = "en"


def interface_languages(folder: Path | None = None) -> frozenset[str]:
    """The languages the register speaks: English, and the language of each translation
    shipped in the resources (``pos_es.ts`` or, in a bundle, ``pos_es.qm``)."""
    if folder is None:
        from pos.resources import resource_path

        folder = resource_path("translations")
    found = {SOURCE_LANGUAGE}
    if folder.is_dir():
        for path in folder.iterdir():
            if path.suffix in {".ts", ".qm"} and path.stem.startswith("pos_"):
                found.add(language_of(path.stem[len("pos_"):]))
    return frozenset(found)


def check_interface_language(name: str, folder: Path | None = None) -> str:
    """CLDR's spelling of ``name`` (``"es"``, ``"es-mx"`` → ``"es_MX"``) when the
    register is translated into its language, else :class:`UnknownLanguage`."""
    known = interface_languages(folder)
    try:
        found = check_locale(name)
    except UnknownLocale:
        raise UnknownLanguage(str(name), sorted(known)) from None
    if language_of(found) not in known:
        raise UnknownLanguage(str(name), sorted(known))
    return found


def normalise_locale(locale: str) -> str:
    """``"en-us"``, ``"en_US.UTF-8"``, ``"en_US@euro"`` → ``"en_US"``; ``"FR"`` → ``"fr"``.

    A script stays title-cased (``"sr-latn-rs"`` → ``"sr_Latn_RS"``).
    """
    text = locale.strip().split(".")[0].split("@")[0].replace("-", "_")
    parts = [p for p in text.split("_") if p]
    if not parts:
        return ""
    out = [parts[0].lower()]
    for part in parts[1:]:
        out.append(part.title() if len(part) == 4 and part.isalpha() else part.upper())
    return "_".join(out)


@functools.cache
def known_locales() -> frozenset[str]:
    """Every locale identifier in Babel's CLDR data (``"en_US"``, ``"sr_Latn_RS"``, ...)."""
    return frozenset(i for i in localedata.locale_identifiers() if i != "root")


@functools.cache
def _by_folded_name() -> dict[str, str]:
    return {name.casefold(): name for name in known_locales()}


def check_locale(name: str) -> str:
    """CLDR's identifier for ``name`` (``"fr-ca"`` → ``"fr_CA"``), else :class:`UnknownLocale`.

    Only locales with CLDR data of their own are known: ``"de_CH"`` and ``"ar_EG"`` are;
    ``"en_XX"`` and ``"sp_ES"`` are not (their suggestions name ``en_US``, ``es_ES``...).
    """
    text = normalise_locale(name) if isinstance(name, str) else ""
    found = _by_folded_name().get(text.casefold()) if text else None
    if found is None:
        raise UnknownLocale(str(name), locale_suggestions(str(name)))
    return found


def locale_suggestions(name: str, limit: int = 5) -> list[str]:
    """The known locale names nearest to ``name``: the same language first, then look-alikes."""
    text = normalise_locale(name)
    language, _, region = text.partition("_")
    known = known_locales()
    picked: list[str] = []

    def add(candidate: str) -> None:
        if candidate in known and candidate not in picked:
            picked.append(candidate)

    if language in known:
        # The language's own main locale first (es → es_ES), then others of the language.
        likely = str(get_global("likely_subtags").get(language, ""))
        main_region = likely.split("_")[-1] if "_" in likely else ""
        if main_region:
            add(f"{language}_{main_region}")
        same_language = sorted(k for k in known if k.partition("_")[0] == language)
        for candidate in difflib.get_close_matches(text, same_language, n=limit, cutoff=0):
            add(candidate)
    else:
        # An unknown language: locales of the same region whose language looks alike
        # (sp_ES → es_ES), then look-alikes of the whole name.
        if region:
            in_region = sorted(k for k in known if k.endswith(f"_{region}"))
            for candidate in difflib.get_close_matches(text, in_region, n=limit, cutoff=0.3):
                add(candidate)
        for candidate in difflib.get_close_matches(text, sorted(known), n=limit, cutoff=0.6):
            add(candidate)
    return picked[:limit]


def language_of(locale: str) -> str:
    """The language of a locale name (``"es_MX"`` → ``"es"``)."""
    return normalise_locale(locale).partition("_")[0]


@functools.lru_cache(maxsize=64)
def babel_locale(name: str) -> Locale:
    """Babel's locale for ``name``; an unknown name falls back to its language, then English."""
    try:
        return Locale.parse(check_locale(name))
    except UnknownLocale:
        pass
    try:
        return Locale.parse(check_locale(language_of(name)))
    except UnknownLocale:
        return Locale.parse("en")


def sort_key(text: str) -> tuple[str, str]:
    """A dictionary order key: letters without their accents and case first, then as written."""
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return base.casefold(), text


@functools.cache
def _currency_codes() -> frozenset[str]:
    from iso4217 import Currency  # its table is read when first needed

    return frozenset(c.code for c in Currency)


def is_currency_code(currency: str) -> bool:
    """Whether ``currency`` is a current ISO 4217 code (``"usd"`` is; ``"XYZ"`` is not)."""
    return isinstance(currency, str) and currency.strip().upper() in _currency_codes()
