"""Parts are hashed as they arrive and become the File as they are, so complete reads and
writes nothing again (issue 14).

The sandbox counts the bytes read at complete (GET /_sandbox/assembly); the full pass still
serves any other order than arrival. Every byte sent is written to disk once.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from sandbox_helpers import KEY, MiB, MultipartStream, pattern_chunks

PART = 4 * MiB
PARTS = 8
WAIT_SECONDS = 60.0


def _stats(sb: Any) -> dict[str, int]:
    with urllib.request.urlopen(f"{sb.root_url}/_sandbox/assembly", timeout=10) as answer:
        stats: dict[str, int] = json.loads(answer.read())
        return stats


def _wait_for_arrival_bytes(sb: Any, expected: int) -> dict[str, int]:
    """Wait on the counter (not the clock): the background assembler has read `expected`."""
    deadline = time.monotonic() + WAIT_SECONDS
    while (stats := _stats(sb))["arrival_bytes"] < expected:
        assert time.monotonic() < deadline, stats
        time.sleep(0.05)
    return stats


def _part_bytes(index: int) -> bytes:
    return b"".join(pattern_chunks(PART, seed=index))


def _http(sb: Any) -> httpx.Client:
    return httpx.Client(
        base_url=sb.base_url + "/", headers={"Authorization": f"Bearer {KEY}"}, timeout=60
    )


def _create(raw: httpx.Client, size: int) -> str:
    body = {"bytes": size, "filename": "big.bin", "purpose": "assistants", "mime_type": "x/y"}
    upload_id: str = raw.post("uploads", json=body).json()["id"]
    return upload_id


def _send(raw: httpx.Client, upload_id: str, index: int) -> str:
    stream = MultipartStream({}, "data", "blob", PART, seed=index)
    answer = raw.post(f"uploads/{upload_id}/parts", content=iter(stream), headers=stream.headers)
    assert answer.status_code == 200, answer.text
    part_id: str = answer.json()["id"]
    return part_id


def _whole_md5(order: list[int]) -> str:
    digest = hashlib.md5()
    for index in order:
        digest.update(_part_bytes(index))
    return digest.hexdigest()


def test_complete_in_arrival_order_reads_no_part_again(sandbox: Callable[..., Any]) -> None:
    sb = sandbox(quiet=True)
    with _http(sb) as raw:
        upload_id = _create(raw, PART * PARTS)
        part_ids = [_send(raw, upload_id, i) for i in range(PARTS)]
        _wait_for_arrival_bytes(sb, PART * PARTS)

        wrong = raw.post(
            f"uploads/{upload_id}/complete", json={"part_ids": part_ids, "md5": "0" * 32}
        )
        assert wrong.status_code == 400 and wrong.json()["error"]["code"] == "md5_mismatch"
        assert _whole_md5(list(range(PARTS))) in wrong.json()["error"]["message"]

        done = raw.post(
            f"uploads/{upload_id}/complete",
            json={"part_ids": part_ids, "md5": _whole_md5(list(range(PARTS)))},
        )
        assert done.status_code == 200, done.text
        stats = _stats(sb)
        assert stats["complete_bytes"] == 0, stats
        assert (stats["arrival_completes"], stats["full_pass_completes"]) == (2, 0)
        assert stats["arrival_bytes"] == PART * PARTS  # each part read once, on arrival

        file_id = done.json()["file"]["id"]
        digest = hashlib.md5()
        with raw.stream("GET", f"files/{file_id}/content") as content:
            for chunk in content.iter_bytes():
                digest.update(chunk)
        assert digest.hexdigest() == _whole_md5(list(range(PARTS)))


def test_another_order_falls_back_to_one_full_pass(sandbox: Callable[..., Any]) -> None:
    sb = sandbox(quiet=True)
    with _http(sb) as raw:
        upload_id = _create(raw, PART * 3)
        sent = {i: _send(raw, upload_id, i) for i in (2, 0, 1)}  # arrival order 2, 0, 1
        _wait_for_arrival_bytes(sb, PART * 3)
        order = [0, 1, 2]
        done = raw.post(
            f"uploads/{upload_id}/complete",
            json={"part_ids": [sent[i] for i in order], "md5": _whole_md5(order)},
        )
        assert done.status_code == 200, done.text
        stats = _stats(sb)
        assert stats["complete_bytes"] == PART * 3, stats
        assert (stats["arrival_completes"], stats["full_pass_completes"]) == (0, 1)
        content = raw.get(f"files/{done.json()['file']['id']}/content").content
        assert hashlib.md5(content).hexdigest() == _whole_md5(order)


def test_a_refused_part_request_does_not_hold_up_the_assembly(
    sandbox: Callable[..., Any],
) -> None:
    """A part request that fails (here: over 64 MB) gives up its place in the arrival order."""
    sb = sandbox(quiet=True)
    with _http(sb) as raw:
        upload_id = _create(raw, PART * 2)
        first = _send(raw, upload_id, 0)
        too_big = MultipartStream({}, "data", "blob", 64 * MiB + 1)
        refused = raw.post(
            f"uploads/{upload_id}/parts", content=iter(too_big), headers=too_big.headers
        )
        assert refused.status_code == 413
        second = _send(raw, upload_id, 1)
        _wait_for_arrival_bytes(sb, PART * 2)
        done = raw.post(
            f"uploads/{upload_id}/complete",
            json={"part_ids": [first, second], "md5": _whole_md5([0, 1])},
        )
        assert done.status_code == 200, done.text
        assert _stats(sb)["complete_bytes"] == 0


def test_cancel_after_arrival_assembly_leaves_nothing_behind(
    sandbox: Callable[..., Any],
) -> None:
    sb = sandbox(quiet=True)
    with _http(sb) as raw:
        upload_id = _create(raw, PART * 2)
        part_ids = [_send(raw, upload_id, i) for i in range(2)]
        _wait_for_arrival_bytes(sb, PART * 2)
        stored = [p for p in (sb.data_dir / "uploads" / upload_id).iterdir() if p.is_file()]
        assert sorted(p.stat().st_size for p in stored) == [PART, PART]  # no copy besides
        assert raw.post(f"uploads/{upload_id}/cancel").json()["status"] == "cancelled"
        assert not (sb.data_dir / "uploads" / upload_id).exists()
        after = raw.post(f"uploads/{upload_id}/complete", json={"part_ids": part_ids})
        assert after.status_code == 400 and "cancelled" in after.json()["error"]["message"]


def _stored_files(sb: Any) -> list[Path]:
    """Every file of bytes in the sandbox's data folder (not its state.json)."""
    return [p for p in sb.data_dir.rglob("*") if p.is_file() and p.name != "state.json"]


def test_completed_file_keeps_the_part_files_and_is_read_as_one(
    sandbox: Callable[..., Any],
) -> None:
    """The File is the part files moved, not a copy: the data folder holds each byte once."""
    sb = sandbox(quiet=True)
    with _http(sb) as raw:
        upload_id = _create(raw, PART * 3)
        part_ids = [_send(raw, upload_id, i) for i in range(3)]
        done = raw.post(f"uploads/{upload_id}/complete", json={"part_ids": part_ids})
        assert done.status_code == 200, done.text
        file_id = done.json()["file"]["id"]
        on_disk = _stored_files(sb)
        assert sum(p.stat().st_size for p in on_disk) == PART * 3, on_disk
        content = raw.get(f"files/{file_id}/content")
        assert content.headers["content-length"] == str(PART * 3)
        assert hashlib.md5(content.content).hexdigest() == _whole_md5([0, 1, 2])
        assert raw.delete(f"files/{file_id}").json()["deleted"] is True
        assert not _stored_files(sb)
