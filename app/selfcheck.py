"""`hoist --self-check`: what a support person needs to know, one line per check.

Each line starts with OK or PROBLEM and says in plain words what was found. The exit
status is 1 when something essential is broken (the window cannot start, keys cannot be
kept in a keyring, HTTPS cannot be verified, the data folders are not writable, the
built-in sandbox does not run), else 0. Works the same from source and from the package.
"""

from __future__ import annotations

import json
import os
import platform
import ssl
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from app import __version__

QT_CHILD_ENV = "HOIST_SELF_CHECK_QT"
QT_PROBE_TIMEOUT = 60.0
CA_FILE_CANDIDATES = (  # the places truststore looks on Linux when OpenSSL's defaults are empty
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/ssl/cert.pem",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/pki/tls/cert.pem",
    "/etc/ssl/ca-bundle.pem",
)


KEYRING_NAMES = {
    "SecretService": "the Secret Service (GNOME Keyring, KWallet, KeePassXC)",
    "libsecret": "the Secret Service through libsecret",
    "kwallet": "KWallet",
    "macOS": "the macOS Keychain",
    "Windows": "the Windows Credential Manager",
}


@dataclass(frozen=True)
class Check:
    ok: bool
    label: str
    detail: str

    def line(self) -> str:
        return f"{'OK' if self.ok else 'PROBLEM':<8} {self.label}: {self.detail}"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def check_version() -> Check:
    where = f"packaged build in {Path(sys.executable).parent}" if is_frozen() else "from source"
    return Check(True, "Version", f"Hoist {__version__} ({where})")


def check_python() -> Check:
    system = f"{platform.system()} {platform.release()} {platform.machine()}"
    return Check(True, "Python", f"{platform.python_version()} on {system}")


def _qt_probe_command() -> list[str]:
    if is_frozen():
        return [sys.executable, "--self-check"]
    code = "import sys; from app.selfcheck import run_self_check; sys.exit(run_self_check())"
    return [sys.executable, "-c", code]


def _qt_failure_reason(stderr: str) -> str:
    """Qt's own words for why it failed, shortened to what a person can act on."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    qpa = [line.split(": ", 1)[-1].rstrip(".") for line in lines if line.startswith("qt.qpa")]
    reason = "; ".join(dict.fromkeys(qpa)) if qpa else (lines[-1] if lines else "no message")
    no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    if no_display and not os.environ.get("QT_QPA_PLATFORM"):
        reason = f"no display: DISPLAY and WAYLAND_DISPLAY are not set; {reason}"
    return reason[:400]


def check_qt() -> Check:
    """Start Qt in a child process: a platform plugin that fails aborts its process."""
    env = dict(os.environ, **{QT_CHILD_ENV: "1"})
    try:
        done = subprocess.run(
            _qt_probe_command(), env=env, capture_output=True, text=True, timeout=QT_PROBE_TIMEOUT
        )
    except subprocess.TimeoutExpired:
        return Check(False, "Qt", f"starting Qt took longer than {QT_PROBE_TIMEOUT:.0f} s.")
    except OSError as exc:
        return Check(False, "Qt", f"could not start the Qt check ({exc.strerror}).")
    found: dict[str, Any] | None = None
    for line in done.stdout.splitlines():
        if line.startswith("{"):
            found = json.loads(line)
    if done.returncode != 0 or found is None:
        hint = _qt_failure_reason(done.stderr)
        return Check(
            False,
            "Qt",
            f"the window cannot start here ({hint}). The command line still works; "
            "on Linux, install the libraries listed in the README or run under a desktop.",
        )
    detail = (
        f"Qt {found['qt']} (PySide6 {found['pyside']}), platform plugin "
        f'"{found["platform"]}", style {found["style"] or "default"}'
    )
    if not found.get("icon_ok"):
        return Check(False, "Qt", detail + "; but the app icon could not be drawn (SVG support).")
    return Check(True, "Qt", detail + ", SVG icons draw.")


def _keyring_entry_points() -> int:
    from importlib.metadata import entry_points

    return len(list(entry_points(group="keyring.backends")))


def check_keyring() -> Check:
    try:
        import keyring
        from keyring.backend import get_all_keyring

        from app.secrets import KeyStore

        store = KeyStore(keyring.get_keyring())
        viable = sorted(type(k).__module__.split(".")[-1] for k in get_all_keyring())
    except Exception as exc:  # a broken install must still give a readable line
        return Check(False, "Keyring", f"the keyring library does not load ({exc}).")
    if store.persistent:
        module = store.backend_name.split(".")[-2] if "." in store.backend_name else ""
        where = KEYRING_NAMES.get(module, "the system keyring")
        return Check(True, "Keyring", f"{store.backend_name}; API keys are saved in {where}.")
    if _keyring_entry_points() == 0:
        return Check(
            False,
            "Keyring",
            "this build of Hoist is missing its keyring backends (a packaging bug); "
            "API keys can only be kept for this session.",
        )
    available = ", ".join(viable) or "none"
    return Check(
        False,
        "Keyring",
        f"no usable system keyring ({store.backend_name}; backends found: {available}). "
        "API keys can only be kept for this session. On Linux, install and unlock "
        "GNOME Keyring or KWallet (the Secret Service).",
    )


def _count_ca_certs(path: str) -> int:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.load_verify_locations(cafile=path)
    return int(context.cert_store_stats().get("x509_ca", 0))


def check_truststore() -> Check:
    try:
        import truststore

        truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    except Exception as exc:
        return Check(False, "Trust store", f"the system trust store cannot be used ({exc}).")
    version = getattr(truststore, "__version__", "?")
    if sys.platform == "darwin":
        return Check(True, "Trust store", f"truststore {version}, macOS Keychain trust settings.")
    if sys.platform == "win32":
        return Check(True, "Trust store", f"truststore {version}, Windows certificate store.")
    defaults = ssl.get_default_verify_paths()
    candidates = [p for p in (defaults.cafile, *CA_FILE_CANDIDATES) if p]
    for path in candidates:
        if os.path.isfile(path):
            try:
                count = _count_ca_certs(path)
            except (OSError, ssl.SSLError):
                continue
            if count:
                return Check(
                    True, "Trust store", f"truststore {version}, {count} certificates in {path}."
                )
    if defaults.capath and os.path.isdir(defaults.capath) and os.listdir(defaults.capath):
        return Check(
            True, "Trust store", f"truststore {version}, certificates in {defaults.capath}."
        )
    return Check(
        False,
        "Trust store",
        "no trusted certificates found, so HTTPS cannot be verified "
        "(install the ca-certificates package).",
    )


def _writable(folder: Path) -> bool:
    probe = folder
    while not probe.exists():
        if probe.parent == probe:
            return False
        probe = probe.parent
    return probe.is_dir() and os.access(probe, os.W_OK | os.X_OK)


def check_folders() -> list[Check]:
    try:
        from app.settings import state_dirs

        dirs = state_dirs()
    except Exception as exc:
        return [Check(False, "Folders", f"the data folders cannot be found ({exc}).")]
    checks = []
    for label, folder in (
        ("Settings folder", dirs.config),
        ("Data folder", dirs.data),
        ("Logs folder", dirs.logs),
        ("Cache folder", dirs.cache),
    ):
        if _writable(folder):
            state = "" if folder.exists() else " (created on first use)"
            checks.append(Check(True, label, f"{folder}{state}"))
        else:
            checks.append(Check(False, label, f"{folder} cannot be written to."))
    return checks


def check_sandbox() -> Check:
    """Start the built-in sandbox on loopback and list its files once."""
    try:
        from app.sandbox import SandboxConfig, start_in_thread
    except Exception as exc:
        return Check(False, "Sandbox", f"the built-in test server is missing ({exc}).")
    with tempfile.TemporaryDirectory(prefix="hoist-selfcheck-") as scratch:
        try:
            running = start_in_thread(SandboxConfig(data_dir=Path(scratch), quiet=True))
        except Exception as exc:
            return Check(False, "Sandbox", f"the built-in test server does not start ({exc}).")
        try:
            request = urllib.request.Request(
                f"{running.base_url}/files", headers={"Authorization": "Bearer sk-self-check"}
            )
            opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
            with opener.open(request, timeout=10) as response:
                listed = json.loads(response.read())
        except Exception as exc:
            return Check(False, "Sandbox", f"the built-in test server does not answer ({exc}).")
        finally:
            running.stop()
    if not isinstance(listed, dict) or "data" not in listed:
        return Check(False, "Sandbox", "the built-in test server gave an unexpected answer.")
    return Check(True, "Sandbox", "the built-in test server runs (hoist --sandbox will work).")


def _qt_child() -> int:
    """Inside the child process started by check_qt."""
    from app.ui.selfcheck_qt import main

    return int(main())


def run_self_check(out: TextIO | None = None) -> int:
    """Print every check; 0 when all passed, 1 when something essential is broken."""
    if os.environ.get(QT_CHILD_ENV) == "1":
        return _qt_child()
    stream = out if out is not None else sys.stdout
    producers: list[Callable[[], Check | list[Check]]] = [
        check_version,
        check_python,
        check_qt,
        check_keyring,
        check_truststore,
        check_folders,
        check_sandbox,
    ]
    checks: list[Check] = []
    print(f"Hoist {__version__} self-check", file=stream)
    for produce in producers:
        result = produce()
        for check in result if isinstance(result, list) else [result]:
            checks.append(check)
            print(check.line(), file=stream, flush=True)
    problems = [c for c in checks if not c.ok]
    if problems:
        names = ", ".join(c.label for c in problems)
        print(f"{len(problems)} problem(s) found: {names}.", file=stream)
        return 1
    print("All checks passed.", file=stream)
    return 0
