"""Big bodies: memory stays flat in the sandbox, and big files come back byte-identical."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest
from sandbox_helpers import KEY, MultipartStream, pattern_chunks, write_pattern_file

MiB = 1024 * 1024
PART = 64 * MiB
PARTS = 16  # 1 GiB in all
PEAK_RSS_LIMIT_MB = 150

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the most resident memory the process ever had."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM line")


def _send_parts(base_url: str, upload_id: str) -> list[str]:
    """Send the 16 parts, four at a time, each streamed from a generator."""

    def send(index: int) -> str:
        body = MultipartStream({}, "data", "blob", PART, seed=index)
        headers = {"Authorization": f"Bearer {KEY}", **body.headers}
        response = httpx.post(
            f"{base_url}/uploads/{upload_id}/parts",
            content=iter(body),
            headers=headers,
            timeout=120,
        )
        assert response.status_code == 200, response.text
        part_id: str = response.json()["id"]
        return part_id

    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(send, range(PARTS)))


@linux_only
def test_one_gigabyte_keeps_the_sandbox_small(sandbox: Callable[..., Any]) -> None:
    proc = sandbox(quiet=True)
    auth = {"Authorization": f"Bearer {KEY}"}
    with httpx.Client(base_url=proc.base_url + "/", headers=auth, timeout=120) as http:
        # A 300 MB POST /files, streamed.
        direct = MultipartStream({"purpose": "user_data"}, "file", "direct.bin", 300 * MiB)
        created = http.post("files", content=iter(direct), headers=direct.headers)
        assert created.status_code == 200 and created.json()["bytes"] == 300 * MiB

        # 1 GiB through the Uploads API: 16 parts of 64 MiB, four in flight at once.
        upload = http.post(
            "uploads",
            json={
                "bytes": PART * PARTS,
                "filename": "big.bin",
                "purpose": "assistants",
                "mime_type": "x/y",
            },
        ).json()
        part_ids = _send_parts(proc.base_url, upload["id"])
        digest = hashlib.md5()
        for index in range(PARTS):
            for piece in pattern_chunks(PART, seed=index):
                digest.update(piece)
        done = http.post(
            f"uploads/{upload['id']}/complete",
            json={"part_ids": part_ids, "md5": digest.hexdigest()},
        )
        assert done.status_code == 200, done.text
        file_id = done.json()["file"]["id"]

        # And back down, streamed (the md5 check above already proved the bytes).
        size = 0
        with http.stream("GET", f"files/{file_id}/content") as response:
            assert response.status_code == 200
            for chunk in response.iter_raw():
                size += len(chunk)
        assert size == PART * PARTS

    assert peak_rss_mb(proc.pid) < PEAK_RSS_LIMIT_MB


def test_200_mb_upload_file_chunked_comes_back_identical(
    client: openai.OpenAI, tmp_path: Path
) -> None:
    path = tmp_path / "train.jsonl"
    md5 = write_pattern_file(path, 200 * MiB, seed=42)
    upload = client.uploads.upload_file_chunked(
        file=path, mime_type="text/jsonl", purpose="fine-tune", md5=md5
    )
    assert upload.status == "completed" and upload.file is not None
    assert upload.file.bytes == 200 * MiB

    digest = hashlib.md5()
    with client.files.with_streaming_response.content(upload.file.id) as response:
        for chunk in response.iter_bytes(MiB):
            digest.update(chunk)
    assert digest.hexdigest() == md5
