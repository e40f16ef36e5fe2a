"""Typed errors of the Files/Uploads client; str(error) is one clear sentence for users."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import httpx


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
        self.message = message
        self.status = status
        self.type = type
        self.code = code
        self.param = param
        self.request_id = request_id

    def __str__(self) -> str:
        details = []
        if self.status is not None:
            details.append(f"HTTP {self.status}")
        if self.code:
            details.append(f"code {self.code}")
        if self.request_id:
            details.append(f"request {self.request_id}")
        text = " ".join(self.message.split()) or "The request failed."
        return f"{text} ({', '.join(details)})" if details else text

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

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message)
        self.reason = reason  # "connect", "dropped", "timeout", "stalled"


class InsecureTransportError(ApiError):
    """The key would travel over plain http to a host that is not this computer."""


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


def error_from_response(response: httpx.Response, secret: str | None = None) -> ApiError:
    """Build the typed error for an HTTP error answer whose body has been read."""
    status = response.status_code
    request_id = response.headers.get("x-request-id")
    if 300 <= status < 400:
        location = response.headers.get("location", "another address")
        return BadRequestError(
            f"The server redirected the request to {location}; Hoist does not follow "
            "redirects, so check the base URL.",
            status=status,
            request_id=request_id,
            headers=response.headers,
        )
    fields: dict[str, Any] = {}
    try:
        body = json.loads(response.content or b"null")
    except (ValueError, UnicodeDecodeError):
        body = None
    if isinstance(body, dict) and isinstance(body.get("error"), dict):
        fields = body["error"]
    elif isinstance(body, dict) and isinstance(body.get("error"), str):
        fields = {"message": body["error"]}
    elif isinstance(body, dict):
        fields = {"message": body.get("message") or body.get("detail")}
    message = _text_or_none(fields.get("message")) or _DEFAULT_MESSAGES.get(status)
    if not message:
        reason = response.reason_phrase or "error"
        message = f"The server answered {status} {reason}."
    if secret:
        message = message.replace(secret, "[redacted]")
    error = error_class_for_status(status)(
        message,
        status=status,
        type=_text_or_none(fields.get("type")),
        code=_text_or_none(fields.get("code")),
        param=_text_or_none(fields.get("param")),
        request_id=request_id,
        headers=response.headers,
    )
    text = response.content[:2000].decode("utf-8", "replace")
    error.body = text.replace(secret, "[redacted]") if secret else text
    return error


def connection_failed(exc: httpx.TransportError, host: str) -> ConnectionFailed:
    """Map an httpx transport failure to ConnectionFailed with a short reason."""
    if isinstance(exc, httpx.ReadTimeout | httpx.WriteTimeout):
        return ConnectionFailed(
            f"The connection to {host} stalled: no data moved for too long.", reason="stalled"
        )
    if isinstance(exc, httpx.TimeoutException):
        return ConnectionFailed(f"Connecting to {host} timed out.", reason="timeout")
    if isinstance(exc, httpx.ConnectError):
        return ConnectionFailed(f"Could not connect to {host}.", reason="connect")
    return ConnectionFailed(f"The connection to {host} was interrupted.", reason="dropped")
