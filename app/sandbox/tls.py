"""Serving the sandbox over HTTPS: `--tls-cert FILE --tls-key FILE` (PEM)."""

from __future__ import annotations

import argparse
import ssl
from pathlib import Path

from app.sandbox.config import SandboxConfig


def add_tls_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--tls-cert",
        type=Path,
        default=None,
        help="serve HTTPS with this PEM certificate (chain); needs --tls-key",
    )
    parser.add_argument("--tls-key", type=Path, default=None, help="the PEM private key")


def apply_tls_arguments(
    parser: argparse.ArgumentParser, args: argparse.Namespace, config: SandboxConfig
) -> SandboxConfig:
    if (args.tls_cert is None) != (args.tls_key is None):
        parser.error("--tls-cert and --tls-key go together")
    config.tls_cert = args.tls_cert
    config.tls_key = args.tls_key
    return config


def server_ssl_context(config: SandboxConfig) -> ssl.SSLContext | None:
    """None for plain HTTP. Raises OSError with a readable message for unusable files."""
    if config.tls_cert is None or config.tls_key is None:
        return None
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(config.tls_cert, config.tls_key)
    except OSError as exc:  # ssl.SSLError is one too
        why = getattr(exc, "reason", None) or exc.strerror
        raise OSError(
            f"cannot use the TLS certificate {config.tls_cert} with key {config.tls_key} "
            f"({why or exc})"
        ) from exc
    return context
