"""Fault injection and the control endpoints, observed with raw httpx over real sockets."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from sandbox_helpers import KEY, MultipartStream

AUTH = {"Authorization": f"Bearer {KEY}"}


def _http(proc: Any, timeout: float = 30) -> httpx.Client:
    return httpx.Client(base_url=proc.base_url + "/", headers=AUTH, timeout=timeout)


def _new_upload(http: httpx.Client, size: int) -> str:
    response = http.post(
        "uploads",
        json={"bytes": size, "filename": "f.bin", "purpose": "assistants", "mime_type": "x/y"},
    )
    assert response.status_code == 200
    upload_id: str = response.json()["id"]
    return upload_id


@pytest.mark.parametrize("kind", ["500", "502", "503", "408", "429"])
def test_status_faults_answer_with_the_error_envelope(
    sandbox: Callable[..., Any], kind: str
) -> None:
    proc = sandbox(fail_rate=1, fail_kinds=[kind], retry_after=0.25, quiet=True)
    with _http(proc) as http:
        response = http.post(
            "files", data={"purpose": "assistants"}, files={"file": ("a.txt", b"x" * 10_000)}
        )
    assert response.status_code == int(kind)
    error = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"} and error["message"]
    if kind.startswith("5"):
        assert error["type"] == "server_error"
    if kind == "429":
        assert response.headers["Retry-After"] == "1"
        assert response.headers["retry-after-ms"] == "250"
    [entry] = proc.requests()
    assert (entry["status"], entry["fault"]) == (int(kind), kind)
    assert entry["bytes_received"] >= 10_000  # the body was read before answering
    proc.set_faults(fail_rate=0)
    with _http(proc) as http:
        assert http.get("files").status_code == 200


def test_drop_cuts_the_connection_mid_body(sandbox: Callable[..., Any]) -> None:
    proc = sandbox(fail_rate=1, fail_kinds=["drop"], quiet=True)
    body = MultipartStream({"purpose": "user_data"}, "file", "a.bin", 4 * 1024 * 1024)
    with _http(proc) as http, pytest.raises(httpx.TransportError):
        http.post("files", content=iter(body), headers=body.headers)
    [entry] = proc.requests()
    assert entry["fault"] == "drop" and entry["status"] is None
    assert 0 < entry["bytes_received"] < 4 * 1024 * 1024
    with _http(proc) as http, pytest.raises(httpx.TransportError):
        http.get("files")  # no body: dropped before any answer


def test_stall_holds_the_request_then_drops_it(sandbox: Callable[..., Any]) -> None:
    proc = sandbox(stall_seconds=1, quiet=True)
    proc.set_faults(script=[{"path_regex": "/files$", "kind": "stall", "times": 2}])
    with _http(proc, timeout=0.3) as http, pytest.raises(httpx.ReadTimeout):
        http.get("files")  # a client with a short timeout sees silence
    started = time.monotonic()
    with _http(proc) as http, pytest.raises(httpx.TransportError):
        http.get("files")  # a patient client sees the connection go after stall_seconds
    assert time.monotonic() - started >= 0.9
    with _http(proc) as http:
        assert http.get("files").status_code == 200
    faults = [r["fault"] for r in proc.requests()]
    assert faults == ["stall", "stall", None]


def test_throughput_limit_slows_the_body(sandbox: Callable[..., Any]) -> None:
    proc = sandbox(throughput=200_000, quiet=True)
    with _http(proc) as http:
        upload_id = _new_upload(http, 400_000)
        started = time.monotonic()
        part = http.post(f"uploads/{upload_id}/parts", files={"data": ("b", b"x" * 400_000)})
        elapsed = time.monotonic() - started
    assert part.status_code == 200
    assert elapsed >= 1.0  # 400 kB at 200 kB/s: about two seconds, never much less


def test_latency_delays_every_answer(sandbox: Callable[..., Any]) -> None:
    proc = sandbox(latency=0.5, quiet=True)
    with _http(proc) as http:
        started = time.monotonic()
        assert http.get("files").status_code == 200
        assert time.monotonic() - started >= 0.5
        proc.set_faults(latency=0)
        assert http.get("files").status_code == 200


def _statuses(proc: Any, count: int) -> list[int]:
    with _http(proc) as http:
        return [http.get("files").status_code for _ in range(count)]


def test_seeded_failures_repeat_exactly(sandbox: Callable[..., Any]) -> None:
    options = {
        "fail_rate": 0.5,
        "fail_kinds": ["500", "503", "429"],
        "retry_after": 0,
        "quiet": True,
    }
    first = _statuses(sandbox(seed=7, **options), 40)
    second = _statuses(sandbox(seed=7, **options), 40)
    other = _statuses(sandbox(seed=8, **options), 40)
    assert first == second
    assert first != other
    assert {500, 503, 429, 200} <= set(first)
    proc = sandbox(seed=7, **options)
    _statuses(proc, 5)
    proc.set_faults(seed=7)  # re-seeding restarts the sequence
    assert _statuses(proc, 40) == first


def test_script_rules_fire_in_order_and_count_down(sandbox: Callable[..., Any]) -> None:
    proc = sandbox(quiet=True)
    proc.set_faults(
        script=[
            {
                "path_regex": "/uploads/.*/parts",
                "status": 400,
                "message": "Part refused.",
                "times": 1,
            },
            {
                "method": "POST",
                "path_regex": "/uploads/.*/parts",
                "status": 500,
                "times": 1,
                "headers": {"x-should-retry": "false"},
            },
            {"method": "GET", "path_regex": "/files$", "kind": "429", "times": 2},
        ]
    )
    with _http(proc) as http:
        upload_id = _new_upload(http, 1)
        parts = f"uploads/{upload_id}/parts"
        refused = http.post(parts, files={"data": ("b", b"x")})
        assert refused.status_code == 400
        assert refused.json()["error"]["message"] == "Part refused."
        broken = http.post(parts, files={"data": ("b", b"x")})
        assert broken.status_code == 500 and broken.headers["x-should-retry"] == "false"
        assert http.post(parts, files={"data": ("b", b"x")}).status_code == 200
        assert [http.get("files").status_code for _ in range(3)] == [429, 429, 200]
    settings = httpx.get(proc.root_url + "/_sandbox/faults").json()
    assert [rule["times"] for rule in settings["script"]] == [0, 0, 0]


def test_request_log_records_every_v1_request(sandbox: Callable[..., Any]) -> None:
    proc = sandbox(quiet=True)
    proc.set_faults(script=[{"path_regex": "/parts", "kind": "drop", "after_bytes": 1000}])
    with _http(proc) as http:
        upload_id = _new_upload(http, 6000)
        with pytest.raises(httpx.TransportError):
            http.post(f"uploads/{upload_id}/parts", files={"data": ("b", b"x" * 300_000)})
        http.post(f"uploads/{upload_id}/parts", files={"data": ("b", b"y" * 6000)})
        http.get("files/file-missing")
    log = proc.requests()
    assert [(r["method"], r["path"], r["status"]) for r in log] == [
        ("POST", "/v1/uploads", 200),
        ("POST", f"/v1/uploads/{upload_id}/parts", None),
        ("POST", f"/v1/uploads/{upload_id}/parts", 200),
        ("GET", "/v1/files/file-missing", 404),
    ]
    assert 1000 <= log[1]["bytes_received"] < 300_000 and log[1]["fault"] == "drop"
    assert log[2]["bytes_received"] == 6000
    assert all(isinstance(r["time"], float) for r in log)
    assert [r["time"] for r in log] == sorted(r["time"] for r in log)
    proc.reset_log()
    assert proc.requests() == []


def test_control_endpoints_need_no_key_and_never_fail(sandbox: Callable[..., Any]) -> None:
    proc = sandbox(api_key="sk-only-this-one", fail_rate=1, fail_kinds=["500"], quiet=True)
    for _ in range(5):
        assert httpx.get(proc.root_url + "/_sandbox/requests").status_code == 200
    proc.set_faults(fail_rate=0)
    with _http(proc) as http:
        assert http.get("files").status_code == 401  # a wrong key is still refused


def test_bad_fault_settings_are_refused_whole(sandbox: Callable[..., Any]) -> None:
    proc = sandbox(quiet=True)
    url = proc.root_url + "/_sandbox/faults"
    for body in (
        {"fail_rate": 2},
        {"fail_kinds": ["418"]},
        {"bogus": 1},
        {"fail_rate": 0.5, "script": [{"path_regex": "x"}]},
        {"script": [{"status": 400, "kind": "drop"}]},
    ):
        assert httpx.post(url, json=body).status_code == 400, body
    settings = httpx.get(url).json()
    assert settings["fail_rate"] == 0 and settings["script"] == []
    assert settings["upload_ttl"] == 3600


def test_drop_response_does_the_work_but_loses_the_answer(sandbox: Callable[..., Any]) -> None:
    proc = sandbox(quiet=True)
    proc.set_faults(script=[{"path_regex": "/complete$", "kind": "drop_response"}])
    with _http(proc) as http:
        upload_id = _new_upload(http, 3)
        part = http.post(f"uploads/{upload_id}/parts", files={"data": ("b", b"abc")}).json()
        with pytest.raises(httpx.TransportError):
            http.post(f"uploads/{upload_id}/complete", json={"part_ids": [part["id"]]})
        again = http.post(f"uploads/{upload_id}/complete", json={"part_ids": [part["id"]]})
        assert again.status_code == 400 and "already completed" in again.json()["error"]["message"]
        [stored] = http.get("files").json()["data"]
        assert stored["bytes"] == 3
    lost = proc.requests()[-3]
    assert (lost["status"], lost["fault"]) == (200, "drop_response")
