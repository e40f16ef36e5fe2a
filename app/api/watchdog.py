"""Bounded waiting for one attempt's answer (curl's --speed-limit/--speed-time idea).

Once the request is sent the answer has an overall deadline; once its head has arrived the
body must bring at least ``min_bytes`` in every ``window`` seconds (a trickle or a silence
is a stall). Either way the attempt ends with a ConnectionFailed the retry loop retries.
``drop()`` ends it at once (stale connections after a suspend).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx

from app.api.errors import ConnectionFailed

STALLED, DEADLINE, DROPPED = "stalled", "deadline", "dropped"


class AnswerGuard:
    def __init__(
        self,
        host: str,
        *,
        deadline: float | None,
        window: float,
        min_bytes: int,
        streamed: bool = False,
    ) -> None:
        """``deadline``: seconds from the request sent to the answer read in full (None: no
        bound); ``streamed``: a long download, whose deadline ends when its head arrives."""
        self.host = host
        self.deadline = deadline
        self.window = window
        self.min_bytes = max(1, min_bytes)
        self.streamed = streamed
        self.reason: str | None = None
        self.request_sent = False  # the whole request went out (httpcore's trace said so)
        self._scope: asyncio.Timeout | None = None
        self._overall_end = math.inf
        self._window_end = math.inf
        self._window_bytes = 0

    # ----- the bounded scope -------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def bounded(self) -> AsyncIterator[None]:
        """Wrap the attempt; raises ConnectionFailed when the guard ended it."""
        try:
            async with asyncio.timeout(None) as scope:
                self._scope = scope
                self._reschedule()
                yield
        except TimeoutError:
            self.reason = self.reason or self._due()
            if self.reason is None:
                raise
            raise self._error() from None
        finally:
            self._scope = None

    def drop(self) -> None:
        """End the attempt now (its connection is presumed dead)."""
        self._fire(DROPPED)

    def _fire(self, reason: str) -> None:
        if self._scope is not None and self.reason is None:
            self.reason = reason
            self._scope.reschedule(asyncio.get_running_loop().time())

    def _reschedule(self) -> None:
        if self._scope is None or self.reason is not None:
            return
        end = min(self._overall_end, self._window_end)
        if math.isinf(end):
            self._scope.reschedule(None)
            return
        loop_now = asyncio.get_running_loop().time()
        self._scope.reschedule(loop_now + max(0.0, end - time.monotonic()))

    def _due(self) -> str | None:
        now = time.monotonic() + 0.05  # the loop may fire a timer a hair early
        if now >= self._overall_end:
            return DEADLINE
        if now >= self._window_end:
            return STALLED
        return None

    def _error(self) -> ConnectionFailed:
        if self.reason == DROPPED:
            text = f"The connection to {self.host} was dropped (it went stale)."
            return ConnectionFailed(text, reason="dropped")
        if self.reason == DEADLINE:
            text = f"{self.host} did not finish answering within {self.deadline:g} s."
            return ConnectionFailed(text, reason="timeout")
        text = (
            f"The answer from {self.host} stalled: fewer than {self.min_bytes} bytes "
            f"in {self.window:g} s."
        )
        return ConnectionFailed(text, reason="stalled")

    # ----- what the request tells -------------------------------------------------------

    async def trace(self, name: str, info: dict[str, Any]) -> None:
        """httpcore's trace hook (request.extensions["trace"])."""
        if name.endswith("send_request_body.complete"):
            self.request_sent = True
            if self.deadline is not None:
                self._overall_end = time.monotonic() + self.deadline
                self._reschedule()
        elif name.endswith("receive_response_headers.complete"):
            if self.streamed:
                self._overall_end = math.inf
            self._new_window()

    def _new_window(self) -> None:
        self._window_bytes = 0
        self._window_end = time.monotonic() + self.window
        self._reschedule()

    def received(self, count: int) -> None:
        self._window_bytes += count
        if self._window_bytes >= self.min_bytes:
            self._new_window()

    def watch(self, response: httpx.Response) -> None:
        """Count the answer's body bytes as they arrive."""
        response.stream = _CountingStream(response.stream, self)


class _CountingStream(httpx.AsyncByteStream):
    def __init__(self, inner: Any, guard: AnswerGuard) -> None:
        self._inner = inner
        self._guard = guard

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            self._guard.received(len(chunk))
            yield chunk

    async def aclose(self) -> None:
        await self._inner.aclose()


class GuardSet:
    """The guards of the attempts in flight, to drop them all at once."""

    def __init__(self) -> None:
        self._guards: set[AnswerGuard] = set()

    @contextlib.contextmanager
    def holding(self, guard: AnswerGuard) -> Iterator[None]:
        self._guards.add(guard)
        try:
            yield
        finally:
            self._guards.discard(guard)

    def drop_all(self) -> int:
        guards = list(self._guards)
        for guard in guards:
            guard.drop()
        return len(guards)
