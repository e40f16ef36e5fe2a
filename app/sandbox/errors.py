"""The OpenAI error envelope: {"error": {"message", "type", "param", "code"}}."""

from __future__ import annotations

from collections.abc import Mapping

from aiohttp import web

INVALID_REQUEST = "invalid_request_error"
SERVER_ERROR = "server_error"

_DEFAULT_TYPES = {
    401: INVALID_REQUEST,
    403: "permission_error",
    404: INVALID_REQUEST,
    408: "timeout_error",
    413: INVALID_REQUEST,
    429: "requests",
}

_DEFAULT_MESSAGES = {
    400: "The request was invalid.",
    401: "Incorrect API key provided.",
    403: "You do not have access to this resource.",
    404: "Not found.",
    408: "The request timed out before it was fully received.",
    413: "The request body is too large.",
    429: "Rate limit reached for requests. Please try again later.",
    500: "The server had an error while processing your request. Sorry about that!",
    502: "Bad gateway.",
    503: "The server is overloaded or not ready yet.",
}


def default_type(status: int) -> str:
    if status >= 500:
        return SERVER_ERROR
    return _DEFAULT_TYPES.get(status, INVALID_REQUEST)


def default_message(status: int) -> str:
    return _DEFAULT_MESSAGES.get(status, f"Request failed with status {status}.")


class ApiFailure(Exception):
    """Raised by handlers; the server turns it into the error envelope."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: str | None = None,
        param: str | None = None,
        code: str | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type or default_type(status)
        self.param = param
        self.code = code
        self.headers = dict(headers or {})

    def response(self) -> web.Response:
        body = {
            "error": {
                "message": self.message,
                "type": self.type,
                "param": self.param,
                "code": self.code,
            }
        }
        return web.json_response(body, status=self.status, headers=self.headers)


def bad_request(message: str, *, param: str | None = None, code: str | None = None) -> ApiFailure:
    return ApiFailure(400, message, param=param, code=code)


def not_found(kind: str, object_id: str, param: str) -> ApiFailure:
    return ApiFailure(404, f"No such {kind} object: {object_id}", param=param)


def too_large(message: str, param: str | None = None) -> ApiFailure:
    return ApiFailure(413, message, param=param, code="file_too_large")
