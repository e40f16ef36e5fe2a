"""A run started and stopped before its task first ran leaves no coroutine that was never
awaited (found by the window soak: Resume then Pause at once)."""

from __future__ import annotations

import asyncio
import gc
import threading
import warnings

from app.engine.runs import RunSlot, RunToken


def test_a_run_stopped_before_it_started_leaves_no_unawaited_coroutine() -> None:
    started: list[RunToken] = []

    async def body(token: RunToken) -> None:
        started.append(token)

    async def scenario() -> None:
        slot = RunSlot()
        loop = asyncio.get_running_loop()
        first = slot.start(loop, body, "first")
        slot.stop()  # before the task ran a single step
        second = slot.start(loop, body, "second")
        await asyncio.gather(first, second, return_exceptions=True)
        assert first.cancelled()
        assert [t.current for t in started] == [True]  # only the second run ran

    # In a thread of its own: other test folders may leave a running loop on this one.
    errors: list[BaseException] = []

    def in_thread() -> None:
        try:
            asyncio.run(scenario())
        except BaseException as exc:  # handed to the test below
            errors.append(exc)

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        thread = threading.Thread(target=in_thread)
        thread.start()
        thread.join(timeout=30)
        gc.collect()
    assert errors == []
