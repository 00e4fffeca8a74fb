"""Shipping option per shipping consignment: cost, description, transit time."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from pos.sale import ConsignmentInfo, ShippingOptionInfo
from pos.sale.money import format_money
from pos.ui.adapter import SaleView
from pos.ui.pages.base import SalePage
from pos.ui.pages.customer import address_summary
from pos.ui.profile import ScreenProfile
from pos.ui.widgets.money_label import MoneyLabel


class ShippingPage(SalePage):
    def __init__(self, view: SaleView, profile: ScreenProfile, parent: QWidget | None = None):
        super().__init__(view, profile, parent)
        self.setTitle(self.tr("Shipping option"))
        self.setSubTitle(self.tr("Choose how each parcel is shipped."))
        self.groups_box = QVBoxLayout()
        self.body.addLayout(self.groups_box)
        self.body.addStretch(1)
        total_row = QHBoxLayout()
        total_row.addStretch(1)
        total_row.addWidget(QLabel(self.tr("Total so far:"), self))
        self.total = MoneyLabel(profile.currency, profile.locale, self)
        total_row.addWidget(self.total)
        self.body.addLayout(total_row)
        self._groups: dict[str, QButtonGroup] = {}
        self._boxes: list[QGroupBox] = []
        self._options: dict[str, list[ShippingOptionInfo]] = {}
        self._pending: tuple[str, int] | None = None  # chosen while the store answered
        view.totals_changed.connect(self._refresh_total)

    def currency(self) -> str:
        """The checkout's currency once the sale has totals; the profile's before that."""
        totals = self.view.sale.totals
        return totals.currency if totals is not None else self.profile.currency

    def _ship_consignments(self) -> list[ConsignmentInfo]:
        return [c for c in self.view.sale.consignments if c.kind == "ship"]

    def initializePage(self) -> None:
        for box in self._boxes:
            box.deleteLater()
        self._boxes.clear()
        self._groups.clear()
        self._pending = None
        first: QRadioButton | None = None
        currency = self.currency()
        for consignment in self._ship_consignments():
            title = self.tr("Shipping to %1").replace(
                "%1", address_summary(consignment.address or {})
            )
            box = QGroupBox(title, self)
            box.setAccessibleName(title)
            layout = QVBoxLayout(box)
            group = QButtonGroup(box)
            # "Pickup in store" is not a way to ship a parcel: the Fulfilment page has it.
            options = [
                o for o in self.view.sale.shipping_options(consignment.id)
                if "pickup" not in o.type.lower()
            ]
            self._options[consignment.id] = options
            for index, option in enumerate(options):
                text = "  —  ".join(p for p in (
                    option.description,
                    format_money(option.cost, currency, self.profile.locale),
                    option.transit_time,
                ) if p)
                radio = QRadioButton(text, box)
                radio.setAccessibleName(text)
                radio.setChecked(option.id == consignment.selected_option_id)
                group.addButton(radio, index)
                layout.addWidget(radio)
                first = first or radio
            if not options:
                layout.addWidget(QLabel(self.tr("The store offers no shipping to this address."),
                                        box))
            # Toggled, not clicked: the arrow keys choose as they move, like a click.
            group.idToggled.connect(
                lambda index, checked, cid=consignment.id: self._chosen(cid, index, checked)
            )
            self._groups[consignment.id] = group
            self._boxes.append(box)
            self.groups_box.addWidget(box)
        if first is not None:
            first.setFocus()
        self._refresh_total()
        unchosen = [c for c in self._ship_consignments()
                    if not c.selected_option_id and self._options.get(c.id)]
        if unchosen:
            # The cheapest way to ship (of those offered here) is chosen for the clerk, who
            # can pick another.
            picks = [(c.id, min(self._options[c.id], key=lambda o: o.cost).id)
                     for c in unchosen]
            sale = self.view.sale

            async def choose_cheapest() -> None:
                for consignment_id, option_id in picks:
                    await sale.choose_shipping(consignment_id, option_id)

            self.run(choose_cheapest, lambda _: self._show_chosen(),
                     message=self.tr("Updating the totals…"))

    def _show_chosen(self) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self.choose(*pending)
            return
        for consignment in self._ship_consignments():
            group = self._groups.get(consignment.id)
            options = self._options.get(consignment.id, [])
            if group is None:
                continue
            for index, option in enumerate(options):
                button = group.button(index)
                if button is not None and option.id == consignment.selected_option_id:
                    group.blockSignals(True)
                    button.setChecked(True)
                    group.blockSignals(False)
        self._refresh_total()

    def _chosen(self, consignment_id: str, index: int, checked: bool) -> None:
        if not checked:
            return
        current = next((c.selected_option_id for c in self._ship_consignments()
                        if c.id == consignment_id), None)
        options = self._options.get(consignment_id, [])
        if 0 <= index < len(options) and options[index].id != current:
            if self.view.busy.is_busy:  # the cheapest is being chosen: this choice follows
                self._pending = (consignment_id, index)
                return
            self.choose(consignment_id, index)

    def choose(self, consignment_id: str, index: int) -> None:
        option = self._options[consignment_id][index]
        self.run(lambda: self.view.sale.choose_shipping(consignment_id, option.id),
                 lambda _: self._refresh_total(), message=self.tr("Updating the totals…"))

    def _refresh_total(self) -> None:
        totals = self.view.sale.totals
        if totals is not None:
            self.total.set_currency(self.currency())
            self.total.set_amount(totals.grand_total)
        self.refresh_buttons()

    def ready(self) -> bool:
        consignments = self._ship_consignments()
        return bool(consignments) and all(c.selected_option_id for c in consignments)
