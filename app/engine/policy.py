"""Decisions about a job's run: expiry, what server errors mean, retry text."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from app.engine.integrity import FileChangedError
from app.engine.job import Job
from app.engine.uploadclock import seconds_left

if TYPE_CHECKING:  # app.api is imported where used: `import app.engine` stays without httpx
    from app.api import ApiError, RetryNotice

MAX_UPLOAD_RESTARTS = 3
COMPLETING_WAIT_LIMIT = 300.0  # seconds to wait for an earlier complete still running
COMPLETED_SEARCH_LIMIT = 500  # files looked at to find the result of a lost complete answer
EXPIRED_MESSAGE = "The upload session expired; started a new one and sending all parts again."


class UploadExpired(Exception):
    """The Upload has expired (by its expires_at, or the server said so)."""


def upload_expired(job: Job) -> bool:
    """True when the Upload's expiry has passed or is too close (safety margin ≤ 60 s),
    judged on the server's clock: its own lifetime (expires_at - created_at) against the
    time since its create answer (app.engine.uploadclock). Never our wall clock against the
    server's timestamps. Unknown (an old journal entry): False, the server will say."""
    if job.upload_expires_at is None or job.upload_created_at is None:
        return False
    ttl = job.upload_expires_at - job.upload_created_at
    if ttl <= 0:
        return True  # it expired as it was made (or the record says so)
    left = seconds_left(ttl, job.upload_made)
    if left is None:
        return False
    return left <= min(60.0, max(0.5, ttl * 0.1))


def server_says_gone(exc: ApiError) -> bool:
    """The server no longer knows the Upload, or says it expired."""
    from app.api import BadRequestError, NotFoundError

    if isinstance(exc, NotFoundError):
        return True
    text = f"{exc.code or ''} {exc.message}".lower()
    return isinstance(exc, BadRequestError) and "expired" in text


def being_completed(exc: ApiError) -> bool:
    """An earlier complete of this Upload is still running at the server."""
    text = f"{exc.code or ''} {exc.message}".lower()
    return (exc.status in (400, 409)) and ("being completed" in text or "in progress" in text)


def retry_text(notice: RetryNotice) -> str:
    reasons = {
        "stalled": "no data moved for too long",
        "dropped": "the connection was interrupted",
        "timeout": "the connection timed out",
        "connect": "could not connect",
        "mismatched": "the answer named another upload",
    }
    if notice.status == 429:
        why = "the server asked to slow down (HTTP 429)"
    elif notice.status is not None and notice.status >= 500:
        why = f"server error (HTTP {notice.status})"
    else:
        why = reasons.get(notice.reason, notice.reason or "request failed")
    return f"{why}; retrying in {notice.delay:.1f} s (attempt {notice.attempt + 1})"


def pick_error(exc: BaseException) -> BaseException:
    """From a TaskGroup's exception group, the error that matters most."""
    if not isinstance(exc, BaseExceptionGroup):
        return exc
    from app.api import AuthenticationError, FileChangedError as ClientFileChanged

    leaves = [pick_error(e) for e in exc.exceptions]
    for kind in (AuthenticationError, UploadExpired, FileChangedError, ClientFileChanged):
        for leaf in leaves:
            if isinstance(leaf, kind):
                return leaf
    for leaf in leaves:
        if not isinstance(leaf, asyncio.CancelledError):
            return leaf
    return leaves[0]
