"""The profiles' phrasebook: what the store rooms tell a manager setting up a register.

Like :mod:`pos.sale.phrases`: English words with a stable key (:mod:`pos.wording`), said in
the clerk's language by the Qt face and as they are on the command line.
"""

from __future__ import annotations

from pos.wording import Phrasebook

__all__ = ["STORE_WORDS"]

STORE_WORDS = Phrasebook("StoreWords")
