"""The command line: one module per sub-command, each with register(subparsers)."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable
from pathlib import Path
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
    parser.add_argument(  # handled in app.__main__ before parsing; listed here for --help
        "--self-check",
        action="store_true",
        help="check this installation (Qt, keyring, folders, sandbox) and exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name, module_name in COMMAND_MODULES.items():
        if only is None or name == only:
            _load(module_name).register(sub)
    return parser


log = logging.getLogger("app.cli")
LOG_NAME = "hoist-cli.log"


class TerminalFormatter(logging.Formatter):
    """Warnings on stderr: one clean, capped line (the full text is in the log file)."""

    def format(self, record: logging.LogRecord) -> str:
        from app.api.untrusted import TERMINAL_LIMIT, clean
        from app.secrets import redact

        text = f"{record.levelname} {record.name}: {record.getMessage()}"
        if record.exc_info and record.exc_info[1] is not None:  # the traceback: log file only
            error = record.exc_info[1]
            text += f" ({type(error).__name__}: {error})"
        return clean(redact(text), None, TERMINAL_LIMIT)


def _configure_logging() -> Path | None:
    """Warnings to stderr; everything from INFO up to the private log file (when the state
    folder can be written). Returns the log file's path."""
    from app.logfile import private_log_handler
    from app.settings import state_dirs

    terminal = logging.StreamHandler(sys.stderr)
    terminal.setLevel(logging.WARNING)
    terminal.addFilter(RedactingFilter())
    terminal.addFilter(lambda record: not getattr(record, "file_only", False))
    terminal.setFormatter(TerminalFormatter("%(levelname)s %(name)s: %(message)s"))
    handlers: list[logging.Handler] = [terminal]
    path: Path | None = state_dirs().logs / LOG_NAME
    try:
        assert path is not None
        handlers.append(private_log_handler(path))
    except OSError:
        path = None
    logging.basicConfig(level=logging.INFO, handlers=handlers, force=True)
    for noisy in ("httpcore", "hpack", "asyncio"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return path


def unexpected_problem(exc: BaseException, log_path: Path | None) -> int:
    """The top-level guard's one line; the traceback goes only to the (redacted) log."""
    from app.api.untrusted import TERMINAL_LIMIT, clean
    from app.secrets import redact

    log.error("Unexpected problem", exc_info=exc, extra={"file_only": True})
    what = clean(redact(f"{type(exc).__name__}: {exc}"), None, 200)
    where = f"Details in {log_path}" if log_path is not None else "No log file could be written"
    line = f"hoist: Hoist hit an unexpected problem: {what}. {where}."
    print(clean(line, None, TERMINAL_LIMIT + 200), file=sys.stderr)
    return 1


def run_cli(argv: list[str]) -> int:
    # Names that are not valid UTF-8 (kept as surrogates) must print, not crash.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    log_path = _configure_logging()
    chosen = argv[0] if argv and argv[0] in COMMAND_MODULES else None
    args = build_parser(chosen).parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    from app import startup_gc

    startup_gc.resume()  # the command's modules are imported
    try:
        return func(args)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return 1
    except Exception as exc:
        from app.cli.common import is_expected, print_error

        if not is_expected(exc):
            return unexpected_problem(exc, log_path)
        # a known problem (folder, disk, journal, server): one clear line
        log.info("Stopped: %s", exc, exc_info=exc, extra={"file_only": True})
        return print_error(exc)
