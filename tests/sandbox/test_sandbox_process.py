"""Running the sandbox: `python -m app.sandbox`, `hoist sandbox`, signals, in-thread use."""

from __future__ import annotations

import re
import signal
import socket
from pathlib import Path

import httpx
import openai
import pytest
from sandbox_helpers import KEY, Spawned

from app.sandbox import SandboxConfig, start_in_thread

URL_LINE = re.compile(r"^http://127\.0\.0\.1:\d+/v1$")


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_prints_base_url_first_and_stops_cleanly(signum: int) -> None:
    with Spawned("--port", "0") as proc:
        assert URL_LINE.match(proc.first_line), proc.first_line
        assert httpx.get(proc.base_url + "/files", headers={"Authorization": "Bearer x"}).is_success
        code, err = proc.stop(signum)
    assert code == 0
    assert "GET /v1/files 200" in err  # one line per request on stderr
    assert "Traceback" not in err


def test_default_data_dir_is_removed_at_exit() -> None:
    with Spawned("--port", "0") as proc:
        with openai.OpenAI(base_url=proc.base_url, api_key=KEY, max_retries=0) as client:
            client.files.create(file=("a.txt", b"hello"), purpose="assistants")
        code, err = proc.stop()
    assert code == 0
    match = re.search(r"data in (\S+) \(removed at exit\)", err)
    assert match, err
    assert not Path(match.group(1)).exists()


def test_hoist_sandbox_command_is_the_same_server() -> None:
    with Spawned("sandbox", "--port", "0", "--quiet", module=("app",)) as proc:
        assert URL_LINE.match(proc.first_line), proc.first_line
        with openai.OpenAI(base_url=proc.base_url, api_key=KEY, max_retries=0) as client:
            assert client.files.list().data == []
        code, err = proc.stop()
    assert code == 0
    assert "/v1/files" not in err  # --quiet: no per-request lines


def test_port_in_use_is_one_clear_line() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with Spawned("--port", str(port)) as proc:
            code, err = proc.stop()
    assert code == 1
    assert proc.first_line == ""
    assert err.strip().startswith("The sandbox could not start")
    assert len(err.strip().splitlines()) == 1


def test_bad_options_are_usage_errors() -> None:
    with Spawned("--fail-kinds", "500,teapot") as proc:
        code, err = proc.stop()
    assert code == 2 and "teapot" in err
    with Spawned("--fail-rate", "1.5") as proc:
        code, _ = proc.stop()
    assert code == 2


def test_start_in_thread_serves_until_stopped(tmp_path: Path) -> None:
    running = start_in_thread(SandboxConfig(data_dir=tmp_path / "data", quiet=True))
    try:
        assert URL_LINE.match(running.base_url)
        with openai.OpenAI(base_url=running.base_url, api_key=KEY, max_retries=0) as client:
            created = client.files.create(file=("t.txt", b"thread"), purpose="user_data")
            assert client.files.content(created.id).read() == b"thread"
    finally:
        running.stop()
    with pytest.raises(httpx.ConnectError):
        httpx.get(running.base_url + "/files")
    assert (tmp_path / "data" / "files" / created.id).read_bytes() == b"thread"


def test_start_in_thread_with_faults_and_own_temp_dir() -> None:
    config = SandboxConfig(api_key="sk-own", fail_rate=1, fail_kinds=("503",), quiet=True)
    with start_in_thread(config) as running:
        data_dir = running.data_dir
        assert data_dir.is_dir()
        answer = httpx.get(running.base_url + "/files", headers={"Authorization": "Bearer sk-own"})
        assert answer.status_code == 503
    assert not data_dir.exists()
