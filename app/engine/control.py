"""Starting and stopping a job's runs: pause, resume, retry, cancel (the engine's commands
act on Job objects here; app.engine.core maps ids to jobs)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from app.engine.events import PAUSABLE_STATES, TERMINAL_STATES, JobError, JobState
from app.engine.integrity import stat_file
from app.engine.job import Job
from app.engine.planning import choose_route, size_problem
from app.engine.runner import JobRun

if TYPE_CHECKING:
    import asyncio

    from app.engine.services import EngineServices

log = logging.getLogger("hoist.engine")


class JobControl:
    def __init__(self, services: EngineServices) -> None:
        self.services = services
        services.network.resume = self.start

    def start(self, job: Job) -> None:
        """Queue the job and start a run (the previous run, if any, is stale from now on)."""
        s = self.services
        if job.state is not JobState.QUEUED:
            s.set_state(job, JobState.QUEUED)
        job.error = None
        if s.tuner is not None:
            s.tuner.start(s.background.loop())
        if s.network.waiting and job.validated:  # it would only find the network down
            job.runs.stop()
            s.network.park(job)
            return
        task = job.runs.start(
            s.background.loop(),
            lambda token: JobRun(s, job, token).run(),
            name=f"hoist-job-{job.id}",
        )
        task.add_done_callback(self._run_ended)

    def _run_ended(self, task: asyncio.Task[None]) -> None:
        if task.cancelled() or task.exception() is None:
            return
        # A programming error (the job is already FAILED): hand it to the loop's handler,
        # which the window turns into its crash report.
        task.get_loop().call_exception_handler(
            {"message": "An upload stopped on an unexpected error", "exception": task.exception(),
             "task": task}
        )  # fmt: skip

    def stop(self, job: Job) -> None:
        """Cancel the job's run (its requests in flight end now); drop unfinished parts."""
        job.runs.stop()
        self.services.parts_changed(job, job.drop_in_flight_parts())

    def hold(self, job: Job) -> None:
        """Add a job as PAUSED (asked for, or waiting after a rejected key)."""
        auth = self.services.auth
        if auth.stopped:
            job.error = auth.error  # why it waits, like the jobs the 401 stopped
        self.services.set_state(job, JobState.PAUSED)
        if auth.stopped:
            self.services.log(job, "Waiting: the API key was rejected. Fix it, then resume.")

    def pause(self, job: Job) -> None:
        if job.state not in PAUSABLE_STATES:
            return
        self.stop(job)
        self.services.set_state(job, JobState.PAUSED)
        self.services.log(job, "Paused.")
        self.services.job_updated(job)

    def halt(self, job: Job) -> None:
        """Stop a job that is completing (pause does not): its complete may or may not have
        reached the server, which the next run's complete will tell."""
        if job.state is not JobState.COMPLETING:
            return
        self.stop(job)
        self.services.set_state(job, JobState.PAUSED)
        self.services.log(job, "Stopped while completing; the next run finishes it.")
        self.services.job_updated(job)

    def resume(self, job: Job) -> None:
        if job.state is not JobState.PAUSED:
            return
        self.services.auth.reopen()
        self.services.log(job, "Resumed.")
        self.start(job)

    def retry(self, job: Job) -> None:
        s = self.services
        if job.state not in (JobState.FAILED, JobState.PAUSED):
            return
        try:
            current = stat_file(job.path)
        except OSError as exc:
            job.error = JobError(f"The file {job.path} cannot be read: {exc.strerror}.", "file")
            s.job_updated(job)
            return
        if current != job.stat:
            job.stat = current
            s.parts_changed(job, job.forget_upload())
            job.replan(choose_route(job.route, current.size, job.part_size))
            job.validated = s.validator is None
            part_size = job.part_size
            s.record(lambda j: j.set_file_stat(job.id, current.size, current.mtime_ns, part_size))
            s.log(job, "The file changed; it will be sent again from the start.")
            problem = size_problem(job.effective_route, current.size)
            if problem:
                job.error = JobError(problem, "size")
                s.job_updated(job)
                return
        s.auth.reopen()
        s.log(job, "Retrying.")
        self.start(job)

    def cancel(self, job: Job) -> None:
        s = self.services
        if job.state in TERMINAL_STATES:
            return
        self.stop(job)
        job.md5_stop.set()
        upload_id = job.upload_id
        s.set_state(job, JobState.CANCELLED)
        s.record(lambda j: j.forget(job.id))
        s.log(job, "Cancelled.")
        if upload_id is not None:
            s.spawn(self._cancel_upload(job, upload_id), "cancel an upload")

    async def _cancel_upload(self, job: Job, upload_id: str) -> None:
        self.services.outside_limit(job, +1)
        try:
            await self.services.client().cancel_upload(upload_id)
        finally:
            self.services.outside_limit(job, -1)

    def resume_existing(self, job: Job, start: bool) -> None:
        """``add`` found this job already here: continue it when asked to start."""
        if start and job.state is JobState.PAUSED:
            self.resume(job)
        elif start and job.state is JobState.FAILED:
            self.retry(job)
