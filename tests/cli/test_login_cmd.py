"""`hoist login`: the key goes from stdin or a no-echo prompt into the real keyring."""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import subprocess
import sys
import termios
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest

from app.secrets import KeyStore

REPO_ROOT = Path(__file__).resolve().parents[2]


def login_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENAI_")}
    env.update(extra)
    return env


def run_login(*args: str, stdin: str, **extra_env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "login", *args],
        cwd=REPO_ROOT,
        env=login_env(**extra_env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture
def profile() -> Iterator[str]:
    """A fresh profile name on the real Secret Service, removed afterwards."""
    if not KeyStore().persistent:
        if os.environ.get("HOIST_EXPECT_SECRET_SERVICE"):
            pytest.fail("expected a Secret Service for the login tests")
        pytest.skip("no Secret Service on this machine (CI runs one)")
    name = f"test-login-{uuid.uuid4().hex[:12]}"
    yield name
    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        keyring.delete_password("hoist", name)


def test_piped_key_is_stored_and_used(profile: str, sandbox: Callable[..., Any]) -> None:
    key = f"sk-test-{uuid.uuid4().hex}"
    result = run_login("--profile", profile, stdin=f"\n  {key}  \n")
    assert result.returncode == 0, result.stderr
    assert profile in result.stdout and "keyring" in result.stdout
    assert key not in result.stdout + result.stderr
    assert keyring.get_password("hoist", profile) == key

    server = sandbox(api_key=key)  # accepts only this key
    listed = subprocess.run(
        [sys.executable, "-m", "app", "files", "list", "--profile", profile,
         "--base-url", server.base_url],
        cwd=REPO_ROOT, env=login_env(), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.strip() == "No files."


def test_empty_input_is_refused(profile: str) -> None:
    result = run_login("--profile", profile, stdin="\n\n")
    assert result.returncode == 1
    assert result.stderr.startswith("hoist: No key given") and "Traceback" not in result.stderr
    assert keyring.get_password("hoist", profile) is None


def test_without_a_keyring_it_says_what_to_do() -> None:
    key = "sk-test-123456789"
    result = run_login(stdin=key, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "keyring" in lines[0] and "OPENAI_API_KEY" in lines[0]
    assert key not in result.stdout + result.stderr


def _read_until(fd: int, needle: bytes, deadline: float) -> bytes:
    seen = b""
    while needle not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


def test_terminal_prompt_does_not_echo(profile: str) -> None:
    key = f"sk-test-{uuid.uuid4().hex}"
    leader, follower = os.openpty()

    def take_terminal() -> None:  # the pty becomes the child's controlling terminal
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(
        [sys.executable, "-m", "app", "login", "--profile", profile],
        cwd=REPO_ROOT, env=login_env(), stdin=follower, stdout=follower, stderr=follower,
        preexec_fn=take_terminal,
    )  # fmt: skip
    os.close(follower)
    try:
        deadline = time.monotonic() + 60
        shown = _read_until(leader, b"hidden", deadline)
        assert b"API key" in shown, shown
        os.write(leader, key.encode() + b"\n")
        shown += _read_until(leader, b"Saved", deadline)
        shown += _read_until(leader, b"keyring.", deadline)
        assert process.wait(timeout=30) == 0, shown
    finally:
        if process.poll() is None:
            process.kill()
        os.close(leader)
    assert key.encode() not in shown
    assert b"Saved the API key" in shown
    assert keyring.get_password("hoist", profile) == key
