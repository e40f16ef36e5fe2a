"""`hoist sandbox`: run the local OpenAI-compatible server (prints its base URL first)."""

from __future__ import annotations

import argparse
import ipaddress
import sys

from app.sandbox.config import add_arguments, config_from_args
from app.sandbox.server import run_forever
from app.sandbox.tls import add_tls_arguments, apply_tls_arguments

DESCRIPTION = """\
Run a local, OpenAI-compatible Files + Uploads server for trying Hoist and for tests.
The first line of output is its base URL (http://127.0.0.1:PORT/v1); stop it with Ctrl+C.
Point Hoist at it with --base-url and any API key, e.g. sk-test.

POST /files is rate limited like OpenAI's (--files-rpm, default 1000 a minute): answers carry
x-ratelimit-limit/remaining/reset-requests, an empty bucket answers 429 rate_limit_exceeded
with retry-after. For tests, GET/POST /_sandbox/faults (no key) reads and changes every
setting at run time (the flags' names with underscores: fail_rate, latency, clock_skew,
files_rpm, files_burst, upload_ttl, ...) and a script of rules fired per endpoint and count:
  {"script": [{"method": "POST", "path_regex": "/complete$", "kind": "drop_response"}]}
Rule kinds: an HTTP status, or drop, stall, hang (before the work); drop_response, trickle
(rate bytes/s), hang_after, complete_without_file, part_wrong_upload (after the work);
complete_cancelled, complete_expired (instead of it). Rule fields: method, path_regex, kind or
status, times, skip, message, headers, after_bytes, seconds, rate, answer_bytes, upload_id.
GET /_sandbox/requests lists what was asked and what happened."""


NOT_LOOPBACK_WARNING = (
    "hoist sandbox: warning: listening on {host}, which other computers can reach; the "
    "sandbox accepts any API key and stores whatever it is sent."
)


def _is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    config = apply_tls_arguments(parser, args, config_from_args(args))
    host = str(getattr(args, "host", "127.0.0.1"))
    if not _is_loopback(host):
        print(NOT_LOOPBACK_WARNING.format(host=host), file=sys.stderr, flush=True)
    return run_forever(config)


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
