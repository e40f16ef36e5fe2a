"""The providers a profile can name, their presets, and how an Azure endpoint is recognised.

A leaf module: it imports nothing of app, so settings, the client and the window share it.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENAI, AZURE, COMPATIBLE = "openai", "azure", "compatible"
PROVIDERS = (OPENAI, AZURE, COMPATIBLE)
DEFAULT_PROVIDER = OPENAI

# Azure OpenAI resources live under these host names (classic, AI Foundry, API Management).
AZURE_HOST_SUFFIXES = (
    ".openai.azure.com",
    ".cognitiveservices.azure.com",
    ".services.ai.azure.com",
    ".azure-api.net",
)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks a word the window translates (pyside6-lupdate reads this name; no Qt here)."""
    return text


@dataclass(frozen=True)
class Preset:
    provider: str
    label: str  # label and hint: English, translated by the window (context "Providers")
    base_url: str  # the pattern offered in Settings; RESOURCE is the user's to replace
    hint: str


PRESETS: dict[str, Preset] = {
    OPENAI: Preset(
        OPENAI,
        "OpenAI",
        "https://api.openai.com/v1",
        QT_TRANSLATE_NOOP("Providers", "The key is sent as a Bearer token."),
    ),
    AZURE: Preset(
        AZURE,
        "Azure OpenAI",
        "https://RESOURCE.openai.azure.com/openai/v1",
        QT_TRANSLATE_NOOP(
            "Providers",
            "Replace RESOURCE with your resource name. The key goes in the api-key header; set "
            "an API version only for the classic /openai routes (e.g. 2024-10-21).",
        ),
    ),
    COMPATIBLE: Preset(
        COMPATIBLE,
        QT_TRANSLATE_NOOP("Providers", "OpenAI-compatible"),
        "http://localhost:4000/v1",
        QT_TRANSLATE_NOOP(
            "Providers",
            "Any server with the OpenAI Files API (LiteLLM, LocalAI, vLLM…). A key is optional; "
            "without the Uploads API, files up to 512 MB go in one request.",
        ),
    ),
}


def normalise_provider(value: object) -> str:
    """A known provider name (case-insensitive), else the default."""
    text = str(value or "").strip().lower()
    return text if text in PROVIDERS else DEFAULT_PROVIDER


def is_azure_host(host: str) -> bool:
    host = host.strip("[]").rstrip(".").lower()
    return host.endswith(AZURE_HOST_SUFFIXES)
