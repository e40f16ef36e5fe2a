"""The desktop window (PySide6 + qasync). Only app.__main__ imports this package."""

from __future__ import annotations


def run(files: list[str], sandbox: bool) -> int:
    """`hoist` → the window; `hoist FILE...` → with those files added (or handed to the
    window already open); `hoist --sandbox` → against the built-in local sandbox."""
    from app.ui.app import run_app

    return run_app(list(files), bool(sandbox))


__all__ = ["run"]
