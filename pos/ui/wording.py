"""The engine's and the profiles' words (``pos.wording``) in the clerk's language.

A :class:`pos.wording.Words` is looked up by its key in its phrasebook's context through
:func:`QCoreApplication.translate`; the translation is the template with the same
``{name}`` parameters. Parameters that are words are said the same way, and a
:class:`pos.wording.CountryName` is named in the register's language from CLDR. Without a
translation (or with a broken one) the English words show, so nothing is ever lost.

Other text stays as it is (the store's own words); the clerk messages of the engine's
tables go through :func:`pos.ui.sale_messages.translate_text`, which says words too.
"""

from __future__ import annotations

import string
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from pos.sale.regions import country_name
from pos.wording import CountryName, Words

__all__ = ["problem_and_fix", "register_language", "say", "say_all", "translated_template"]


def register_language() -> str:
    """The language the register speaks: the one of the installed translation (``"en"``
    when none is installed)."""
    code = QCoreApplication.translate(
        "AddressForm",
        "en",
        "The code of the language of this translation (es, fr, de...): the names of "
        "countries and states are shown in that language.",
    )
    return code.strip() or "en"


def translated_template(words: Words) -> str:
    """The template of ``words`` in the clerk's language (the English one if none)."""
    text = QCoreApplication.translate(words.context, words.key)
    if not text or text == words.key:
        return words.template
    wanted = {name for _, name, _, _ in string.Formatter().parse(words.template) if name}
    found = {name for _, name, _, _ in string.Formatter().parse(text) if name}
    return text if found == wanted else words.template


def _param(value: object, language: str) -> str:
    if isinstance(value, Words):
        return say(value)
    if isinstance(value, CountryName):
        return country_name(value.code, language) or str(value)
    return str(value)


def say(text: str) -> str:
    """``text`` in the clerk's language."""
    if isinstance(text, Words):
        language = register_language()
        params = {name: _param(value, language) for name, value in text.params.items()}
        try:
            return translated_template(text).format(**params)
        except (KeyError, IndexError, ValueError):
            return text.template.format(**params)
    return text


def say_all(texts: Iterable[str], separator: str = "\n") -> str:
    """Several messages, each in the clerk's language, joined."""
    return separator.join(say(t) for t in texts)


def problem_and_fix(exc: BaseException) -> str:
    """An error that carries ``problem`` and ``fix`` words (the keyring's), said in the
    clerk's language; any other error as its text."""
    problem = getattr(exc, "problem", None)
    fix = getattr(exc, "fix", None)
    if isinstance(problem, str) and problem:
        return f"{say(problem)} {say(fix) if isinstance(fix, str) else ''}".strip()
    return str(exc)
