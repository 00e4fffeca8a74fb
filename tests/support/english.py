"""Is this English? A plain detector for text that should be in another language.

It looks for common English words that are not also Spanish words (``"the"``, ``"enter"``,
``"card"``...; not ``"no"``, ``"total"``, ``"error"`` or ``"sale"``, which Spanish has too).
Data that is the same in every language (product names, a typed address, brand names) is
taken out of the text first by the caller (``ignore``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

#: English words a Spanish sentence never holds (Spanish homographs are left out).
ENGLISH_WORDS = frozenset({
    "the", "and", "of", "to", "is", "are", "was", "were", "be", "been", "being", "this",
    "that", "these", "those", "with", "for", "from", "your", "you", "it", "its", "not",
    "has", "have", "had", "enter", "choose", "add", "added", "new", "item", "items", "card",
    "cards", "pay", "paid", "charge", "charged", "customer", "customers", "store", "stores",
    "back", "next", "cancel", "search", "scan", "scanned", "print", "printed", "receipt",
    "receipts", "done", "order", "orders", "shipping", "ship", "shipped", "pickup",
    "address", "addresses", "name", "names", "number", "numbers", "expiry", "code", "codes",
    "quantity", "price", "prices", "tax", "taxes", "discount", "coupon",
    "remove", "removed", "retry", "help", "start", "started", "resume", "resumed", "change",
    "changed", "cash", "email", "phone", "city", "state", "country", "street", "first",
    "last", "taken", "now", "only", "will", "can", "must", "which", "what", "when", "there",
    "here", "press", "type", "typed", "key", "keys", "show", "hide", "open", "close",
    "closed", "products", "product", "sales", "step", "steps", "page", "wait", "again",
    "try", "please", "could", "would", "should", "nothing", "something", "everything",
    "how", "why", "who", "where", "all", "any", "each", "every", "some", "more", "less",
    "than", "then", "into", "about", "after", "before", "over", "under", "while", "until",
    "because", "if", "or", "but", "up", "down", "left", "right", "yes", "cannot", "list",
    "lines", "line", "amount", "due", "balance", "method", "methods", "gift", "refund",
    "refunds", "return", "returns", "shift", "drawer", "clerk", "staff", "sign", "signed",
    "in", "out", "on", "at", "by", "an", "off", "set", "save", "saved", "keep",
    "kept", "checked", "checking", "find", "found", "looking", "look", "one", "two",
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "unknown", "known",
    "already", "still", "yet", "other", "another", "register", "till",
    "manager", "settings", "store's", "card's", "customer's", "don't", "can't", "isn't",
    "won't", "doesn't", "wasn't", "aren't", "it's", "that's", "there's",
})

#: What is written as typed, in any language: URLs, paths, the ``pos`` commands a message
#: tells to run, ``key=value`` settings and names of fields (``first_name``).
_CODE = re.compile(
    r"https?://\S+|(?<!\w)/[\w./-]+|\b\w+=\S+|--[\w-]+|\b\w+_[\w.]+"
    r"|\bpos (?:profile|doctor|sale|demo|sandbox|receipt|refund|returns|shift|staff|orders"
    r"|audit|self-test)(?: (?:[a-z]+-[a-z-]+|add|edit|show|list|remove|import|export))?"
    r"(?: [A-Z]+\b)?"
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
#: Identifiers that mix letters and digits (a transaction's UUID, a hex id, a SKU): their
#: letters are no words ("9be5" holds no "be").
_IDENTIFIER = re.compile(r"\b(?=[\w-]*\d)(?=[\w-]*[^\W\d_])[\w-]+\b")


def english_words(text: str, ignore: Iterable[str] = ()) -> list[str]:
    """The English words in ``text`` once every string of ``ignore`` is taken out."""
    for data in sorted((d for d in ignore if d), key=len, reverse=True):
        text = text.replace(data, " ")
    text = re.sub(r"<[^>]+>", " ", text)  # rich text's tags
    text = _CODE.sub(" ", text)
    text = _IDENTIFIER.sub(" ", text)
    text = re.sub(r"&(?=\w)", "", text)  # mnemonics: "&Next"
    return [w for w in _WORD.findall(text) if w.casefold() in ENGLISH_WORDS]
