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
    "batch": "app.cli.batch_cmd",
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


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``only``, just that command is loaded (each pulls in its own deps)."""
    parser = argparse.ArgumentParser(
        prog="hoist",
        description="Upload files to the OpenAI Files API reliably.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"hoist {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, module_name in COMMAND_MODULES.items():
        if only is None or name == only:
            _load(module_name).register(sub)
    return parser


def _configure_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logging.basicConfig(level=logging.WARNING, handlers=[handler])


def run_cli(argv: list[str]) -> int:
    _configure_logging()
    chosen = argv[0] if argv and argv[0] in COMMAND_MODULES else None
    args = build_parser(chosen).parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 1
