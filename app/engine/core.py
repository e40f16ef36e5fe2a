"""The Engine: jobs, the shared request limit, pause/resume/cancel/retry. Plain asyncio."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.engine.events import EngineEvent, JobId, JobSnapshot, OverallSnapshot, Route

if TYPE_CHECKING:
    from app.api import FilesClient
    from app.journal import Journal

MiB = 1024 * 1024
MAX_PART_SIZE = 64 * MiB
MAX_UPLOAD_BYTES = 8 * 1024**3  # Uploads API limit (8 GB)
MAX_FILES_BYTES = 512 * 1024**2  # POST /files limit (512 MB)

Validator = Callable[[Path, str, str, "int | None"], Any]
"""validate(path, purpose, route, expires_after) -> report with ``.findings`` (each with
``severity``, ``message``, optional ``line``/``field``), or an iterable of such findings.
Runs in a worker thread."""

DEFAULT_VALIDATOR: Any = "default"  # sentinel: use app.validation.validate when available


class EngineError(Exception):
    """A usage error (unknown job, illegal transition); str() is one clear sentence."""


class Engine:
    """Uploads files through one FilesClient with one global limit on requests in flight.

    Construct and use it on the running event loop (qasync in the window, asyncio in the CLI).
    All methods except the ``async`` ones return immediately and never block on I/O.
    """

    def __init__(
        self,
        client: Callable[[], FilesClient] | FilesClient,
        journal: Journal | None = None,
        *,
        concurrency: int = 4,
        part_size: int = 64 * MiB,
        max_attempts: int = 5,
        stall_timeout: float = 60.0,
        validator: Validator | None = DEFAULT_VALIDATOR,
    ) -> None:
        """``client``: a FilesClient or a factory called once, lazily (the engine closes a
        client it made in ``aclose``; a client passed in is left open).
        ``journal``: where jobs, Upload ids and part ids are recorded (None: memory only).
        ``concurrency``: requests in flight across all jobs, 1..16.
        ``part_size``: bytes per part, at most 64 MiB (used for new jobs).
        ``max_attempts``: per request (passed to the client for parts).
        ``stall_timeout``: engine-side safety net; the client's own watchdog does the real work.
        ``validator``: None disables validation; the default uses app.validation.validate."""
        raise NotImplementedError

    # ----- observing ---------------------------------------------------------------------

    def subscribe(self, callback: Callable[[EngineEvent], None]) -> Callable[[], None]:
        """Call ``callback(event)`` for every event (on the loop thread). Returns unsubscribe.
        Exceptions raised by a callback are logged and swallowed."""
        raise NotImplementedError

    def snapshot(self, job_id: JobId) -> JobSnapshot:
        """The job as it is now. Raises EngineError for an unknown id."""
        raise NotImplementedError

    def jobs(self) -> list[JobSnapshot]:
        """All jobs still in the engine (not removed), in the order they were added."""
        raise NotImplementedError

    def overall(self) -> OverallSnapshot:
        raise NotImplementedError

    @property
    def concurrency(self) -> int:
        """The configured limit (1..16); see OverallSnapshot.concurrency for the effective one."""
        raise NotImplementedError

    @property
    def requests_in_flight(self) -> int:
        raise NotImplementedError

    # ----- commands ----------------------------------------------------------------------

    async def add(
        self,
        path: Path | str,
        purpose: str,
        *,
        expires_after: int | None = None,
        route: Route | str = Route.AUTO,
        resume: bool = True,
        validate: bool = True,
        start: bool = True,
    ) -> JobId:
        """Queue a file and return its job id at once (the upload runs in the background).

        ``resume``: when the journal holds an unfinished job for the same path, purpose,
        expiry and route, continue that one (same Upload, only missing parts) — or, when it is
        already in this engine, return its id (resuming it if paused).
        ``validate``: False skips validation (the caller already checked).
        ``start``: False adds it as PAUSED. Raises EngineError only for bad arguments; a file
        that is missing, too large or invalid becomes a FAILED job with a clear error."""
        raise NotImplementedError

    def pause(self, job_id: JobId) -> None:
        """Cancel the job's requests in flight (partial bytes dropped) and start no new one.
        Finished parts are kept. No-op when already paused/terminal or while completing."""
        raise NotImplementedError

    def resume(self, job_id: JobId) -> None:
        """Continue a paused job: only the missing parts go, to the same Upload when valid."""
        raise NotImplementedError

    def cancel(self, job_id: JobId) -> None:
        """Stop the job, cancel its Upload at the server (best effort, in the background) and
        mark it cancelled in the journal. The job stays listed (CANCELLED) until removed."""
        raise NotImplementedError

    def retry(self, job_id: JobId) -> None:
        """Start a FAILED job again, re-using its Upload and finished parts when still valid
        (not expired, file unchanged). Also accepted for PAUSED jobs (same as resume)."""
        raise NotImplementedError

    def remove(self, job_id: JobId) -> None:
        """Forget a job: an active one is cancelled first. Completed uploads stay in history."""
        raise NotImplementedError

    def pause_all(self) -> None:
        raise NotImplementedError

    def resume_all(self) -> None:
        """Resume every paused job (also clears the stop caused by a rejected API key)."""
        raise NotImplementedError

    def set_concurrency(self, n: int) -> None:
        """Change the global limit (clamped to 1..16) while running."""
        raise NotImplementedError

    def set_part_size(self, part_size: int) -> None:
        """Part size for jobs added from now on (clamped to 5 MiB..64 MiB)."""
        raise NotImplementedError

    async def wait(self, job_id: JobId) -> JobSnapshot:
        """Wait until the job is settled (completed, failed, cancelled or paused)."""
        raise NotImplementedError

    async def wait_idle(self) -> None:
        """Wait until no job is queued, validating, uploading or completing."""
        raise NotImplementedError

    async def restore_from_journal(self, *, start: bool = False) -> list[JobId]:
        """Bring back the journal's unfinished jobs (PAUSED, or running when ``start``).
        A file that changed or vanished, or an expired Upload, means a fresh Upload."""
        raise NotImplementedError

    async def aclose(self) -> None:
        """Pause everything (jobs stay resumable in the journal), wait for tasks to end and
        close a client the engine made. The engine is unusable afterwards."""
        raise NotImplementedError
