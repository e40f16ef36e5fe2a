"""Playing Azure OpenAI (`--auth azure`): the api-key header and Azure's own error envelope.

Shapes from Microsoft's REST reference (Files - Upload: `api-key` header, 201 Created with a
Location header, `api-version` query parameter) and from error bodies quoted in public issues
({"error": {"code": "401", "message": ...}}, {"error": {"code": "invalidPayload", ...}}).
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping

from aiohttp import web

from app.sandbox.context import sandbox_of
from app.sandbox.errors import ApiFailure

KEY_HEADER = "api-key"
ACCESS_DENIED = (
    "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide "
    "a valid key for an active subscription and use a correct regional API endpoint for your "
    "resource."
)
INVALID_PURPOSE = "Invalid value for purpose."
# Azure's Uploads route takes these purposes (its CreateUploadRequest); user_data is refused.
UPLOAD_PURPOSES = ("assistants", "batch", "fine-tune", "vision")


class AzureFailure(ApiFailure):
    """An error answered in Azure's envelope: {"error": {"code", "message"}}."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(status, message, code=code, headers=headers)

    def response(self) -> web.Response:
        body = {"error": {"code": self.code, "message": self.message}}
        return web.json_response(body, status=self.status, headers=self.headers)


def check_azure_key(request: web.Request, required_key: str | None) -> None:
    """The key must come in `api-key`; a Bearer header alone is refused, as by Azure."""
    key = request.headers.get(KEY_HEADER, "").strip()
    if not key or (
        required_key is not None
        and not hmac.compare_digest(
            key.encode("utf-8", "surrogateescape"), required_key.encode("utf-8", "surrogateescape")
        )
    ):
        raise AzureFailure(401, ACCESS_DENIED, code="401")


def check_upload_purpose(purpose: str) -> None:
    if purpose not in UPLOAD_PURPOSES:
        raise AzureFailure(400, INVALID_PURPOSE, code="invalidPayload")


def is_azure(request: web.Request) -> bool:
    return sandbox_of(request).config.auth == "azure"
