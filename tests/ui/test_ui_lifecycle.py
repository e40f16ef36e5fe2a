"""Quitting mid-upload and coming back, the second launch handing over its files,
`hoist --sandbox`, and the bridge's throttling."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication
from uikit import answer_question, make_file, part_posts, stage, write_prefs

from app.engine import JobState
from app.secrets import KeyStore
from app.settings import Settings
from app.ui.bridge import EngineBridge
from app.ui.single_instance import InstanceServer

MiB = 1024 * 1024
REPO = Path(__file__).resolve().parents[2]


def test_quit_mid_upload_then_start_again_resumes_only_missing_parts(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path
) -> None:
    sb = sandbox(throughput=1_500_000)
    write_prefs(concurrency=2)
    first = open_window(sb.base_url)
    tab = first.queue_tab
    stage(qtbot, tab, [make_file(tmp_path, "long.txt", 16 * MiB)])  # 4 parts
    tab.upload_button.click()
    qtbot.waitUntil(
        lambda: (r := tab.model.rows()[0]).snapshot is not None and r.snapshot.parts_done >= 1,
        timeout=30000,
    )
    first.close()  # the window asks first
    answer_question(qtbot, "Pause and quit")
    with qtbot.waitSignal(first.shutdownFinished, timeout=15000):
        pass
    before = tab.model.rows()[0].snapshot
    assert before.state is JobState.PAUSED
    done = before.parts_done
    assert 1 <= done < 4

    sb.reset_log()
    second = open_window(sb.base_url)
    rows = second.queue_tab.model.rows()
    assert len(rows) == 1
    row = rows[0]
    assert row.state is JobState.PAUSED and row.snapshot.parts_done == done
    assert row.snapshot.upload_id == before.upload_id
    assert "ready to resume" in second.statusBar().currentMessage()
    second.queue_tab.select_key(row.key)
    second.commands.resume.trigger()
    qtbot.waitUntil(lambda: row.state is JobState.COMPLETED, timeout=60000)
    log = sb.requests()
    assert len(part_posts(log)) == 4 - done
    assert not [r for r in log if r["method"] == "POST" and r["path"] == "/v1/uploads"]


def test_quit_can_be_declined(qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path) -> None:
    sb = sandbox(throughput=1_000_000)
    write_prefs()
    window = open_window(sb.base_url)
    stage(qtbot, window.queue_tab, [make_file(tmp_path, "keep.txt", 8 * MiB)])
    window.queue_tab.upload_button.click()
    qtbot.waitUntil(lambda: bool(window.active_jobs()), timeout=10000)
    window.close()
    answer_question(qtbot, "Keep uploading")
    qtbot.waitUntil(lambda: window.tasks.running == 0)  # the quit task took the answer
    assert window.isVisible() and not window._closed
    assert window.active_jobs()


def test_a_second_launch_hands_its_files_to_the_open_window(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path
) -> None:
    sb = sandbox()
    window = open_window(sb.base_url)
    server = InstanceServer()
    assert server.listen()
    server.filesReceived.connect(window.receive_files)
    try:
        handed = make_file(tmp_path, "from-second-launch.txt", 1000)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        process = subprocess.Popen(
            [sys.executable, "-m", "app", str(handed)],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=30000)
        out, err = process.communicate()
        assert process.returncode == 0, err
        assert "already open" in out
        qtbot.waitUntil(lambda: window.queue_tab.model.get_by_name(handed.name) is not None)
    finally:
        server.close()


def test_files_macos_opens_in_the_running_app_join_the_queue(
    qtbot: Any, open_window: Any, run: Any, sandbox: Any, tmp_path: Path
) -> None:
    """ "Open with Hoist" / a drop on the Dock icon arrive as QFileOpenEvents on the
    application; the window installs the filter itself, as when run_app builds it."""
    window = open_window(sandbox().base_url)
    app = QApplication.instance()
    by_path = make_file(tmp_path, "opened-by-path.txt", 1000)
    by_url = make_file(tmp_path, "opened-by-url.txt", 1000, seed=2)

    assert QApplication.sendEvent(app, QFileOpenEvent(str(by_path)))
    assert QApplication.sendEvent(app, QFileOpenEvent(QUrl.fromLocalFile(str(by_url))))
    model = window.queue_tab.model
    qtbot.waitUntil(lambda: {r.name for r in model.rows()} == {by_path.name, by_url.name})
    assert {r.path for r in model.rows()} == {by_path, by_url}
    assert window.tabs.currentIndex() == 0

    # Once the window has shut down, the application no longer swallows the event.
    run(window.shutdown())
    late = make_file(tmp_path, "after-quit.txt", 10)
    assert not QApplication.sendEvent(app, QFileOpenEvent(str(late)))
    assert model.get_by_name(late.name) is None


def test_sandbox_mode_needs_no_key_and_saves_no_profile(
    qtbot: Any, open_window: Any, tmp_path: Path
) -> None:
    window = open_window(None, sandbox_mode=True)
    assert window.services.settings.active_profile == "Sandbox"
    assert window.services.connection is not None
    assert window.services.connection.base_url.startswith("http://127.0.0.1:")
    assert "Sandbox" in window.profile_label.text()
    tab = window.queue_tab
    stage(qtbot, tab, [make_file(tmp_path, "try-me.txt", 2000)])
    tab.upload_button.click()
    qtbot.waitUntil(lambda: tab.model.rows()[0].file_id is not None, timeout=20000)
    saved = json.loads(Settings.path().read_text()) if Settings.path().exists() else {}
    assert "Sandbox" not in json.dumps(saved)
    store = KeyStore.shared()
    if store.persistent:  # the throwaway key lives in memory only
        assert store._backend.get_password("hoist", "Sandbox") is None


def test_bridge_coalesces_progress_into_few_updates(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path
) -> None:
    sb = sandbox(throughput=2_000_000)
    write_prefs()
    window = open_window(sb.base_url)
    engine = window.services.engine
    slow = EngineBridge(engine, interval_ms=60_000)  # its timer never fires in this test
    updates: list[list[Any]] = []
    slow.jobsUpdated.connect(updates.append)
    tab = window.queue_tab
    stage(qtbot, tab, [make_file(tmp_path, "busy.txt", 12 * MiB)])
    tab.upload_button.click()
    qtbot.waitUntil(lambda: slow.events_seen > 40, timeout=30000)
    assert window.services.engine.snapshot(tab.model.rows()[0].key).state is JobState.UPLOADING
    assert updates == []  # dozens of events, not one repaint yet
    qtbot.waitUntil(lambda: tab.model.rows()[0].state is JobState.COMPLETED, timeout=60000)
    assert len(updates) <= 3  # flushed once when the job finished (plus the queue end)
    assert updates[-1][-1].state is JobState.COMPLETED
    slow.close()


def test_shutdown_cancels_and_awaits_the_windows_tasks(
    qtbot: Any, open_window: Any, run: Any, sandbox: Any
) -> None:
    sb = sandbox()
    window = open_window(sb.base_url)
    tab = window.server_tab
    sb.set_faults(latency=60)  # the list never answers in this test's time
    loads: list[None] = []
    tab.loaded.connect(lambda: loads.append(None))
    window.commands.show_server.trigger()
    qtbot.waitUntil(lambda: any(r["path"].endswith("/files") for r in sb.requests()), timeout=10000)
    assert window.tasks.running == 1

    run(window.shutdown())

    assert window.tasks.running == 0  # cancelled and awaited, not left to the closing loop
    assert loads == [] and tab.status.text() == "Loading…"  # it stopped; it did not fail
    assert window._closed
