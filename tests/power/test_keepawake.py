"""SleepInhibitor against a recorder playing logind / the desktop portal on private buses."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from dbus_recorder import InhibitRecorder, private_bus, recording

from app.power.caffeinate import CaffeinateBackend
from app.power.dbus_inhibit import LogindBackend, PortalBackend
from app.power.keepawake import SleepInhibitor, default_backends
from app.power.while_busy import AwakeWhileBusy

REASON = "Uploading 3 files"
NOWHERE = "unix:path=/nonexistent/hoist-test-bus"


@pytest.fixture
def system_bus() -> Iterator[str]:
    with private_bus() as address:
        yield address


@pytest.fixture
def session_bus() -> Iterator[str]:
    with private_bus() as address:
        yield address


@pytest.mark.asyncio
async def test_logind_records_one_inhibit_and_release_closes_the_fd(
    system_bus: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", system_bus)  # the default "SYSTEM" bus
    inhibitor = SleepInhibitor([LogindBackend(), PortalBackend(NOWHERE)])
    with recording(system_bus, "logind") as recorder:
        assert inhibitor.state == "inactive"
        assert await inhibitor.acquire(REASON)
        assert await inhibitor.acquire("again")  # idempotent: no second call
        assert inhibitor.state == "active (logind)"
        [call] = recorder.wait_calls(1)
        assert call.args == ("sleep:idle", "Hoist", REASON, "block")
        assert not recorder.released(call, timeout=0)
        await inhibitor.release()
        assert recorder.released(call)
        await inhibitor.release()  # idempotent
        assert inhibitor.state == "inactive"
        assert len(recorder.calls) == 1


@pytest.mark.asyncio
async def test_portal_used_when_logind_is_unreachable(session_bus: str) -> None:
    inhibitor = SleepInhibitor([LogindBackend(NOWHERE), PortalBackend(session_bus)])
    with recording(session_bus, "portal") as recorder:
        assert await inhibitor.acquire(REASON)
        assert inhibitor.state == "active (desktop portal)"
        [call] = recorder.wait_calls(1)
        window, flags, options = call.args
        assert window == ""
        assert flags == 4 | 8  # suspend | idle
        assert options["reason"] == ("s", REASON)
        assert not call.closed.is_set()
        await inhibitor.release()
        assert recorder.released(call)
        assert inhibitor.state == "inactive"


@pytest.mark.asyncio
async def test_portal_on_the_session_bus_by_default(
    session_bus: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", session_bus)
    inhibitor = SleepInhibitor([PortalBackend()])
    with recording(session_bus, "portal") as recorder:
        assert await inhibitor.acquire(REASON)
        [call] = recorder.wait_calls(1)
        await inhibitor.release()
        assert recorder.released(call)


@pytest.mark.asyncio
async def test_logind_refusal_falls_back_to_the_portal(system_bus: str, session_bus: str) -> None:
    inhibitor = SleepInhibitor([LogindBackend(system_bus), PortalBackend(session_bus)])
    denied = {"logind": "org.freedesktop.DBus.Error.AccessDenied"}
    with (
        recording(system_bus, "logind", refuse=denied) as logind,
        recording(session_bus, "portal") as portal,
    ):
        assert await inhibitor.acquire(REASON)
        assert inhibitor.backend == "desktop portal"
        assert len(logind.wait_calls(1)) == 1
        [call] = portal.wait_calls(1)
        await inhibitor.release()
        assert portal.released(call)


@pytest.mark.expected_log(r"^Cannot keep the computer awake: ", logger="app.power")  # on purpose
@pytest.mark.asyncio
async def test_unreachable_buses_make_it_unavailable_without_raising(
    caplog: pytest.LogCaptureFixture,
) -> None:
    inhibitor = SleepInhibitor([LogindBackend(NOWHERE), PortalBackend(NOWHERE)])
    with caplog.at_level(logging.INFO, logger="app.power.keepawake"):
        assert not await inhibitor.acquire(REASON)
        assert not await inhibitor.acquire(REASON)
    assert inhibitor.state.startswith("unavailable: logind: cannot reach the D-Bus")
    assert "desktop portal: cannot reach" in inhibitor.state
    assert not inhibitor.active
    said = [r for r in caplog.records if "Cannot keep the computer awake" in r.getMessage()]
    assert len(said) == 1  # logged once, however often it is tried (its level may be lowered)
    await inhibitor.release()  # nothing held: a no-op, no error


@pytest.mark.expected_log(r"^Cannot keep the computer awake: ", logger="app.power")  # on purpose
@pytest.mark.asyncio
async def test_a_bus_without_logind_is_unavailable(system_bus: str) -> None:
    inhibitor = SleepInhibitor([LogindBackend(system_bus)])
    assert not await inhibitor.acquire(REASON)
    assert "ServiceUnknown" in inhibitor.state


@pytest.mark.expected_log(r"^Cannot keep the computer awake: ", logger="app.power")  # on purpose
@pytest.mark.asyncio
async def test_unavailable_then_available_clears_the_problem(system_bus: str) -> None:
    inhibitor = SleepInhibitor([LogindBackend(system_bus)])
    assert not await inhibitor.acquire(REASON)
    with recording(system_bus, "logind") as recorder:
        assert await inhibitor.acquire(REASON)
        assert inhibitor.problem is None
        [call] = recorder.wait_calls(1)
        inhibitor.release_blocking()
        assert recorder.released(call)


@pytest.mark.expected_log(r"^Cannot keep the computer awake: ", logger="app.power")  # on purpose
def test_missing_caffeinate_is_unavailable() -> None:
    inhibitor = SleepInhibitor([CaffeinateBackend("/nonexistent/caffeinate")])
    assert not inhibitor.acquire_blocking(REASON)
    assert inhibitor.state.startswith("unavailable: caffeinate: cannot start")


@pytest.mark.expected_log(r"^Cannot keep the computer awake: ", logger="app.power")  # on purpose
def test_platform_choice() -> None:
    assert [b.name for b in default_backends("linux")] == ["logind", "desktop portal"]
    assert [b.name for b in default_backends("darwin")] == ["caffeinate"]
    assert [b.name for b in default_backends("win32")] == ["SetThreadExecutionState"]
    unsupported = SleepInhibitor(default_backends("plan9"))
    assert not unsupported.acquire_blocking(REASON)
    assert unsupported.state == "unavailable: not supported on this system"


def test_recorder_sees_a_held_fd_as_not_released(system_bus: str) -> None:
    """The recorder's release check can fail: a hold still open is not reported released."""
    with recording(system_bus, "logind") as recorder:
        hold = LogindBackend(system_bus).acquire(REASON)
        [call] = recorder.wait_calls(1)
        assert not recorder.released(call, timeout=0.2)
        hold.release()
        assert recorder.released(call)
    assert isinstance(recorder, InhibitRecorder)


@pytest.mark.expected_log(r"^Cannot keep the computer awake: ", logger="app.power")  # on purpose
@pytest.mark.asyncio
async def test_an_unavailable_inhibitor_is_asked_once_per_busy_spell() -> None:
    """The CLI says "busy" at every job's state change: 500 small files must not mean 500
    attempts to reach a bus that is not there (it cost a D-Bus connect per file)."""
    inhibitor = SleepInhibitor([LogindBackend(NOWHERE), PortalBackend(NOWHERE)])
    awake = AwakeWhileBusy(inhibitor, REASON)
    for _ in range(50):
        awake.set_busy(True)
        await awake.settled()
    assert inhibitor.attempts == 1 and inhibitor.problem is not None
    awake.set_busy(False)
    await awake.settled()
    awake.set_busy(True)  # a new spell of work: asked again (it may be there by now)
    await awake.settled()
    assert inhibitor.attempts == 2
    await awake.aclose()
