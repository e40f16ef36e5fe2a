"""Servers without the Uploads API (or without it for a purpose; app.api.capabilities): an
AUTO job goes as one POST /files when it fits in 512 MB, and fails before any byte otherwise."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.engine.context import RunContext
from app.engine.events import JobError, LogLevel, Route
from app.engine.job import Job
from app.engine.planning import one_request_problem

if TYPE_CHECKING:
    from app.api.capabilities import UploadsUnavailable


def _reason(job: Job, purpose_refused: bool) -> str:
    if purpose_refused:
        return f"This server takes no {job.purpose} files through its Uploads API"
    return "This server has no Uploads API"


def _switch_to_files(engine: RunContext, job: Job) -> None:
    """The job goes as one POST /files instead of an Upload (none was started)."""
    job.replan(Route.FILES)
    engine.job_updated(job)


def known_without_uploads(engine: RunContext, job: Job) -> bool:
    """Before anything is sent: an AUTO job for a server known to lack the Uploads API (for
    its purpose) is switched to one request. True when it cannot go (over 512 MB) and was
    failed."""
    if job.route is not Route.AUTO or job.effective_route is not Route.UPLOADS:
        return False
    if job.upload_id is not None:
        return False
    capabilities = engine.client().capabilities
    if capabilities.uploads_for(job.purpose) is not False:
        return False
    why = _reason(job, capabilities.uploads_api is not False)
    problem = one_request_problem(job.size, why)
    if problem:
        engine.fail(job, JobError(problem, type="size"))
        return True
    _switch_to_files(engine, job)
    engine.log(job, f"{why}; sending the file in one request.")
    return False


def without_uploads(engine: RunContext, job: Job, refused: UploadsUnavailable) -> bool:
    """POST /uploads was refused as missing (or for this purpose), nothing of the file sent.
    True: the job now goes as one POST /files (said once, as a warning, when this was news);
    False: it was failed (over 512 MB, or the user asked for the Uploads API)."""
    from app.api.capabilities import PURPOSE_REFUSED

    why = _reason(job, refused.reason == PURPOSE_REFUSED)
    if job.route is not Route.AUTO:  # the user asked for the Uploads API: never rerouted
        engine.fail(
            job,
            JobError(
                f"{why} ({refused}). Upload it with the auto or files route "
                "(one request, up to 512 MB).",
                type="route",
                code=refused.code,
                status=refused.status,
            ),
        )
        return False
    problem = one_request_problem(job.size, why)
    if problem:
        engine.fail(job, JobError(problem, type="size", status=refused.status))
        return False
    _switch_to_files(engine, job)
    level = LogLevel.WARNING if refused.news else LogLevel.INFO
    engine.log(job, f"{why}; sending the file in one request.", level)
    return True
