"""The wizard's boundary with the sale engine: the engine's own public types.

The wizard reads :class:`pos.sale.Sale` and its records and builds its payments and
delivery plans (``from pos.sale import ...``). Every step of a sale has a page. The one
stand-in engine left (``ui_fake_sale.FakeSale``, for a cart price the sandbox store cannot
produce) is held here to the real engine's public interface, so that it cannot drift.
"""

from __future__ import annotations

import dataclasses
import inspect

import ui_fake_sale

import pos.sale
from pos.api.client import BigCommerceClient
from pos.sale import Sale, SaleSettings, SaleStep
from pos.sale.journal import Journal
from pos.ui.pages import PAGE_DONE, PAGE_ITEMS
from pos.ui.wizard import PAGE_FOR_STEP


def _public(cls: type) -> dict[str, object]:
    names = {n for c in reversed(cls.__mro__) if c is not object for n in vars(c)}
    return {n: inspect.getattr_static(cls, n) for n in names if not n.startswith("_")}


def _signature(member: object) -> tuple[bool, list[tuple[str, object, object]]]:
    func = member.__func__ if isinstance(member, (staticmethod, classmethod)) else member
    sig = inspect.signature(func)  # type: ignore[arg-type]
    return inspect.iscoroutinefunction(func), [
        (p.name, p.kind, p.default) for p in sig.parameters.values()
    ]


def test_every_step_of_a_sale_has_its_page():
    assert set(PAGE_FOR_STEP) == set(SaleStep)
    assert PAGE_FOR_STEP[SaleStep.ITEMS] == PAGE_ITEMS
    assert PAGE_FOR_STEP[SaleStep.CONFIRMED] == PAGE_DONE


def test_the_stand_in_offers_nothing_the_engine_does_not(tmp_path):
    fake = ui_fake_sale.FakeSale()
    client = BigCommerceClient("abc123", lambda: "token")  # nothing is sent here
    with Journal(tmp_path / "journal.sqlite3") as journal:
        real = {n for n in dir(Sale(client, journal, SaleSettings())) if not n.startswith("_")}
    offered = {n for n in dir(fake) if not n.startswith("_")} - ui_fake_sale.TEST_KNOBS
    assert sorted(offered - real) == []


def test_the_stand_ins_calls_have_the_engines_signatures():
    fake = _public(ui_fake_sale.FakeSale)
    real = _public(Sale)
    for name, member in fake.items():
        if name in ui_fake_sale.TEST_KNOBS or not callable(member):
            continue
        assert _signature(member) == _signature(real[name]), name


def test_the_stand_ins_properties_are_the_engines_properties():
    fake = _public(ui_fake_sale.FakeSale)
    real = _public(Sale)
    for name, member in fake.items():
        if isinstance(member, property):
            assert isinstance(real[name], property), name


def test_the_stand_in_answers_with_the_engines_own_records():
    for name in ("ConsignmentInfo", "ConsignmentPlan", "NewCard", "PaymentOptions",
                 "PaymentResult", "SaleStep", "ShippingOptionInfo", "StoredCard",
                 "StoredCardInfo", "Totals", "AmbiguousCode", "SaleError"):
        assert getattr(ui_fake_sale, name) is getattr(pos.sale, name), name


def test_the_stand_ins_own_records_carry_the_engines_fields():
    # Line and Customer are the stand-in's own (mutable) records: the same fields.
    for name in ("Line", "Customer"):
        fake = {f.name for f in dataclasses.fields(getattr(ui_fake_sale, name))}
        real = {f.name for f in dataclasses.fields(getattr(pos.sale, name))}
        extra = fake - real - set(ui_fake_sale.TEST_KNOBS)
        assert extra == set(), (name, extra)
