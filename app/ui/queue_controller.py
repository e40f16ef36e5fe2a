"""What the Queue tab does, without its widgets: staging added files, checking them (in a
worker thread; a newer check replaces an older one), handing the ready ones to the engine,
and the row actions (pause, resume, retry, cancel, remove, clear). The tab owns layout,
drops and the selection; questions go through the ``confirm`` callable it passes in."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Awaitable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from PySide6.QtCore import QObject, Signal

from app.engine import ACTIVE_STATES, TERMINAL_STATES, EngineError, JobState
from app.ui.file_collect import Collected, collect_files
from app.ui.i18n import translate
from app.ui.queue_model import QueueModel, QueueRow
from app.ui.tasks import TaskKeeper, in_executor

if TYPE_CHECKING:
    import asyncio

    from app.engine.core import Engine
    from app.ui.services import Services

log = logging.getLogger("hoist.ui")
EngineAction = Literal["pause", "resume", "retry", "remove", "cancel"]  # Engine's per-job calls
UNFINISHED = frozenset(JobState) - TERMINAL_STATES  # what cancel and remove ask about


class Confirm(Protocol):
    """dialogs.ask bound to a parent widget: True when the user chose ``yes``."""

    def __call__(
        self,
        title: str,
        text: str,
        yes: str,
        no: str = ...,
        *,
        details: str = ...,
        destructive: bool = ...,
    ) -> Awaitable[bool]: ...


def _collect_with_sizes(paths: list[str]) -> tuple[Collected, dict[Path, int]]:
    collected = collect_files(paths)
    sizes = {}
    for path in collected.files:
        try:
            sizes[path] = path.stat().st_size
        except OSError:
            sizes[path] = 0
    return collected, sizes


class QueueController(QObject):
    message = Signal(str)  # a short status bar message
    keyNeeded = Signal()  # Upload was pressed but the profile has no API key
    collected = Signal(str)  # the summary of an add ("3 files added, 1 hidden skipped")
    staged = Signal(list)  # the keys of the rows an add staged
    alreadyQueued = Signal(str)  # the key of the row that already holds an added file
    rowChanged = Signal(object)  # a QueueRow's checking state or findings changed
    rowChecked = Signal(object)  # a QueueRow's check finished
    stagingChanged = Signal()  # how many rows are ready to upload may have changed
    jobsChanged = Signal()  # jobs were started or removed: re-evaluate the actions

    def __init__(
        self,
        services: Services,
        tasks: TaskKeeper,
        model: QueueModel,
        confirm: Confirm,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.model = model
        self.confirm = confirm
        self.engine: Engine | None = None
        self._check_slots: asyncio.Semaphore | None = None  # made on the first check
        self._checks: dict[str, asyncio.Task[None]] = {}  # row key → its current check
        self.stagingChanged.connect(self._start_rows_now_checked)

    # Staging and checks ---------------------------------------------------------------------
    def add_paths(
        self, paths: list[str], purpose: str, expires_after: int | None
    ) -> asyncio.Task[None] | None:
        if not paths:
            return None
        return self.tasks.spawn(self._add_paths(list(paths), purpose, expires_after), "add files")

    async def _add_paths(self, paths: list[str], purpose: str, expires_after: int | None) -> None:
        collected, sizes = await in_executor(_collect_with_sizes, paths)
        self.collected.emit(collected.summary())
        keys: list[str] = []
        existing: QueueRow | None = None
        for path in collected.files:
            held = self.model.find_path(path)
            if held is not None:  # already queued: selected below, not staged twice
                existing = existing or held
                continue
            row = QueueRow.staged(path, sizes[path], purpose, expires_after)
            self.model.append(row)
            keys.append(row.key)
            self.check(row)
        self.stagingChanged.emit()
        if existing is not None:
            self.message.emit(
                translate("QueueController", "{name} is already in the queue.").format(
                    name=existing.name
                )
            )
            self.alreadyQueued.emit(existing.key)
        elif keys:
            self.staged.emit(keys)

    def check(self, row: QueueRow) -> None:
        """(Re)check ``row``; a check still running for it is cancelled: its answer is stale."""
        previous = self._checks.pop(row.key, None)
        if previous is not None:
            previous.cancel()
        row.checking = True  # at once: not ready to upload until this check answers
        task = self.tasks.spawn(self._check(row), f"check {row.path.name}")
        self._checks[row.key] = task
        task.add_done_callback(lambda t: self._check_done(row.key, t))

    def _check_done(self, key: str, task: asyncio.Task[None]) -> None:
        if self._checks.get(key) is task:
            del self._checks[key]

    async def _check(self, row: QueueRow) -> None:
        from app.validation import validate

        row.checking = True
        self._row_changed(row)
        if self._check_slots is None:
            import asyncio

            self._check_slots = asyncio.Semaphore(2)
        async with self._check_slots:
            part_size = self.services.settings.prefs.part_size
            try:
                report = await in_executor(
                    lambda: validate(
                        row.path, row.purpose, expires_after=row.expires_after, part_size=part_size
                    )
                )
            except OSError as exc:  # unreadable meanwhile: say so, don't block forever
                log.info("Could not check %s: %s", row.path, exc)
                report = None
        if self.model.get(row.key) is not row:
            return  # removed meanwhile
        row.checking = False
        row.findings = tuple(report.findings) if report else ()
        row.check_error = (
            None if report else translate("QueueController", "The file could not be checked.")
        )
        self._row_changed(row)
        self.rowChecked.emit(row)
        self.stagingChanged.emit()

    def set_choice(
        self, rows: list[QueueRow], purpose: str | None, expires_after: int | bool | None = False
    ) -> None:
        """Give these rows (the staged ones among them) a purpose and/or an expiry; each row
        that changed is checked again, the others are left alone. ``None`` purpose keeps it;
        ``expires_after=False`` keeps the expiry."""
        for row in rows:
            if not row.is_staged or self.model.get(row.key) is not row:
                continue
            new_purpose = row.purpose if purpose is None else purpose
            new_expiry = row.expires_after if expires_after is False else expires_after
            assert not isinstance(new_expiry, bool)
            if (row.purpose, row.expires_after) != (new_purpose, new_expiry):
                row.purpose, row.expires_after = new_purpose, new_expiry
                self.check(row)

    def _row_changed(self, row: QueueRow) -> None:
        self.model.changed(row.key)
        self.rowChanged.emit(row)

    # Starting -------------------------------------------------------------------------------
    def staged_rows(self) -> list[QueueRow]:
        return [r for r in self.model.rows() if r.is_staged]

    def ready_rows(self) -> list[QueueRow]:
        return [r for r in self.staged_rows() if not r.blocked]

    def set_engine(self, engine: Engine | None) -> None:
        self.engine = engine
        self.stagingChanged.emit()

    def _start_rows_now_checked(self) -> None:
        """Rows whose Upload was pressed while they were being checked start once checked."""
        due = set()
        for row in self.staged_rows():
            if row.start_when_checked and not row.checking:
                if row.blocked:
                    row.start_when_checked = False
                else:
                    due.add(row.key)
        if due:
            for key in due:
                row_now = self.model.get(key)
                if row_now is not None:
                    row_now.start_when_checked = False
            self.tasks.spawn(self.start_uploads(only=due), "start checked files")

    async def start_uploads(self, only: set[str] | None = None) -> list[str]:
        """Hand the ready staged rows (or those of ``only``) to the engine; rows still being
        checked start by themselves when their check ends. Returns the new job ids."""
        engine = self.engine
        if engine is None:
            self.message.emit(
                translate("QueueController", "Still connecting… try again in a moment.")
            )
            return []
        staged = [r for r in self.staged_rows() if only is None or r.key in only]
        still_checking = [r for r in staged if r.checking]
        for row in still_checking:
            row.start_when_checked = True
        if still_checking and only is None:
            self.message.emit(
                translate(
                    "QueueController",
                    "%n file(s) still being checked will start when ready.",
                    None,
                    len(still_checking),
                )
            )
        ready = [r for r in staged if not r.checking and not r.blocked]
        for row in ready:
            row.start_when_checked = False
        if not ready:
            return []
        connection = self.services.connection
        if connection is not None and not connection.api_key:
            self.message.emit(
                translate(
                    "QueueController",
                    "No API key is set. Add one in Settings, then press Upload again.",
                )
            )
            self.keyNeeded.emit()
            return []
        warned = [r for r in ready if r.warnings]
        if warned:
            names = "\n".join(f"• {r.name}: {r.warnings[0].message}" for r in warned[:5])
            go = await self.confirm(
                translate("QueueController", "Upload with warnings?"),
                translate(
                    "QueueController", "%n file(s) may not work as intended:", None, len(warned)
                ),
                translate("QueueController", "Upload anyway"),
                details=names,
            )
            if not go:
                return []
        ids = []
        for row in ready:
            if self.model.get(row.key) is not row or not row.is_staged:
                continue
            row.checking = True  # "submitting": keep it from being started twice
            try:
                job_id = await engine.add(
                    row.path, row.purpose, expires_after=row.expires_after, validate=False
                )
            except EngineError as exc:  # the engine closed meanwhile (a reconnect)
                row.checking = False
                self.message.emit(str(exc))
                break
            row.checking = False
            self.model.promote(row.key, job_id)
            self.model.update_snapshot(engine.snapshot(job_id))  # now, not at the next tick
            ids.append(job_id)
        self.stagingChanged.emit()
        self.jobsChanged.emit()
        return ids

    # Actions --------------------------------------------------------------------------------
    def _each(self, action: EngineAction, job_ids: list[str]) -> None:
        """engine.<action>(job_id) for each job."""
        engine = self.engine
        if engine is None:
            return
        for job_id in job_ids:
            try:
                getattr(engine, action)(job_id)
            except EngineError as exc:  # e.g. the job finished meanwhile: a clear sentence
                self.message.emit(str(exc))

    def pause(self, job_ids: list[str]) -> None:
        self._each("pause", job_ids)

    def resume(self, job_ids: list[str]) -> None:
        self._each("resume", job_ids)

    def retry(self, job_ids: list[str]) -> None:
        """Failed jobs retry (re-using their Upload); cancelled ones start a new Upload of
        the same file, purpose and expiry, in the same row."""
        cancelled = [
            k for k in job_ids if (r := self.model.get(k)) and r.state is JobState.CANCELLED
        ]
        self._each("retry", [k for k in job_ids if k not in cancelled])
        if cancelled:
            self.tasks.spawn(self._restart(cancelled), "restart cancelled")

    async def _restart(self, job_ids: list[str]) -> None:
        engine = self.engine
        if engine is None:
            return
        for old in job_ids:
            row = self.model.get(old)
            if row is None or row.snapshot is None:
                continue
            snap = row.snapshot
            try:
                new = await engine.add(
                    snap.path, snap.purpose, expires_after=snap.expires_after, resume=False
                )
            except EngineError as exc:
                self.message.emit(str(exc))
                continue
            self.model.replace(old, new)  # first, so the old job's removal leaves the row
            with contextlib.suppress(EngineError):  # already gone
                engine.remove(old)
            self.model.update_snapshot(engine.snapshot(new))
        self.jobsChanged.emit()

    def pause_all(self) -> None:
        if self.engine is not None:
            self.engine.pause_all()

    def resume_all(self) -> None:
        if self.engine is not None:
            self.engine.resume_all()

    def cancel(self, job_ids: list[str]) -> None:
        if job_ids:
            self.tasks.spawn(self._cancel(job_ids, remove=False), "cancel")

    def remove(self, rows: list[QueueRow]) -> None:
        """Finished and not-yet-started rows go at once; unfinished uploads are asked about."""
        unfinished = [r.key for r in rows if r.snapshot is not None and r.state in UNFINISHED]
        gone = [r for r in rows if r.key not in unfinished]
        self._each("remove", [r.key for r in gone if r.snapshot is not None])
        for row in gone:
            self.model.remove(row.key)
        if unfinished:
            self.tasks.spawn(self._cancel(unfinished, remove=True), "remove")
        self.stagingChanged.emit()

    async def _cancel(self, job_ids: list[str], remove: bool) -> None:
        n = len(job_ids)
        go = await self.confirm(
            translate("QueueController", "Cancel upload(s)?", None, n),
            translate("QueueController", "Cancel %n upload(s)?", None, n),
            translate("QueueController", "Cancel upload(s)", None, n),
            translate("QueueController", "Keep"),
            details=translate(
                "QueueController", "What was sent so far is discarded on the server."
            ),
            destructive=True,
        )
        if not go:
            return
        if remove:
            self._each("remove", job_ids)
            for job_id in job_ids:
                self.model.remove(job_id)
        else:
            self._each("cancel", job_ids)
        self.stagingChanged.emit()

    def clear_finished(self) -> None:
        done = [r.key for r in self.model.rows() if r.state in TERMINAL_STATES]
        self._each(
            "remove",
            [k for k in done if (r := self.model.get(k)) and r.snapshot],
        )
        for job_id in done:
            self.model.remove(job_id)
        self.jobsChanged.emit()

    def running_jobs(self) -> list[str]:
        return [r.key for r in self.model.rows() if r.state in ACTIVE_STATES]
