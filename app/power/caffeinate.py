"""macOS: `caffeinate -i -w <our pid>` holds an assertion until it is killed or we exit."""

from __future__ import annotations

import contextlib
import os
import subprocess

from app.power.backend import InhibitUnavailable

STOP_TIMEOUT = 2.0


class CaffeinateHold:
    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self._process = process

    def release(self) -> None:
        if self._process.poll() is not None:
            return
        with contextlib.suppress(OSError):
            self._process.terminate()
        try:
            self._process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(OSError):
                self._process.kill()
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=STOP_TIMEOUT)


class CaffeinateBackend:
    name = "caffeinate"

    def __init__(self, program: str = "/usr/bin/caffeinate") -> None:
        self.program = program

    def acquire(self, reason: str) -> CaffeinateHold:
        # -w: caffeinate ends by itself if we die, so a crash never keeps the Mac awake.
        try:
            process = subprocess.Popen(
                [self.program, "-i", "-w", str(os.getpid())],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as exc:
            raise InhibitUnavailable(
                f"cannot start {self.program} ({exc.strerror or exc})"
            ) from exc
        try:
            code = process.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            return CaffeinateHold(process)
        raise InhibitUnavailable(f"{self.program} exited at once (status {code})")
