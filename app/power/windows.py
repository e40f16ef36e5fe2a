"""Windows: SetThreadExecutionState, held by a thread of our own (the flag is per thread)."""

from __future__ import annotations

import ctypes
import queue
import threading

from app.power.backend import InhibitUnavailable

ES_CONTINUOUS = 0x80000000
ES_SYSTEM_REQUIRED = 0x00000001
START_TIMEOUT = 5.0


def _set_state(flags: int) -> int:
    kernel32 = getattr(ctypes, "windll").kernel32  # noqa: B009 (absent off Windows)
    kernel32.SetThreadExecutionState.restype = ctypes.c_uint32
    return int(kernel32.SetThreadExecutionState(ctypes.c_uint32(flags)))


class ThreadHold:
    def __init__(self, stop: threading.Event, thread: threading.Thread) -> None:
        self._stop = stop
        self._thread = thread

    def release(self) -> None:
        self._stop.set()
        self._thread.join(timeout=START_TIMEOUT)


class ExecutionStateBackend:
    name = "SetThreadExecutionState"

    def acquire(self, reason: str) -> ThreadHold:
        started: queue.Queue[str | None] = queue.Queue()
        stop = threading.Event()

        def hold() -> None:
            try:
                ok = _set_state(ES_CONTINUOUS | ES_SYSTEM_REQUIRED) != 0
            except (AttributeError, OSError) as exc:
                started.put(f"SetThreadExecutionState is not available ({exc})")
                return
            if not ok:
                started.put("SetThreadExecutionState refused")
                return
            started.put(None)
            stop.wait()
            _set_state(ES_CONTINUOUS)

        thread = threading.Thread(target=hold, name="hoist-keep-awake", daemon=True)
        thread.start()
        try:
            problem = started.get(timeout=START_TIMEOUT)
        except queue.Empty:
            problem = "SetThreadExecutionState did not answer"
        if problem is not None:
            stop.set()
            raise InhibitUnavailable(problem)
        return ThreadHold(stop, thread)
