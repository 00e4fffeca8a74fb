"""Words for the clerk, written in English, that a face can say in the clerk's language.

The rooms without Qt (``pos.sale``, ``pos.stores``) word what they tell the clerk in
English. Each such sentence is a :class:`Phrase` of a :class:`Phrasebook`: a stable key, the
English template and the names of its parameters. Calling the phrase gives :class:`Words`:
a ``str`` holding the English text (so logs, the command line and every caller that reads
the text see plain English), which also remembers its phrasebook, key and parameters, so
that the Qt face translates it (``pos.ui.wording.say``) without matching English text.

Parameters may be :class:`Words` themselves (a field's name inside "Enter the {field}.")
or a :class:`CountryName` (said in the clerk's language from CLDR); anything else is shown
as it is (a number, a code, the store's own words).

Every phrasebook registers itself here (:func:`phrasebooks`), so a test can walk every
phrase of the engine and check that each has a translation.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

__all__ = [
    "CountryName",
    "Phrase",
    "Phrasebook",
    "Words",
    "phrasebooks",
]

_BOOKS: dict[str, Phrasebook] = {}


def phrasebooks() -> Mapping[str, Phrasebook]:
    """Every phrasebook made so far, by context (import the rooms first to have them all)."""
    return MappingProxyType(_BOOKS)


class Words(str):
    """English text that remembers which phrase it says and with what parameters."""

    context: str
    key: str
    template: str
    params: Mapping[str, object]

    def __new__(cls, context: str, key: str, template: str,
                params: Mapping[str, object]) -> Words:
        self = super().__new__(cls, template.format(**params))
        self.context = context
        self.key = key
        self.template = template
        self.params = MappingProxyType(dict(params))
        return self

    def __reduce__(self) -> tuple[Any, ...]:  # copies and pickles keep what they say
        return (Words, (self.context, self.key, self.template, dict(self.params)))


class CountryName(str):
    """A country's English name that remembers its ISO 3166-1 code (said in any language)."""

    code: str

    def __new__(cls, code: str, english: str) -> CountryName:
        self = super().__new__(cls, english)
        self.code = code
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (CountryName, (self.code, str(self)))


class Phrase:
    """One sentence of a phrasebook; ``phrase(name=value, ...)`` gives its :class:`Words`."""

    __slots__ = ("context", "fields", "key", "template")

    def __init__(self, context: str, key: str, template: str) -> None:
        self.context = context
        self.key = key
        self.template = template
        self.fields = frozenset(
            name for _, name, _, _ in string.Formatter().parse(template) if name
        )

    def __call__(self, **params: object) -> Words:
        if set(params) != self.fields:
            raise TypeError(f"{self.key} takes {sorted(self.fields)}, not {sorted(params)}")
        return Words(self.context, self.key, self.template, params)

    def __repr__(self) -> str:
        return f"Phrase({self.context!r}, {self.key!r})"


class Phrasebook:
    """The phrases of one room, under one translation context (``"SaleWords"``)."""

    def __init__(self, context: str) -> None:
        if context in _BOOKS:
            raise ValueError(f"a phrasebook {context!r} already exists")
        self.context = context
        self._phrases: dict[str, Phrase] = {}
        _BOOKS[context] = self

    def __call__(self, key: str, template: str) -> Phrase:
        """The phrase ``key`` with its English ``template`` (``{name}`` marks a parameter)."""
        known = self._phrases.get(key)
        if known is not None and known.template != template:
            raise ValueError(f"{self.context}: the key {key!r} has two different texts")
        phrase = known or Phrase(self.context, key, template)
        self._phrases[key] = phrase
        return phrase

    def phrases(self) -> Mapping[str, Phrase]:
        """Every phrase of the book, by key."""
        return MappingProxyType(self._phrases)
