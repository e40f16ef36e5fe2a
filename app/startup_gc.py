"""Start-up without the cyclic garbage collector.

Importing Hoist's modules and building its parser or window creates tens of thousands of
long-lived objects and next to no garbage, yet the collector ran over them ~50 times (~20 ms
of a command's start here, tests/perf/RESULTS.md). So it is paused while the process starts;
when start-up is over its objects are frozen (left out of every later collection, which also
keeps full collections short during an upload) and collecting resumes.
"""

from __future__ import annotations

import gc

_paused = False


def pause() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Idempotent; does nothing unless pause() turned the collector off."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
