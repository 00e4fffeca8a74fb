"""The sale engine offers everything the wizard reads and calls (pos/ui/engine.py)."""

from __future__ import annotations

import dataclasses
import inspect
import typing

import pytest

from pos.ui import engine as contract

sale_module = pytest.importorskip("pos.sale.sale", reason="the sale engine (pos/sale/sale.py)")


def _members(protocol: type) -> set[str]:
    names = set(typing.get_type_hints(protocol))
    names |= {n for n, v in vars(protocol).items() if callable(v) and not n.startswith("_")}
    return names


def test_the_sale_has_every_member_the_wizard_uses():
    missing = sorted(n for n in _members(contract.SaleEngine) if not hasattr(sale_module.Sale, n))
    assert missing == []
    for name in ("add_item", "set_quantity", "charge", "check_payment", "prepare_payment"):
        assert inspect.iscoroutinefunction(getattr(sale_module.Sale, name)), name


@pytest.mark.parametrize(
    ("protocol", "record"),
    [
        (contract.LineView, "Line"),
        (contract.CustomerView, "Customer"),
        (contract.ShippingOptionView, "ShippingOptionInfo"),
        (contract.ConsignmentView, "ConsignmentInfo"),
        (contract.TotalsView, "Totals"),
        (contract.StoredCardView, "StoredCardInfo"),
        (contract.PaymentOptionsView, "PaymentOptions"),
        (contract.PaymentResultView, "PaymentResult"),
    ],
)
def test_records_carry_the_fields_the_pages_show(protocol, record):
    fields = {f.name for f in dataclasses.fields(getattr(sale_module, record))}
    assert set(typing.get_type_hints(protocol)) - fields == set()


def test_search_results_carry_what_the_items_page_shows():
    from pos.sale.catalog_cache import CatalogItem

    assert set(typing.get_type_hints(contract.CatalogHitView)) - {
        f.name for f in dataclasses.fields(CatalogItem)
    } == set()
    assert isinstance(CatalogItem.display_price, property)
    assert isinstance(CatalogItem.out_of_stock, property)


def test_the_engine_types_the_pages_build():
    for name in ("NewCard", "StoredCard", "ConsignmentPlan", "SaleError"):
        assert hasattr(sale_module, name), name
