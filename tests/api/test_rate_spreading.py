"""The store's quota as the client shares it: calls are spread by the ``X-Rate-Limit-*``
headers, and background work (the catalogue sync) gives way to the sale's own calls."""

from __future__ import annotations

from api_helpers import SleepRecorder

from pos.api.client import BigCommerceClient
from pos.sandbox.server import SandboxServer

QUOTA, WINDOW_MS = 20, 60_000


async def test_background_calls_wait_for_the_next_window_when_the_quota_runs_low(
    fclient: BigCommerceClient, store: SandboxServer, sleeps: SleepRecorder
) -> None:
    store.configure(rate_limit_quota=QUOTA, rate_limit_window_ms=WINDOW_MS)
    background = fclient.with_options(background=True)
    # Plenty left: neither kind of call waits.
    await background.catalog.list_products(limit=1)
    await fclient.catalog.list_products(limit=1)
    assert sleeps.waits == []
    # Use the quota down to half: still no wait.
    for _ in range(QUOTA // 2 - 1):
        await fclient.catalog.list_products(limit=1)
    assert sleeps.waits == []
    # The sale's call goes within this window, spread over what is left of it...
    await fclient.catalog.list_products(limit=1)
    assert len(sleeps.waits) == 1
    sale_wait = sleeps.waits[0]
    assert 0 < sale_wait < WINDOW_MS / 1000 / 2
    # ...while the sync's waits for the window to end.
    await background.catalog.list_products(limit=1)
    assert len(sleeps.waits) == 2
    assert sleeps.waits[1] > WINDOW_MS / 1000 * 0.9 > sale_wait


async def test_calls_are_spread_over_the_rest_of_the_window(
    fclient: BigCommerceClient, store: SandboxServer, sleeps: SleepRecorder
) -> None:
    store.configure(rate_limit_quota=QUOTA, rate_limit_window_ms=WINDOW_MS)
    waited: list[bool] = []
    for _ in range(QUOTA - 4):
        before = len(sleeps.waits)
        await fclient.catalog.list_products(limit=1)
        waited.append(len(sleeps.waits) > before)
    # No wait while more than half is left; then every call waits its share of the rest,
    # a longer one as the quota runs out.
    assert not any(waited[: QUOTA // 2 - 1])
    first = waited.index(True)
    assert all(waited[first:])
    assert sleeps.waits == sorted(sleeps.waits)
    assert sleeps.waits[-1] > sleeps.waits[0] > 0
