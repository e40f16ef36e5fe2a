"""The job registry: every job the engine holds, by id, in the order they were added."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from app.engine.errors import EngineError
from app.engine.events import JobId, Route
from app.engine.job import ACTIVE_STATES, TERMINAL_STATES, Job


class JobRegistry:
    def __init__(self) -> None:
        self.by_id: dict[JobId, Job] = {}

    def __contains__(self, job_id: object) -> bool:
        return job_id in self.by_id

    def __iter__(self) -> Iterator[Job]:
        return iter(list(self.by_id.values()))

    def get(self, job_id: JobId) -> Job:
        """The job; EngineError for an unknown id."""
        try:
            return self.by_id[job_id]
        except KeyError:
            raise EngineError(f"There is no job {job_id!r}.") from None

    def add(self, job: Job) -> None:
        self.by_id[job.id] = job

    def remove(self, job_id: JobId) -> None:
        self.by_id.pop(job_id, None)

    def same_file(
        self, path: Path, purpose: str, expires_after: int | None, route: Route
    ) -> Job | None:
        """An unfinished job for the same file and options (what ``add`` resumes)."""
        key = (path, purpose, expires_after, route)
        for job in self.by_id.values():
            same = (job.path, job.purpose, job.expires_after, job.route) == key
            if same and job.state not in TERMINAL_STATES:
                return job
        return None

    def any_active(self) -> bool:
        # Newest first: the jobs still waiting are usually the last added (O(1), not O(jobs)).
        return any(j.state in ACTIVE_STATES for j in reversed(self.by_id.values()))
