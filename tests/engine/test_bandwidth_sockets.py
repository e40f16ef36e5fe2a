"""The bandwidth cap over real sockets: 4 streams into a TCP sink on 127.0.0.1."""

from __future__ import annotations

import asyncio

import pytest

from app.engine.bandwidth import BandwidthBucket

CAP = 2 * 1024 * 1024  # bytes per second, all streams together
STREAMS = 4
PER_STREAM = 1024 * 1024
CHUNK = 64 * 1024


class Sink:
    """Counts what arrives, with the bucket's clock reading at each arrival."""

    def __init__(self, bucket: BandwidthBucket, expected: int) -> None:
        self.bucket = bucket
        self.expected = expected
        self.received = 0
        self.first: tuple[float, int] | None = None  # (time, bytes in that first read)
        self.last_at = 0.0
        self.per_connection: list[int] = []
        self.all_in = asyncio.Event()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        index = len(self.per_connection)
        self.per_connection.append(0)
        while data := await reader.read(256 * 1024):
            now = self.bucket.clock.now()
            if self.first is None:
                self.first = (now, len(data))
            self.last_at = now
            self.received += len(data)
            self.per_connection[index] += len(data)
            if self.received >= self.expected:
                self.all_in.set()
        writer.close()


async def _send(port: int, bucket: BandwidthBucket) -> None:
    _, writer = await asyncio.open_connection("127.0.0.1", port)
    chunk = b"x" * CHUNK
    for _ in range(PER_STREAM // CHUNK):
        await bucket.take(len(chunk))
        writer.write(chunk)
        await writer.drain()
    writer.close()
    await writer.wait_closed()


@pytest.mark.asyncio
async def test_four_streams_through_the_bucket_stay_within_ten_percent_of_the_cap() -> None:
    bucket = BandwidthBucket(CAP)
    sink = Sink(bucket, STREAMS * PER_STREAM)
    server = await asyncio.start_server(sink.handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        senders = [asyncio.create_task(_send(port, bucket)) for _ in range(STREAMS)]
        await asyncio.wait_for(sink.all_in.wait(), 60)
        await asyncio.gather(*senders)
    finally:
        server.close()
        await server.wait_closed()
    assert sink.first is not None
    first_at, first_bytes = sink.first
    rate = (sink.received - first_bytes) / (sink.last_at - first_at)
    assert abs(rate - CAP) <= 0.10 * CAP, f"measured {rate:.0f} B/s against a cap of {CAP}"
    assert sink.per_connection == [PER_STREAM] * STREAMS
    assert bucket.granted == STREAMS * PER_STREAM
    assert bucket.waited > 0  # the cap really held the streams back
