"""A TCP fault proxy on 127.0.0.1 between a client and the sandbox, for network trouble in tests.

Modes (switch at any time, from any thread):
  pass       forward both ways
  down       the port is closed (connect: connection refused); open connections are reset
  reset      connections are accepted and reset at once (counted in `refused`); open ones reset
  blackhole  nothing moves: open connections freeze, new ones are accepted and held; back in
             `pass` they carry on where they stopped (like TCP across a silent outage)

Runs on the caller's event loop (`await proxy.start()`) or on its own thread
(`proxy.start_in_thread()`, for clients in a subprocess). The control methods are thread-safe
and have taken effect when they return; tests wait on counters with `wait_until` (blocking) or
`await proxy.until(...)` (any loop), which wake on every counter change: no sleeps.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import socket
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType
from typing import TypeVar
from urllib.parse import urlsplit

from netfault.counters import Counters, Predicate, ProxyStats

PASS, DOWN, RESET, BLACKHOLE = "pass", "down", "reset", "blackhole"
MODES = (PASS, DOWN, RESET, BLACKHOLE)
LOOPBACK = ("127.0.0.1", "localhost", "::1")
CHUNK = 64 * 1024
CONTROL_TIMEOUT = 10.0
T = TypeVar("T")


def _reset(writer: asyncio.StreamWriter | None) -> None:
    """Close with an RST (SO_LINGER 0), not a FIN."""
    if writer is None or writer.transport.is_closing():
        return
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


def _reset_socket(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


@dataclass(eq=False)
class _Connection:
    client: asyncio.StreamWriter
    upstream: asyncio.StreamWriter | None = None
    task: asyncio.Task[None] | None = None

    def reset(self) -> None:
        _reset(self.client)
        _reset(self.upstream)


class FaultProxy:
    """Forwards 127.0.0.1:<port> to the upstream (the sandbox), with switchable trouble."""

    def __init__(
        self,
        upstream_port: int,
        upstream_host: str = "127.0.0.1",
        *,
        path: str = "",
        port: int = 0,
    ) -> None:
        if upstream_host not in LOOPBACK:
            raise ValueError(f"the proxy only forwards to loopback, not {upstream_host}")
        self.upstream_host = upstream_host
        self.upstream_port = upstream_port
        self.path = path
        self.port = port
        self._counters = Counters(ProxyStats(mode=PASS))
        self._triggers: list[tuple[Predicate, str]] = []
        self._connections: set[_Connection] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_thread: int | None = None
        self._listen_sock: socket.socket | None = None
        self._flowing: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._stop_thread: asyncio.Event | None = None

    @classmethod
    def for_url(cls, url: str, *, port: int = 0) -> FaultProxy:
        """A proxy for a base URL such as the sandbox's http://127.0.0.1:PORT/v1."""
        parts = urlsplit(url)
        if parts.scheme != "http" or parts.port is None or parts.hostname is None:
            raise ValueError(f"need an http://host:port URL, not {url}")
        return cls(parts.port, parts.hostname, path=parts.path.rstrip("/"), port=port)

    # ---- addresses -------------------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def base_url(self) -> str:
        """The upstream URL's path on the proxy, e.g. http://127.0.0.1:PROXY/v1."""
        return self.url + self.path

    # ---- starting and stopping -------------------------------------------------------------
    async def start(self) -> FaultProxy:
        """Start on the running loop; listening when this returns."""
        self._loop = asyncio.get_running_loop()
        self._loop_thread = threading.get_ident()
        self._flowing = asyncio.Event()
        self._flowing.set()
        self._listen()
        return self

    async def aclose(self) -> None:
        self._stop_listening()
        connections = list(self._connections)
        for connection in connections:
            connection.reset()
        tasks = [c.task for c in connections if c.task is not None]
        if tasks:
            await asyncio.wait(tasks, timeout=CONTROL_TIMEOUT)

    async def __aenter__(self) -> FaultProxy:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    def start_in_thread(self) -> FaultProxy:
        """Start on a loop of its own in a daemon thread; listening when this returns."""
        ready = threading.Event()
        errors: list[BaseException] = []

        async def main() -> None:
            try:
                await self.start()
                self._stop_thread = asyncio.Event()
            except BaseException as exc:
                errors.append(exc)
                raise
            finally:
                ready.set()
            try:
                await self._stop_thread.wait()
            finally:
                await self.aclose()

        self._thread = threading.Thread(
            target=lambda: asyncio.run(main()), name="fault-proxy", daemon=True
        )
        self._thread.start()
        if not ready.wait(CONTROL_TIMEOUT):
            raise RuntimeError("the fault proxy did not start in time")
        if errors:
            raise errors[0]
        return self

    def stop(self) -> None:
        """Stop a proxy started with start_in_thread (resets what is still open)."""
        thread, loop, stop = self._thread, self._loop, self._stop_thread
        if thread is None or loop is None or stop is None or not thread.is_alive():
            return
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(stop.set)
        thread.join(CONTROL_TIMEOUT)

    def __enter__(self) -> FaultProxy:
        if self._thread is None:
            self.start_in_thread()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # ---- control (thread-safe) -------------------------------------------------------------
    def set_mode(self, mode: str) -> None:
        """Switch to pass / down / reset / blackhole; done when this returns."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode}; choose among {', '.join(MODES)}")
        self._on_loop(lambda: self._apply_mode(mode))

    def go_down(self) -> None:
        self.set_mode(DOWN)

    def come_up(self) -> None:
        self.set_mode(PASS)

    def blackhole(self) -> None:
        self.set_mode(BLACKHOLE)

    def drop_connections(self) -> int:
        """Reset every open connection now (the mode stays); returns how many."""
        return self._on_loop(self._drop_all)

    def set_mode_when(self, predicate: Predicate, mode: str) -> None:
        """Switch to `mode` on the proxy's own loop the moment `predicate(stats)` holds
        (checked after every counter change), e.g. down after 8 MiB went up."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode}")

        def arm() -> None:
            self._triggers.append((predicate, mode))
            self._fire_triggers()

        self._on_loop(arm)

    # ---- observing ---------------------------------------------------------------------------
    def stats(self) -> ProxyStats:
        return self._counters.snapshot()

    def wait_until(self, predicate: Predicate, timeout: float = 30.0) -> ProxyStats:
        """Block until `predicate(stats)` holds; TimeoutError (with the counters) if not."""
        if self._loop_thread == threading.get_ident():
            raise RuntimeError("wait_until would block the proxy's own loop; await until()")
        return self._counters.wait_until(predicate, timeout)

    async def until(self, predicate: Predicate, timeout: float = 30.0) -> ProxyStats:
        """Await until `predicate(stats)` holds (from any event loop)."""
        return await self._counters.until(predicate, timeout)

    # ---- inside the proxy's loop -------------------------------------------------------------
    def _on_loop(self, action: Callable[[], T]) -> T:
        loop = self._loop
        if loop is None:
            raise RuntimeError("the proxy is not running")
        if self._loop_thread == threading.get_ident():
            return action()
        done: concurrent.futures.Future[T] = concurrent.futures.Future()

        def run() -> None:
            try:
                done.set_result(action())
            except BaseException as exc:
                done.set_exception(exc)

        loop.call_soon_threadsafe(run)
        return done.result(CONTROL_TIMEOUT)

    def _count(self, **changes: int) -> None:
        """Add to counters, wake every waiter, fire armed triggers (loop thread only)."""
        self._counters.add(**changes)
        self._fire_triggers()

    def _fire_triggers(self) -> None:
        stats = self.stats()
        for trigger in list(self._triggers):
            predicate, mode = trigger
            if trigger in self._triggers and predicate(stats):
                self._triggers.remove(trigger)
                self._apply_mode(mode)

    def _apply_mode(self, mode: str) -> None:
        assert self._flowing is not None
        self._counters.new_mode(mode)
        if mode == DOWN:
            self._stop_listening()
        else:
            self._listen()
        if mode in (DOWN, RESET):
            self._drop_all()
        if mode == BLACKHOLE:
            self._flowing.clear()
        else:
            self._flowing.set()
        self._count(mode_changes=1)

    def _drop_all(self) -> int:
        connections = list(self._connections)
        for connection in connections:
            connection.reset()
            if connection.task is not None:  # it may be frozen in blackhole: end it too
                connection.task.cancel()
        if connections:
            self._count(dropped=len(connections))
        return len(connections)

    def _listen(self) -> None:
        if self._listen_sock is not None:
            return
        assert self._loop is not None
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", self.port))
            sock.listen(128)
            sock.setblocking(False)
        except OSError:
            sock.close()
            raise
        self.port = sock.getsockname()[1]
        self._listen_sock = sock
        self._loop.add_reader(sock, self._accept_ready)

    def _stop_listening(self) -> None:
        sock, self._listen_sock = self._listen_sock, None
        if sock is not None:
            assert self._loop is not None
            self._loop.remove_reader(sock)
            sock.close()  # the port refuses from now on; the backlog is reset by the kernel

    def _accept_ready(self) -> None:
        assert self._loop is not None
        while self._listen_sock is not None:
            try:
                conn, _ = self._listen_sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return
            mode = self.stats().mode
            self._count(accepted=1, accepted_since_mode=1)
            if mode == RESET:
                _reset_socket(conn)
                self._count(refused=1, refused_since_mode=1)
                continue
            conn.setblocking(False)
            self._loop.create_task(self._serve(conn, held=mode == BLACKHOLE))

    async def _serve(self, conn: socket.socket, held: bool) -> None:
        assert self._flowing is not None
        try:
            client_reader, client_writer = await asyncio.open_connection(sock=conn)
        except OSError:
            conn.close()
            return
        connection = _Connection(client_writer, task=asyncio.current_task())
        self._connections.add(connection)
        self._count(active=1, held=1 if held else 0)
        try:
            await self._flowing.wait()  # blackhole: held before anything reaches the upstream
            try:
                up_reader, up_writer = await asyncio.open_connection(
                    self.upstream_host, self.upstream_port
                )
            except OSError:
                connection.reset()
                self._count(refused=1, refused_since_mode=1)
                return
            connection.upstream = up_writer
            if client_writer.transport.is_closing():  # dropped while connecting
                connection.reset()
                return
            self._count(upstream=1)
            await asyncio.gather(
                self._pipe(client_reader, up_writer, connection, "bytes_up"),
                self._pipe(up_reader, client_writer, connection, "bytes_down"),
            )
        finally:
            self._connections.discard(connection)
            for writer in (connection.client, connection.upstream):
                if writer is not None and not writer.transport.is_closing():
                    writer.close()
            self._count(active=-1)

    async def _pipe(
        self,
        source: asyncio.StreamReader,
        dest: asyncio.StreamWriter,
        connection: _Connection,
        counter: str,
    ) -> None:
        assert self._flowing is not None
        try:
            while True:
                await self._flowing.wait()
                data = await source.read(CHUNK)
                if not data:
                    break
                await self._flowing.wait()  # blackholed mid-read: hold the bytes
                if dest.transport.is_closing():
                    break
                dest.write(data)
                await dest.drain()
                self._count(**{counter: len(data)})
            if not dest.transport.is_closing() and dest.can_write_eof():
                dest.write_eof()
        except (OSError, asyncio.IncompleteReadError):
            connection.reset()
