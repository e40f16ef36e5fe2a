"""One run of one job: validate, then one POST /files or an Upload with parts in parallel."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.engine.checking import findings_of, run_validator
from app.engine.claims import busy_message
from app.engine.context import RunContext
from app.engine.events import (
    TERMINAL_STATES,
    JobError,
    JobState,
    LogLevel,
    PartState,
    Route,
    Severity,
)
from app.engine.integrity import (
    FileChangedError,
    HashStopped,
    check_unchanged,
    md5_of_file,
)
from app.engine.job import Job, Part
from app.engine.planning import size_problem
from app.engine.policy import (
    EXPIRED_MESSAGE,
    MAX_UPLOAD_RESTARTS,
    UploadExpired,
    pick_error,
    retry_text,
    server_says_gone,
    upload_expired,
)
from app.engine.recovery import CANCELLED_MESSAGE, Completion, LostFileFinder, UploadCancelled
from app.engine.runs import RunToken
from app.engine.uploadclock import ClockMark
from app.engine.without_uploads import known_without_uploads, without_uploads
from app.filetypes import mime_type_for

if TYPE_CHECKING:  # app.api is imported where used: `import app.engine` stays without httpx
    from app.api import RetryNotice


class JobRun:
    """Drives one job once (from queued to a settled state). Cancelled to pause/cancel; once
    its token is stale (see app.engine.runs) its callbacks change nothing."""

    def __init__(self, engine: RunContext, job: Job, token: RunToken) -> None:
        self.engine = engine
        self.job = job
        self.token = token

    def current(self) -> bool:
        return self.token.current

    async def run(self) -> None:
        from app.api import RAISE_WHEN_UNREACHABLE

        job, engine = self.job, self.engine
        RAISE_WHEN_UNREACHABLE.set(True)  # an outage is waited out (app.engine.network)
        try:
            owner = await engine.claim(job)
            if owner is not None:
                engine.fail(job, JobError(busy_message(job.filename, owner), type="busy"))
                return
            if known_without_uploads(engine, job):
                return
            if not job.validated and not await self.validate():
                return
            problem = size_problem(job.effective_route, job.size)
            if problem:
                engine.fail(job, JobError(problem, type="size"))
                return
            check_unchanged(job.path, job.stat)
            if job.effective_route is Route.FILES:
                await self.send_whole()
            else:
                from app.api.capabilities import UploadsUnavailable

                try:
                    await self.send_upload()
                except UploadsUnavailable as refused:
                    if self.current() and without_uploads(engine, job, refused):
                        await self.send_whole()
        except asyncio.CancelledError:
            raise
        except BaseException as exc:
            error = pick_error(exc)
            if isinstance(error, asyncio.CancelledError):
                raise error from None
            if self.current() and not engine.handle_failure(job, error):
                raise error from None  # a bug: the job failed; the crash report shows it
        finally:
            if job.state in TERMINAL_STATES:
                engine.release_claim(job)

    # ----- validation --------------------------------------------------------------------

    async def validate(self) -> bool:
        """Run the validator in a worker thread; False when the job failed validation."""
        job, engine = self.job, self.engine
        validator = engine.validator
        if validator is None:
            job.validated = True
            return True
        engine.set_state(job, JobState.VALIDATING)
        report = await run_validator(
            validator,
            engine.executor,
            job.path,
            job.purpose,
            route=job.effective_route,
            expires_after=job.expires_after,
            part_size=job.part_size,
            size=job.size,
        )
        job.findings = findings_of(report)
        engine.job_updated(job)
        errors = [f for f in job.findings if f.severity is Severity.ERROR]
        for finding in job.findings:
            if finding.severity is not Severity.ERROR:
                engine.log(job, finding.message, LogLevel.WARNING)
        if errors:
            extra = len(errors) - 1
            more = f" ({extra} more {'problem' if extra == 1 else 'problems'} listed.)"
            more = more if extra else ""
            engine.fail(job, JobError(errors[0].message + more, type="validation"))
            return False
        job.validated = True
        engine.set_state(job, JobState.QUEUED)
        return True

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

    # ----- the FILES route -----------------------------------------------------------------

    async def send_whole(self) -> None:
        job, engine = self.job, self.engine
        part = job.parts[0]
        on_progress, on_retry = self.progress_callbacks(part)
        await self.take_slot()
        finder = LostFileFinder(engine, job, since=job.files_answer_lost)
        try:
            check_unchanged(job.path, job.stat)
            part.bytes_sent, part.last_error = 0, None
            part.attempts += 1
            engine.move_part(job, part, PartState.SENDING)
            # an earlier run lost an answer: look for its File before sending again
            found = await finder() if job.files_answer_lost is not None else None
            file = found or await engine.client().create_file(
                job.path,
                job.purpose,
                expires_after=job.expires_after,
                on_progress=on_progress,
                on_retry=on_retry,
                after_lost_answer=finder,
            )
        except BaseException as exc:
            # the answer was lost (looked for in vain, or the network went away mid-request):
            # the next run looks for the File before sending it again
            if finder.called or getattr(exc, "answer_maybe_lost", False):
                job.files_answer_lost = finder.started
            raise
        finally:
            self.give_slot()
        try:
            check_unchanged(job.path, job.stat)
        except FileChangedError:
            engine.spawn(engine.client().delete_file(file.id), "delete a changed file")
            raise
        part.part_id = file.id
        engine.move_part(job, part, PartState.DONE)
        engine.completed(job, file)

    # ----- the UPLOADS route ---------------------------------------------------------------

    async def send_upload(self) -> None:
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
        await self.take_slot()
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
                on_retry=self.request_retry_logger("Starting the upload"),
            )
        finally:
            self.give_slot()
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
                    await self.take_slot()
                    try:
                        if upload_expired(job):
                            raise UploadExpired()
                        check_unchanged(job.path, job.stat)
                    except BaseException:
                        self.give_slot()
                        raise
                    started = asyncio.Event()
                    task = group.create_task(self.send_part(part, started))
                    task.add_done_callback(_set_on_done(started))
                    task.add_done_callback(lambda _t: self.give_slot())
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
        on_progress, on_retry = self.progress_callbacks(part, started)

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
        if not self.current():
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
            completion = Completion(engine, job, self.request_retry_logger("Completing"))
            file = await completion.run(job.upload_id, part_ids, md5)
        finally:
            engine.outside_limit(job, -1)
        if self.current():
            engine.completed(job, file)


def _set_on_done(event: asyncio.Event) -> Callable[[object], None]:
    return lambda _done: event.set()
