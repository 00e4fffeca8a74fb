"""The register in Spanish: every page a whole sale passes, and every message catalogue,
without English left.

The detector (``tests/support/english.py``) looks for English words that Spanish never
uses; what the store or the clerk wrote (product names, the typed address, the store's
name) is data and is taken out first.
"""

from __future__ import annotations

from ui_helpers import (
    PROFILE,
    CountingKeyboard,
    english_on_screen,
    full_sale_by_keys,
    scanning_register,
)

from pos.ui.pages import PAGE_DONE


def _data(shop) -> list[str]:
    """What the store and the clerk wrote: it is the same in every language."""
    return [
        *shop.names.values(), *shop.skus, *shop.upcs.values(),
        PROFILE.store, PROFILE.channel, PROFILE.terminal, PROFILE.pickup_location,
        "Ana Diaz", "Ana", "Diaz", "ana@example.com", "1 Main St", "Austin", "Texas", "78701",
        "1 Sandbox Street", "Demo store", "Demo",
        "Sales Tax",  # the store's name for its tax (BigCommerce's tax class)
        "NOSUCH-4040",
    ]


def test_a_whole_sale_by_keys_in_spanish_shows_no_english(qtbot, qapp, register, shop,
                                                          spanish):
    """From a cold start (a new register window and engine, Spanish installed before the
    window is made) to the Done page, by key events only; every page is read when idle."""
    kb = CountingKeyboard()
    with scanning_register(qapp, register, kb, profile=PROFILE) as win:
        win.resize(1000, 760)
        seen: dict[int, list] = {}

        def read_page(page_id: int) -> None:
            page = seen.setdefault(page_id, [])
            page += [f for f in english_on_screen(win, ignore=_data(shop)) if f not in page]

        full_sale_by_keys(qtbot, win, kb, shop, on_page=read_page, mistakes=True)
        assert win.view.sale.paid
        assert win.wizard.currentId() == PAGE_DONE
        assert len(seen) == 6, sorted(seen)  # Start, Items, Customer, Fulfilment, Pay, Done
        english = {page: found for page, found in seen.items() if found}
        assert english == {}, "\n".join(
            f"page {page}: {what}: {text!r} {words}"
            for page, found in english.items() for what, text, words in found
        )
