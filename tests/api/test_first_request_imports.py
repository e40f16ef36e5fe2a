"""Building a client imports what httpx would otherwise import on the first request (in the
window that first request runs on the GUI thread; the client is built in a worker thread)."""

from __future__ import annotations

import subprocess
import sys

from app.api.requester import FIRST_REQUEST_MODULES

CHILD = """
import sys
from app.api import ClientConfig, FilesClient
before = [m for m in {names!r} if m in sys.modules]
FilesClient(ClientConfig(base_url="http://127.0.0.1:9/v1", api_key=None))
after = [m for m in {names!r} if m in sys.modules]
print(len(before), len(after))
"""


def test_building_a_client_imports_the_first_request_modules() -> None:
    code = CHILD.format(names=FIRST_REQUEST_MODULES)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split() == ["0", str(len(FIRST_REQUEST_MODULES))]
