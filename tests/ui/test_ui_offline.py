"""The window when the network drops mid-upload: the real window, the fault proxy
(tests/netfault) in front of the real sandbox process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from netfault.proxy import DOWN, FaultProxy
from PySide6.QtNetwork import QNetworkInformation
from uikit import make_file, part_posts, stage, write_prefs

from app.engine import JobState

MiB = 1024 * 1024
WAITING = "Waiting for the network"


@pytest.fixture
def behind_proxy(sandbox: Any) -> Iterator[tuple[Any, FaultProxy]]:
    box = sandbox()
    with FaultProxy.for_url(box.base_url) as proxy:
        yield box, proxy


def _start_upload(qtbot: Any, window: Any, tmp_path: Path, size: int) -> Any:
    tab = window.queue_tab
    stage(qtbot, tab, [make_file(tmp_path, "big.txt", size)])
    tab.upload_button.click()
    qtbot.waitUntil(lambda: not tab.staged_rows(), timeout=10000)
    return tab.model.rows()[0]


def _uploads(box: Any) -> list[dict[str, Any]]:
    return [r for r in box.requests() if r["method"] == "POST" and r["path"] == "/v1/uploads"]


def test_network_drop_mid_upload_shows_waiting_and_resumes_by_itself(
    qtbot: Any, open_window: Any, behind_proxy: tuple[Any, FaultProxy], tmp_path: Path
) -> None:
    box, proxy = behind_proxy
    write_prefs(concurrency=2, part_size=4 * MiB)
    window = open_window(proxy.base_url)
    proxy.set_mode_when(lambda s: s.bytes_up >= 9 * MiB, DOWN)
    row = _start_upload(qtbot, window, tmp_path, 20 * MiB)

    qtbot.waitUntil(lambda: row.state is JobState.WAITING_FOR_NETWORK, timeout=30000)
    assert row.status_text() == WAITING
    label = window.network_label
    qtbot.waitUntil(lambda: label.text().startswith(f"{WAITING} since"), timeout=5000)
    assert label.isVisible()
    assert f"{row.snapshot.parts_done} of 5 parts are safe" in label.text()
    upload_id = row.snapshot.upload_id

    proxy.come_up()  # nothing else: the engine's probe finds the server again
    qtbot.waitUntil(lambda: row.state is JobState.COMPLETED, timeout=60000)
    assert not label.isVisible()
    assert row.snapshot.upload_id == upload_id and len(_uploads(box)) == 1
    assert len([r for r in part_posts(box.requests()) if r["status"] == 200]) <= 5 + 2


def test_the_os_saying_the_link_is_back_probes_at_once(
    qtbot: Any, open_window: Any, behind_proxy: tuple[Any, FaultProxy], tmp_path: Path
) -> None:
    """QNetworkInformation's reachabilityChanged cannot be provoked from a test (no link to
    pull), so the test calls the slot it is connected to, as the signal would."""
    box, proxy = behind_proxy
    write_prefs(concurrency=2, part_size=4 * MiB)
    window = open_window(proxy.base_url)
    window.services.engine.services.network.delays = (3600.0,)  # no probe but the OS's
    proxy.go_down()
    row = _start_upload(qtbot, window, tmp_path, 8 * MiB)
    qtbot.waitUntil(lambda: row.state is JobState.WAITING_FOR_NETWORK, timeout=30000)

    proxy.come_up()
    window.bridge.link_watch.reachability_changed(QNetworkInformation.Reachability.Online)
    qtbot.waitUntil(lambda: row.state is JobState.COMPLETED, timeout=60000)
    assert window.bridge.link_watch.link_ups == 1 and len(_uploads(box)) == 1
