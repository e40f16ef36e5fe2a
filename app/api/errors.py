"""Typed errors of the Files/Uploads client; str(error) is one clear sentence for users."""

from __future__ import annotations

import json
import re
import ssl
from collections.abc import Mapping
from typing import Any

import httpx

from app.api.untrusted import JOURNAL_LIMIT, cap, clean, clean_optional


class ApiError(Exception):
    """A request failed. Carries what the server said (when it said anything)."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        type: str | None = None,
        code: str | None = None,
        param: str | None = None,
        request_id: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.headers = headers  # the answer's headers, for the retry policy
        self.body: str | None = None  # the start of the error answer's body, for diagnosis
        self.full_message = message  # uncapped (but cleaned): for the log file only
        self.message = message
        self.status = status
        self.type = type
        self.code = code
        self.param = param
        self.request_id = request_id

    def keep_answer_of(self, error: ApiError) -> None:
        """Carry what the server said in ``error`` (for a more specific error made from it)."""
        self.status, self.type, self.code = error.status, error.type, error.code
        self.param, self.request_id, self.headers = error.param, error.request_id, error.headers
        self.body, self.full_message = error.body, error.full_message

    def __str__(self) -> str:
        details = []
        if self.status is not None:
            details.append(f"HTTP {self.status}")
        if self.code:
            details.append(f"code {self.code}")
        if self.request_id:
            details.append(f"request {self.request_id}")
        text = " ".join(self.message.split()) or "The request failed."
        suffix = f" ({', '.join(details)})" if details else ""
        return cap(text, JOURNAL_LIMIT - len(suffix)) + suffix

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status={self.status!r}, type={self.type!r}, "
            f"code={self.code!r}, param={self.param!r}, message={self.message!r}, "
            f"request_id={self.request_id!r})"
        )


class AuthenticationError(ApiError):
    """401: the API key was rejected."""


class PermissionDeniedError(ApiError):
    """403: the key may not do this."""


class NotFoundError(ApiError):
    """404: no such file or upload."""


class BadRequestError(ApiError):
    """400, 413, 422 and other 4xx: the server refused the request as sent."""


class RateLimitError(ApiError):
    """429: too many requests (retried until the attempts run out)."""


class ServerError(ApiError):
    """5xx: the server failed (retried until the attempts run out)."""


class ConnectionFailed(ApiError):
    """No HTTP answer: connection refused or dropped, a timeout, or a stall."""

    def __init__(self, message: str, *, reason: str, unreachable: bool = False) -> None:
        super().__init__(message)
        self.reason = reason  # "connect", "dropped", "timeout", "stalled"
        self.unreachable = unreachable  # the connect failed: the server was never reached


class NetworkUnreachable(ConnectionFailed):
    """The server could not be reached at all (raised at once when the caller waits out
    outages; see app.api.reachability). ``answer_maybe_lost``: the connection broke during
    the request (not at connect), so the server may have done the work: look before
    sending a non-idempotent request again."""

    def __init__(self, message: str, *, reason: str, answer_maybe_lost: bool) -> None:
        super().__init__(message, reason=reason, unreachable=True)
        self.answer_maybe_lost = answer_maybe_lost


class InsecureTransportError(ApiError):
    """The key would travel over plain http to a host that is not this computer."""


class GatewayError(ApiError):
    """Something between Hoist and the server (a proxy, a captive portal) answered."""


class UntrustedCertificateError(ConnectionFailed):
    """The server's (or an intercepting proxy's) certificate is not trusted by the system:
    the server was reached (not an outage), and trying again would get the same answer."""

    def __init__(self, message: str) -> None:
        super().__init__(message, reason="certificate", unreachable=False)


class AnswerTooLarge(ApiError):
    """The server's answer is larger than Hoist reads for its kind."""


PROXY_CREDENTIALS = (
    "A proxy between you and the server asks for proxy credentials (HTTP 407): add them to "
    "the proxy setting, e.g. HTTPS_PROXY=http://user:password@proxy:port, or ask your "
    "network administrator."
)


def gateway_message(status: int, reason: str) -> str:
    if status == 407:
        return PROXY_CREDENTIALS
    what = f"{status} {reason}".strip()
    return (
        f"A proxy or gateway between you and the server answered {what} with a web page, "
        "not the API; the API key was not checked. Check the proxy settings (HTTPS_PROXY) "
        "and the base URL, or ask your network administrator."
    )


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
}

_DEFAULT_MESSAGES: dict[int, str] = {
    401: "The API key was rejected.",
    403: "The API key is not allowed to do this.",
    404: "The server does not know this file or upload.",
    408: "The server timed out waiting for the request.",
    409: "The server reported a conflict.",
    413: "The request is too large for the server.",
    429: "Too many requests: the server asked to slow down.",
}


def error_class_for_status(status: int) -> type[ApiError]:
    if status in _BY_STATUS:
        return _BY_STATUS[status]
    if status >= 500:
        return ServerError
    return BadRequestError


def _text_or_none(value: Any) -> str | None:
    if value is None:
        return None
    return str(value)


def looks_like_html(response: httpx.Response, head: bytes) -> bool:
    kind = response.headers.get("content-type", "").lower()
    start = head.lstrip()[:15].lower()
    return "html" in kind or start.startswith((b"<!doctype", b"<html", b"<head", b"<body"))


def error_from_response(
    response: httpx.Response, secret: str | None = None, content: bytes | None = None
) -> ApiError:
    """Build the typed error for an HTTP error answer from (the start of) its body.

    Every string the server sent is cleaned (controls stripped, key hidden, capped)."""
    status = response.status_code
    raw = response.content if content is None else content
    request_id = clean_optional(response.headers.get("x-request-id"), secret)
    reason = clean(response.reason_phrase or "", secret, 80)
    if 300 <= status < 400:
        location = clean(response.headers.get("location", "another address"), secret, 300)
        return BadRequestError(
            f"The server redirected the request to {location}; Hoist does not follow "
            "redirects, so check the base URL.",
            status=status,
            request_id=request_id,
            headers=response.headers,
        )
    if status == 407 or (status in (401, 403) and looks_like_html(response, raw[:200])):
        error: ApiError = GatewayError(
            gateway_message(status, reason), status=status, request_id=request_id
        )
        error.body = clean(raw[:2000].decode("utf-8", "replace"), secret, None)
        return error
    fields: dict[str, Any] = {}
    try:
        body = json.loads(raw or b"null")
    except (ValueError, UnicodeDecodeError, RecursionError):
        body = None
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        fields = body["error"]
    elif isinstance(body, dict) and isinstance(body.get("error"), str):
        fields = {"message": body["error"]}
    elif isinstance(body, dict):
        fields = {"message": body.get("message") or body.get("detail")}
    if body is None:  # cut at the read bound, perhaps: keep the start of its message
        fields = {"message": partial_message(raw)}
    message = _text_or_none(fields.get("message")) or _DEFAULT_MESSAGES.get(status)
    if body is None and looks_like_html(response, raw[:200]):
        message = gateway_message(status, reason)
    if not message:
        message = f"The server answered {status} {reason or 'error'}."
    full = clean(message, secret, None)
    error = error_class_for_status(status)(
        cap_message(full),
        status=status,
        type=clean_optional(fields.get("type"), secret),
        code=clean_optional(fields.get("code"), secret),
        param=clean_optional(fields.get("param"), secret),
        request_id=request_id,
        headers=response.headers,
    )
    error.full_message = full
    error.body = clean(raw[:2000].decode("utf-8", "replace"), secret, None)
    return error


_MESSAGE_START = re.compile(rb'"message"\s*:\s*"')
_STRING_BODY = re.compile(r'(?:[^"\\]|\\.)*')


def partial_message(raw: bytes) -> str | None:
    """The "message" string of a JSON error body that was cut before its end."""
    found = _MESSAGE_START.search(raw)
    if found is None:
        return None
    text = raw[found.end() :].decode("utf-8", "replace")
    match = _STRING_BODY.match(text)
    inner = match.group(0) if match else ""
    try:
        value = json.loads(f'"{inner}"')
    except ValueError:
        return inner or None
    return str(value) or None


def cap_message(text: str) -> str:
    return clean(text, None, JOURNAL_LIMIT)


def proxy_failed(exc: httpx.ProxyError, proxy: str | None = None) -> ApiError:
    """The proxy refused to open the tunnel (httpcore says e.g. "407 Proxy Authentication
    Required"): named as the proxy's answer, never as the key's fault."""
    text = clean(str(exc), None, 120)
    status = int(text[:3]) if text[:3].isdigit() else None
    if status == 407 and proxy:
        return GatewayError(
            f"The proxy {proxy} answered {text}: it asks for proxy credentials or refused "
            "the ones given. Set the proxy user name and password in the profile's proxy "
            "settings (or http://user:password@host:port), or ask your network administrator."
        )
    if status == 407:
        return GatewayError(PROXY_CREDENTIALS, status=None)
    which = f"The proxy {proxy}" if proxy else "The proxy between you and the server"
    return GatewayError(
        f"{which} refused the connection ({text or 'no reason'}); "
        "the API key was not checked. Check the proxy settings (HTTPS_PROXY) or ask your "
        "network administrator."
    )


def _certificate_problem(exc: BaseException) -> str | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return seen.verify_message or seen.reason or "certificate verify failed"
        seen = seen.__cause__ or seen.__context__
    return "certificate verify failed" if "CERTIFICATE_VERIFY_FAILED" in str(exc) else None


def connection_failed(exc: httpx.TransportError, host: str, proxy: str | None = None) -> ApiError:
    """Map an httpx transport failure to one sentence; ``proxy`` names the proxy in use."""
    through = f" through the proxy {proxy}" if proxy else ""
    if isinstance(exc, httpx.ProxyError):
        return proxy_failed(exc, proxy)
    problem = _certificate_problem(exc)
    if problem is not None:  # not retried: the next attempt gets the same certificate
        return UntrustedCertificateError(
            f"The certificate of {host}{through} is not trusted: {clean(problem, None, 120)}. "
            "If your network or proxy uses its own certificate authority, install it in the "
            "system's trust store."
        )
    from app.api.reachability import never_reached_server

    unreachable = never_reached_server(exc)
    if isinstance(exc, httpx.ReadTimeout | httpx.WriteTimeout):
        return ConnectionFailed(
            f"The connection to {host} stalled: no data moved for too long.", reason="stalled"
        )
    if isinstance(exc, httpx.TimeoutException):
        return ConnectionFailed(
            f"Connecting to {host}{through} timed out.", reason="timeout", unreachable=unreachable
        )
    if isinstance(exc, httpx.ConnectError):
        return ConnectionFailed(
            f"Could not connect to {host}{through}.", reason="connect", unreachable=unreachable
        )
    return ConnectionFailed(f"The connection to {host} was interrupted.", reason="dropped")
