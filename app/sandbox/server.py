"""Starting and stopping the sandbox: as a foreground process or in a background thread."""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import shutil
import signal
import socket
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from aiohttp import web

from app.sandbox import (
    control,
    handlers_batches,
    handlers_files,
    handlers_uploads,
    handlers_vector_stores,
    processing,
)
from app.sandbox.config import SandboxConfig
from app.sandbox.context import SANDBOX_KEY, Sandbox
from app.sandbox.faults import FaultPlan
from app.sandbox.middleware import v1_middleware
from app.sandbox.store import Store
from app.sandbox.tls import server_ssl_context

START_TIMEOUT = 30.0


def build_app(config: SandboxConfig, data_dir: Path) -> web.Application:
    app = web.Application(middlewares=[v1_middleware])
    plan = FaultPlan(config)
    store = Store(data_dir, config.upload_ttl, clock=plan.server_time)
    app[SANDBOX_KEY] = Sandbox(config=config, store=store, plan=plan)
    handlers_files.add_routes(app)
    handlers_uploads.add_routes(app)
    processing.add_routes(app, config)
    app[processing.PROCESSING_KEY].clock = plan.server_time  # the same (skewed) clock
    handlers_vector_stores.add_routes(app)
    handlers_batches.add_routes(app)
    control.add_routes(app)
    return app


@dataclass
class ServerHandle:
    runner: web.AppRunner
    base_url: str
    data_dir: Path
    owns_data_dir: bool


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    return sock


async def start_server(config: SandboxConfig) -> ServerHandle:
    owns = config.data_dir is None
    if config.data_dir is None:
        data_dir = Path(tempfile.mkdtemp(prefix="hoist-sandbox-"))
    else:
        data_dir = Path(config.data_dir)
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        ssl_context = server_ssl_context(config)
        sock = _bind(config.host, config.port)
        runner = web.AppRunner(build_app(config, data_dir), access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        await web.SockSite(runner, sock, ssl_context=ssl_context).start()
    except BaseException:
        if owns:
            shutil.rmtree(data_dir, ignore_errors=True)
        raise
    port = sock.getsockname()[1]
    host = f"[{config.host}]" if ":" in config.host else config.host
    scheme = "http" if ssl_context is None else "https"
    return ServerHandle(runner, f"{scheme}://{host}:{port}/v1", data_dir, owns)


async def stop_server(handle: ServerHandle) -> None:
    sandbox = handle.runner.app[SANDBOX_KEY]
    sandbox.stopping = True
    try:
        await handle.runner.cleanup()
    finally:
        if handle.owns_data_dir:
            shutil.rmtree(handle.data_dir, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                sandbox.store.flush()


async def _serve_until_signal(config: SandboxConfig) -> None:
    handle = await start_server(config)
    print(handle.base_url, flush=True)
    kept = "removed at exit" if handle.owns_data_dir else "kept"
    print(
        f"Sandbox listening on {handle.base_url}; data in {handle.data_dir} ({kept}). "
        "Stop with Ctrl+C.",
        file=sys.stderr,
        flush=True,
    )
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        await stop_server(handle)


def run_forever(config: SandboxConfig) -> int:
    """`hoist sandbox`: print the base URL first, serve until Ctrl+C or SIGTERM, exit 0."""
    try:
        asyncio.run(_serve_until_signal(config))
    except KeyboardInterrupt:  # platforms without loop signal handlers
        pass
    except OSError as exc:
        print(
            f"The sandbox could not start on {config.host}:{config.port}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    except ValueError as exc:  # a bad --script rule
        print(f"The sandbox could not start: {exc}", file=sys.stderr)
        return 2
    return 0


class RunningSandbox:
    """A sandbox serving from a background thread (for `hoist --sandbox` and tests)."""

    def __init__(
        self,
        base_url: str,
        data_dir: Path,
        loop: asyncio.AbstractEventLoop,
        stop_event: asyncio.Event,
        thread: threading.Thread,
    ) -> None:
        self.base_url = base_url
        self.data_dir = data_dir
        self._loop = loop
        self._stop_event = stop_event
        self._thread = thread

    @property
    def root_url(self) -> str:
        return self.base_url.rsplit("/v1", 1)[0]

    def stop(self) -> None:
        if self._thread.is_alive():
            with contextlib.suppress(RuntimeError):  # loop already closed
                self._loop.call_soon_threadsafe(self._stop_event.set)
            self._thread.join(timeout=10)

    def __enter__(self) -> RunningSandbox:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def start_in_thread(config: SandboxConfig) -> RunningSandbox:
    """Start a sandbox on its own event loop in a daemon thread; returns once it listens."""
    ready = threading.Event()
    started: list[RunningSandbox] = []
    errors: list[BaseException] = []

    async def main() -> None:
        try:
            handle = await start_server(config)
        except BaseException as exc:
            errors.append(exc)
            ready.set()
            return
        stop_event = asyncio.Event()
        started.append(
            RunningSandbox(
                handle.base_url, handle.data_dir, asyncio.get_running_loop(), stop_event, thread
            )
        )
        ready.set()
        try:
            await stop_event.wait()
        finally:
            await stop_server(handle)

    thread = threading.Thread(target=lambda: asyncio.run(main()), name="hoist-sandbox", daemon=True)
    thread.start()
    if not ready.wait(START_TIMEOUT):
        raise RuntimeError("The sandbox did not start in time.")
    if errors:
        raise errors[0]
    atexit.register(started[0].stop)  # so its temporary folder goes even without stop()
    return started[0]
