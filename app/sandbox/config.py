"""Sandbox options: the dataclass, the real API limits and the shared command-line flags."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KB = 1024
MB = 1024 * 1024
GB = 1024 * MB

# The limits of the real service (see shared/openai-spec).
MAX_FILE_BYTES = 512 * MB
MAX_BATCH_BYTES = 200 * MB
MAX_UPLOAD_BYTES = 8 * GB
MAX_PART_BYTES = 64 * MB
MIN_EXPIRES_SECONDS = 3600
MAX_EXPIRES_SECONDS = 2_592_000
BATCH_DEFAULT_EXPIRES_SECONDS = 30 * 24 * 3600
FILE_PURPOSES = ("assistants", "batch", "fine-tune", "vision", "user_data", "evals")

STATUS_KINDS = ("500", "502", "503", "429", "408")
# drop: cut mid-body; stall: go silent, then cut; drop_response: serve, then cut unanswered.
FAULT_KINDS = (*STATUS_KINDS, "drop", "stall", "drop_response")
DEFAULT_FAULT_KINDS = ("500", "502", "503", "429", "408", "drop")
AUTH_MODES = ("openai", "azure")  # azure: the key in an `api-key` header, Azure's answers


@dataclass
class SandboxConfig:
    """Everything `hoist sandbox` can be told; the same object serves in-thread use."""

    host: str = "127.0.0.1"
    port: int = 0
    tls_cert: Path | None = None  # PEM; with tls_key the sandbox serves HTTPS
    tls_key: Path | None = None
    data_dir: Path | None = None  # None: a temporary folder removed when the server stops
    api_key: str | None = None  # None: any non-empty bearer key is accepted
    fail_rate: float = 0.0
    fail_kinds: tuple[str, ...] = DEFAULT_FAULT_KINDS
    seed: int | None = None
    throughput: float | None = None  # bytes per second per request body
    latency: float = 0.0  # seconds added before each response
    upload_ttl: float = 3600.0
    stall_seconds: float = 120.0
    retry_after: float = 1.0  # seconds announced by an injected 429
    quiet: bool = False  # no per-request log lines on stderr
    processing_delay: float = 1.0  # seconds until vector store files and batches finish
    fail_vector_files: str | None = None  # file names containing this fail in a vector store
    uploads_api: bool = True  # False: /uploads answers 404, like servers with POST /files only
    auth: str = "openai"  # one of AUTH_MODES
    files_rpm: float = 1000.0  # POST /files requests per minute (token bucket); 0: no limit
    files_burst: int | None = None  # the bucket's size (None: files_rpm, a minute's worth)
    clock_skew: float = 0.0  # seconds added to every server timestamp (negative: behind)
    script: list[Any] | None = None  # scripted fault rules (see --script)


def parse_kinds(text: str) -> tuple[str, ...]:
    """'500,429,drop' → ('500', '429', 'drop'); raises ValueError for unknown kinds."""
    kinds = tuple(k.strip() for k in text.split(",") if k.strip())
    unknown = [k for k in kinds if k not in FAULT_KINDS]
    if unknown or not kinds:
        raise ValueError(
            f"unknown fault kind {unknown[0] if unknown else '(none)'}; "
            f"choose among {','.join(FAULT_KINDS)}"
        )
    return kinds


def _kinds_arg(text: str) -> tuple[str, ...]:
    try:
        return parse_kinds(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _rate_arg(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("the failure rate must be between 0 and 1")
    return value


def _positive_arg(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("the value must be greater than 0")
    return value


def _non_negative_arg(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError("the value must not be negative")
    return value


def _burst_arg(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("the burst must be at least 1")
    return value


def _script_arg(text: str) -> list[Any]:
    try:
        raw = Path(text[1:]).read_text(encoding="utf-8") if text.startswith("@") else text
        value = json.loads(raw)
    except OSError as exc:
        raise argparse.ArgumentTypeError(f"cannot read {text[1:]}: {exc.strerror}") from exc
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"the script is not valid JSON: {exc}") from exc
    if not isinstance(value, list):
        raise argparse.ArgumentTypeError("the script must be a JSON list of rules")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The sandbox flags, shared by `hoist sandbox` and `python -m app.sandbox`."""
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=0, help="port (0 picks a free one)")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="keep files here (default: a temporary folder removed at exit)",
    )
    parser.add_argument(
        "--api-key", default=None, help="require exactly this bearer key (default: accept any key)"
    )
    parser.add_argument(
        "--fail-rate", type=_rate_arg, default=0.0, help="fraction of /v1 requests that fail (0..1)"
    )
    parser.add_argument(
        "--fail-kinds",
        type=_kinds_arg,
        default=DEFAULT_FAULT_KINDS,
        help=f"comma-separated failure kinds among {','.join(FAULT_KINDS)} "
        f"(default {','.join(DEFAULT_FAULT_KINDS)})",
    )
    parser.add_argument("--seed", type=int, default=None, help="seed for the failure dice")
    parser.add_argument(
        "--throughput",
        type=_positive_arg,
        default=None,
        help="limit each request body to this many bytes per second",
    )
    parser.add_argument(
        "--latency", type=_non_negative_arg, default=0.0, help="seconds added before every response"
    )
    parser.add_argument(
        "--upload-ttl",
        type=_positive_arg,
        default=3600.0,
        help="seconds before an Upload expires (default 3600)",
    )
    parser.add_argument(
        "--stall-seconds",
        type=_non_negative_arg,
        default=120.0,
        help="how long a 'stall' failure holds the request before dropping it",
    )
    parser.add_argument(
        "--retry-after",
        type=_non_negative_arg,
        default=1.0,
        help="seconds announced by an injected 429 (default 1)",
    )
    parser.add_argument("--quiet", action="store_true", help="no per-request log lines")
    parser.add_argument(
        "--processing-delay",
        type=_non_negative_arg,
        default=1.0,
        help="seconds until vector store files and batches finish processing (default 1)",
    )
    parser.add_argument(
        "--fail-vector-files",
        metavar="TEXT",
        default=None,
        help="files whose name contains TEXT fail when added to a vector store",
    )
    parser.add_argument(
        "--no-uploads-api",
        dest="uploads_api",
        action="store_false",
        help="play a server without the Uploads API: /uploads answers 404 (POST /files only)",
    )
    parser.add_argument(
        "--auth",
        choices=AUTH_MODES,
        default="openai",
        help="openai: Bearer key (default); azure: the key in an api-key header, as Azure OpenAI",
    )
    parser.add_argument(
        "--files-rpm",
        type=_non_negative_arg,
        default=1000.0,
        help="POST /files requests per minute before 429 rate_limit_exceeded, with OpenAI's "
        "x-ratelimit-*-requests headers (default 1000, like the real service; 0: no limit)",
    )
    parser.add_argument(
        "--files-burst",
        type=_burst_arg,
        default=None,
        help="how many POST /files may come at once before the rate is enforced "
        "(default: a whole minute's worth, --files-rpm)",
    )
    parser.add_argument(
        "--clock-skew",
        type=float,
        default=0.0,
        help="seconds added to every server timestamp (created_at, expires_at, the Date "
        "header); -3600 makes a correct client clock look one hour ahead",
    )
    parser.add_argument(
        "--script",
        type=_script_arg,
        default=None,
        help="scripted fault rules as a JSON list (or @FILE), the same as the 'script' "
        "setting of POST /_sandbox/faults",
    )


def config_from_args(args: argparse.Namespace) -> SandboxConfig:
    return SandboxConfig(
        host=args.host,
        port=args.port,
        data_dir=args.data_dir,
        api_key=args.api_key,
        fail_rate=args.fail_rate,
        fail_kinds=tuple(args.fail_kinds),
        seed=args.seed,
        throughput=args.throughput,
        latency=args.latency,
        upload_ttl=args.upload_ttl,
        stall_seconds=args.stall_seconds,
        retry_after=args.retry_after,
        quiet=args.quiet,
        processing_delay=args.processing_delay,
        fail_vector_files=args.fail_vector_files,
        uploads_api=args.uploads_api,
        auth=args.auth,
        files_rpm=args.files_rpm,
        files_burst=args.files_burst,
        clock_skew=args.clock_skew,
        script=args.script,
    )
