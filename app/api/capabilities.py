"""What a server supports, learned from its answers. One object per base URL; the client
updates it and app.known_servers keeps it on disk, so the next run knows at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.api.errors import ApiError

MISSING, PURPOSE_REFUSED = "missing", "purpose"
# POST /uploads answered so: the route does not exist on this server
NO_ROUTE_STATUSES = frozenset({404, 405, 501})


@dataclass
class Capabilities:
    """``uploads_api``: None until known. ``upload_purposes_refused``: purposes the server's
    Uploads API refused (Azure takes user_data only through POST /files)."""

    uploads_api: bool | None = None
    upload_purposes_refused: set[str] = field(default_factory=set)
    on_change: Callable[[Capabilities], None] | None = field(
        default=None, repr=False, compare=False
    )

    def uploads_for(self, purpose: str) -> bool | None:
        """False when files of this purpose cannot go through the Uploads API here."""
        if self.uploads_api is False or purpose in self.upload_purposes_refused:
            return False
        return self.uploads_api

    def learn_uploads(self, available: bool) -> bool:
        """Record what a request or a probe showed; True when that is news."""
        changed = self.uploads_api is not available
        self.uploads_api = available
        if changed:
            self._changed()
        return changed

    def probed(self, uploads_available: bool) -> None:
        """A probe (Test connection) found this: it replaces everything learned before, so
        purposes refused earlier are tried again."""
        changed = self.uploads_api is not uploads_available or bool(self.upload_purposes_refused)
        self.uploads_api = uploads_available
        self.upload_purposes_refused.clear()
        if changed:
            self._changed()

    def learn_purpose_refused(self, purpose: str) -> bool:
        if purpose in self.upload_purposes_refused:
            return False
        self.upload_purposes_refused.add(purpose)
        self._changed()
        return True

    def _changed(self) -> None:
        if self.on_change is not None:
            self.on_change(self)

    def to_json(self) -> dict[str, Any]:
        return {
            "uploads_api": self.uploads_api,
            "upload_purposes_refused": sorted(self.upload_purposes_refused),
        }

    @classmethod
    def from_json(cls, raw: Any) -> Capabilities:
        if not isinstance(raw, dict):
            return cls()
        uploads = raw.get("uploads_api")
        refused = raw.get("upload_purposes_refused")
        return cls(
            uploads_api=uploads if isinstance(uploads, bool) else None,
            upload_purposes_refused={p for p in refused or () if isinstance(p, str)}
            if isinstance(refused, list)
            else set(),
        )


class UploadsUnavailable(ApiError):
    """POST /uploads showed this server has no Uploads API (``reason`` MISSING) or takes no
    files of this purpose through it (PURPOSE_REFUSED). Nothing of the file was sent.
    ``news``: this request taught it (say so once); False when it was known already."""

    def __init__(self, error: ApiError, *, reason: str, purpose: str, news: bool) -> None:
        super().__init__(error.message)
        self.keep_answer_of(error)
        self.reason = reason
        self.purpose = purpose
        self.news = news

    @classmethod
    def known(cls, capabilities: Capabilities, purpose: str) -> UploadsUnavailable:
        """Learned earlier (no request made): the same refusal, not news."""
        reason = MISSING if capabilities.uploads_api is False else PURPOSE_REFUSED
        error = ApiError("This server was found to lack the Uploads API for this purpose.")
        return cls(error, reason=reason, purpose=purpose, news=False)


def refusal_reason(error: ApiError) -> str | None:
    """Why POST /uploads was refused, when that says the route is missing or refuses the
    purpose; None for any other failure (which is the file's own problem)."""
    if error.status in NO_ROUTE_STATUSES:
        return MISSING
    if error.status == 400 and (error.param == "purpose" or "purpose" in error.message.lower()):
        return PURPOSE_REFUSED
    return None


def learn_from_refusal(
    error: ApiError, purpose: str, capabilities: Capabilities
) -> UploadsUnavailable | None:
    reason = refusal_reason(error)
    if reason is None:
        return None
    if reason == MISSING:
        news = capabilities.learn_uploads(False)
    else:
        news = capabilities.learn_purpose_refused(purpose)
    return UploadsUnavailable(error, reason=reason, purpose=purpose, news=news)
