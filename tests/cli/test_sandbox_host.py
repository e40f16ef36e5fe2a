"""`hoist sandbox --host` other than loopback warns that it accepts any key. (The addresses
used cannot be bound or are taken, so nothing listens and no packet is sent.)"""

from __future__ import annotations

import socket
from pathlib import Path

from hostile_run import hoist


def test_a_non_loopback_host_warns_and_loopback_does_not(tmp_path: Path) -> None:
    home = tmp_path / "home"
    other = hoist("sandbox", "--host", "192.0.2.1", "--port", "0", home=home, key=None)
    assert other.returncode == 1 and "Traceback" not in other.stderr
    assert "warning: listening on 192.0.2.1" in other.stderr and "any API key" in other.stderr
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        local = hoist("sandbox", "--host", "127.0.0.1", "--port", port, home=home, key=None)
    assert local.returncode == 1 and "could not start" in local.stderr
    assert "warning" not in local.stderr
