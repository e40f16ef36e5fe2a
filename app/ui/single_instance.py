"""One window per user and HOIST_HOME: a second `hoist FILE...` hands its files to the running
window over a local socket and exits."""

from __future__ import annotations

import getpass
import hashlib
import json
import logging

from PySide6.QtCore import QByteArray, QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from app.settings import state_dirs

log = logging.getLogger("hoist.ui")
CONNECT_TIMEOUT_MS = 800
REPLY_TIMEOUT_MS = 3000


def server_name() -> str:
    """Stable per user and state folder, short enough for a Unix socket path."""
    try:
        user = getpass.getuser()
    except (OSError, KeyError):  # no login name (rare containers)
        user = "user"
    seed = f"{user}\0{state_dirs().config.resolve()}"
    return "hoist-" + hashlib.sha256(seed.encode("utf-8")).hexdigest()[:16]


def hand_over(files: list[str], name: str | None = None) -> bool:
    """Give ``files`` to a running window. False when none is running (or it did not answer).

    Blocking, but only at startup before any window exists, on a local socket.
    """
    socket = QLocalSocket()
    socket.connectToServer(name or server_name())
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    from pathlib import Path

    absolute = [str(Path(f).absolute()) for f in files]
    payload = json.dumps({"files": absolute}).encode("utf-8") + b"\n"
    socket.write(QByteArray(payload))
    socket.flush()  # writes everything at once (waitForBytesWritten would then say False)
    reply = b""
    while b"\n" not in reply and socket.waitForReadyRead(REPLY_TIMEOUT_MS):
        reply += bytes(socket.readAll().data())
    socket.disconnectFromServer()
    return reply.strip() == b"ok"


class InstanceServer(QObject):
    """Listens for later launches; emits their files (an empty list means "show yourself")."""

    filesReceived = Signal(list)

    def __init__(self, name: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name or server_name()
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._accept)
        self._buffers: dict[QLocalSocket, bytearray] = {}

    def listen(self) -> bool:
        if self._server.listen(self.name):
            return True
        # A socket left behind by a crashed window: nobody answers on it, so take it over.
        # (Never remove the socket of a window that is alive.)
        probe = QLocalSocket()
        probe.connectToServer(self.name)
        if probe.waitForConnected(CONNECT_TIMEOUT_MS):
            probe.disconnectFromServer()
            log.info("Another Hoist window already listens on %s", self.name)
            return False
        QLocalServer.removeServer(self.name)
        ok = self._server.listen(self.name)
        if not ok:
            log.warning("Single-instance socket unavailable: %s", self._server.errorString())
        return ok

    def close(self) -> None:
        self._server.close()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            if socket is None:
                break
            self._buffers[socket] = bytearray()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._drop(s))

    def _drop(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def _read(self, socket: QLocalSocket) -> None:
        buffer = self._buffers.get(socket)
        if buffer is None:
            return
        buffer.extend(bytes(socket.readAll().data()))
        if b"\n" not in buffer:
            if len(buffer) > 1_000_000:
                socket.abort()
            return
        line = bytes(buffer).split(b"\n", 1)[0]
        try:
            message = json.loads(line.decode("utf-8"))
            files = [str(f) for f in message.get("files", [])]
        except (ValueError, AttributeError):
            socket.write(QByteArray(b"error\n"))
            socket.flush()
            return
        socket.write(QByteArray(b"ok\n"))
        socket.flush()
        self.filesReceived.emit(files)
