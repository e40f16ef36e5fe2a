"""The queue, driven through the real window against the real sandbox process."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from uikit import (
    answer_question,
    drop_files,
    make_file,
    part_posts,
    sandbox_get,
    stage,
    write_prefs,
)

from app.engine import JobSnapshot, JobState, PartState
from app.ui.pickers import DAY

MiB = 1024 * 1024


def _rows_done(window: Any, n: int) -> bool:
    rows = window.queue_tab.model.rows()
    return len(rows) == n and all(r.state is JobState.COMPLETED for r in rows)


def _start_two(qtbot: Any, window: Any, tmp_path: Path, sizes: tuple[int, int]) -> list[Path]:
    files = [make_file(tmp_path, f"notes-{i}.txt", size, seed=i) for i, size in enumerate(sizes)]
    tab = window.queue_tab
    assert drop_files(tab.drop_area, files)
    qtbot.waitUntil(
        lambda: len(tab.staged_rows()) == 2 and not any(r.checking for r in tab.staged_rows()),
        timeout=10000,
    )
    assert tab.drop_area.status.text() == "Added 2 files."
    qtbot.mouseClick(tab.upload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not tab.staged_rows(), timeout=10000)
    return files


def test_drop_two_files_choose_purpose_and_expiry_and_upload(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path
) -> None:
    # Parts bigger than what the loopback socket buffers swallow at once, so the bar is
    # caught mid-part; the small file goes as one POST /files.
    sb = sandbox(throughput=3_000_000)
    write_prefs(part_size=12 * MiB)
    window = open_window(sb.base_url)
    tab = window.queue_tab
    tab.purpose.set_purpose("assistants")
    tab.expiry.combo.setCurrentText("7 days")
    seen: list[list[JobSnapshot]] = []
    window.bridge.jobsUpdated.connect(seen.append)

    files = _start_two(qtbot, window, tmp_path, (26 * MiB, 3 * MiB))
    qtbot.waitUntil(lambda: _rows_done(window, 2), timeout=60000)

    # The bar moved part by part: a moment with some parts done and others still going,
    # and a part caught mid-way (its fill between 0 and 1).
    snaps = [s for batch in seen for s in batch]
    assert any(
        {p.state for p in s.parts} >= {PartState.DONE}
        and any(p.state is not PartState.DONE for p in s.parts)
        for s in snaps
    )
    assert any(
        0 < p.bytes_sent < p.length and p.state is PartState.SENDING for s in snaps for p in s.parts
    )
    assert window.bridge.flushes < window.bridge.events_seen  # throttled
    for row, path in zip(tab.model.rows(), files, strict=True):
        assert len(row.segments()) == (3 if path.stat().st_size == 26 * MiB else 1)
        assert all(seg.state is PartState.DONE for seg in row.segments())
        status, body = sandbox_get(sb.base_url, f"/files/{row.file_id}")
        assert status == 200
        assert body["bytes"] == path.stat().st_size and body["filename"] == path.name
        assert body["purpose"] == "assistants"
        assert body["expires_at"] - body["created_at"] == 7 * DAY
        assert row.status_text() == "Done"


def test_pause_sends_nothing_and_resume_finishes_the_same_upload(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path
) -> None:
    sb = sandbox(throughput=2_000_000)
    write_prefs(concurrency=2)
    window = open_window(sb.base_url)
    tab = window.queue_tab
    stage(qtbot, tab, [make_file(tmp_path, "big.txt", 16 * MiB)])
    tab.upload_button.click()
    qtbot.waitUntil(
        lambda: (r := tab.model.rows()[0]).snapshot is not None and r.snapshot.parts_done >= 1,
        timeout=30000,
    )
    row = tab.model.rows()[0]
    upload_id = row.snapshot.upload_id
    tab.select_key(row.key)
    window.commands.pause.trigger()
    qtbot.waitUntil(lambda: row.state is JobState.PAUSED, timeout=10000)
    assert row.status_text().startswith("Paused at")
    done_before = row.snapshot.parts_done
    engine = window.services.engine
    qtbot.waitUntil(lambda: engine.requests_in_flight == 0, timeout=10000)
    qtbot.waitUntil(lambda: all(r["done"] for r in sb.requests()), timeout=10000)
    sb.reset_log()
    assert sb.requests() == []  # nothing reaches the server while paused
    assert row.snapshot.parts_done == done_before  # and nothing finished after the pause
    assert window.commands.resume.isEnabled() and not window.commands.pause.isEnabled()

    window.commands.resume.trigger()
    qtbot.waitUntil(lambda: row.state is JobState.COMPLETED, timeout=60000)
    assert row.snapshot.upload_id == upload_id
    log = sb.requests()
    assert not [r for r in log if r["method"] == "POST" and r["path"].endswith("/uploads")]
    assert len(part_posts(log)) == 4 - done_before  # only the missing parts went
    assert any(r["path"] == f"/v1/uploads/{upload_id}/complete" for r in log)


def test_injected_failure_shows_retrying_then_completes(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path
) -> None:
    sb = sandbox()
    sb.set_faults(
        script=[
            {
                "method": "POST",
                "path_regex": "/parts$",
                "status": 503,
                "times": 2,
                "message": "Try again later",
            }
        ]
    )
    write_prefs()
    window = open_window(sb.base_url)
    tab = window.queue_tab
    retries: list[tuple[str, int, str]] = []
    window.bridge.partRetrying.connect(lambda *args: retries.append(args))
    statuses: list[str] = []
    tab.model.dataChanged.connect(
        lambda *_: statuses.extend(r.status_text() for r in tab.model.rows())
    )
    stage(qtbot, tab, [make_file(tmp_path, "flaky.txt", 8 * MiB)])
    tab.upload_button.click()
    qtbot.waitUntil(lambda: _rows_done(window, 1), timeout=60000)
    assert retries, "no part was shown as retrying"
    assert any(s.startswith("Retrying") for s in statuses)
    row = tab.model.rows()[0]
    assert max(p.attempts for p in row.snapshot.parts) >= 2


def test_permanent_failure_shows_the_server_message_and_retry_works(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path
) -> None:
    sb = sandbox()
    sb.set_faults(
        script=[
            {
                "method": "POST",
                "path_regex": "/parts$",
                "status": 400,
                "times": 1,
                "message": "This part was refused by the test.",
            }
        ]
    )
    write_prefs(concurrency=1)
    window = open_window(sb.base_url)
    tab = window.queue_tab
    stage(qtbot, tab, [make_file(tmp_path, "refused.txt", 8 * MiB)])
    tab.upload_button.click()
    qtbot.waitUntil(lambda: tab.model.rows()[0].state is JobState.FAILED, timeout=30000)
    row = tab.model.rows()[0]
    assert "This part was refused by the test." in row.status_text()
    title, text = window.notifier.sent[0]
    assert title == "Upload failed: refused.txt"
    assert text.startswith("This part was refused by the test.")
    tab.select_key(row.key)
    assert window.commands.retry.isEnabled()
    window.commands.retry.trigger()
    qtbot.waitUntil(lambda: row.state is JobState.COMPLETED, timeout=30000)
    assert sandbox_get(sb.base_url, f"/files/{row.file_id}")[0] == 200


def test_cancel_reaches_the_server_and_copy_id_fills_the_clipboard(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path
) -> None:
    sb = sandbox(throughput=1_500_000)
    write_prefs()
    window = open_window(sb.base_url)
    tab = window.queue_tab
    small = make_file(tmp_path, "small.txt", 300_000)
    big = make_file(tmp_path, "big.txt", 12 * MiB, seed=2)
    stage(qtbot, tab, [small, big])
    tab.upload_button.click()
    qtbot.waitUntil(
        lambda: (
            (r := tab.model.get_by_name("big.txt")) is not None
            and r.snapshot is not None
            and r.snapshot.upload_id is not None
        ),
        timeout=20000,
    )
    big_row = tab.model.get_by_name("big.txt")
    upload_id = big_row.snapshot.upload_id
    tab.select_key(big_row.key)
    window.commands.cancel.trigger()
    answer_question(qtbot, "Cancel upload")  # it asks first
    qtbot.waitUntil(lambda: big_row.state is JobState.CANCELLED, timeout=10000)
    qtbot.waitUntil(
        lambda: any(r["path"] == f"/v1/uploads/{upload_id}/cancel" for r in sb.requests()),
        timeout=10000,
    )

    small_row = tab.model.get_by_name("small.txt")
    qtbot.waitUntil(lambda: small_row.state is JobState.COMPLETED, timeout=30000)
    tab.select_key(small_row.key)
    QApplication.clipboard().clear()
    window.commands.copy_id.trigger()
    assert QApplication.clipboard().text() == small_row.file_id
    assert small_row.file_id.startswith("file-")
