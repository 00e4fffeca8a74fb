"""The bar at the top of every page: which store, channel and terminal, and whether online."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

from pos.ui.widgets.fields import mark_as_error, unmark_error


class HeaderBar(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("headerBar")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.store = QLabel(self)
        self.channel = QLabel(self)
        self.terminal = QLabel(self)
        self.demo = QLabel(self.tr("Demo store: no real money"), self)
        self.demo.setObjectName("demoBadge")
        bold = self.demo.font()
        bold.setBold(True)
        self.demo.setFont(bold)
        self.demo.hide()
        self.status = QLabel(self)
        self.status.setObjectName("connectionStatus")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        for label in (self.store, self.channel, self.terminal):
            layout.addWidget(label)
            layout.addSpacing(12)
        layout.addStretch(1)
        layout.addWidget(self.demo)
        layout.addSpacing(12)
        layout.addWidget(self.status)
        self._online = True
        self.set_profile("", "", "")
        self.set_online(True)

    def set_profile(self, store: str, channel: str, terminal: str, *, demo: bool = False) -> None:
        """``demo``: the store is the demo (the sandbox): the bar says so."""
        self.store.setText(self.tr("Store: %1").replace("%1", store or self.tr("none")))
        self.channel.setText(self.tr("Channel: %1").replace("%1", channel or "–"))
        self.terminal.setText(self.tr("Terminal: %1").replace("%1", terminal or "–"))
        self.demo.setVisible(demo)
        self._update_accessible()

    def set_channel(self, channel: str) -> None:
        """The channel's name, once the store has said it (the profile has its number)."""
        if channel.strip():
            self.channel.setText(self.tr("Channel: %1").replace("%1", channel.strip()))
            self._update_accessible()

    def set_waiting(self, waiting: bool = True) -> None:
        """The store is known but the register cannot sell yet (no API token)."""
        if not waiting:
            self.set_online(self._online)
            return
        self.status.setText("● " + self.tr("Waiting for the token"))
        self.status.setProperty("online", False)
        mark_as_error(self.status)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self._update_accessible()

    def set_online(self, online: bool) -> None:
        self._online = online
        self.status.setText("● " + (self.tr("Online") if online else self.tr("Offline")))
        self.status.setProperty("online", online)
        if online:
            unmark_error(self.status)
        else:
            mark_as_error(self.status)
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self._update_accessible()

    def is_online(self) -> bool:
        return self._online

    def _update_accessible(self) -> None:
        labels = [self.store, self.channel, self.terminal]
        if not self.demo.isHidden():
            labels.append(self.demo)
        parts = [w.text() for w in (*labels, self.status)]
        self.setAccessibleName(", ".join(parts))
