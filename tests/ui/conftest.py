"""Window tests: one qasync loop for the session (already_running=True, so qtbot's waits also
run asyncio callbacks), the real window, the real sandbox process."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from app.ui.errors import set_reporter


@pytest.fixture(scope="session", autouse=True)
def english_window(qapp: Any) -> None:
    """The window in English (its plural forms come from hoist_en.qm), as run_app installs
    it; tests of other languages install theirs and restore this (tests/ui/test_ui_i18n.py)."""
    from app.ui import i18n

    i18n.install(qapp, "en")


@pytest.fixture(scope="session")
def qasync_loop(qapp: Any) -> Iterator[asyncio.AbstractEventLoop]:
    import qasync

    loop = qasync.QEventLoop(qapp, already_running=True)
    executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="ui-test")
    loop.set_default_executor(executor)
    asyncio.set_event_loop(loop)
    yield loop
    executor.shutdown(wait=True)
    # Never loop.stop()/close() here: with already_running=True that quits the application.


@pytest.fixture
def loop_errors(qasync_loop: asyncio.AbstractEventLoop) -> Iterator[list[dict[str, Any]]]:
    """Every unhandled task error of the test; the test fails if any is left unchecked."""
    errors: list[dict[str, Any]] = []

    def handler(_loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        if isinstance(context.get("exception"), asyncio.CancelledError):
            return
        errors.append(context)

    asyncio.set_event_loop(qasync_loop)  # other test folders may have replaced it
    qasync_loop.set_exception_handler(handler)
    yield errors
    qasync_loop.set_exception_handler(None)
    set_reporter(None)
    assert errors == [], f"unhandled errors in tasks: {errors}"


@pytest.fixture
def run(qtbot: Any, loop_errors: list[dict[str, Any]]) -> Callable[..., Any]:
    """run(coroutine, timeout=...) → its result, pumping Qt (and so asyncio) meanwhile."""
    loop = asyncio.get_event_loop()

    def runner(coro: Any, timeout: float = 30.0) -> Any:
        task = loop.create_task(coro)
        qtbot.waitUntil(task.done, timeout=int(timeout * 1000))
        return task.result()

    return runner


@pytest.fixture
def open_window(qtbot: Any, run: Callable[..., Any]) -> Iterator[Callable[..., Any]]:
    """open_window(base_url, key=..., files=...) → a started MainWindow, shut down at the end."""
    from uikit import TEST_KEY, start_window

    opened: list[Any] = []

    def opener(
        base_url: str | None,
        key: str = TEST_KEY,
        files: list[str] | None = None,
        sandbox_mode: bool = False,
    ) -> Any:
        window = start_window(qtbot, run, base_url, key, files, sandbox_mode)
        opened.append(window)
        return window

    yield opener
    for window in opened:
        if not window._closed:
            run(window.shutdown())
        window.deleteLater()
