"""`Test connection`: what an endpoint supports (key, Files, Uploads), with nothing uploaded.

Files: GET /files?limit=1. Uploads: POST /uploads with an empty object, which a server with
the Uploads API refuses as incomplete (400/422) and one without answers 404/405; no Upload is
made and no file byte is sent. What is learned goes into the client's Capabilities.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from app.api.capabilities import NO_ROUTE_STATUSES
from app.api.client import FilesClient
from app.api.errors import ApiError, AuthenticationError
from app.api.requester import Attempt


@dataclass(frozen=True)
class ProbeResult:
    """None: not known (the probe stopped before it could tell)."""

    key_valid: bool | None
    files: bool | None
    uploads: bool | None
    problem: str | None = None  # the sentence that stopped the probe, when one did
    key_sent: bool = True
    error: ApiError | None = None  # the failure that stopped it (typed, for the caller)

    @property
    def ok(self) -> bool:
        return self.key_valid is not False and self.files is True

    def lines(self) -> list[str]:
        """One line per fact, for the Settings dialog (and anyone else who shows it)."""
        out: list[str] = []
        if self.key_valid is False:
            out.append(f"API key: rejected. {self.problem or ''}".strip())
            return out
        if self.key_valid:
            out.append("API key: accepted." if self.key_sent else "API key: none needed.")
        if self.files is True:
            out.append("Files API: available.")
        elif self.files is False:
            out.append("Files API: not found at this base URL; check the base URL.")
        if self.uploads is True:
            out.append("Uploads API: available (large files in parallel parts, up to 8 GB).")
        elif self.uploads is False:
            out.append("Uploads API: not available; files up to 512 MB go in one request.")
        if self.problem:
            out.append(self.problem)
        return out


async def _status(response: httpx.Response, attempt: Attempt) -> int:
    await response.aread()
    return response.status_code


async def probe(client: FilesClient) -> ProbeResult:
    """Ask the endpoint what it supports; never raises ApiError (it is in the result)."""
    key_sent = bool(client.config.api_key)
    try:
        await client.list_files(limit=1)
    except AuthenticationError as exc:
        return ProbeResult(False, None, None, str(exc), key_sent, exc)
    except ApiError as exc:
        if exc.status in NO_ROUTE_STATUSES:
            return ProbeResult(True, False, None, str(exc), key_sent, exc)
        return ProbeResult(None, None, None, str(exc), key_sent, exc)
    uploads: bool | None
    problem = None
    try:
        await client.requester.call("POST", "uploads", _status, json_body={})
        uploads = True  # it took an empty object: the route exists (nothing was sent)
    except AuthenticationError as exc:
        return ProbeResult(False, True, None, str(exc), key_sent, exc)
    except ApiError as exc:
        if exc.status in NO_ROUTE_STATUSES:
            uploads = False
        elif exc.status in (400, 422):
            uploads = True
        else:
            uploads, problem = None, f"Uploads API: could not be checked ({exc})."
    if uploads is not None:
        client.capabilities.probed(uploads)
    return ProbeResult(True, True, uploads, problem, key_sent)
