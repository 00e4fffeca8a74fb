"""The sandbox's routes, one module per resource; importing a module registers its routes in
the route tables of :mod:`pos.sandbox.context`."""

from __future__ import annotations


def register_all() -> None:
    """Imports every route module (each registers its handlers once, on first import)."""
    from pos.sandbox.routes import (  # noqa: F401
        admin,
        carts,
        catalog,
        channels,
        checkouts,
        customers,
        inventory,
        orders,
        payments,
    )
