"""A damaged journal at start-up: the window says it was moved aside, once, and works on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from uikit import answer_question

from app.settings import state_dirs
from app.ui.dialogs import open_questions


@pytest.mark.expected_log(r"^The journal was damaged", logger="hoist.ui")  # on purpose
def test_a_damaged_journal_is_told_once_and_the_window_works_on(
    qtbot: Any, open_window: Any, sandbox: Any
) -> None:
    journal = state_dirs().data / "journal.sqlite3"
    journal.parent.mkdir(parents=True, exist_ok=True)
    journal.write_bytes(b"this is not a database " * 100)
    window = open_window(sandbox().base_url)

    qtbot.waitUntil(lambda: bool(open_questions()), timeout=10000)
    box = open_questions()[-1]
    assert box.windowTitle() == "Upload journal replaced"
    assert "could not be read" in box.text()
    (aside,) = Path(journal.parent).glob("journal.corrupt-*.sqlite3")
    assert str(aside) in box.informativeText()
    assert "cannot be resumed" in box.informativeText()
    answer_question(qtbot, "OK")
    qtbot.waitUntil(lambda: not open_questions())

    assert window.services.journal is not None and window.services.journal.notice is None
    assert window.services.engine is not None  # connected on the fresh journal
    window.lifecycle._tell_journal_notice()  # a second look says nothing more
    assert not open_questions()
