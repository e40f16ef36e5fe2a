"""`hoist login [--profile NAME]`: store an API key in the system keyring.

The key comes from standard input when it is not a terminal (`... | hoist login`), else
from a prompt that does not echo. It is never printed, logged or put on a command line.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from app.cli.common import print_error

NO_KEYRING_ADVICE = (
    "Without a keyring the key would be forgotten when this command ends; "
    "set OPENAI_API_KEY instead, or install a keyring (e.g. gnome-keyring)."
)


def read_key() -> str:
    if sys.stdin is None:
        return ""
    if not sys.stdin.isatty():
        for line in sys.stdin:
            if line.strip():
                return line.strip()
        return ""
    return getpass.getpass("OpenAI API key (typing is hidden): ").strip()


def _login(args: argparse.Namespace) -> int:
    from app.secrets import KeyStore, KeyStoreError
    from app.settings import Settings

    try:
        profile = args.profile or Settings.load().active_profile
    except (OSError, ValueError) as exc:
        return print_error(exc)
    store = KeyStore.shared()
    if not store.persistent:
        return print_error(f"{store.warning or 'No system keyring.'} {NO_KEYRING_ADVICE}")
    try:
        key = read_key()
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        return print_error("No key given.")
    if not key:
        return print_error("No key given: paste the key, or pipe it in on standard input.")
    if any(ch.isspace() for ch in key):
        return print_error("That does not look like an API key: it contains spaces.")
    try:
        store.set(profile, key)
    except KeyStoreError as exc:
        return print_error(exc)
    print(f'Saved the API key for profile "{profile}" in the system keyring.')
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "login",
        help="save an API key in the system keyring",
        description="Save an OpenAI API key in the system keyring. The key is read from "
        "standard input when it is piped in, otherwise you are asked for it (typing hidden).",
    )
    parser.add_argument("--profile", metavar="NAME", help="settings profile (default: active)")
    parser.set_defaults(func=_login)
