"""Same file twice: a file added to the queue that History shows uploaded (same path, size,
modification time, purpose and expiry) and whose File is still on the server gets a
question: "Already uploaded as file-… on … — upload again?". "No" keeps the row as that
File, completed; "Upload again" leaves it ready for a new copy. The lookup is
app.engine.reuse (shared with `hoist upload`); the question is non-blocking (dialogs.ask)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from app.ui.errors import user_errors
from app.ui.formatting import format_time
from app.ui.i18n import translate
from app.ui.queue_controller import QueueController
from app.ui.queue_model import QueueRow
from app.ui.tasks import TaskKeeper

if TYPE_CHECKING:
    from app.engine.reuse import Earlier
    from app.ui.services import Services

log = logging.getLogger("hoist.ui")
Ask = Callable[[str, str, str, str], Awaitable[bool]]  # title, text, yes, no → yes chosen
Choice = tuple[str, str, int | None]  # row key, purpose, expiry: what was answered


class SameFileGuard(QObject):
    answered = Signal(object, bool)  # the QueueRow, True when the earlier File was kept

    def __init__(
        self,
        services: Services,
        tasks: TaskKeeper,
        controller: QueueController,
        ask: Ask,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.tasks = tasks
        self.controller = controller
        self.ask = ask
        self._asked: set[Choice] = set()  # never ask twice for the same row and choice
        controller.rowChecked.connect(self._row_checked)

    def _row_checked(self, row: QueueRow) -> None:
        choice = (row.key, row.purpose, row.expires_after)
        if not row.is_staged or row.blocked or choice in self._asked:
            return
        self._asked.add(choice)
        row.checking = True  # held back from Upload until the lookup (and question) end
        self.tasks.spawn(self._look_up(row, choice), f"same file {row.path.name}")

    def _current(self, row: QueueRow, choice: Choice) -> bool:
        """The row is still queued, staged, with the choice the lookup was made for."""
        return (
            self.controller.model.get(row.key) is row
            and row.is_staged
            and (row.key, row.purpose, row.expires_after) == choice
        )

    async def _look_up(self, row: QueueRow, choice: Choice) -> None:
        keep = False
        try:
            earlier = await self._earlier(row)
            if earlier is not None and self._current(row, choice):
                when = format_time(earlier.completed_at)
                keep = not await self.ask(
                    translate("SameFileGuard", "Already uploaded"),
                    translate(
                        "SameFileGuard",
                        "{name} was already uploaded as {id} on {when} — upload again?",
                    ).format(name=row.name, id=earlier.file.id, when=when),
                    translate("SameFileGuard", "Upload again"),
                    translate("SameFileGuard", "No"),
                )
                if keep and self._current(row, choice):
                    row.reused_file_id = earlier.file.id
                    row.extra_log.append(
                        translate(
                            "SameFileGuard",
                            "Already uploaded as {id} on {when}; that File is kept.",
                        ).format(id=earlier.file.id, when=when)
                    )
                self.answered.emit(row, keep)
        finally:
            if self.controller.model.get(row.key) is row and (keep or self._current(row, choice)):
                row.checking = False
                self.controller.model.changed(row.key)
                self.controller.rowChanged.emit(row)
                self.controller.stagingChanged.emit()
                self.controller.jobsChanged.emit()

    async def _earlier(self, row: QueueRow) -> Earlier | None:
        """The earlier upload still on the server, or None (also when that cannot be told:
        then the file is simply uploaded, as if it were new)."""
        from app.engine.reuse import Reuse

        journal = self.services.journal
        if journal is None:
            return None
        try:
            return await Reuse(self.services.browse_client, journal=journal).find_earlier(
                row.path, row.purpose, row.expires_after
            )
        except user_errors() as exc:
            log.info("Could not look up an earlier upload of %s: %s", row.path, exc)
            return None
