"""Lost answers recovered, never duplicated: find the File a request made when its answer
never came back (POST /files, complete), and read complete's answer for what it is."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.engine.context import RunContext
from app.engine.job import Job
from app.engine.policy import (
    COMPLETED_SEARCH_LIMIT,
    COMPLETING_WAIT_LIMIT,
    UploadExpired,
    being_completed,
    server_says_gone,
)

if TYPE_CHECKING:
    from app.api import FileList, FileObject, FilesClient, RetryNotice, UploadObject

CLOCK_SLACK = 120.0  # server timestamps of two machines of one service may differ
DATE_SLACK = 5.0  # a Date header has 1 s resolution; the File's created_at is rounded too
FOUND_MESSAGE = "The server had already completed this upload; its answer was lost."
ADOPTED_MESSAGE = "The answer to the upload was lost; the file it stored was found and kept."
CANCELLED_MESSAGE = (
    "The upload session was cancelled at the server; run it again to start a new one."
)
NO_FILE_MESSAGE = "The server completed the upload but sent back no file, and none was found."


class UploadCancelled(Exception):
    """complete answered that the Upload is cancelled."""


async def find_file(
    client: FilesClient, job: Job, since: Callable[[FileList], float | None]
) -> FileObject | None:
    """The newest File with the job's filename, size and purpose created at or after
    ``since(first page)`` (the server's clock); None when there is none or no bound."""
    after: str | None = None
    seen = 0
    bound: float | None = None
    while True:
        page = await client.list_files(purpose=job.purpose, after=after)
        if bound is None:
            bound = since(page)
            if bound is None:
                return None
        for item in page.data:
            if item.created_at < bound or seen >= COMPLETED_SEARCH_LIMIT:
                return None
            seen += 1
            if (item.filename, item.bytes, item.purpose) == (job.filename, job.size, job.purpose):
                return item
        next_after = page.last_id or (page.data[-1].id if page.data else None)
        if not page.has_more or not next_after or next_after == after:
            return None
        after = next_after


class LostFileFinder:
    """For POST /files: called before sending again after a lost answer. The lower bound on
    the server's clock is its Date now minus the time since the first attempt began."""

    def __init__(self, engine: RunContext, job: Job, since: float | None = None) -> None:
        """``since``: when the first attempt that may have stored the File began (monotonic;
        default now)."""
        self.engine, self.job = engine, job
        self.started = time.monotonic() if since is None else since
        self.called = False

    def _since(self, page: FileList) -> float | None:
        if page.server_time is None:
            return None  # no server clock to judge by: send again rather than guess
        return page.server_time - (time.monotonic() - self.started) - DATE_SLACK

    async def __call__(self) -> FileObject | None:
        self.called = True
        file = await find_file(self.engine.client(), self.job, self._since)
        if file is not None:
            self.engine.log(self.job, ADOPTED_MESSAGE)
        return file


class Completion:
    """POST complete for a job whose parts are all sent, until the File is known."""

    def __init__(self, engine: RunContext, job: Job, on_retry: Callable[[RetryNotice], None]):
        self.engine, self.job = engine, job
        self._on_retry = on_retry
        self.answer_lost = False

    def _retry(self, notice: RetryNotice) -> None:
        if notice.status is None:
            self.answer_lost = True  # the earlier attempt may have completed the Upload
        self._on_retry(notice)

    async def run(self, upload_id: str, part_ids: list[str], md5: str) -> FileObject:
        """The File; raises UploadExpired (start a new Upload), UploadCancelled or ApiError."""
        from app.api import ApiError

        waited = 0.0
        while True:
            try:
                upload = await self.engine.client().complete_upload(
                    upload_id, part_ids, md5=md5, on_retry=self._retry
                )
            except ApiError as exc:
                if being_completed(exc) and waited < COMPLETING_WAIT_LIMIT:
                    delay = min(2.0 + waited / 4, 10.0)
                    await asyncio.sleep(delay)
                    waited += delay
                    continue
                if exc.status in (400, 409):  # refused: perhaps because it is done already
                    file = await self.find_completed()
                    if file is not None:
                        self.engine.log(self.job, FOUND_MESSAGE)
                        return file
                if server_says_gone(exc):
                    raise UploadExpired() from exc
                raise
            return await self.outcome(upload)

    async def outcome(self, upload: UploadObject) -> FileObject:
        """complete answered 200: what its status says."""
        from app.api import ApiError

        if upload.status == "completed" and upload.file is not None:
            return upload.file
        if upload.status == "completed":
            file = await self.find_completed()
            if file is None:
                raise ApiError(NO_FILE_MESSAGE, type="no_file")
            self.engine.log(self.job, "The server's answer named no file; found it in the list.")
            return file
        if upload.status == "expired":
            raise UploadExpired()
        if upload.status == "cancelled":
            raise UploadCancelled()
        raise ApiError(
            f"The server answered the completion with status {upload.status!r}, not completed.",
            type="unexpected_status",
        )

    async def find_completed(self) -> FileObject | None:
        """The File this Upload made: same name, size and purpose, made since the Upload."""
        created = self.job.upload_created_at

        def since(page: FileList) -> float | None:
            if created is not None:
                return created - CLOCK_SLACK
            return 0.0  # an Upload restored from an old journal: the newest match

        return await find_file(self.engine.client(), self.job, since)
