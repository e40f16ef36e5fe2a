"""The log files: private (0600), rotated, every line with keys redacted."""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
from pathlib import Path

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class RedactingFormatter(logging.Formatter):
    """Scrubs keys from the whole formatted record, tracebacks included."""

    def format(self, record: logging.LogRecord) -> str:
        from app.secrets import redact

        return redact(super().format(record))


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A RotatingFileHandler whose files are readable by their owner only."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        stream = open(fd, self.mode, encoding=self.encoding, errors=self.errors)  # noqa: SIM115
        assert isinstance(stream, io.TextIOWrapper)
        return stream


def private_log_handler(path: Path) -> logging.Handler:
    """A rotating, private log file; its folder is created private too."""
    from app.settings import ensure_private_dir

    ensure_private_dir(path.parent)
    handler = PrivateRotatingFileHandler(
        path, maxBytes=2_000_000, backupCount=3, encoding="utf-8", errors="backslashreplace"
    )
    handler.setFormatter(RedactingFormatter(FORMAT))
    return handler
