"""`hoist` against hostile answers from a real server on 127.0.0.1: bounded reads, clean
terminal text, the key in use redacted everywhere, proxies named as proxies."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_run import KEY, everything_under, hoist, write_prefs
from hostile_server import GB, Answer, HostileServer, Request, file_object

MB = 1024 * 1024
RSS_LIMIT_KIB = 100 * 1024
CONTROL_BYTES = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def server() -> Iterator[HostileServer]:
    started = HostileServer().start()
    yield started
    started.stop()


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    write_prefs(folder, max_attempts=1)
    return folder


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "data.txt"
    path.write_bytes(b"some notes to upload\n" * 200)
    return path


def upload(data: Path, home: Path, server: HostileServer, *extra: str) -> list[str]:
    return ["upload", str(data), "--purpose", "user_data", "--base-url", server.base_url, *extra]


def test_a_1_gb_answer_to_post_files_is_not_read(
    server: HostileServer, home: Path, data: Path
) -> None:
    server.answer = lambda r: Answer(200, {"Content-Type": "application/json"}, b"{", huge=GB)
    run = hoist(*upload(data, home, server), home=home)
    line = run.one_line()
    assert "larger than" in line and "data.txt" in line
    assert run.peak_rss_kib < RSS_LIMIT_KIB, run.peak_rss_kib
    assert server.bytes_sent < 200 * MB  # it stopped reading long before the end


def test_a_1_gb_error_body_on_a_part_without_length_is_cut_at_the_bound(
    server: HostileServer, home: Path, data: Path
) -> None:
    def answer(request: Request) -> Answer:
        if request.path == "/v1/uploads":
            size = data.stat().st_size
            return Answer.json(200, {"id": "upload_1", "object": "upload", "bytes": size,
                                     "created_at": 1, "filename": "data.txt", "purpose": "batch",
                                     "status": "pending", "expires_at": 2_000_000_000})  # fmt: skip
        if request.path.endswith("/parts"):
            body = b'{"error": {"message": "part refused ' + b"y" * 100
            return Answer(400, {"Content-Type": "application/json"}, body, huge=GB, length=False)
        return Answer.json(404, {"error": {"message": "no"}})

    server.answer = answer
    run = hoist(*upload(data, home, server, "--method", "uploads"), home=home)
    line = run.one_line()
    assert "part refused" in line and len(line) <= 320
    assert run.peak_rss_kib < RSS_LIMIT_KIB, run.peak_rss_kib
    assert server.bytes_sent < 200 * MB


def test_escape_sequences_and_a_1_mb_message_never_reach_the_terminal_raw(
    server: HostileServer, home: Path, data: Path
) -> None:
    fake = "\x1b[2K\r\x1b[32mdata.txt: file-FAKE upload completed\x1b[0m\x07\x9b2J"
    message = fake + " " + "m" * MB
    server.answer = lambda r: Answer.json(
        400, {"error": {"message": message, "code": "\x1b]0;t\x07c"}}
    )
    run = hoist(*upload(data, home, server), home=home)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert not CONTROL_BYTES.search(run.stderr), repr(run.stderr[:500])
    assert all(len(line) <= 320 for line in run.stderr.splitlines())
    assert "upload completed" in run.stderr and "…" in run.stderr
    as_json = hoist(*upload(data, home, server, "--json", "--no-resume"), home=home)
    record = json.loads(as_json.stdout.splitlines()[-1])
    assert len(record["error"]["message"]) <= 2048
    assert not CONTROL_BYTES.search(record["error"]["message"])
    with sqlite3.connect(home / "data" / "journal.sqlite3") as db:
        errors = [row[0] for row in db.execute("SELECT error FROM jobs")]
    assert errors and all(e and len(e) <= 2200 and "\x1b" not in e for e in errors)
    log = (home / "logs" / "hoist-cli.log").read_text(encoding="utf-8")
    assert "m" * 60_000 in log and "\x1b" not in log  # the full (bounded) text, cleaned


def test_the_key_in_use_is_redacted_from_every_echo(
    server: HostileServer, home: Path, data: Path
) -> None:
    def answer(request: Request) -> Answer:
        if request.method == "GET":
            return Answer(307, {"Location": f"http://127.0.0.1:9/v1/files?key={KEY}"})
        return Answer.json(
            400,
            {"error": {"message": f"Key {KEY} is not valid here", "code": KEY, "type": KEY}},
            **{"x-request-id": f"req_{KEY}"},
        )

    server.answer = answer
    listing = hoist("files", "list", "--base-url", server.base_url, home=home)
    assert "redirected" in listing.one_line()
    run = hoist(*upload(data, home, server, "--json"), home=home)
    assert run.returncode == 1
    assert server.seen and all(s.headers["authorization"] == f"Bearer {KEY}" for s in server.seen)
    for text in (listing.stdout, listing.stderr, run.stdout, run.stderr):
        assert KEY not in text
    assert "[redacted]" in run.stdout + run.stderr
    stored = everything_under(home)
    assert (home / "data" / "journal.sqlite3").exists() and (home / "logs").is_dir()
    assert KEY.encode() not in stored and b"[redacted]" in stored


def test_loopback_never_goes_through_a_proxy_and_dot_localhost_is_refused(
    server: HostileServer, home: Path
) -> None:
    proxy = HostileServer().start()
    try:
        proxy.answer = lambda r: Answer(502)
        server.answer = lambda r: Answer.json(
            200, {"object": "list", "data": [], "has_more": False}
        )
        env = {name: proxy.url for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
                                            "http_proxy", "https_proxy", "all_proxy")}  # fmt: skip
        listed = hoist("files", "list", "--base-url", server.base_url, home=home, env=env)
        assert listed.returncode == 0 and "No files" in listed.stdout, listed.stderr
        assert len(server.seen) == 1 and proxy.seen == []
        other = f"http://api.localhost:{server.port}/v1"
        refused = hoist("files", "list", "--base-url", other, home=home, env=env)
        line = refused.one_line()
        assert "api.localhost" in line and "https://" in line and KEY not in line
        assert len(server.seen) == 1 and proxy.seen == []
    finally:
        proxy.stop()


HTML_403 = b"<!DOCTYPE html><html><body><h1>Access denied by policy</h1></body></html>"


@pytest.mark.parametrize("status", [403, 407])
def test_a_proxy_page_is_named_as_the_proxy_not_the_key(
    server: HostileServer, home: Path, status: int
) -> None:
    server.answer = lambda r: Answer(status, {"Content-Type": "text/html"}, HTML_403)
    env = {"HTTPS_PROXY": server.url, "https_proxy": server.url}
    # .invalid never resolves: were the proxy ever bypassed, nothing could leave this computer
    run = hoist("files", "list", "--base-url", "https://hoist-test.invalid/v1", home=home, env=env)
    line = run.one_line()
    assert server.seen and server.seen[0].method == "CONNECT"
    assert "proxy" in line.lower() and "key is not allowed" not in line
    if status == 407:
        assert "credentials" in line
    direct = hoist("files", "list", "--base-url", server.base_url, home=home)
    direct_line = direct.one_line()
    assert "proxy or gateway" in direct_line or "credentials" in direct_line
    assert "key is not allowed" not in direct_line and "<html" not in direct_line


def test_a_server_that_ignores_after_is_listed_once_with_one_warning(
    server: HostileServer, home: Path
) -> None:
    page = {"object": "list", "data": [file_object("file-1", 5), file_object("file-2", 6)],
            "has_more": True, "last_id": "file-2"}  # fmt: skip
    server.answer = lambda r: Answer.json(200, page)
    run = hoist("files", "list", "--json", "--base-url", server.base_url, home=home)
    assert run.returncode == 0, run.stderr
    assert [f["id"] for f in json.loads(run.stdout)] == ["file-1", "file-2"]
    assert len(server.seen) == 2
    assert len(run.lines()) == 1 and "incomplete" in run.stderr


def test_a_file_that_says_fewer_bytes_than_were_sent_is_not_success(
    server: HostileServer, home: Path, data: Path
) -> None:
    server.answer = lambda r: Answer.json(200, file_object("file-short", 10, "data.txt"))
    run = hoist(*upload(data, home, server), home=home)
    line = run.one_line()
    assert "10 bytes" in line and str(data.stat().st_size) in line and run.stdout == ""
