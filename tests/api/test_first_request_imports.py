"""Building a client imports what httpx would otherwise import on the first request (in the
window that first request runs on the GUI thread; the client is built in a worker thread)."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import pytest
from apifaults import KEY, FaultServer

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


COMMAND_LINE_CHILD = """
import asyncio, sys
from app.api import ClientConfig, FilesClient

async def main() -> None:
    config = ClientConfig(base_url=sys.argv[1], api_key=sys.argv[2], read_on_loop=True,
                          sendfile=sys.argv[3] == "sendfile")
    client = FilesClient(config)
    built = "httpcore" in sys.modules
    await client.list_files(limit=1)
    await client.aclose()
    print(built, "httpcore" in sys.modules)

asyncio.run(main())
"""


@pytest.mark.asyncio
@pytest.mark.parametrize("way", ["sendfile", "httpx"])
async def test_a_command_line_run_by_sendfile_never_loads_httpcore(
    fault_server: FaultServer, way: str
) -> None:
    """On the command line httpx's transport (httpcore, a TLS context: ~55 ms of a start) is
    built by the first request httpx itself sends; requests sent by sendfile need none."""
    child = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        COMMAND_LINE_CHILD,
        fault_server.base_url,
        KEY,
        way,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(child.communicate(), 60)
    assert child.returncode == 0, err.decode()
    assert fault_server.seen[-1].path == "/v1/files"
    assert out.decode().split() == ["False", "False" if way == "sendfile" else "True"]
