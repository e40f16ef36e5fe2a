"""Rebuilding a job from the journal after a restart (crash, kill, quit)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.engine.context import RestoreContext
from app.engine.events import JobError, JobState, PartState, Route
from app.engine.integrity import FileStat, stat_file
from app.engine.job import Job
from app.engine.planning import choose_route
from app.engine.policy import upload_expired
from app.engine.uploadclock import ClockMark

if TYPE_CHECKING:
    from app.journal import JournalJob


def job_from_journal(engine: RestoreContext, entry: JournalJob) -> Job:
    """A PAUSED job (or FAILED, as recorded) that resumes with only the missing parts when
    the file is unchanged and its Upload has not expired; otherwise it starts afresh.

    The job is not yet published: its states go through the transition table here, and the
    caller announces it, as it is, with JobAdded."""
    try:
        route = Route(entry.route)
    except ValueError:
        route = Route.AUTO
    job = Job(
        id=entry.id,
        path=entry.path,
        purpose=entry.purpose,
        expires_after=entry.expires_after,
        route=route,
        part_size=entry.part_size,
        stat=FileStat(entry.size, entry.mtime_ns),
        created_at=entry.created_at,
    )
    job.set_state(JobState.PAUSED)
    job.validated = engine.validator is None
    job.replan(choose_route(route, job.size, job.part_size))
    try:
        current = stat_file(entry.path)
    except OSError as exc:
        job.set_state(JobState.FAILED)
        job.error = error = JobError(
            f"The file {entry.path} cannot be read any more: {exc.strerror or exc}.", type="file"
        )
        engine.record(lambda j: j.set_state(job.id, "failed", error=error.message))
        return job
    if current != job.stat:
        job.stat = current
        job.replan(choose_route(route, current.size, job.part_size))
        size, mtime_ns, part_size = current.size, current.mtime_ns, job.part_size
        engine.record(lambda j: j.set_file_stat(job.id, size, mtime_ns, part_size))
        job.add_log("The file changed since the last run; it will be sent again from the start.")
    elif entry.upload_id is not None and job.effective_route is Route.UPLOADS:
        job.upload_id = entry.upload_id
        job.upload_expires_at = entry.upload_expires_at
        job.upload_created_at = entry.upload_created_at
        job.upload_made = ClockMark.from_text(entry.upload_mark)
        if upload_expired(job):
            job.forget_upload()
            engine.record(lambda j: j.set_upload(job.id, None, None))
            job.add_log("The upload session expired; a new one will be started.")
        else:
            by_index = {p.index: p for p in job.parts}
            for saved in entry.parts:
                part = by_index.get(saved.index)
                if part is not None and part.length == saved.bytes:
                    part.move(PartState.DONE)
                    part.part_id = saved.part_id
            job.validated = True  # it passed before its first part was sent
            done = sum(1 for p in job.parts if p.state is PartState.DONE)
            job.add_log(
                f"Restored upload {entry.upload_id}: {done} of {len(job.parts)} parts sent."
            )
    if entry.state == "failed":
        job.set_state(JobState.FAILED)
        job.error = JobError(entry.error or "The upload failed.")
    elif entry.state != "paused":
        engine.record(lambda j: j.set_state(job.id, "paused"))
    return job
