"""What every keep-awake mechanism offers: take a hold now, let it go later."""

from __future__ import annotations

from typing import Protocol


class InhibitUnavailable(Exception):
    """This mechanism cannot keep the computer awake here; the text says why."""


class Hold(Protocol):
    def release(self) -> None:
        """Let the computer sleep again. Must not raise."""


class Backend(Protocol):
    name: str

    def acquire(self, reason: str) -> Hold:
        """Blocking. Raises InhibitUnavailable (or OSError) when it cannot."""
