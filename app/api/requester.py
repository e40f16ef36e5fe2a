"""One httpx.AsyncClient plus the retry loop every endpoint goes through."""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import httpx

from app.api import retry
from app.api.bounded import ERROR_BODY_LIMIT, read_limited
from app.api.config import (
    USER_AGENT,
    ClientConfig,
    build_timeout,
    check_transport,
    tls_context,
)
from app.api.deferred_transport import DeferredTransport, default_transport
from app.api.errors import (
    ApiError,
    ConnectionFailed,
    NetworkUnreachable,
    UntrustedCertificateError,
    connection_failed,
    error_from_response,
)
from app.api.multipart import StreamedMultipart
from app.api.pacing import Pacers, RatePacer
from app.api.provider_auth import adapt_error, auth_headers, with_api_version
from app.api.proxy import route_for
from app.api.reachability import RAISE_WHEN_UNREACHABLE, server_answers
from app.api.sendfile import SendfileSender, sendfile_usable
from app.api.types import MismatchedAnswer, RetryNotice
from app.api.untrusted import clean
from app.api.watchdog import AnswerGuard, GuardSet

log = logging.getLogger("app.api")

T = TypeVar("T")
# httpcore imports these on the first request. Importing them when the client is built (in a
# worker thread in the window) keeps that first request from holding the GUI thread for
# tens of milliseconds (measured by tests/perf: about 40 ms with PySide6 loaded).
FIRST_REQUEST_MODULES = ("httpcore._backends.anyio", "anyio._backends._asyncio")
# A 429 waits without spending an attempt, for up to this long in all per call; after that
# (a server that never lets up) 429s count as failures like any other.
RATE_LIMIT_PATIENCE = 900.0
URLS_REMEMBERED = 256  # request URLs kept joined (a long session names many Uploads)
ProgressCallback = Callable[[int], None]
RetryCallback = Callable[[RetryNotice], None]


class Attempt:
    """What one try sends and how much of it went out (the request body or the download)."""

    def __init__(self, body: StreamedMultipart | None = None) -> None:
        self.body = body
        self.received = 0
        self.request_sent = False  # a request without a streamed body went out whole

    def answer_lost(self, error: ApiError) -> bool:
        """The whole body went out and no answer came back: the server may have done it."""
        if error.status is not None:
            return False
        body = self.body
        if body is None:  # a JSON (or empty) body: sent whole, as httpcore's trace told
            return self.request_sent
        return body.body_bytes_sent >= body.content_length

    def progressed(self) -> bool:
        if self.body is not None:
            return retry.made_progress(self.body.body_bytes_sent)
        return self.received >= retry.PROGRESS_RESET_BYTES


def parse_base_url(text: str) -> httpx.URL:
    """The base URL, or a clear ApiError for one that cannot be used."""
    problem = ""
    try:
        url = httpx.URL(text.rstrip("/") + "/")
    except httpx.InvalidURL as exc:
        problem = str(exc)
    else:
        if url.scheme not in ("http", "https") or not url.host:
            problem = "it must start with https:// (or http:// for this computer) and name a host"
        elif url.port is not None and not 0 < url.port < 65536:
            problem = f"port {url.port} is not between 1 and 65535"
        else:
            return url
    shown = clean(text, None, 200)
    raise ApiError(
        f"The base URL {shown} cannot be used: {problem}. Check --base-url, "
        "OPENAI_BASE_URL or the profile's base URL."
    )


class Requester:
    def __init__(
        self, config: ClientConfig, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.config = config
        if not config.read_on_loop:  # the window's loop; the CLI imports them when needed
            for name in FIRST_REQUEST_MODULES:
                with contextlib.suppress(ImportError):
                    importlib.import_module(name)
        headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
        if config.organization:
            headers["OpenAI-Organization"] = config.organization
        if config.project:
            headers["OpenAI-Project"] = config.project
        self.pacers = Pacers()
        # a transport passed in (tests) sees every request: no sendfile then
        self.sendfile = SendfileSender() if config.sendfile and transport is None else None
        self.base_url = parse_base_url(config.base_url)
        self.host = self.base_url.host or config.base_url
        self.guards = GuardSet()
        self._closing: set[asyncio.Task[None]] = set()
        self._headers, self._transport = headers, transport
        self._deferred: DeferredTransport | None = None
        self.http = self._new_http()
        self._urls: dict[str, httpx.URL] = {}

    def _new_http(self) -> httpx.AsyncClient:
        try:
            self.route = route_for(self.base_url, self.config.proxy, tls_context)
            transport = self._transport
            if transport is None:
                transport = self._deferred = default_transport(
                    tls_context, now=not self.config.read_on_loop
                )
            return httpx.AsyncClient(
                base_url=self.base_url,
                headers=self._headers,
                timeout=build_timeout(self.config),
                # used by a proxy's transport only (ours makes its own context when built)
                verify=tls_context() if self.route.proxy is not None else True,
                follow_redirects=False,
                transport=transport,
                proxy=self.route.proxy,
                trust_env=False,  # the route above read the environment (app/api/proxy.py)
            )
        except (ValueError, ImportError) as exc:  # e.g. HTTPS_PROXY=ftp://… or a bad URL
            raise ApiError(
                self._redact(f"The proxy or base URL setting cannot be used: {exc}")
            ) from exc

    async def aclose(self) -> None:
        if self.sendfile is not None:
            await self.sendfile.aclose()
        await self.http.aclose()

    @property
    def http_used(self) -> bool:
        """httpx sent a request itself (or a transport was passed in: tests)."""
        return self._deferred is None or self._deferred.requests > 0

    async def cannot_reach(self, error: ApiError) -> bool:
        """Inside a run that waits out outages: the server cannot be reached at all (the
        connect failed, or the connection broke and a probe gets no answer either)."""
        if not RAISE_WHEN_UNREACHABLE.get() or not isinstance(error, ConnectionFailed):
            return False
        if error.unreachable:
            return True
        return error.reason in ("dropped", "stalled") and not await self.server_answers()

    async def server_answers(self) -> bool:
        """One probe without retries: True when the server answered anything at all."""
        headers = self._auth_headers(self.http.base_url.join("files"))
        params = with_api_version(self.config, {"limit": 1}) or {}
        return await server_answers(self.http, headers, params)

    def drop_connections(self) -> int:
        """Connections are stale (the computer slept, the network changed): end the
        attempts in flight now (they are retried) and open new connections from here on.
        Returns how many attempts were ended."""
        old, self.http = self.http, self._new_http()
        if self.sendfile is not None:
            self.sendfile.forget_idle()
        dropped = self.guards.drop_all()
        if self._transport is None:  # a transport passed in is shared by the new client
            task = asyncio.get_running_loop().create_task(old.aclose())
            self._closing.add(task)
            task.add_done_callback(self._closing.discard)
        return dropped

    def _url_of(self, path: str) -> httpx.URL:
        """The base URL joined with ``path``, remembered: httpx's own join parses the base
        again on every request (two thirds of building one)."""
        url = self._urls.get(path)
        if url is None:
            if len(self._urls) >= URLS_REMEMBERED:  # (paths name Uploads and Files)
                self._urls.clear()
            url = self._urls[path] = self.http.build_request("GET", path.lstrip("/")).url
        return url

    def _auth_headers(self, url: httpx.URL) -> dict[str, str]:
        key = self.config.api_key
        check_transport(url, bool(key))
        return auth_headers(self.config, key)

    def _redact(self, text: str) -> str:
        key = self.config.api_key
        return text.replace(key, "[redacted]") if key else text

    async def call(
        self,
        method: str,
        path: str,
        handle: Callable[[httpx.Response, Attempt], Awaitable[T]],
        *,
        params: dict[str, Any] | None = None,
        json_body: Any = None,
        make_body: Callable[[], StreamedMultipart] | None = None,
        on_progress: ProgressCallback | None = None,
        on_retry: RetryCallback | None = None,
        max_attempts: int | None = None,
        answer_within: float | None = None,
        deadline: float | None = None,
        streamed: bool = False,
        after_lost_answer: Callable[[], Awaitable[T | None]] | None = None,
    ) -> T:
        """Send until success, a non-retryable failure, or the attempts run out.

        ``answer_within``: how long the server may think before its answer starts (for
        requests it works hard on, like complete); the stall timeout otherwise.
        ``deadline``: the answer's overall bound (default: the config's answer_deadline);
        ``streamed``: a download, bounded by its speed only once its head came.
        ``after_lost_answer``: before sending again a body that went out whole but got no
        answer, look for what the lost attempt did; a result found is returned as is."""
        counter = retry.AttemptCounter(max(1, max_attempts or self.config.max_attempts))
        pacer = self.pacers(method, path)
        rate_waited = 0.0
        while True:
            attempt = Attempt(make_body() if make_body is not None else None)
            if on_progress is not None:
                on_progress(0)
            await pacer.take()
            guard = AnswerGuard(
                self.host,
                deadline=deadline or self.config.answer_deadline,
                window=self.config.stall_timeout,
                min_bytes=self.config.min_answer_bytes,
                streamed=streamed,
            )
            try:
                with self.guards.holding(guard):
                    return await self._try_once(
                        method, path, handle, attempt, params, json_body, answer_within, guard,
                        pacer,
                    )  # fmt: skip
            except ApiError as error:
                attempt.request_sent = guard.request_sent
                if await self.cannot_reach(error):
                    assert isinstance(error, ConnectionFailed)
                    raise NetworkUnreachable(
                        error.message, reason=error.reason,
                        answer_maybe_lost=not error.unreachable,
                    ) from error  # fmt: skip
                headers = error.headers
                if isinstance(error, UntrustedCertificateError):
                    retryable = False  # the next attempt would get the same certificate
                elif isinstance(error, ConnectionFailed | MismatchedAnswer) or error.status:
                    retryable = retry.should_retry(error.status, headers)
                else:
                    retryable = False
                paced = retryable and rate_waited < RATE_LIMIT_PATIENCE and _rate_limited(error)
                if paced:  # the server asked to slow down: wait, without spending an attempt
                    delay = retry.server_delay(headers, time.time())
                    delay = delay or pacer.wait_after_429(headers or {})
                    delay = delay or retry.backoff_delay(0)
                    rate_waited += delay
                    attempt_number = counter.consecutive + 1
                else:
                    # bytes that moved before the connection broke count as progress; an HTTP
                    # error answer does not (the server saw the body and refused it)
                    counter.record_failure(error.status is None and attempt.progressed())
                    if after_lost_answer is not None and attempt.answer_lost(error):
                        found = await after_lost_answer()  # also before giving up: a rerun
                        if found is not None:  # would otherwise store a second copy
                            return found
                    if not retryable or not counter.may_retry():
                        raise
                    delay = retry.choose_delay(counter.retry_index, headers, time.time())
                    attempt_number = counter.consecutive
                reason = f"HTTP {error.status}" if error.status else getattr(error, "reason", "")
                log.info(
                    "%s %s failed (%s); attempt %d, retrying in %.2f s",
                    method,
                    path,
                    reason,
                    attempt_number,
                    delay,
                )
                if on_retry is not None:
                    on_retry(RetryNotice(attempt_number, delay, reason, error.status))
            await asyncio.sleep(delay)

    async def _try_once(
        self,
        method: str,
        path: str,
        handle: Callable[[httpx.Response, Attempt], Awaitable[T]],
        attempt: Attempt,
        params: dict[str, Any] | None,
        json_body: Any,
        answer_within: float | None,
        guard: AnswerGuard,
        pacer: RatePacer,
    ) -> T:
        body = attempt.body
        answered = False
        timeout = build_timeout(self.config)
        if answer_within is not None:
            timeout = httpx.Timeout(
                connect=timeout.connect,
                read=max(answer_within, self.config.stall_timeout),
                write=timeout.write,
                pool=timeout.pool,
            )
        headers: dict[str, str] = {}
        try:
            if body is not None:
                headers.update(body.headers())
            request = self.http.build_request(
                method,
                self._url_of(path),
                params=with_api_version(self.config, params),
                json=json_body,
                content=body,
                headers=headers,
                timeout=timeout,
                extensions={"trace": guard.trace},
            )
            request.headers.update(self._auth_headers(request.url))
            kernel_sends = (  # (downloads stream to disk: httpx)
                self.sendfile is not None
                and not guard.streamed
                and self.route.proxy is None
                and sendfile_usable(request.url)
            )
            async with guard.bounded():
                if kernel_sends:
                    assert self.sendfile is not None
                    response = await self.sendfile.send(request, body)
                else:
                    if body is not None:
                        await body.open()
                    response = await self.http.send(request, stream=True)
                answered = True
                pacer.answered(response.headers, response.status_code)
                guard.watch(response)
                try:
                    if response.status_code >= 300:
                        head = await read_limited(response, ERROR_BODY_LIMIT, truncate=True)
                        error = error_from_response(response, self.config.api_key, head)
                        log.info(
                            "%s %s answered HTTP %s: %s",
                            method,
                            path,
                            response.status_code,
                            error.full_message,
                        )
                        raise adapt_error(self.config, self.host, error)
                    return await handle(response, attempt)
                finally:
                    await response.aclose()
        except httpx.TransportError as exc:
            if isinstance(exc, httpx.UnsupportedProtocol | httpx.LocalProtocolError):
                raise ApiError(
                    self._redact(f"The request to {self.host} could not be sent: {exc}")
                ) from exc
            raise connection_failed(exc, self.host, self.route.label) from exc
        finally:
            if not answered:
                pacer.answered({}, None)
            if body is not None:
                body.close()


def _rate_limited(error: ApiError) -> bool:
    """A 429 that means "slow down" (not "out of quota", which waiting does not fix)."""
    return error.status == 429 and (error.code or "") != "insufficient_quota"
