"""The "On the server" tab against the sandbox: list, filter, search, page, download, delete."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit
from uikit import TEST_KEY, answer_question, make_file, sandbox_get

import app.ui.server_tab as server_tab
from app.api import ClientConfig, FilesClient


async def _upload(base_url: str, files: list[tuple[Path, str]]) -> list[str]:
    async with FilesClient(ClientConfig(base_url=base_url, api_key=TEST_KEY)) as client:
        return [(await client.create_file(path, purpose)).id for path, purpose in files]


def _wait_loaded(qtbot: Any, tab: Any, action: Any) -> None:
    with qtbot.waitSignal(tab.loaded, timeout=15000):
        action()


def test_server_tab_lists_filters_pages_downloads_and_deletes(
    qtbot: Any,
    run: Any,
    open_window: Any,
    sandbox: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sb = sandbox()
    sources = [
        (make_file(tmp_path, "alpha-notes.txt", 3000, seed=1), "user_data"),
        (make_file(tmp_path, "beta-manual.txt", 4000, seed=2), "assistants"),
        (make_file(tmp_path, "gamma-notes.txt", 5000, seed=3), "user_data"),
    ]
    ids = run(_upload(sb.base_url, sources))
    monkeypatch.setattr(server_tab, "PAGE_SIZE", 2)
    window = open_window(sb.base_url)
    tab = window.server_tab

    _wait_loaded(qtbot, tab, window.commands.show_server.trigger)
    assert len(tab.model.files) == 2 and tab.more_button.isVisibleTo(tab)
    _wait_loaded(qtbot, tab, tab.more_button.click)
    assert sorted(f.id for f in tab.model.files) == sorted(ids)
    assert not tab.more_button.isVisibleTo(tab)
    assert tab.status.text() == "3 files listed."

    assistants = tab.purpose.findData("assistants")
    _wait_loaded(qtbot, tab, lambda: tab.purpose.setCurrentIndex(assistants))
    assert [f.filename for f in tab.model.files] == ["beta-manual.txt"]
    _wait_loaded(qtbot, tab, lambda: tab.purpose.setCurrentIndex(0))
    _wait_loaded(qtbot, tab, tab.more_button.click)
    qtbot.keyClicks(tab.search, "NOTES")
    assert tab.proxy.rowCount() == 2
    tab.search.clear()
    assert tab.proxy.rowCount() == 3

    # Download the first row through the save dialog.
    tab.table.selectRow(0)
    chosen = tab.selected_files()[0]
    target = tmp_path / "downloaded.bin"
    tab.download_button.click()
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, QFileDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
        )
    )
    dialog = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, QFileDialog) and w.isVisible()
    )
    name_field = dialog.findChild(QLineEdit, "fileNameEdit")  # typed, as a user would
    name_field.setText(str(target))
    dialog.accept()
    qtbot.waitUntil(
        lambda: target.exists() and target.stat().st_size == chosen.bytes, timeout=10000
    )
    source = next(p for p, _ in sources if p.name == chosen.filename)
    assert target.read_bytes() == source.read_bytes()

    # Delete the first row, after confirming.
    tab.table.selectRow(0)
    doomed = tab.selected_files()[0]
    tab.delete_button.click()
    answer_question(qtbot, "Delete")
    qtbot.waitUntil(lambda: doomed.id not in {f.id for f in tab.model.files}, timeout=10000)
    assert sandbox_get(sb.base_url, f"/files/{doomed.id}")[0] == 404
    assert len(tab.model.files) == 2

    # Cancelling the confirmation deletes nothing.
    tab.table.selectRow(0)
    kept = tab.selected_files()[0]
    tab.delete_button.click()
    answer_question(qtbot, "Cancel")
    qtbot.waitUntil(lambda: window.tasks.running == 0)  # the delete task has finished
    assert sandbox_get(sb.base_url, f"/files/{kept.id}")[0] == 200
    assert not [r for r in sb.requests() if r["method"] == "DELETE" and kept.id in r["path"]]


def _list_requests(sb: Any) -> list[dict[str, Any]]:
    return [r for r in sb.requests() if r["method"] == "GET" and r["path"].endswith("/files")]


def test_changing_the_filter_mid_load_shows_the_new_filter(
    qtbot: Any, open_window: Any, run: Any, sandbox: Any, tmp_path: Path
) -> None:
    """A reload cancels the load still running instead of being skipped while it runs."""
    sb = sandbox()
    run(
        _upload(
            sb.base_url,
            [
                (make_file(tmp_path, "alpha.txt", 3000, seed=1), "user_data"),
                (make_file(tmp_path, "beta.txt", 4000, seed=2), "assistants"),
            ],
        )
    )
    window = open_window(sb.base_url)
    tab = window.server_tab
    sb.set_faults(latency=1.0)  # every answer takes a second: the first list is still out
    sb.reset_log()
    loads: list[None] = []
    tab.loaded.connect(lambda: loads.append(None))

    window.commands.show_server.trigger()
    qtbot.waitUntil(lambda: bool(_list_requests(sb)), timeout=10000)  # at the server now
    with qtbot.waitSignal(tab.loaded, timeout=15000):
        tab.purpose.setCurrentIndex(tab.purpose.findData("assistants"))
    qtbot.waitUntil(lambda: window.tasks.running == 0)  # nothing left that could overwrite it

    assert [f.filename for f in tab.model.files] == ["beta.txt"]
    assert tab.status.text() == "1 file listed."
    assert len(loads) == 1  # the cancelled load never reported
    assert [r["query"] for r in _list_requests(sb)][-1].count("purpose=assistants") == 1
