"""One process per file: the engine's claims in the journal (app.journal.claims).

A job's file (path, purpose, expiry, route: what `add` resumes by) is claimed before the
engine sends anything for it; another process that holds it and is still running makes the
job fail with a sentence naming that process. Claims are let go when a job ends for good
and when the engine closes; a claim whose owner died is taken over.
"""

from __future__ import annotations

from pathlib import Path

from app.engine.events import Route
from app.engine.job import Job
from app.engine.journaling import JournalQueue


def claim_key(path: Path, purpose: str, expires_after: int | None, route: Route) -> str:
    return f"{path}\n{purpose}\n{expires_after}\n{route.value}"


def busy_message(filename: str, owner: int) -> str:
    return (
        f"Another Hoist process (pid {owner}) is uploading {filename} from the same journal; "
        "run the same command again once it has finished or stopped."
    )


class JobClaims:
    def __init__(self, journal: JournalQueue) -> None:
        self._journal = journal
        self._held: set[str] = set()

    async def take(self, key: str) -> int | None:
        """None when this process holds ``key`` now; else the pid of its running owner."""
        if key in self._held or self._journal.journal is None:
            return None
        owner = await self._journal.read(lambda j: j.claim(key))
        if owner is None:
            self._held.add(key)
        return owner

    async def take_for(self, job: Job) -> int | None:
        return await self.take(claim_key(job.path, job.purpose, job.expires_after, job.route))

    def release_for(self, job: Job) -> None:
        key = claim_key(job.path, job.purpose, job.expires_after, job.route)
        if key in self._held:
            self._held.discard(key)
            self._journal.submit(lambda j: j.release([key]))

    def release_all(self) -> None:
        keys, self._held = list(self._held), set()
        if keys:
            self._journal.submit(lambda j: j.release(keys))
