"""Helpers shared by the commands: connection options, building the client, error lines."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import signal
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from app.api import (
    ApiError,
    AuthenticationError,
    ClientConfig,
    FilesClient,
    ProxyConfigError,
    ProxySetting,
)
from app.api.untrusted import TERMINAL_LIMIT, clean
from app.cli import loop
from app.providers import COMPATIBLE, PROVIDERS
from app.secrets import KeyStoreError, redact, remember_secret
from app.units import format_iec

if TYPE_CHECKING:
    from app.settings import Connection

T = TypeVar("T")

NO_KEY_MESSAGE = 'No API key for profile "{profile}": run "hoist login" or set OPENAI_API_KEY.'


class CliError(Exception):
    """A failure to report as one line on stderr (exit 1)."""


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    """--base-url and --profile, the same on every command that talks to the API."""
    group = parser.add_argument_group("connection")
    group.add_argument(
        "--base-url",
        metavar="URL",
        help="API base URL (default: OPENAI_BASE_URL, else the profile's, "
        "else https://api.openai.com/v1)",
    )
    group.add_argument("--profile", metavar="NAME", help="settings profile to use")
    group.add_argument(
        "--provider",
        choices=PROVIDERS,
        help="how to talk to the server (default: the profile's, else openai); azure sends "
        "the key in an api-key header",
    )
    group.add_argument(
        "--api-version",
        metavar="V",
        help="api-version query parameter (Azure's classic routes; default: the profile's)",
    )
    group.add_argument(
        "--proxy",
        metavar="URL|none|system",
        help="proxy for this run: http://[USER:PASSWORD@]HOST:PORT or socks5://…, "
        '"none" to connect directly, "system" for the environment / OS settings '
        "(default: the profile's proxy setting)",
    )


def client_config(args: argparse.Namespace) -> ClientConfig:
    """Where to connect and with which key, from the flags, environment and settings."""
    from app.settings import Settings, resolve_connection

    try:
        settings = Settings.load()
        connection = resolve_connection(
            getattr(args, "profile", None),
            getattr(args, "base_url", None),
            settings=settings,
            provider=getattr(args, "provider", None),
            api_version=getattr(args, "api_version", None),
        )
    except (KeyError, ValueError, OSError) as exc:
        text = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
        raise CliError(str(text) or type(exc).__name__) from exc
    if not connection.api_key and connection.provider != COMPATIBLE:  # compatible: optional
        raise CliError(NO_KEY_MESSAGE.format(profile=connection.profile))
    proxy = _proxy_setting(connection, getattr(args, "proxy", None))
    prefs = settings.prefs
    return ClientConfig(
        base_url=connection.base_url,
        api_key=connection.api_key,
        organization=connection.organization,
        project=connection.project,
        max_attempts=prefs.max_attempts,
        stall_timeout=prefs.stall_timeout,
        provider=connection.provider,
        api_version=connection.api_version,
        proxy=proxy,
        complete_deadline=prefs.complete_timeout,
    )


def _proxy_setting(connection: Connection, option: str | None) -> ProxySetting:
    """The profile's proxy, or --proxy instead of it; a bad URL is one clear line."""
    stored = connection.proxy
    try:
        profile = ProxySetting.from_fields(
            stored.mode, stored.url, stored.username, stored.password
        )
    except ProxyConfigError as exc:
        if option is None:
            raise CliError(f'Profile "{connection.profile}": {exc}') from None
        profile = None  # --proxy replaces it anyway
    try:
        chosen = profile if option is None else ProxySetting.from_option(option, profile)
    except ProxyConfigError as exc:
        raise CliError(f"--proxy: {exc}") from None
    assert chosen is not None
    if chosen.password:
        remember_secret(chosen.password)
    return chosen


def make_client(args: argparse.Namespace, *, read_on_loop: bool = False) -> FilesClient:
    """The client, knowing what was learned about this server before (app.known_servers).
    ``read_on_loop``: read (or sendfile) request bodies on the loop thread, which has
    nothing else to keep responsive in a command that uploads."""
    from app import known_servers

    config = client_config(args)
    if read_on_loop:
        config = dataclasses.replace(config, read_on_loop=True, sendfile=True)
    return FilesClient(config, capabilities=known_servers.remembered(config.base_url))


def error_line(exc: BaseException) -> str:
    """One clear sentence for the user; never a traceback, never a key."""
    if isinstance(exc, AuthenticationError):
        text = f"API key rejected: {exc}"
    elif isinstance(exc, ApiError | CliError | KeyStoreError):
        text = str(exc)
    elif isinstance(exc, OSError):
        where = f" ({exc.filename})" if exc.filename else ""
        text = f"{exc.strerror or exc}{where}"
    else:
        text = f"Unexpected error: {type(exc).__name__}: {exc}"
    return redact(" ".join(text.split()))


def is_expected(exc: BaseException) -> bool:
    """A failure with its own clear message (not a bug)."""
    return isinstance(exc, ApiError | CliError | KeyStoreError | OSError)


def terminal_line(text: str) -> str:
    """What may reach a terminal line: no control characters, no key, ~300 characters; the
    bytes of a file name that are not UTF-8 shown as U+FFFD."""
    try:
        text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # a lone surrogate that is no escaped byte
        text = text.encode("utf-8", "replace").decode("utf-8")
    return clean(redact(text), None, TERMINAL_LIMIT)


def print_error(exc: BaseException | str) -> int:
    text = exc if isinstance(exc, str) else error_line(exc)
    print(terminal_line(f"hoist: {text}"), file=sys.stderr)
    return 1


def run_with_client(args: argparse.Namespace, work: Callable[[FilesClient], Awaitable[int]]) -> int:
    """Build the client, run work(client) in a fresh event loop, map failures to exit 1."""

    async def main() -> int:
        # Ctrl+C and SIGTERM through the loop's own signal handling (as `hoist upload` does),
        # which wakes a loop blocked on the network; the command then stops as a Ctrl+C does.
        task = asyncio.current_task()
        assert task is not None
        stopped: list[int] = []

        def stop() -> None:
            stopped.append(1)
            task.cancel()

        interrupt_on_signals(asyncio.get_running_loop(), stop)
        try:
            async with make_client(args) as client:
                return await work(client)
        except asyncio.CancelledError:
            if not stopped:
                raise
            task.uncancel()
            raise KeyboardInterrupt from None

    try:
        return loop.run(main())
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
        _silence_stdout()
        return 1
    except (ApiError, CliError, KeyStoreError, OSError) as exc:
        return print_error(exc)


def interrupt_on_signals(loop: asyncio.AbstractEventLoop, interrupt: Callable[[], None]) -> None:
    """Ctrl+C and SIGTERM call `interrupt` on the loop. Windows' event loop has no
    add_signal_handler: there a plain signal handler passes the interrupt to the loop."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(signum, interrupt)
        except NotImplementedError:
            signal.signal(signum, lambda _signum, _frame: loop.call_soon_threadsafe(interrupt))


def _silence_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def format_bytes(size: int) -> str:
    """1536 → '1.5 KiB' (app.units.format_iec)."""
    return format_iec(size)
