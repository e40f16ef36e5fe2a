"""A test CA (trustme) and a sandbox certificate, "installed" the way the OS trust store is
read on Linux: truststore uses OpenSSL's default verify paths, which honour SSL_CERT_FILE /
SSL_CERT_DIR. A bundle of the system CAs plus the test CA in SSL_CERT_FILE is therefore what
the system trusts, for this process and every subprocess it starts."""

from __future__ import annotations

import os
import ssl
from dataclasses import dataclass
from pathlib import Path

import trustme

# Where the system's own CAs are, when OpenSSL's compiled-in default is not a file.
SYSTEM_BUNDLES = (
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/ssl/cert.pem",
    "/etc/pki/tls/certs/ca-bundle.crt",
)


@dataclass
class TrustedCA:
    ca: trustme.CA
    cert_file: Path  # the sandbox's certificate chain (127.0.0.1, localhost, ::1, extra names)
    key_file: Path
    bundle: Path  # system CAs + the test CA

    def env(self) -> dict[str, str]:
        """The variables that make OpenSSL (and so truststore) trust the test CA."""
        return {"SSL_CERT_FILE": str(self.bundle)}


def system_ca_pem() -> bytes:
    candidates = [ssl.get_default_verify_paths().openssl_cafile, *SYSTEM_BUNDLES]
    for path in candidates:
        if path and os.path.isfile(path):
            return Path(path).read_bytes()
    return b""


def make_test_ca(folder: Path, *extra_names: str) -> TrustedCA:
    """extra_names: more host names on the sandbox's certificate (see testhosts.py)."""
    folder.mkdir(parents=True, exist_ok=True)
    ca = trustme.CA(organization_name="Hoist test CA")
    leaf = ca.issue_cert("127.0.0.1", "localhost", "::1", *extra_names)
    cert_file = folder / "sandbox-cert.pem"
    key_file = folder / "sandbox-key.pem"
    cert_file.write_bytes(b"".join(pem.bytes() for pem in leaf.cert_chain_pems))
    leaf.private_key_pem.write_to_path(str(key_file))
    bundle = folder / "trusted-bundle.pem"
    bundle.write_bytes(system_ca_pem() + b"\n" + ca.cert_pem.bytes())
    return TrustedCA(ca, cert_file, key_file, bundle)
