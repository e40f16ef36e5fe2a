"""`python -m app.sandbox ...`: the same server and options as `hoist sandbox`."""

from __future__ import annotations

import argparse
import sys

from app.sandbox.config import add_arguments, config_from_args
from app.sandbox.server import run_forever


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m app.sandbox",
        description="Run a local OpenAI-compatible Files + Uploads server for trying and testing.",
    )
    add_arguments(parser)
    return run_forever(config_from_args(parser.parse_args(argv)))


if __name__ == "__main__":
    sys.exit(main())
