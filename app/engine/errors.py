"""The engine's usage error (unknown job, bad argument, closed engine)."""

from __future__ import annotations


class EngineError(Exception):
    """A usage error (unknown job, bad argument); str() is one clear sentence."""
