"""The async BigCommerce client: HTTP, JSON and BigCommerce only.

``BigCommerceClient`` is the entry point; see ``docs/api-client.md``. The package exports
what :mod:`pos.api.client` and :mod:`pos.api.errors` export (their ``__all__``).
"""

from . import client, errors
from .client import *  # noqa: F403
from .errors import *  # noqa: F403

__all__: list[str] = []
__all__ += client.__all__
__all__ += errors.__all__
