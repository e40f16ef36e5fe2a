"""A command that fails in a way no command should (for the top-level guard's test); it is
plugged in through the CLI's command table, as every real command is."""

from __future__ import annotations

import argparse
import os


def _boom(args: argparse.Namespace) -> int:
    raise RuntimeError(f"internal state broken near {os.environ['OPENAI_API_KEY']}\x1b[31m")


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    sub.add_parser("boom", help="fail unexpectedly").set_defaults(func=_boom)
