"""Admitting a file into the engine: the claim, an earlier job to continue, the first state.

Engine.add checks its arguments and hands the rest here: another process's claim makes a
FAILED job that touches nothing; a job for the same file already here, or unfinished in the
journal, is continued; otherwise a new job is stat'ed, recorded and started (or held).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from app.engine.claims import busy_message, claim_key
from app.engine.control import JobControl
from app.engine.events import JobAdded, JobError, JobId, JobState, Route
from app.engine.integrity import FileStat, stat_file
from app.engine.job import Job
from app.engine.planning import choose_route, size_problem
from app.engine.restore import job_from_journal
from app.engine.services import EngineServices

if TYPE_CHECKING:
    from app.journal import JournalJob


class JobAdmission:
    def __init__(
        self, services: EngineServices, control: JobControl, check_open: Callable[[], None]
    ) -> None:
        self.services = services
        self.control = control
        self._check_open = check_open  # raises once the engine is closed

    async def add(
        self,
        path: Path,
        purpose: str,
        *,
        expires_after: int | None,
        route: Route,
        resume: bool,
        validate: bool,
        start: bool,
        part_size: int,
    ) -> JobId:
        s = self.services
        s.background.loop()  # remember the loop for commands called outside a coroutine
        owner = await s.claims.take(claim_key(path, purpose, expires_after, route))
        if owner is not None:  # another process has this file: say so, touch nothing of it
            return self._busy(path, purpose, expires_after, route, owner, part_size)
        if resume:
            found = await self._continue_earlier(path, purpose, expires_after, route, start)
            if found is not None:
                return found
        try:
            stat = stat_file(path)
            missing = None if path.is_file() else f"{path.name} is not a regular file."
        except OSError as exc:
            stat = FileStat(0, 0)
            missing = f"The file {path} cannot be read: {exc.strerror or exc}."
        job = Job(
            id=os.urandom(16).hex(),
            path=path,
            purpose=purpose,
            expires_after=expires_after,
            route=route,
            part_size=part_size,
            stat=stat,
        )
        job.validated = not validate or s.validator is None
        job.replan(choose_route(route, stat.size, part_size))
        s.jobs.add(job)
        problem = missing or size_problem(job.effective_route, stat.size)
        if problem is None:
            planned_part_size = job.part_size
            s.record(
                lambda j: j.create_job(
                    job.id,
                    path=path,
                    size=stat.size,
                    mtime_ns=stat.mtime_ns,
                    purpose=purpose,
                    expires_after=expires_after,
                    route=route.value,
                    part_size=planned_part_size,
                )
            )
        s.bus.emit(JobAdded(job.snapshot()))
        if problem is not None:
            s.fail(job, JobError(problem, "file" if missing else "size"))
        elif not start or s.auth.stopped:
            self.control.hold(job)
        else:
            self.control.start(job)
        return job.id

    async def _continue_earlier(
        self, path: Path, purpose: str, expires_after: int | None, route: Route, start: bool
    ) -> JobId | None:
        """The job for the same file in this engine, or the journal's unfinished one."""
        s = self.services
        found = self._find_existing(path, purpose, expires_after, route, start)
        if found is None and s.journal.journal is not None:
            # Off the loop (the window's GUI thread), after the writes queued so far.
            entry = await s.journal.read(
                lambda j: j.find_unfinished(path, purpose, expires_after, route.value)
            )
            self._check_open()
            # Another add of the same file may have finished while this one read.
            found = self._find_existing(path, purpose, expires_after, route, start)
            if found is None and entry is not None and entry.id not in s.jobs:
                found = self._adopt(entry, start)
        return found

    def _busy(
        self,
        path: Path,
        purpose: str,
        expires_after: int | None,
        route: Route,
        owner: int,
        part_size: int,
    ) -> JobId:
        """A FAILED job, in memory only (the journal's record is the other process's)."""
        s = self.services
        job = Job(
            id=os.urandom(16).hex(), path=path, purpose=purpose, expires_after=expires_after,
            route=route, part_size=part_size, stat=FileStat(0, 0),
        )  # fmt: skip
        job.replan(choose_route(route, 0, part_size))
        s.jobs.add(job)
        s.bus.emit(JobAdded(job.snapshot()))
        s.fail(job, JobError(busy_message(path.name, owner), type="busy"))
        return job.id

    def _find_existing(
        self, path: Path, purpose: str, expires_after: int | None, route: Route, start: bool
    ) -> JobId | None:
        job = self.services.jobs.same_file(path, purpose, expires_after, route)
        if job is None:
            return None
        self.control.resume_existing(job, start)
        return job.id

    def _adopt(self, entry: JournalJob, start: bool) -> JobId:
        """Bring an unfinished job of the journal into the engine (resuming it if asked)."""
        s = self.services
        job = job_from_journal(s, entry)
        s.jobs.add(job)
        s.bus.emit(JobAdded(job.snapshot()))
        if start and job.state is JobState.PAUSED and not s.auth.stopped:
            self.control.start(job)
        elif start and job.state is JobState.FAILED:
            self.control.retry(job)
        return job.id
