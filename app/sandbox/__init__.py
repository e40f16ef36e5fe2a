"""A local, stateful, OpenAI-compatible Files + Uploads server with fault injection.

Shares no code with app.api: it stands in for the real service.
"""

from __future__ import annotations

from app.sandbox.config import SandboxConfig
from app.sandbox.server import RunningSandbox, run_forever, start_in_thread

__all__ = ["RunningSandbox", "SandboxConfig", "run_forever", "start_in_thread"]
