"""The doctor's progress hook: each finished check, in order, on the event loop's thread."""

from __future__ import annotations

import socket
import threading

from pos.sandbox.server import SandboxServer
from pos.stores.doctor import CheckResult, Doctor, Status
from pos.stores.profiles import DEMO_PROFILE, PickupLocation, Profile
from pos.stores.secrets import ApiToken

from .conftest import Folders


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def local_profile() -> Profile:
    url = f"http://127.0.0.1:{closed_port()}"
    return Profile(
        name="shop", store_hash="abc123", api_base_url=url, payments_base_url=url,
        pickup_location=PickupLocation(
            first_name="Ana", last_name="Diaz", address1="1 Main St", city="Austin",
            state_or_province="Texas", state_or_province_code="TX", country_code="US",
            postal_code="78701",
        ),
    )


class Heard:
    """What the hook heard: each result with the thread it was told on."""

    def __init__(self) -> None:
        self.results: list[CheckResult] = []
        self.threads: set[int] = set()

    def __call__(self, result: CheckResult) -> None:
        self.results.append(result)
        self.threads.add(threading.get_ident())


class WorkerThreadDoctor(Doctor):
    """Records the thread the data-folder check runs on."""

    data_dir_thread: int | None = None

    def check_data_dir(self, profile: Profile) -> bool:
        self.data_dir_thread = threading.get_ident()
        return super().check_data_dir(profile)


async def test_each_result_is_told_in_order_on_the_loop_thread(folders: Folders) -> None:
    heard = Heard()
    doctor = WorkerThreadDoctor(local_profile(), token=ApiToken("tok-123"), timeout=2,
                                on_result=heard)
    report = await doctor.run()
    loop_thread = threading.get_ident()
    # Everything was told before run() returned, in the report's order.
    assert heard.results == report.results
    assert [r.key for r in heard.results][:4] == ["profile", "token", "pickup_location",
                                                  "data_dir"]
    # The data-folder check ran in a worker thread, and its result still came to the loop.
    assert doctor.data_dir_thread is not None and doctor.data_dir_thread != loop_thread
    assert heard.threads == {loop_thread}
    assert report.get("api_host") is not None
    assert report.get("api_host").status is Status.FAIL  # type: ignore[union-attr]


async def test_a_failing_hook_does_not_stop_the_checks(folders: Folders) -> None:
    told: list[str] = []

    def hook(result: CheckResult) -> None:
        told.append(result.key)
        raise RuntimeError("a broken progress view")

    report = await Doctor(local_profile(), token=ApiToken("tok-123"), timeout=2,
                          on_result=hook).run()
    assert told == [r.key for r in report.results]
    assert "data_dir" in told and "api_host" in told


async def test_without_a_hook_the_report_is_the_same(folders: Folders) -> None:
    report = await Doctor(local_profile(), token=ApiToken("tok-123"), timeout=2).run()
    assert [r.key for r in report.results][:4] == ["profile", "token", "pickup_location",
                                                   "data_dir"]


def test_a_check_called_outside_run_tells_the_hook_directly(folders: Folders) -> None:
    heard = Heard()
    doctor = Doctor(local_profile(), on_result=heard)
    assert doctor.check_data_dir(local_profile()) is True
    assert [r.key for r in heard.results] == ["data_dir"]
    assert heard.threads == {threading.get_ident()}


async def test_a_passing_run_on_the_sandbox_tells_every_check(
    folders: Folders, store: SandboxServer
) -> None:
    profile = DEMO_PROFILE.resolved_for_sandbox(
        api_base_url=store.api_base_url, payments_base_url=store.payments_base_url,
        store_hash=store.store_hash,
    )
    heard = Heard()
    report = await Doctor(profile, token=ApiToken(store.token), on_result=heard).run()
    assert report.ok, report.as_dict()
    assert heard.results == report.results
    assert heard.threads == {threading.get_ident()}
    assert [r.key for r in heard.results][-3:] == ["token_accepted", "scopes", "store_setup"]
