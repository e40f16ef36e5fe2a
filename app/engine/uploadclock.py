"""How long ago an Upload was made, without comparing the server's clock with ours.

The server tells an Upload's lifetime (``expires_at - created_at``, both on its clock); we
measure the time since its create answer on a clock that only moves forward. On Linux that
is CLOCK_BOOTTIME (it counts suspend, like the server's clock, and survives a restart of
Hoist within the same boot, so a restore after kill -9 still knows); elsewhere the monotonic
clock of this process. A mark from another boot (or process) falls back to the wall-clock
difference of our own clock, which a constant skew does not change; when even that is not
plausible the age is unknown and the server has the last word.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

BOOT_ID_FILE = Path("/proc/sys/kernel/random/boot_id")
MAX_PLAUSIBLE_AGE = 30 * 86400.0  # a wall-clock age beyond this (or negative) is unknown


def _boot_id() -> str:
    try:
        return "boot:" + BOOT_ID_FILE.read_text(encoding="ascii").strip()
    except OSError:
        return "process:" + os.urandom(16).hex()  # ticks of this process only


_HAS_BOOTTIME = hasattr(time, "CLOCK_BOOTTIME")
_BOOT = _boot_id() if _HAS_BOOTTIME else "process:" + os.urandom(16).hex()


def _ticks() -> float:
    if _BOOT.startswith("boot:"):
        return time.clock_gettime(time.CLOCK_BOOTTIME)
    return time.monotonic()


@dataclass(frozen=True)
class ClockMark:
    """A moment, as the ticks of a clock that only moves forward and our wall clock."""

    boot: str
    ticks: float
    wall: float

    @classmethod
    def now(cls) -> ClockMark:
        return cls(_BOOT, _ticks(), time.time())

    def age(self) -> float | None:
        """Seconds since this mark, or None when it cannot be told."""
        if self.boot == _BOOT:
            return max(0.0, _ticks() - self.ticks)
        age = time.time() - self.wall
        return age if 0.0 <= age <= MAX_PLAUSIBLE_AGE else None

    def to_text(self) -> str:
        """For the journal."""
        return f"{self.boot}|{self.ticks!r}|{self.wall!r}"

    @classmethod
    def from_text(cls, text: str | None) -> ClockMark | None:
        if not text:
            return None
        boot, _, rest = text.partition("|")
        ticks, _, wall = rest.partition("|")
        try:
            return cls(boot, float(ticks), float(wall))
        except ValueError:
            return None


def seconds_left(ttl: float | None, made: ClockMark | None) -> float | None:
    """The Upload's remaining life on the server's clock; None when unknown."""
    if ttl is None or made is None:
        return None
    age = made.age()
    return None if age is None else ttl - age
