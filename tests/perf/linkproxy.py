"""A shaped link for the benchmarks: a TCP proxy on 127.0.0.1 that caps the upload direction
per connection and in total (like a line whose provider limits each flow and the whole
line). Run as its own process so its CPU is not the client's:

    python tests/perf/linkproxy.py UPSTREAM_PORT PER_CONNECTION_BPS TOTAL_BPS

prints "PORT" once it listens. Downloads (answers) are not shaped.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys

PIECE = 64 * 1024


class Shaper:
    """A virtual-clock pacer: each take(n) is scheduled n/rate after the previous one."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self._free_at = 0.0

    def reserve(self, n: int, now: float) -> float:
        start = max(now, self._free_at)
        self._free_at = start + n / self.rate
        return self._free_at


async def pump(
    reader: asyncio.StreamReader,
    writer: asyncio.StreamWriter,
    shapers: list[Shaper],
) -> None:
    loop = asyncio.get_running_loop()
    try:
        while data := await reader.read(PIECE):
            if shapers:
                now = loop.time()
                ready = max(s.reserve(len(data), now) for s in shapers)
                if ready > now:
                    await asyncio.sleep(ready - now)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        with contextlib.suppress(Exception):
            writer.close()


async def main(upstream: int, per_connection: float, total: float) -> None:
    line = Shaper(total)

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", upstream)
        except OSError:
            writer.close()
            return
        flow = Shaper(per_connection)
        await asyncio.gather(
            pump(reader, up_writer, [flow, line]), pump(up_reader, writer, []),
        )  # fmt: skip

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    port, flow_rate, line_rate = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main(port, flow_rate, line_rate))
