"""What the screenshot scripts (tests/ui/take_*screenshot*.py) share: capturing the X screen
with ImageMagick's `import`, and waiting for a condition inside their scenario."""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import Callable
from pathlib import Path


def shot(target: Path, keep: str = "") -> None:
    """The screen, or its part ``keep`` (an ImageMagick geometry such as 1280x800+0+0)."""
    crop = ["-crop", keep, "+repage"] if keep else []
    subprocess.run(["/usr/bin/import", "-window", "root", *crop, str(target)], check=True)
    print("saved", target)


async def until(condition: Callable[[], object], timeout: float = 60) -> None:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while not condition():
        if loop.time() > end:
            raise TimeoutError("the screenshot scenario got stuck")
        await asyncio.sleep(0.05)
