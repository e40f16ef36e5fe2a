"""`hoist files list|delete|download` as a user runs them, against a real sandbox process."""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openai
import pytest

from app.settings import Profile, Settings

REPO_ROOT = Path(__file__).resolve().parents[2]
KEY = "sk-test-123"
MIB = 1024 * 1024


def hoist(
    *args: str, key: str | None = KEY, base_url: str | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run `python -m app ...`; the key travels in the environment, never in argv."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    if key is not None:
        env["OPENAI_API_KEY"] = key
    if base_url is not None:
        env["OPENAI_BASE_URL"] = base_url  # so nothing can ever go past the sandbox
    return subprocess.run(
        [sys.executable, "-m", "app", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hoist: "), result.stderr
    return lines[0]


@pytest.fixture
def server(sandbox: Callable[..., Any]) -> Any:
    return sandbox()


def sdk(base_url: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=base_url, api_key=KEY, max_retries=0)


def test_list_table_json_and_purpose(server: Any) -> None:
    client = sdk(server.base_url)
    batch = client.files.create(file=("b.jsonl", b'{"x": 1}\n' * 200), purpose="batch")
    notes = client.files.create(file=("notes.txt", b"n" * 3 * 1024 * 1024), purpose="user_data")

    table = hoist("files", "list", "--base-url", server.base_url, base_url=server.base_url)
    assert table.returncode == 0, table.stderr
    header, *rows = table.stdout.strip().splitlines()
    assert header.split() == ["ID", "FILENAME", "SIZE", "PURPOSE", "CREATED", "EXPIRES"]
    by_id = {row.split()[0]: row for row in rows}
    assert set(by_id) == {batch.id, notes.id}
    assert "b.jsonl" in by_id[batch.id] and "1.8 KiB" in by_id[batch.id]
    assert "notes.txt" in by_id[notes.id] and "3.0 MiB" in by_id[notes.id]
    assert by_id[notes.id].rstrip().endswith("never")
    assert not by_id[batch.id].rstrip().endswith("never")  # batch files expire in 30 days

    listed = hoist("files", "list", "--json", "--base-url", server.base_url)
    assert listed.returncode == 0
    items = json.loads(listed.stdout)
    assert {item["id"] for item in items} == {batch.id, notes.id}
    assert {item["bytes"] for item in items} == {1800, 3 * MIB}

    only = hoist("files", "list", "--purpose", "batch", "--json", "--base-url", server.base_url)
    assert [item["id"] for item in json.loads(only.stdout)] == [batch.id]
    assert KEY not in table.stdout + table.stderr + listed.stdout + listed.stderr


def test_list_pages_through_more_than_one_page(server: Any) -> None:
    client = sdk(server.base_url)
    made = {
        client.files.create(file=(f"f{i}.txt", b"x"), purpose="user_data").id for i in range(105)
    }
    listed = hoist("files", "list", "--json", "--base-url", server.base_url)
    assert {item["id"] for item in json.loads(listed.stdout)} == made


def test_empty_list(server: Any) -> None:
    result = hoist("files", "list", "--base-url", server.base_url)
    assert (result.returncode, result.stdout.strip()) == (0, "No files.")


def test_delete_one_line_per_id(server: Any) -> None:
    client = sdk(server.base_url)
    ids = [client.files.create(file=(f"{i}.txt", b"x"), purpose="user_data").id for i in range(2)]
    result = hoist("files", "delete", *ids, "--base-url", server.base_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"Deleted {ids[0]}", f"Deleted {ids[1]}"]
    assert client.files.list().data == []

    missing = hoist("files", "delete", "file-nope", "--base-url", server.base_url)
    line = one_line_error(missing)
    assert "file-nope" in line and "404" in line


def test_download_to_a_path_and_into_a_folder(server: Any, tmp_path: Path) -> None:
    content = os.urandom(2 * MIB + 3)
    made = sdk(server.base_url).files.create(file=("data.bin", content), purpose="user_data")
    target = tmp_path / "copy.bin"
    result = hoist("files", "download", made.id, "-o", str(target), "--base-url", server.base_url)
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == content
    assert made.id in result.stdout and str(target) in result.stdout
    folder = tmp_path / "folder"
    folder.mkdir()
    again = hoist("files", "download", made.id, "-o", str(folder), "--base-url", server.base_url)
    assert again.returncode == 0, again.stderr
    assert (folder / "data.bin").read_bytes() == content
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["copy.bin", "data.bin", "folder"]


def test_download_unknown_id_fails_cleanly(server: Any, tmp_path: Path) -> None:
    target = tmp_path / "x.bin"
    result = hoist(
        "files", "download", "file-nope", "-o", str(target), "--base-url", server.base_url
    )
    assert "No such File object" in one_line_error(result) or "404" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_profile_supplies_the_base_url(server: Any) -> None:
    settings = Settings.load()
    settings.profiles["work"] = Profile("work", base_url=server.base_url, organization="org-1")
    settings.save()
    sdk(server.base_url).files.create(file=("p.txt", b"p"), purpose="user_data")
    result = hoist("files", "list", "--profile", "work", "--json")
    assert result.returncode == 0, result.stderr
    assert [item["filename"] for item in json.loads(result.stdout)] == ["p.txt"]


def test_rejected_key_is_one_line(sandbox: Callable[..., Any]) -> None:
    server = sandbox(api_key="sk-test-the-right-one")
    result = hoist("files", "list", "--base-url", server.base_url, key="sk-test-wrong-key")
    line = one_line_error(result)
    assert line.startswith("hoist: API key rejected") and "sk-test-wrong-key" not in line
    assert len([r for r in server.requests() if r["path"] == "/v1/files"]) == 1  # no retry


def test_no_key_is_one_line(server: Any) -> None:
    result = hoist("files", "list", "--base-url", server.base_url, key=None)
    assert "hoist login" in one_line_error(result)


def test_unreachable_server_is_one_line() -> None:
    settings = Settings.load()
    settings.prefs.max_attempts = 2  # the policy's retries, kept short
    settings.save()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{probe.getsockname()[1]}/v1"
    result = hoist("files", "list", "--base-url", url, base_url=url)
    assert "Could not connect to 127.0.0.1" in one_line_error(result)


def test_plain_http_to_another_host_is_refused_before_sending() -> None:
    url = "http://files.example.invalid/v1"
    result = hoist("files", "list", "--base-url", url)
    assert "will not send your API key" in one_line_error(result)


def test_usage_errors_exit_2() -> None:
    missing_output = hoist("files", "download", "file-x")
    assert missing_output.returncode == 2 and "-o/--output" in missing_output.stderr
    assert hoist("files").returncode == 2


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(MIB):
            digest.update(chunk)
    return digest.hexdigest()


def test_200_mb_from_the_sdk_comes_back_byte_identical(server: Any, tmp_path: Path) -> None:
    source = tmp_path / "big.jsonl"
    with source.open("wb") as handle:
        for _ in range(200):
            handle.write(os.urandom(MIB))
    upload = sdk(server.base_url).uploads.upload_file_chunked(
        file=source, mime_type="text/jsonl", purpose="user_data"
    )
    assert upload.status == "completed" and upload.file is not None
    target = tmp_path / "back.jsonl"
    result = hoist(
        "files", "download", upload.file.id, "-o", str(target), "--base-url", server.base_url,
        timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert target.stat().st_size == 200 * MIB
    assert _sha256(target) == _sha256(source)
