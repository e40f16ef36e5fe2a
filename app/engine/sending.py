"""What both routes of a job's run share while sending: request slots, the progress and
retry callbacks of a part, and whether the run is still current (app.engine.runs)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.engine.context import RunContext
from app.engine.events import JobState, LogLevel, PartState, Route
from app.engine.job import Job, Part
from app.engine.policy import retry_text
from app.engine.runs import RunToken

if TYPE_CHECKING:  # app.api is imported where used: `import app.engine` stays without httpx
    from app.api import RetryNotice


class Sending:
    """One run of one job, as its requests see it. Once the run's token is stale, the
    callbacks change nothing."""

    def __init__(self, engine: RunContext, job: Job, token: RunToken) -> None:
        self.engine = engine
        self.job = job
        self.token = token

    def current(self) -> bool:
        return self.token.current

    # ----- slots -------------------------------------------------------------------------

    async def take_slot(self) -> None:
        await self.engine.limiter.acquire()
        self.job.in_flight += 1
        if self.job.state in (JobState.QUEUED, JobState.VALIDATING):
            self.engine.set_state(self.job, JobState.UPLOADING)

    def give_slot(self) -> None:
        self.job.in_flight = max(0, self.job.in_flight - 1)
        self.engine.limiter.release()

    # ----- progress callbacks --------------------------------------------------------------

    def progress_callbacks(
        self, part: Part, started: asyncio.Event | None = None
    ) -> tuple[Callable[[int], None], Callable[[RetryNotice], None]]:
        job, engine = self.job, self.engine

        def on_progress(sent: int) -> None:
            if started is not None and sent > 0:
                started.set()
            if not self.current() or part.state is PartState.DONE:
                return
            sent = max(0, min(sent, part.length))
            delta = sent - part.bytes_sent
            part.bytes_sent = sent
            if delta > 0:
                engine.count_bytes(job, delta)
            if part.state is PartState.RETRYING and sent > 0:
                engine.move_part(job, part, PartState.SENDING)
            engine.progress(job, part)

        def on_retry(notice: RetryNotice) -> None:
            if started is not None:
                started.set()
            if not self.current():
                return
            text = retry_text(notice)
            part.attempts += 1
            part.bytes_sent = 0
            part.last_error = text
            engine.move_part(job, part, PartState.RETRYING, reason=text)
            label = f"Part {part.index + 1}" if job.effective_route is Route.UPLOADS else "Upload"
            engine.log(job, f"{label}: {text}.", LogLevel.WARNING)
            engine.server_trouble(notice.status)
            engine.progress(job, part)

        return on_progress, on_retry

    def request_retry_logger(self, what: str) -> Callable[[RetryNotice], None]:
        def on_retry(notice: RetryNotice) -> None:
            if self.current():
                self.engine.log(job=self.job, text=f"{what}: {retry_text(notice)}.")
                self.engine.server_trouble(notice.status)

        return on_retry
