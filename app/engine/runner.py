"""One run of one job: claim and validate it, then send it whole (one POST /files) or as an
Upload (app.engine.upload_route); a failure settles the job."""

from __future__ import annotations

import asyncio

from app.engine.checking import checked_at_once, findings_of, run_validator
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
from app.engine.integrity import FileChangedError, check_unchanged
from app.engine.job import Job
from app.engine.planning import size_problem
from app.engine.policy import pick_error
from app.engine.recovery import LostFileFinder
from app.engine.runs import RunToken
from app.engine.sending import Sending
from app.engine.upload_route import UploadRoute
from app.engine.without_uploads import known_without_uploads, without_uploads


class JobRun:
    """Drives one job once (from queued to a settled state). Cancelled to pause/cancel; once
    its token is stale (see app.engine.runs) its callbacks change nothing."""

    def __init__(self, engine: RunContext, job: Job, token: RunToken) -> None:
        self.engine = engine
        self.job = job
        self.sending = Sending(engine, job, token)

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
                    await UploadRoute(self.sending).send()
                except UploadsUnavailable as refused:
                    if self.sending.current() and without_uploads(engine, job, refused):
                        await self.send_whole()
        except asyncio.CancelledError:
            raise
        except BaseException as exc:
            error = pick_error(exc)
            if isinstance(error, asyncio.CancelledError):
                raise error from None
            if self.sending.current() and not engine.handle_failure(job, error):
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
        inline = checked_at_once(job.size)  # no VALIDATING step to show for an instant
        if not inline:
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
        findings = findings_of(report)
        if findings != job.findings:
            job.findings = findings
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
        if not inline:
            engine.set_state(job, JobState.QUEUED)
        return True

    # ----- the FILES route -----------------------------------------------------------------

    async def send_whole(self) -> None:
        job, engine = self.job, self.engine
        part = job.parts[0]
        on_progress, on_retry = self.sending.progress_callbacks(part)
        await self.sending.take_slot()
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
            self.sending.give_slot()
        try:
            check_unchanged(job.path, job.stat)
        except FileChangedError:
            engine.spawn(engine.client().delete_file(file.id), "delete a changed file")
            raise
        part.part_id = file.id
        engine.move_part(job, part, PartState.DONE)
        engine.completed(job, file)
