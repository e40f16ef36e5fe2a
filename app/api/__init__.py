"""The OpenAI Files + Uploads client (one httpx.AsyncClient; retries inside each call)."""

from app.api.bodyread import FileChangedError
from app.api.capabilities import Capabilities, UploadsUnavailable
from app.api.client import FilesClient
from app.api.config import ClientConfig, is_loopback_host
from app.api.errors import (
    ApiError,
    AuthenticationError,
    BadRequestError,
    ConnectionFailed,
    InsecureTransportError,
    NetworkUnreachable,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
)
from app.api.multipart import guess_mime_type
from app.api.provider_auth import WrongProviderError
from app.api.proxy_setting import ProxyConfigError, ProxyMode, ProxySetting
from app.api.reachability import RAISE_WHEN_UNREACHABLE
from app.api.types import (
    FileList,
    FileObject,
    RetryNotice,
    UnexpectedResponse,
    UploadObject,
    UploadPart,
)

__all__ = [
    "RAISE_WHEN_UNREACHABLE",
    "ApiError",
    "AuthenticationError",
    "BadRequestError",
    "Capabilities",
    "ClientConfig",
    "ConnectionFailed",
    "FileChangedError",
    "FileList",
    "FileObject",
    "FilesClient",
    "InsecureTransportError",
    "NetworkUnreachable",
    "NotFoundError",
    "PermissionDeniedError",
    "ProxyConfigError",
    "ProxyMode",
    "ProxySetting",
    "RateLimitError",
    "RetryNotice",
    "ServerError",
    "UnexpectedResponse",
    "UploadObject",
    "UploadPart",
    "UploadsUnavailable",
    "WrongProviderError",
    "guess_mime_type",
    "is_loopback_host",
]
