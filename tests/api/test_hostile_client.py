"""FilesClient against hostile answers over real loopback sockets: bounded reads, cleaned
text, proxies and web pages named for what they are, answers that do not add up refused."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_server import GB, Answer, HostileServer, Request, file_object

from app.api import ApiError, ClientConfig, FilesClient, PermissionDeniedError, UnexpectedResponse
from app.api.bounded import ERROR_BODY_LIMIT, JSON_ANSWER_LIMIT
from app.api.errors import AnswerTooLarge, GatewayError

KEY = "plainkey-0123456789"
MB = 1024 * 1024
pytestmark = pytest.mark.asyncio


@pytest.fixture
def server() -> Iterator[HostileServer]:
    started = HostileServer().start()
    yield started
    started.stop()


def client(server: HostileServer) -> FilesClient:
    return FilesClient(ClientConfig(server.base_url, KEY, max_attempts=1))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "d.bin"
    path.write_bytes(b"d" * 1000)
    return path


async def test_a_1_gb_json_answer_stops_at_the_bound(server: HostileServer, data: Path) -> None:
    server.answer = lambda r: Answer(200, {}, b"{", huge=GB, length=False)
    async with client(server) as api:
        with pytest.raises(AnswerTooLarge) as caught:
            await api.create_file(data, "user_data")
    assert f"{JSON_ANSWER_LIMIT // 1024} KiB" in str(caught.value)
    assert server.bytes_sent < 100 * MB


async def test_a_1_gb_error_body_keeps_only_its_start(server: HostileServer, data: Path) -> None:
    body = b'{"error": {"message": "too \\u001b[31mbad ' + b"z" * 100
    server.answer = lambda r: Answer(400, {}, body, huge=GB)
    async with client(server) as api:
        with pytest.raises(ApiError) as caught:
            await api.add_part("upload_1", data, 0, 1000)
    assert caught.value.status == 400
    assert str(caught.value).startswith("too bad zzz")  # the escape sequence gone whole
    assert len(caught.value.full_message) <= ERROR_BODY_LIMIT
    assert server.bytes_sent < 100 * MB


async def test_a_gzip_bomb_is_not_expanded_past_the_bound(server: HostileServer) -> None:
    bomb = gzip.compress(b" " * (64 * MB))
    server.answer = lambda r: Answer(200, {"Content-Encoding": "gzip"}, bomb)
    async with client(server) as api:
        with pytest.raises(AnswerTooLarge):
            await api.list_files()
        page = {"object": "list", "data": [], "has_more": False}
        server.answer = lambda r: Answer(
            200, {"Content-Encoding": "gzip"}, gzip.compress(json.dumps(page).encode())
        )
        assert (await api.list_files()).data == []
    assert server.seen[0].headers["accept-encoding"] == "identity"


@pytest.mark.parametrize("status", [401, 403])
async def test_an_html_refusal_is_the_gateway_not_the_key(
    server: HostileServer, status: int
) -> None:
    page = b"<html><head><title>Blocked</title></head><body>Policy</body></html>"
    server.answer = lambda r: Answer(status, {"Content-Type": "text/html"}, page)
    async with client(server) as api:
        with pytest.raises(GatewayError) as caught:
            await api.list_files()
    assert not isinstance(caught.value, PermissionDeniedError)
    assert f"proxy or gateway between you and the server answered {status}" in str(caught.value)


async def test_a_json_403_is_still_the_key(server: HostileServer) -> None:
    server.answer = lambda r: Answer.json(403, {"error": {"message": "Not allowed"}})
    async with client(server) as api:
        with pytest.raises(PermissionDeniedError):
            await api.list_files()


async def test_a_web_page_with_200_is_named_a_web_page(server: HostileServer) -> None:
    server.answer = lambda r: Answer(200, {"Content-Type": "text/html"}, b"<!DOCTYPE html><p>Wi-Fi")
    async with client(server) as api:
        with pytest.raises(UnexpectedResponse) as caught:
            await api.list_files()
    assert "web page" in str(caught.value) and "captive portal" in str(caught.value)


async def test_a_proxy_asking_for_credentials(
    server: HostileServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    server.answer = lambda r: Answer(407, {"Proxy-Authenticate": 'Basic realm="corp"'})
    monkeypatch.setenv("HTTPS_PROXY", server.url)
    api = FilesClient(ClientConfig("https://hoist-test.invalid/v1", KEY, max_attempts=1))
    async with api:
        with pytest.raises(GatewayError) as caught:
            await api.list_files()
    assert "proxy credentials" in str(caught.value)
    assert [r.method for r in server.seen] == ["CONNECT"]
    assert "authorization" not in server.seen[0].headers  # the key stays inside the tunnel


async def test_a_completed_upload_whose_file_is_short_is_refused(server: HostileServer) -> None:
    def answer(request: Request) -> Answer:
        upload = {"id": "upload_1", "object": "upload", "bytes": 5000, "created_at": 1,
                  "filename": "a", "purpose": "batch", "status": "pending",
                  "expires_at": 2}  # fmt: skip
        if request.path.endswith("/complete"):
            upload.update(status="completed", file=file_object("file-1", 4999))
        return Answer.json(200, upload)

    server.answer = answer
    async with client(server) as api:
        await api.create_upload(filename="a", purpose="batch", size=5000, mime_type="text/plain")
        with pytest.raises(UnexpectedResponse) as caught:
            await api.complete_upload("upload_1", ["part_1"])
    assert "4999 bytes" in str(caught.value) and "5000" in str(caught.value)


async def test_paging_that_repeats_stops_with_one_warning(server: HostileServer) -> None:
    def answer(request: Request) -> Answer:
        after = request.target.partition("after=")[2].split("&")[0]
        ids = ["file-3", "file-1"] if after else ["file-1", "file-2"]  # then one listed before
        return Answer.json(200, {"object": "list", "has_more": True, "last_id": ids[-1],
                                 "data": [file_object(i, 1) for i in ids]})  # fmt: skip

    server.answer = answer
    warnings: list[str] = []
    async with client(server) as api:
        listed = [f.id async for f in api.iter_files(on_warning=warnings.append)]
    assert listed == ["file-1", "file-2", "file-3"]
    assert len(warnings) == 1 and len(server.seen) == 2
