"""`hoist sandbox`: run the local OpenAI-compatible server (prints its base URL first)."""

from __future__ import annotations

import argparse

from app.sandbox.config import add_arguments, config_from_args
from app.sandbox.server import run_forever
from app.sandbox.tls import add_tls_arguments, apply_tls_arguments

DESCRIPTION = """\
Run a local, OpenAI-compatible Files + Uploads server for trying Hoist and for tests.
The first line of output is its base URL (http://127.0.0.1:PORT/v1); stop it with Ctrl+C.
Point Hoist at it with --base-url and any API key, e.g. sk-test."""


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    return run_forever(apply_tls_arguments(parser, args, config_from_args(args)))


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "sandbox",
        help="run a local OpenAI-compatible server for trying and testing",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_arguments(parser)
    add_tls_arguments(parser)
    parser.set_defaults(func=lambda args: _run(parser, args))
