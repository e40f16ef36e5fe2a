"""Entry point: no arguments or files → the window; a sub-command → the command line."""

from __future__ import annotations

import sys

from app import __version__

WINDOW_FLAGS = {"--sandbox"}


def _is_cli(argv: list[str]) -> bool:
    from app.cli import command_names

    return bool(argv) and (argv[0] in command_names() or argv[0] in {"-h", "--help"})


def _remember_env_key() -> None:
    """A key from the environment is redacted from everything, from the first line on."""
    import os

    from app.secrets import remember_secret

    key = os.environ.get("OPENAI_API_KEY", "").strip()
    if key:
        remember_secret(key)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush cannot fail again."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def main(argv: list[str] | None = None) -> int:
    from app import startup_gc

    startup_gc.pause()  # resumed once the command or the window is built
    try:
        return _main(list(sys.argv[1:] if argv is None else argv))
    finally:
        startup_gc.resume()


def _main(args: list[str]) -> int:
    _remember_env_key()
    if args[:1] == ["--version"]:
        print(f"hoist {__version__}")
        return 0
    if args[:1] == ["--self-check"]:
        from app.selfcheck import run_self_check

        try:
            return int(run_self_check())
        except BrokenPipeError:  # the reader went away (`hoist --self-check | head`)
            _silence_stdout()
            return 1
    if _is_cli(args):
        from app.cli import run_cli

        return run_cli(args)
    unknown = [a for a in args if a.startswith("-") and a not in WINDOW_FLAGS]
    if unknown:
        print(f"hoist: unknown option {unknown[0]} (try: hoist --help)", file=sys.stderr)
        return 2
    from app.ui import run

    files = [a for a in args if not a.startswith("-")]
    return int(run(files=files, sandbox="--sandbox" in args))


if __name__ == "__main__":
    sys.exit(main())
