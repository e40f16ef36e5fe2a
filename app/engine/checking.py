"""The one validation path: the engine's validator, in a worker thread, with the route rule."""

from __future__ import annotations

import asyncio
import functools
from concurrent.futures import Executor
from pathlib import Path

from app.engine.context import Validator
from app.engine.events import Finding, Route, Severity
from app.validation.model import Report

INLINE_BYTES = 64 * 1024  # validating this much takes well under a millisecond


def checked_at_once(size: int | None) -> bool:
    """A file this small is validated right on the loop: cheaper than the thread hop."""
    return size is not None and size <= INLINE_BYTES


async def run_validator(
    validator: Validator,
    executor: Executor,
    path: Path,
    purpose: str,
    *,
    route: Route,
    expires_after: int | None,
    part_size: int,
    size: int | None = None,
) -> Report:
    """Validate off the loop (it reads the whole file for JSONL purposes); a file of at
    most INLINE_BYTES (``size``) is checked right here: cheaper than the thread hop."""
    check = functools.partial(
        validator,
        path,
        purpose,
        route=route.value,
        expires_after=expires_after,
        part_size=part_size,
    )
    if checked_at_once(size):
        return check()
    return await asyncio.get_running_loop().run_in_executor(executor, check)


def findings_of(report: Report) -> tuple[Finding, ...]:
    """The report's findings, plus one line for those beyond the cap."""
    if not report.omitted:
        return report.findings
    more = Finding(Severity.WARNING, f"{report.omitted:,} more problems not shown.")
    return (*report.findings, more)
