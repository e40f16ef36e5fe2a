"""How each provider is spoken to: the key's header, the api-version parameter, and what a
401 means when the provider chosen does not match the server (app.providers has the names)."""

from __future__ import annotations

from typing import Any

from app.api.config import ClientConfig
from app.api.errors import ApiError, AuthenticationError
from app.providers import AZURE, OPENAI, is_azure_host

AZURE_ADVICE = (
    "This looks like an Azure OpenAI endpoint, which takes the key in an api-key header: "
    "choose the Azure provider (Settings → Provider, or --provider azure)."
)
BEARER_ADVICE = (
    "This server wants the key as a Bearer token, not in Azure's api-key header: choose the "
    "OpenAI or OpenAI-compatible provider (Settings → Provider, or --provider openai)."
)


class WrongProviderError(AuthenticationError):
    """401 from a server that speaks another provider's dialect. ``message`` is the advice
    (which provider to choose); ``server_message`` what the server said."""

    def __init__(self, error: ApiError, *, suggested: str, advice: str) -> None:
        super().__init__(advice)
        self.keep_answer_of(error)
        self.full_message = f"{advice} The server said: {error.full_message}"
        self.suggested = suggested
        self.server_message = error.message


def auth_headers(config: ClientConfig, key: str | None) -> dict[str, str]:
    """Azure takes the key in `api-key` (never as Bearer); everyone else as a Bearer token."""
    if not key:
        return {}
    if config.provider == AZURE:
        return {"api-key": key}
    return {"Authorization": f"Bearer {key}"}


def with_api_version(config: ClientConfig, params: dict[str, Any] | None) -> dict[str, Any] | None:
    """The request's query with `api-version` added when the profile sets one."""
    if not config.api_version:
        return params
    return {**(params or {}), "api-version": config.api_version}


def _azure_envelope(error: ApiError) -> bool:
    """Azure's 401: {"error": {"code": "401", "message": "Access denied due to invalid
    subscription key …"}} (no type), or API Management's {"statusCode": 401, "message": …}."""
    text = error.message.lower()
    numeric_code = error.code is not None and error.code.isdigit() and error.type is None
    return "subscription key" in text or (numeric_code and "access denied" in text)


def adapt_error(config: ClientConfig, host: str, error: ApiError) -> ApiError:
    """Map a provider's error answer onto our typed errors (a 401 that shows the wrong
    provider was chosen becomes WrongProviderError, with the advice)."""
    azure_like = _azure_envelope(error)
    if error.code is not None and error.code == str(error.status):
        error.code = None  # Azure repeats the status as its code: say it once
    if not isinstance(error, AuthenticationError):
        return error
    if config.provider != AZURE and (azure_like or is_azure_host(host)):
        return WrongProviderError(error, suggested=AZURE, advice=AZURE_ADVICE)
    if config.provider == AZURE and not is_azure_host(host) and error.type is not None:
        return WrongProviderError(error, suggested=OPENAI, advice=BEARER_ADVICE)
    return error
