"""Helpers shared by every room of the tests: keyring backends, polling, and the command
line run in the test's process on private folders (``cli``).

The sandbox store's fixtures (one factory, one reset) live in ``tests/conftest.py``.
"""
