"""`python -m app.sandbox ...`: the same server and options as `hoist sandbox`."""

from __future__ import annotations

import argparse
import sys

from app.sandbox.config import add_arguments, config_from_args
from app.sandbox.server import run_forever
from app.sandbox.tls import add_tls_arguments, apply_tls_arguments


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.sandbox",
        description="Run a local OpenAI-compatible Files + Uploads server for trying and testing.",
    )
    add_arguments(parser)
    add_tls_arguments(parser)
    args = parser.parse_args(argv)
    return run_forever(apply_tls_arguments(parser, args, config_from_args(args)))


if __name__ == "__main__":
    sys.exit(main())
