"""The command line: one module per sub-command, each with register(subparsers)."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable
from types import ModuleType

from app import __version__
from app.secrets import RedactingFilter

COMMAND_MODULES: dict[str, str] = {
    "upload": "app.cli.upload_cmd",
    "files": "app.cli.files_cmd",
    "login": "app.cli.login_cmd",
    "sandbox": "app.cli.sandbox_cmd",
}

EPILOG = """\
Run "hoist" with no command to open the window, "hoist FILE..." to open it with files
queued, or "hoist --sandbox" to try everything against a built-in local server.
"""


def command_names() -> list[str]:
    return list(COMMAND_MODULES)


def _load(module_name: str) -> ModuleType:
    return importlib.import_module(module_name)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hoist",
        description="Upload files to the OpenAI Files API reliably.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"hoist {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for module_name in COMMAND_MODULES.values():
        _load(module_name).register(sub)
    return parser


def _configure_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])


def run_cli(argv: list[str]) -> int:
    _configure_logging()
    args = build_parser().parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 1
