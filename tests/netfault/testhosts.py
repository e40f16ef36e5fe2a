"""A hosts file for test subprocesses: names that are not loopback to Hoist's rules (so a
proxy applies to them) but that this machine resolves to 127.0.0.1, like a line in
/etc/hosts, without touching the system. Every other name that is not this computer fails
to resolve, so no lookup leaves the machine either.

    env = hosts_env(tmp_path, {"sandbox.hoist.test": "127.0.0.1"})
    subprocess.run([sys.executable, "-m", "app", ...], env={**os.environ, **env})

It works through a sitecustomize module on PYTHONPATH that wraps socket.getaddrinfo in the
child process (the names are read from HOIST_TEST_HOSTS)."""

from __future__ import annotations

import json
import os
from pathlib import Path

SITECUSTOMIZE = '''\
"""Test hosts table (tests/netfault/testhosts.py): HOIST_TEST_HOSTS names → loopback."""
import ipaddress
import json
import os
import socket

_TABLE = {k.lower(): v for k, v in json.loads(os.environ.get("HOIST_TEST_HOSTS", "{}")).items()}
_real_getaddrinfo = socket.getaddrinfo


def _local(host):
    if host is None or host.lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def _getaddrinfo(host, *args, **kwargs):
    name = host.decode() if isinstance(host, bytes) else host
    if name is not None and name.lower().rstrip(".") in _TABLE:
        return _real_getaddrinfo(_TABLE[name.lower().rstrip(".")], *args, **kwargs)
    if not _local(name):
        raise socket.gaierror(socket.EAI_NONAME, f"{name} is not in the test hosts table")
    return _real_getaddrinfo(host, *args, **kwargs)


socket.getaddrinfo = _getaddrinfo
'''


def hosts_env(folder: Path, table: dict[str, str]) -> dict[str, str]:
    """Environment for a child Python process that resolves ``table``'s names locally."""
    for address in table.values():
        assert address in {"127.0.0.1", "::1"}, "test names map to loopback only"
    site = folder / "testhosts-site"
    site.mkdir(parents=True, exist_ok=True)
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    path = os.pathsep.join(p for p in (str(site), os.environ.get("PYTHONPATH", "")) if p)
    # uvloop (the CLI's loop when installed) resolves names in libuv, past this table
    return {"PYTHONPATH": path, "HOIST_TEST_HOSTS": json.dumps(table), "HOIST_NO_UVLOOP": "1"}
