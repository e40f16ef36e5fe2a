"""What ends a job's run: the error a user reads, and the one stop after a rejected key."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from app.engine.bus import EventHub
from app.engine.events import ACTIVE_STATES, AuthFailed, JobError, JobState, LogLevel
from app.engine.integrity import CHANGED_MESSAGE, FileChangedError, HashStopped
from app.engine.job import Job
from app.engine.network import NetworkWatch
from app.engine.registry import JobRegistry
from app.engine.states import JobStates

if TYPE_CHECKING:
    from app.api import AuthenticationError

log = logging.getLogger("hoist.engine")

AUTH_MESSAGE = "API key rejected: check the key in Settings (or OPENAI_API_KEY), then resume."


class AuthGate:
    """After a 401 every running job is paused once, with one AuthFailed event, and new jobs
    wait (paused) until the user resumes or retries."""

    def __init__(self, bus: EventHub, jobs: JobRegistry, states: JobStates) -> None:
        self._bus, self._jobs, self._states = bus, jobs, states
        self.stopped = False
        self.error: JobError | None = None

    def reopen(self) -> None:
        self.stopped = False

    def stop_all(self, job: Job, exc: AuthenticationError) -> None:
        """``job``'s run saw the 401 (it is not cancelled: it is the caller)."""
        from app.api.provider_auth import WrongProviderError

        first = not self.stopped
        self.stopped = True
        # a 401 that shows another provider is needed says which one to choose
        message = exc.message if isinstance(exc, WrongProviderError) else AUTH_MESSAGE
        error = JobError(message, type="auth", code=exc.code, status=401)
        self.error = error
        for other in [job, *self._jobs]:
            if other.state in ACTIVE_STATES:
                other.runs.stop(cancel=other is not job)
                self._states.parts_changed(other, other.drop_in_flight_parts())
                other.error = error
                self._states.set_state(other, JobState.PAUSED)
                self._states.log(other, "Stopped: the API key was rejected.", LogLevel.ERROR)
        if first:
            self._bus.emit(AuthFailed(message))


class FailureHandler:
    """Turns the exception that ended a run into the job's state and one clear sentence."""

    def __init__(self, states: JobStates, auth: AuthGate, network: NetworkWatch) -> None:
        self._states, self._auth, self._network = states, auth, network

    def handle(self, job: Job, exc: BaseException) -> bool:
        """Settle ``job`` after ``exc``. False when ``exc`` is a programming error: the job
        is failed (so nothing waits forever) and the caller re-raises it for the crash report."""
        from app.api import (
            ApiError,
            AuthenticationError,
            FileChangedError as ClientFileChanged,
            NetworkUnreachable,
        )

        if isinstance(exc, HashStopped):
            return True
        if isinstance(exc, NetworkUnreachable):
            self._network.went_offline(job, exc)
        elif isinstance(exc, AuthenticationError):
            self._auth.stop_all(job, exc)
        elif isinstance(exc, FileChangedError | ClientFileChanged):
            self._states.fail(job, JobError(str(exc) or CHANGED_MESSAGE, type="file_changed"))
        elif isinstance(exc, ApiError):
            error = JobError(str(exc), type=exc.type, code=exc.code, status=exc.status)
            self._states.fail(job, error)
        elif isinstance(exc, OSError):
            reason = exc.strerror or str(exc)
            self._states.fail(job, JobError(f"The file could not be read: {reason}.", "file"))
        else:
            self._states.fail(job, JobError(f"Unexpected error: {exc!r}", type="internal"))
            return False
        return True
