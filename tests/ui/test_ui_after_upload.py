"""After the upload, in the real window against the real sandbox process: "Add to vector
store…" (an existing store found on the second page, a new one, a failing file named, a
store gone meanwhile), "Start batch…" (the SDK sees the Batch with the right endpoint) and
the same-file question both ways."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openai
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from uikit import TEST_KEY, answer_question, drop_files, stage

from app.engine import JobState
from app.ui.dialogs import open_questions

SandboxProc = Any


@pytest.fixture
def box(sandbox: Any) -> SandboxProc:
    return sandbox(quiet=True, processing_delay=0.5, fail_vector_files="broken")


@pytest.fixture
def sdk(box: SandboxProc) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=box.base_url, api_key=TEST_KEY, max_retries=0) as client:
        yield client


def _doc(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_text(f"# {name}\n\n" + "Some words about the product. " * 200)
    return path


def _upload(qtbot: Any, window: Any, files: list[Path], purpose: str) -> list[Any]:
    """Stage ``files`` with ``purpose``, press Upload, wait until all are completed."""
    tab = window.queue_tab
    tab.purpose.set_purpose(purpose)
    stage(qtbot, tab, files)
    qtbot.mouseClick(tab.upload_button, Qt.MouseButton.LeftButton)
    names = {f.name for f in files}
    qtbot.waitUntil(
        lambda: {r.name for r in tab.model.rows() if r.state is JobState.COMPLETED} >= names,
        timeout=30000,
    )
    return [r for r in tab.model.rows() if r.name in names]


def _select_all(window: Any) -> None:
    window.queue_tab.table.setFocus()
    window.queue_tab.table.selectAll()


def _posts(box: SandboxProc, suffix: str) -> list[dict[str, Any]]:
    return [r for r in box.requests() if r["method"] == "POST" and r["path"].endswith(suffix)]


def test_add_two_documents_to_an_existing_store_on_the_second_page(
    qtbot: Any, open_window: Any, box: SandboxProc, sdk: openai.OpenAI, tmp_path: Path
) -> None:
    target = sdk.vector_stores.create(name="product docs")
    for i in range(21):  # newer stores fill the first page (20, newest first)
        sdk.vector_stores.create(name=f"other {i}")
    window = open_window(box.base_url)
    rows = _upload(qtbot, window, [_doc(tmp_path, "a.md"), _doc(tmp_path, "b.md")], "assistants")
    ids = {r.file_id for r in rows}
    _select_all(window)
    commands = window.after_upload
    assert commands.add_to_store.isEnabled() and not commands.start_batch.isEnabled()

    commands.add_to_store.trigger()
    dialog = commands.dialog
    qtbot.waitSignal(dialog.storesLoaded, timeout=10000).wait()
    assert dialog.stores.count() == 20 and dialog.more_button.isVisible()
    assert not dialog.select_store(target.id)  # not on the first page
    with qtbot.waitSignal(dialog.storesLoaded, timeout=10000):
        qtbot.mouseClick(dialog.more_button, Qt.MouseButton.LeftButton)
    assert dialog.stores.count() == 22 and not dialog.more_button.isVisible()
    assert dialog.select_store(target.id)

    statuses: list[str] = []
    dialog.batchUpdated.connect(lambda batch: statuses.append(batch.status))
    with qtbot.waitSignal(dialog.batchFinished, timeout=20000) as finished:
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    final = finished.args[0]
    assert final is not None and final.status == "completed"
    assert statuses[0] == "in_progress" and statuses[-1] == "completed"
    assert dialog.counts.text() == "2 files: 2 completed"
    assert dialog.status.text().startswith("Completed: file batch vsfb_")
    assert (dialog.bar.value(), dialog.bar.maximum()) == (2, 2)
    assert dialog.failures.isHidden()
    assert not dialog.add_button.isEnabled()  # one batch per dialog
    batches = _posts(box, "/file_batches")
    assert len(batches) == 1 and f"/vector_stores/{target.id}/" in batches[0]["path"]
    attached = sdk.vector_stores.files.list(vector_store_id=target.id)
    assert {f.id for f in attached.data} == ids
    assert {f.status for f in attached.data} == {"completed"}
    dialog.reject()


def test_a_new_store_names_the_file_it_failed(
    qtbot: Any, open_window: Any, box: SandboxProc, sdk: openai.OpenAI, tmp_path: Path
) -> None:
    window = open_window(box.base_url)
    files = [_doc(tmp_path, "guide.md"), _doc(tmp_path, "broken-notes.md")]
    _upload(qtbot, window, files, "user_data")
    _select_all(window)
    window.after_upload.add_to_store.trigger()
    dialog = window.after_upload.dialog
    qtbot.waitSignal(dialog.storesLoaded, timeout=10000).wait()
    assert dialog.list_status.text() == "No vector stores yet: name a new one below."
    assert dialog.use_new.isChecked() and not dialog.add_button.isEnabled()
    qtbot.keyClicks(dialog.new_name, "team docs")
    assert dialog.add_button.isEnabled()
    with qtbot.waitSignal(dialog.batchFinished, timeout=20000) as finished:
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert finished.args[0] is not None
    assert dialog.counts.text() == "2 files: 1 completed, 1 failed"
    assert dialog.failures.count() == 1
    failure = dialog.failures.item(0).text()
    assert failure.startswith("broken-notes.md: ") and len(failure) > len("broken-notes.md: ")
    stores = sdk.vector_stores.list().data
    assert [s.name for s in stores] == ["team docs"]
    assert stores[0].file_counts.failed == 1 and stores[0].file_counts.completed == 1
    dialog.reject()


def test_a_store_gone_meanwhile_is_said_plainly_and_another_can_be_chosen(
    qtbot: Any, open_window: Any, box: SandboxProc, sdk: openai.OpenAI, tmp_path: Path
) -> None:
    gone = sdk.vector_stores.create(name="old docs")
    window = open_window(box.base_url)
    _upload(qtbot, window, [_doc(tmp_path, "c.md")], "assistants")
    _select_all(window)
    window.after_upload.add_to_store.trigger()
    dialog = window.after_upload.dialog
    qtbot.waitSignal(dialog.storesLoaded, timeout=10000).wait()
    assert dialog.select_store(gone.id)
    # Deleted elsewhere between listing and adding: the server answers 404 for the batch.
    message = f"No vector store found with id '{gone.id}'."
    box.set_faults(script=[{"method": "POST", "path_regex": "/file_batches$", "status": 404,
                            "message": message}])  # fmt: skip
    with qtbot.waitSignal(dialog.batchFinished, timeout=20000) as finished:
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    assert finished.args[0] is None
    text = dialog.status.text()
    assert text.startswith("The files were not added: ") and message in text
    assert "Traceback" not in text and "Something unexpected" not in text
    assert dialog.add_button.isEnabled() and dialog.stores.isEnabled()  # try another store
    assert sdk.vector_stores.files.list(vector_store_id=gone.id).data == []
    with qtbot.waitSignal(dialog.batchFinished, timeout=20000) as finished:
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)  # the rule was used up
    assert finished.args[0] is not None and dialog.counts.text() == "1 file: 1 completed"
    dialog.reject()


def _batch_file(folder: Path) -> Path:
    path = folder / "requests.jsonl"
    lines = [
        {
            "custom_id": f"r{i}",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": f"Hi {i}"}]},
        }
        for i in range(3)
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


def test_start_a_batch_from_a_completed_batch_file(
    qtbot: Any, open_window: Any, box: SandboxProc, sdk: openai.OpenAI, tmp_path: Path
) -> None:
    window = open_window(box.base_url)
    (row,) = _upload(qtbot, window, [_batch_file(tmp_path)], "batch")
    _select_all(window)
    commands = window.after_upload
    assert commands.start_batch.isEnabled() and not commands.add_to_store.isEnabled()
    assert commands.start_batch in window.queue_tab.table.actions()  # in the context menu
    commands.start_batch.trigger()
    dialog = commands.dialog
    assert not dialog.copy_button.isEnabled()
    with qtbot.waitSignal(dialog.batchChanged, timeout=15000) as changed:
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    batch = changed.args[0]
    assert dialog.batch_id.text() == batch.id and batch.id.startswith("batch_")
    assert dialog.endpoint.text() == "/v1/chat/completions"
    assert dialog.status.text() != "Not started yet."
    seen = sdk.batches.retrieve(batch.id)
    assert seen.endpoint == "/v1/chat/completions"
    assert seen.input_file_id == row.file_id and seen.completion_window == "24h"
    assert len(_posts(box, "/batches")) == 1
    assert dialog.copy_id() == batch.id
    assert QGuiApplication.clipboard().text() == batch.id
    with qtbot.waitSignal(dialog.batchChanged, timeout=15000):
        qtbot.mouseClick(dialog.refresh_button, Qt.MouseButton.LeftButton)
    dialog.reject()

    # History offers the same for the same file.
    with qtbot.waitSignal(window.history_tab.loaded, timeout=10000):
        window.tabs.setCurrentIndex(2)
    window.history_tab.table.selectRow(0)
    chosen = commands.batch_file()
    assert chosen is not None and chosen.file_id == row.file_id
    assert commands.start_batch.isEnabled()
    assert commands.start_batch in window.history_tab.table.actions()


def test_starting_a_batch_from_a_file_that_is_no_batch_file_says_why(
    qtbot: Any, open_window: Any, box: SandboxProc, tmp_path: Path
) -> None:
    from app.ui.batch_dialog import StartBatchDialog
    from app.ui.vector_store_dialog import UploadedFile

    window = open_window(box.base_url)
    (doc,) = _upload(qtbot, window, [_doc(tmp_path, "d.md")], "assistants")
    # Offered as a batch file (a stale listing could): the server's purpose decides.
    offered = UploadedFile(doc.file_id, "d.md", "batch")
    dialog = StartBatchDialog(window.services, window.tasks, offered, window)
    dialog.open()
    with qtbot.waitSignal(dialog.problem, timeout=15000) as problem:
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert problem.args[0] == (
        f"{doc.file_id} (d.md) was uploaded with purpose assistants; a Batch needs a file "
        "uploaded with purpose batch."
    )
    assert dialog.status.text() == "Not started: " + problem.args[0]
    assert dialog.start_button.isEnabled() and dialog.batch_id.text() == "—"
    assert _posts(box, "/batches") == []
    dialog.reject()
    dialog.deleteLater()


def _question_text(qtbot: Any) -> str:
    qtbot.waitUntil(lambda: bool(open_questions()), timeout=10000)
    return str(open_questions()[-1].text())


def _server_files(sdk: openai.OpenAI) -> list[str]:
    return sorted(f.id for f in sdk.files.list().data)


def test_same_file_twice_asks_and_keeps_one_file_or_uploads_a_second(
    qtbot: Any, open_window: Any, box: SandboxProc, sdk: openai.OpenAI, tmp_path: Path
) -> None:
    window = open_window(box.base_url)
    tab = window.queue_tab
    path = _doc(tmp_path, "notes.md")
    (first,) = _upload(qtbot, window, [path], "assistants")
    earlier = first.file_id
    tab.controller.remove([first])

    # "No": the row shows the earlier File as completed; nothing is uploaded.
    assert drop_files(tab.drop_area, [path])
    text = _question_text(qtbot)
    assert text.startswith(f"notes.md was already uploaded as {earlier} on ")
    assert text.endswith(" — upload again?")
    assert tab.staged_rows()[0].checking  # held back from Upload while asking
    answer_question(qtbot, "No")
    qtbot.waitUntil(lambda: tab.model.rows()[0].file_id == earlier, timeout=5000)
    kept = tab.model.rows()[0]
    assert kept.state is JobState.COMPLETED and not kept.is_staged and not kept.checking
    assert kept.status_text() == "Done (already uploaded)"
    assert tab.staged_rows() == [] and not tab.upload_button.isEnabled()
    tab.select_key(kept.key)
    assert tab.details.file_id.text() == earlier
    assert window.after_upload.vector_files()[0].file_id == earlier  # usable like any upload
    assert _server_files(sdk) == [earlier]
    tab.controller.remove([kept])
    assert tab.model.rows() == []

    # "Upload again": a new copy, a second File.
    assert drop_files(tab.drop_area, [path])
    _question_text(qtbot)
    answer_question(qtbot, "Upload again")
    qtbot.waitUntil(
        lambda: len(tab.staged_rows()) == 1 and not tab.staged_rows()[0].checking, timeout=5000
    )
    qtbot.mouseClick(tab.upload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: bool(tab.model.rows()) and tab.model.rows()[0].state is JobState.COMPLETED,
        timeout=30000,
    )
    again = tab.model.rows()[0].file_id
    assert again is not None and again != earlier
    assert _server_files(sdk) == sorted([earlier, again])

    # The newest earlier File deleted on the server: no question, a plain new upload.
    sdk.files.delete(again)
    tab.controller.clear_finished()
    stage(qtbot, tab, [path])
    assert open_questions() == [] and len(tab.staged_rows()) == 1
