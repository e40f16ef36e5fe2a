"""Answer faults: the work is done (or changed) and the answer is lost, slow, endless or bent.

Seen from the official SDK and raw httpx over real sockets, with the sandbox's own state
(list files, a second complete) as the proof of what the server really did.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
import openai
import pytest
from sandbox_helpers import KEY, Spawned

AUTH = {"Authorization": f"Bearer {KEY}"}


@pytest.fixture
def box(sandbox: Callable[..., Any]) -> Any:
    return sandbox(quiet=True)


@pytest.fixture
def sdk(box: Any) -> Iterator[openai.OpenAI]:
    with openai.OpenAI(base_url=box.base_url, api_key=KEY, max_retries=0) as client:
        yield client


def _upload_with_part(sdk: openai.OpenAI, data: bytes = b"abcdef") -> tuple[str, str]:
    upload = sdk.uploads.create(
        bytes=len(data), filename="f.bin", mime_type="application/octet-stream", purpose="user_data"
    )
    part = sdk.uploads.parts.create(upload_id=upload.id, data=data)
    return upload.id, part.id


def _files(box: Any) -> list[dict[str, Any]]:
    answer = httpx.get(box.base_url + "/files", headers=AUTH, timeout=10)
    data: list[dict[str, Any]] = answer.json()["data"]
    return data


def test_lost_answer_to_post_files_still_stores_the_file(box: Any, sdk: openai.OpenAI) -> None:
    box.set_faults(script=[{"method": "POST", "path_regex": "/files$", "kind": "drop_response"}])
    with pytest.raises(openai.APIConnectionError):
        sdk.files.create(file=("lost.txt", b"x" * 5000), purpose="user_data")
    [stored] = _files(box)
    assert (stored["filename"], stored["bytes"]) == ("lost.txt", 5000)
    entry = box.requests()[0]  # the POST, before our GET /files
    assert (entry["status"], entry["fault"]) == (200, "drop_response")


def test_lost_complete_answer_completes_the_upload(box: Any, sdk: openai.OpenAI) -> None:
    box.set_faults(script=[{"path_regex": "/complete$", "kind": "drop_response"}])
    upload_id, part_id = _upload_with_part(sdk)
    with pytest.raises(openai.APIConnectionError):
        sdk.uploads.complete(upload_id=upload_id, part_ids=[part_id])
    with pytest.raises(openai.BadRequestError) as refused:
        sdk.uploads.complete(upload_id=upload_id, part_ids=[part_id])
    assert refused.value.code == "upload_completed"
    assert [f["bytes"] for f in _files(box)] == [6]


def test_answer_cut_after_some_bytes_is_a_broken_answer(box: Any) -> None:
    box.set_faults(script=[{"path_regex": "/files$", "kind": "drop_response", "answer_bytes": 40}])
    with httpx.Client(headers=AUTH, timeout=10) as http:
        with pytest.raises(httpx.RemoteProtocolError):
            http.get(box.base_url + "/files")
        assert http.get(box.base_url + "/files").status_code == 200


def test_skip_lets_requests_through_before_the_rule_fires(box: Any, sdk: openai.OpenAI) -> None:
    box.set_faults(script=[{"path_regex": "/parts$", "kind": "drop_response", "skip": 2}])
    upload = sdk.uploads.create(
        bytes=3, filename="f.bin", mime_type="application/octet-stream", purpose="user_data"
    )
    sdk.uploads.parts.create(upload_id=upload.id, data=b"a")
    sdk.uploads.parts.create(upload_id=upload.id, data=b"b")
    with pytest.raises(openai.APIConnectionError):
        sdk.uploads.parts.create(upload_id=upload.id, data=b"c")
    sdk.uploads.parts.create(upload_id=upload.id, data=b"d")
    parts = [r for r in box.requests() if r["path"].endswith("/parts")]
    assert [(r["status"], r["fault"]) for r in parts] == [
        (200, None),
        (200, None),
        (200, "drop_response"),
        (200, None),
    ]


def test_trickle_sends_the_answer_a_byte_at_a_time(box: Any) -> None:
    """At 1 byte/s the head comes at once and every read of the body gets one byte."""
    box.set_faults(script=[{"path_regex": "/files$", "kind": "trickle", "rate": 1}])
    with httpx.Client(headers=AUTH, timeout=10) as http:
        with http.stream("GET", box.base_url + "/files") as answer:
            assert answer.status_code == 200
            assert answer.headers["connection"] == "close"
            length = int(answer.headers["content-length"])
            pieces = answer.iter_raw()
            first, second = next(pieces), next(pieces)
        assert (first, second) == (b"{", b'"') and length > 50
        assert http.get(box.base_url + "/files").status_code == 200  # the rule fired once


def test_trickle_from_the_first_byte_delivers_the_whole_answer(box: Any) -> None:
    """answer_bytes 0 trickles the status line and headers too; a read timeout of 0.5 s
    never fires, because every read gets a few bytes (why clients need a stall rule)."""
    box.set_faults(
        script=[{"path_regex": "/uploads$", "kind": "trickle", "rate": 400, "answer_bytes": 0}]
    )
    body = {"bytes": 3, "filename": "f.bin", "purpose": "user_data", "mime_type": "x/y"}
    with httpx.Client(headers=AUTH, timeout=0.5) as http:
        answer = http.post(box.base_url + "/uploads", json=body)
    assert answer.status_code == 200 and answer.json()["status"] == "pending"
    [entry] = box.requests()
    assert (entry["status"], entry["fault"]) == (200, "trickle")


def test_hang_after_does_the_work_and_never_answers(box: Any, sdk: openai.OpenAI) -> None:
    box.set_faults(script=[{"path_regex": "/complete$", "kind": "hang_after"}])
    upload_id, part_id = _upload_with_part(sdk)
    with pytest.raises(openai.APITimeoutError):
        sdk.uploads.complete(upload_id=upload_id, part_ids=[part_id], timeout=0.5)
    [stored] = _files(box)
    assert stored["bytes"] == 6
    complete = box.requests()[2]
    assert (complete["status"], complete["fault"]) == (200, "hang_after")


def test_hang_after_with_seconds_closes_without_an_answer(box: Any, sdk: openai.OpenAI) -> None:
    box.set_faults(script=[{"path_regex": "/complete$", "kind": "hang_after", "seconds": 0.2}])
    upload_id, part_id = _upload_with_part(sdk)
    with httpx.Client(headers=AUTH, timeout=10) as http, pytest.raises(httpx.RemoteProtocolError):
        http.post(f"{box.base_url}/uploads/{upload_id}/complete", json={"part_ids": [part_id]})
    assert len(_files(box)) == 1


def test_hang_before_the_work_leaves_the_upload_open(box: Any, sdk: openai.OpenAI) -> None:
    box.set_faults(script=[{"path_regex": "/complete$", "kind": "hang"}])
    upload_id, part_id = _upload_with_part(sdk)
    with pytest.raises(openai.APITimeoutError):
        sdk.uploads.complete(upload_id=upload_id, part_ids=[part_id], timeout=0.5)
    assert _files(box) == []
    done = sdk.uploads.complete(upload_id=upload_id, part_ids=[part_id])
    assert done.status == "completed" and done.file is not None and done.file.bytes == 6


def test_complete_answering_cancelled_cancels_the_upload(box: Any, sdk: openai.OpenAI) -> None:
    box.set_faults(script=[{"path_regex": "/complete$", "kind": "complete_cancelled"}])
    upload_id, part_id = _upload_with_part(sdk)
    done = sdk.uploads.complete(upload_id=upload_id, part_ids=[part_id])
    assert (done.id, done.status, done.file) == (upload_id, "cancelled", None)
    with pytest.raises(openai.BadRequestError) as refused:
        sdk.uploads.parts.create(upload_id=upload_id, data=b"more")
    assert refused.value.code == "upload_cancelled"
    assert _files(box) == []


def test_complete_answering_expired_expires_the_upload(box: Any, sdk: openai.OpenAI) -> None:
    box.set_faults(script=[{"path_regex": "/complete$", "kind": "complete_expired"}])
    upload_id, part_id = _upload_with_part(sdk)
    done = sdk.uploads.complete(upload_id=upload_id, part_ids=[part_id])
    assert (done.status, done.file) == ("expired", None)
    with pytest.raises(openai.BadRequestError) as refused:
        sdk.uploads.complete(upload_id=upload_id, part_ids=[part_id])
    assert refused.value.code == "upload_expired"
    assert _files(box) == []


def test_complete_answering_without_file_still_stores_it(box: Any, sdk: openai.OpenAI) -> None:
    box.set_faults(script=[{"path_regex": "/complete$", "kind": "complete_without_file"}])
    upload_id, part_id = _upload_with_part(sdk)
    done = sdk.uploads.complete(upload_id=upload_id, part_ids=[part_id])
    assert (done.status, done.file) == ("completed", None)
    [stored] = _files(box)
    assert (stored["filename"], stored["bytes"]) == ("f.bin", 6)


def test_part_answer_can_name_another_upload(box: Any, sdk: openai.OpenAI) -> None:
    box.set_faults(
        script=[
            {"path_regex": "/parts$", "kind": "part_wrong_upload"},
            {"path_regex": "/parts$", "kind": "part_wrong_upload", "upload_id": "upload_other"},
        ]
    )
    upload = sdk.uploads.create(
        bytes=2, filename="f.bin", mime_type="application/octet-stream", purpose="user_data"
    )
    first = sdk.uploads.parts.create(upload_id=upload.id, data=b"a")
    second = sdk.uploads.parts.create(upload_id=upload.id, data=b"b")
    assert first.upload_id.startswith("upload_") and first.upload_id != upload.id
    assert second.upload_id == "upload_other"
    done = sdk.uploads.complete(upload_id=upload.id, part_ids=[first.id, second.id])
    assert done.file is not None and done.file.bytes == 2  # the server kept both parts


def test_clock_skew_shifts_every_server_timestamp(sandbox: Callable[..., Any]) -> None:
    box = sandbox(clock_skew=-3600, quiet=True)
    with openai.OpenAI(base_url=box.base_url, api_key=KEY, max_retries=0) as sdk:
        raw = sdk.uploads.with_raw_response.create(
            bytes=6, filename="f.bin", mime_type="application/octet-stream", purpose="user_data"
        )
        upload = raw.parse()
        now = time.time()
        assert abs(upload.created_at - (now - 3600)) < 600
        assert upload.expires_at - upload.created_at == 3600
        assert upload.expires_at <= now + 60  # to a correct local clock it looks expired
        server_date = parsedate_to_datetime(raw.headers["date"]).timestamp()
        assert abs(server_date - (now - 3600)) < 600
        part = sdk.uploads.parts.create(upload_id=upload.id, data=b"abcdef")
        done = sdk.uploads.complete(upload_id=upload.id, part_ids=[part.id])
        assert done.status == "completed"  # on its own clock the Upload is fresh
        assert done.file is not None and abs(done.file.created_at - (now - 3600)) < 600
        store = sdk.vector_stores.create(name="skewed")
        assert abs(store.created_at - (now - 3600)) < 600
        box.set_faults(clock_skew=7200)
        later = sdk.files.create(file=("a.txt", b"a"), purpose="user_data")
        assert abs(later.created_at - (time.time() + 7200)) < 600
    assert httpx.get(box.root_url + "/_sandbox/faults").json()["clock_skew"] == 7200


def test_script_flag_sets_rules_at_start(sandbox: Callable[..., Any]) -> None:
    rules = [{"method": "GET", "path_regex": "/files$", "status": 503, "times": 2}]
    box = sandbox(script=json.dumps(rules), quiet=True)
    with httpx.Client(headers=AUTH, timeout=10) as http:
        assert [http.get(box.base_url + "/files").status_code for _ in range(3)] == [503, 503, 200]


def test_a_bad_script_flag_is_one_clear_line() -> None:
    with Spawned("--script", '[{"kind": "sideways"}]') as bad:
        code, err = bad.stop()
    assert code == 2 and bad.first_line == ""
    assert "unknown rule kind sideways" in err and "Traceback" not in err
    with Spawned("--script", "not json") as broken:
        code, err = broken.stop()
    assert code == 2 and "not valid JSON" in err


def test_new_rule_fields_are_checked(box: Any) -> None:
    url = box.root_url + "/_sandbox/faults"
    for rule in (
        {"kind": "trickle", "rate": 0},
        {"kind": "hang", "seconds": -1},
        {"kind": "drop_response", "answer_bytes": -5},
        {"kind": "drop", "skip": -1},
        {"kind": "drop", "times": 0},
    ):
        assert httpx.post(url, json={"script": [rule]}).status_code == 400, rule
    box.set_faults(script=[{"kind": "trickle", "rate": 5, "path_regex": "/x"}])
    [shown] = httpx.get(url).json()["script"]
    assert (shown["kind"], shown["rate"], shown["skip"], shown["times"]) == ("trickle", 5, 0, 1)
