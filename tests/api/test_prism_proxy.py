"""Our client and the sandbox, with Prism validating every exchange between them (--errors).

`prism proxy SPEC SANDBOX --errors` checks each request Hoist sends against the official spec
(a violation is answered 422 and never reaches the sandbox) and each answer the sandbox gives
(an error violation becomes a 500; warnings are logged). The client runs with one attempt,
so nothing is retried out of sight, and afterwards Prism's log must hold no violation at all.

Where the official spec and the official SDKs' types disagree, the test follows the SDKs
(openai-python `openai/types`, openai-node `resources/files.ts`, `resources/uploads`) and
lists each exception below, with its reason; each one must still fit the spec, or the patch
step fails and the list is to be revised.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from prism_support import Prism, require_prism, spec_with_exceptions

from app.api import ApiError, BadRequestError, ClientConfig, FilesClient, NotFoundError, ServerError
from app.sandbox.config import SandboxConfig
from app.sandbox.server import RunningSandbox, start_in_thread

KEY = "sk-test-prism-proxy"
ERROR_ANSWER = {
    "description": "An error, in the envelope the SDKs parse (exception: see SPEC_EXCEPTIONS).",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorResponse"}}},
}
OPERATIONS = (
    "/paths/~1files/get",
    "/paths/~1files/post",
    "/paths/~1files~1{file_id}/get",
    "/paths/~1files~1{file_id}/delete",
    "/paths/~1files~1{file_id}~1content/get",
    "/paths/~1uploads/post",
    "/paths/~1uploads~1{upload_id}~1parts/post",
    "/paths/~1uploads~1{upload_id}~1complete/post",
    "/paths/~1uploads~1{upload_id}~1cancel/post",
)
FILE = "/components/schemas/OpenAIFile/properties"
SPEC_EXCEPTIONS: list[dict[str, Any]] = [
    {
        "pointer": f"{FILE}/expires_at",
        "schema": {"type": ["integer", "null"], "format": "unixtime"},
        "reason": "SDKs: FileObject.expires_at is Optional[int] / number | null; a File "
        "without expiry (any purpose but batch, unless expires_after is set) has null.",
    },
    {
        "pointer": f"{FILE}/status_details",
        "schema": {"type": ["string", "null"], "deprecated": True},
        "reason": "SDKs: FileObject.status_details is Optional[str] / string | null; the "
        "service sends null for a File that passed.",
    },
    {
        "pointer": "/components/schemas/ListFilesResponse/properties/first_id",
        "schema": {"type": ["string", "null"]},
        "reason": "An empty page has no first item: null. The SDKs page by the last item's "
        "id and type the page cursor as optional (CursorPage; last_id: Optional[str]).",
    },
    {
        "pointer": "/components/schemas/ListFilesResponse/properties/last_id",
        "schema": {"type": ["string", "null"]},
        "reason": "As first_id: null on an empty page.",
    },
    {
        "pointer": "/components/schemas/CreateUploadRequest/properties/purpose/enum",
        "schema": ["assistants", "batch", "fine-tune", "vision", "user_data", "evals"],
        "reason": "SDKs: uploads.create takes purpose: FilePurpose, which includes user_data "
        "and evals (the spec's enum for /uploads stops at vision).",
    },
    {
        "pointer": "/paths/~1files~1{file_id}~1content/get/responses/200/content",
        "schema": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
        "reason": "The content is the file's bytes, not JSON: the SDKs ask for it with "
        "Accept: application/binary and return the raw body (binary response); the service "
        "sends it as application/octet-stream.",
    },
    *(
        {
            "pointer": f"{operation}/responses/default",
            "schema": ERROR_ANSWER,
            "add": True,
            "reason": "The spec documents only the 200 answer; the SDKs turn any 4xx/5xx "
            'with the {"error": {message, type, param, code}} envelope into their error '
            "classes (NotFoundError, BadRequestError, ...). Error answers are validated "
            "against that envelope (ErrorResponse) instead of being unmatched.",
        }
        for operation in OPERATIONS
    ),
]


@pytest.fixture(scope="module")
def sandbox_in_thread() -> Iterator[RunningSandbox]:
    with start_in_thread(SandboxConfig(quiet=True)) as running:
        yield running


@dataclass
class Proxies:
    checked: Prism  # the spec with SPEC_EXCEPTIONS: what the suite holds answers to
    without_file_exceptions: Prism  # the same without the two File ones: proof answers count


@pytest.fixture(scope="module")
def proxies(
    sandbox_in_thread: RunningSandbox, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Proxies]:
    """Both Prism proxies, started together (each takes tens of seconds to read the spec)."""
    require_prism()
    folder = tmp_path_factory.mktemp("prism-proxy")
    spec = spec_with_exceptions(SPEC_EXCEPTIONS, folder / "openapi.sdk-exceptions.json")
    without = [e for e in SPEC_EXCEPTIONS if not e["pointer"].startswith(FILE)]
    assert len(without) == len(SPEC_EXCEPTIONS) - 2
    fewer = spec_with_exceptions(without, folder / "openapi.fewer-exceptions.json")
    upstream = sandbox_in_thread.base_url
    started = Proxies(
        Prism(spec, upstream, folder / "prism.log", KEY),
        Prism(fewer, upstream, folder / "prism-fewer.log", KEY),
    )
    try:
        started.checked.wait_ready()
        started.without_file_exceptions.wait_ready()
        yield started
    finally:
        started.checked.stop()
        started.without_file_exceptions.stop()


@pytest.fixture
def proxy(proxies: Proxies) -> Prism:
    return proxies.checked


def _data(tmp_path: Path, name: str, size: int) -> Path:
    # ASCII only: Prism's proxy forwards request bodies as text.
    path = tmp_path / name
    path.write_bytes(b'{"prompt": "x"}\n' * (size // 16))
    return path


@pytest.mark.asyncio
async def test_every_client_request_and_sandbox_answer_conforms(
    proxy: Prism, tmp_path: Path
) -> None:
    size = 3 * 1024 * 1024
    data = _data(tmp_path, "train.jsonl", size)
    md5 = hashlib.md5(data.read_bytes()).hexdigest()
    config = ClientConfig(
        proxy.url, KEY, organization="org-123", project="proj_123", max_attempts=1
    )
    try:
        async with FilesClient(config) as client:
            assert (await client.list_files(purpose="vision")).data == []  # empty page
            tuned = await client.create_file(data, "fine-tune")
            batch = await client.create_file(data, "batch", expires_after=86400)
            notes = await client.create_file(
                data, "user_data", filename="notes.txt", mime_type="text/plain"
            )
            assert batch.expires_at is not None and tuned.expires_at is None
            listed = await client.list_files()
            assert {tuned.id, batch.id, notes.id} <= {f.id for f in listed.data}
            page = await client.list_files(purpose="batch", limit=5, order="asc")
            assert [f.id for f in page.data] == [batch.id]
            assert [f.id async for f in client.iter_files(purpose="user_data")] == [notes.id]
            assert (await client.retrieve_file(tuned.id)).bytes == size
            await client.download_file(tuned.id, tmp_path / "content.out")
            assert (tmp_path / "content.out").read_bytes() == data.read_bytes()
            assert await client.delete_file(notes.id) is True
            with pytest.raises(NotFoundError):
                await client.retrieve_file(notes.id)

            upload = await client.create_upload(
                filename="train.jsonl", purpose="fine-tune", size=size, mime_type="text/jsonl"
            )
            first = await client.add_part(upload.id, data, 0, 1024 * 1024)
            second = await client.add_part(upload.id, data, 1024 * 1024, size - 1024 * 1024)
            with pytest.raises(BadRequestError) as mismatch:
                await client.complete_upload(upload.id, [first.id, second.id], md5="0" * 32)
            assert mismatch.value.status == 400
            done = await client.complete_upload(upload.id, [first.id, second.id], md5=md5)
            assert done.status == "completed" and done.file is not None
            assert done.file.bytes == size

            later = await client.create_upload(
                filename="train.jsonl", purpose="batch", size=10, mime_type="text/jsonl",
                expires_after=3600,
            )  # fmt: skip
            assert (await client.cancel_upload(later.id)).status == "cancelled"
            big_notes = await client.create_upload(
                filename="notes.txt", purpose="user_data", size=10, mime_type="text/plain"
            )
            assert (await client.cancel_upload(big_notes.id)).status == "cancelled"
            with pytest.raises(NotFoundError):
                await client.cancel_upload("upload_missing")

    except ApiError as exc:  # show what Prism found, not only its one-line summary
        pytest.fail(f"{exc!r}\n{exc.body}\n{proxy.log()[-3000:]}")
    assert proxy.problems() == [], proxy.log()[-4000:]


@pytest.mark.asyncio
async def test_prism_proxy_refuses_a_request_the_spec_forbids(
    proxy: Prism, sandbox_in_thread: RunningSandbox, tmp_path: Path
) -> None:
    """Proof that the check above can fail: a bad purpose never reaches the sandbox."""
    data = _data(tmp_path, "a.jsonl", 100)
    async with FilesClient(ClientConfig(proxy.url, KEY, max_attempts=1)) as client:
        with pytest.raises(BadRequestError) as caught:
            await client.create_file(data, "not-a-purpose")
    assert caught.value.status == 422
    assert "purpose" in (caught.value.body or "")


@pytest.mark.asyncio
async def test_without_the_exceptions_prism_rejects_the_sdk_shaped_answers(
    proxies: Proxies, tmp_path: Path
) -> None:
    """Proof that answers are validated too: without the two File exceptions, null fails."""
    prism = proxies.without_file_exceptions
    data = _data(tmp_path, "a.txt", 100)
    async with FilesClient(ClientConfig(prism.url, KEY, max_attempts=1)) as client:
        with pytest.raises(ServerError) as caught:
            await client.create_file(data, "assistants")
    body = caught.value.body or ""
    assert caught.value.status == 500, caught.value
    assert "expires_at" in body and "status_details" in body
