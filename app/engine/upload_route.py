"""A job sent through the Uploads API: create the Upload, hash the file meanwhile, send the
parts in parallel (in file order), complete; an expired Upload is started again."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from app.engine.events import JobState, LogLevel, PartState, Route
from app.engine.integrity import HashStopped, check_unchanged, md5_of_file
from app.engine.job import Part
from app.engine.policy import (
    EXPIRED_MESSAGE,
    MAX_UPLOAD_RESTARTS,
    UploadExpired,
    pick_error,
    server_says_gone,
    upload_expired,
)
from app.engine.recovery import CANCELLED_MESSAGE, Completion, UploadCancelled
from app.engine.sending import Sending
from app.engine.uploadclock import ClockMark
from app.filetypes import mime_type_for


class UploadRoute:
    """The Uploads route of one run (app.engine.runner.JobRun): its slots, callbacks and
    staleness are the run's (``sending``)."""

    def __init__(self, sending: Sending) -> None:
        self.sending = sending
        self.engine = sending.engine
        self.job = sending.job

    async def send(self) -> None:
        from app.api import ApiError

        job_id = self.job.id
        restarts = 0
        while True:
            try:
                if self.job.upload_id is not None and upload_expired(self.job):
                    raise UploadExpired()
                if self.job.upload_id is None:
                    await self.create_upload(restarted=restarts > 0)
                self.start_md5()
                await self.send_parts()
                await self.complete()
                return
            except UploadCancelled:
                self.engine.parts_changed(self.job, self.job.forget_upload())
                self.engine.record(lambda j: j.set_upload(job_id, None, None))
                self.engine.job_updated(self.job)
                raise ApiError(CANCELLED_MESSAGE, type="upload_cancelled") from None
            except UploadExpired:
                restarts += 1
                if restarts > MAX_UPLOAD_RESTARTS:
                    raise ApiError(
                        "The upload session keeps expiring before all parts are sent; "
                        "try again on a faster connection."
                    ) from None
                self.engine.parts_changed(self.job, self.job.forget_upload())
                self.engine.record(lambda j: j.set_upload(job_id, None, None))
                if self.job.state is JobState.COMPLETING:
                    self.engine.set_state(self.job, JobState.UPLOADING)
                self.engine.job_updated(self.job)

    async def create_upload(self, *, restarted: bool) -> None:
        from app.api.capabilities import UploadsUnavailable

        job, engine = self.job, self.engine
        await self.sending.take_slot()
        made = ClockMark.now()  # before the request: the Upload is no older than this
        try:
            capabilities = engine.client().capabilities
            if job.route is Route.AUTO and capabilities.uploads_for(job.purpose) is False:
                # learned by another job while this one waited for its slot
                raise UploadsUnavailable.known(capabilities, job.purpose)
            upload = await engine.client().create_upload(
                filename=job.filename,
                purpose=job.purpose,
                size=job.size,
                mime_type=mime_type_for(job.path),
                expires_after=job.expires_after,
                on_retry=self.sending.request_retry_logger("Starting the upload"),
            )
        finally:
            self.sending.give_slot()
        engine.parts_changed(job, job.forget_upload())
        job.upload_id = upload.id
        job.upload_expires_at = expires_at = float(upload.expires_at)
        job.upload_created_at = created_at = float(upload.created_at)
        job.upload_made = made
        mark = made.to_text()
        engine.record(
            lambda j: j.set_upload(job.id, upload.id, expires_at, created_at=created_at, mark=mark)
        )
        engine.job_updated(job)
        if restarted:
            engine.log(job, EXPIRED_MESSAGE, LogLevel.WARNING)
        engine.log(job, f"Started upload {upload.id} ({len(job.parts)} parts).")

    def start_md5(self) -> None:
        job = self.job
        if job.md5 is not None and job.md5_stat == job.stat and not job.md5.cancelled():
            return
        job.md5_stop.set()
        job.md5_stop = stop = type(job.md5_stop)()
        job.md5_stat = job.stat
        loop = asyncio.get_running_loop()
        job.md5 = loop.run_in_executor(self.engine.executor, md5_of_file, job.path, job.stat, stop)
        job.md5.add_done_callback(lambda f: f.cancelled() or f.exception())

    async def send_parts(self) -> None:
        job = self.job
        pending = [p for p in job.parts if p.state is not PartState.DONE]
        if not pending:
            return
        try:
            async with asyncio.TaskGroup() as group:
                for index, part in enumerate(pending):
                    await self.sending.take_slot()
                    try:
                        if upload_expired(job):
                            raise UploadExpired()
                        check_unchanged(job.path, job.stat)
                    except BaseException:
                        self.sending.give_slot()
                        raise
                    started = asyncio.Event()
                    task = group.create_task(self.send_part(part, started))
                    task.add_done_callback(_set_on_done(started))
                    task.add_done_callback(lambda _t: self.sending.give_slot())
                    if index + 1 < len(pending):
                        # The next part's request begins after this one's first bytes, so
                        # parts arrive in file order (the server hashes them as they come).
                        await started.wait()
        except BaseExceptionGroup as group_error:
            raise pick_error(group_error) from None

    async def send_part(self, part: Part, started: asyncio.Event | None = None) -> None:
        """``started`` is set once the part's first bytes are out (or it retries)."""
        from app.api import ApiError, AuthenticationError, NetworkUnreachable

        job, engine = self.job, self.engine
        assert job.upload_id is not None
        on_progress, on_retry = self.sending.progress_callbacks(part, started)

        part.bytes_sent, part.last_error = 0, None
        part.attempts += 1
        engine.move_part(job, part, PartState.SENDING)
        try:
            result = await engine.client().add_part(
                job.upload_id,
                job.path,
                part.offset,
                part.length,
                on_progress=on_progress,
                on_retry=on_retry,
                max_attempts=engine.max_attempts,
                check_upload_id=True,
            )
        except asyncio.CancelledError:
            if part.state not in (PartState.DONE, PartState.PENDING):
                engine.move_part(job, part, PartState.PENDING)
            raise
        except ApiError as exc:
            if server_says_gone(exc):
                raise UploadExpired() from exc
            if isinstance(exc, NetworkUnreachable):
                engine.move_part(job, part, PartState.PENDING)  # no attempt counted
            elif not isinstance(exc, AuthenticationError):
                part.last_error = str(exc)
                engine.move_part(job, part, PartState.FAILED, reason=str(exc))
            raise
        if not self.sending.current():
            return
        part.part_id = part_id = result.id
        index, length = part.index, part.length
        recorded = engine.record(lambda j: j.add_part(job.id, index, part_id, length))
        engine.move_part(job, part, PartState.DONE)
        engine.progress(job, part)
        # Committed (even if paused meanwhile) before this part counts for completion.
        await engine.committed(recorded)

    async def complete(self) -> None:
        from app.api import ApiError

        job, engine = self.job, self.engine
        if job.state in (JobState.QUEUED, JobState.VALIDATING):  # every part was already sent
            engine.set_state(job, JobState.UPLOADING)
        engine.set_state(job, JobState.COMPLETING)
        assert job.md5 is not None and job.upload_id is not None
        try:
            md5 = await asyncio.shield(job.md5)
        except HashStopped:
            raise asyncio.CancelledError from None
        check_unchanged(job.path, job.stat)
        if upload_expired(job):
            raise UploadExpired()
        part_ids = [p.part_id for p in job.parts if p.part_id is not None]
        if len(part_ids) != len(job.parts):
            raise ApiError("Some parts have no id from the server; retry the upload.")
        engine.outside_limit(job, +1)
        try:
            completion = Completion(engine, job, self.sending.request_retry_logger("Completing"))
            file = await completion.run(job.upload_id, part_ids, md5)
        finally:
            engine.outside_limit(job, -1)
        if self.sending.current():
            engine.completed(job, file)


def _set_on_done(event: asyncio.Event) -> Callable[[object], None]:
    return lambda _done: event.set()
