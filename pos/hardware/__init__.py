"""The counter's hardware: the receipt printer (ESC/POS), the cash drawer behind it, and
what the customer sees. No Qt here (the customer display and the ``qt://`` printer live in
``pos.ui``); the hardware listens to sales, it never drives one. See ``docs/hardware.md``.

The package itself imports nothing heavy: import its modules (``pos.hardware.printer``,
``pos.hardware.drawer``, ``pos.hardware.receipt``, ``pos.hardware.uri``...) directly.
"""
