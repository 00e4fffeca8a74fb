"""The sandbox store: a local server that behaves like BigCommerce.

It is an independent implementation of the server side and shares no code with
``pos.api``, ``pos.sale``, ``pos.stores`` or ``pos.ui``.
"""
