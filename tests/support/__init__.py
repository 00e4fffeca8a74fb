"""Helpers shared by every room of the tests: keyring backends and polling.

The sandbox store's fixtures (one factory, one reset) live in ``tests/conftest.py``.
"""
