"""The CLI's event loop: uvloop when it is installed (`pip install 'hoist[fast]'`), else
asyncio's own. HOIST_NO_UVLOOP=1 keeps asyncio's loop (for comparisons)."""

from __future__ import annotations

import asyncio
import gc
import os
from collections.abc import Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run(main: Coroutine[Any, Any, T]) -> T:
    # What start-up made (modules, classes) lives to the end: keep it out of the collector's
    # passes, which otherwise walk it again and again while hundreds of files go up.
    gc.freeze()
    if not os.environ.get("HOIST_NO_UVLOOP"):
        try:
            import uvloop
        except ImportError:
            pass
        else:
            with asyncio.Runner(loop_factory=uvloop.new_event_loop) as runner:
                return runner.run(main)
    return asyncio.run(main)
