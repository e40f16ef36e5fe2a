"""A private D-Bus daemon and a recorder that plays logind and the desktop portal on it,
remembering every Inhibit call and whether the hold it handed out was let go."""

from __future__ import annotations

import contextlib
import os
import select
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from jeepney import HeaderFields, MessageType, new_error, new_method_return
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import DBusConnection, open_dbus_connection

LOGIND_NAME = "org.freedesktop.login1"
PORTAL_NAME = "org.freedesktop.portal.Desktop"
WAIT = 10.0


@contextlib.contextmanager
def private_bus() -> Iterator[str]:
    """A dbus-daemon of our own; yields its address (unix:path=…)."""
    daemon = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # "cannot raise the fd limit" as non-root is expected
        text=True,
    )
    try:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()
        assert address.startswith("unix:"), address
        yield address
    finally:
        daemon.terminate()
        daemon.wait(timeout=WAIT)
        if daemon.stdout is not None:
            daemon.stdout.close()


@dataclass
class InhibitCall:
    service: str  # "logind" or "portal"
    args: tuple[Any, ...]
    sender: str
    read_fd: int | None = None  # logind: our end of the pipe whose other end we handed out
    handle: str | None = None  # portal: the Request object path
    closed: threading.Event = field(default_factory=threading.Event)


class InhibitRecorder:
    """Serves on `address` from a thread until stopped. `refuse` maps a service to the D-Bus
    error name it answers with instead of granting."""

    def __init__(self, address: str, services: tuple[str, ...], refuse: dict[str, str]) -> None:
        self.calls: list[InhibitCall] = []
        self._changed = threading.Condition()
        self._refuse = refuse
        self._stop = threading.Event()
        self._conn: DBusConnection = open_dbus_connection(bus=address, enable_fds=True)
        names = {"logind": LOGIND_NAME, "portal": PORTAL_NAME}
        for service in services:
            reply = self._conn.send_and_get_reply(message_bus.RequestName(names[service]))
            assert reply.body[0] == 1, f"could not own {names[service]}"
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def wait_calls(self, count: int) -> list[InhibitCall]:
        with self._changed:
            assert self._changed.wait_for(lambda: len(self.calls) >= count, WAIT)
            return list(self.calls)

    def released(self, call: InhibitCall, timeout: float = WAIT) -> bool:
        """logind: the pipe reached EOF (every copy of the fd closed); portal: Close came."""
        if call.read_fd is not None:
            readable, _, _ = select.select([call.read_fd], [], [], timeout)
            return bool(readable) and os.read(call.read_fd, 1) == b""
        return call.closed.wait(timeout)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(WAIT)
        self._conn.close()
        for call in self.calls:
            if call.read_fd is not None:
                os.close(call.read_fd)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                msg = self._conn.receive(timeout=0.1)
            except TimeoutError:
                continue
            if msg.header.message_type == MessageType.method_call:
                self._answer(msg)

    def _answer(self, msg: Any) -> None:
        fields = msg.header.fields
        member = fields.get(HeaderFields.member)
        interface = fields.get(HeaderFields.interface)
        sender = fields.get(HeaderFields.sender, "")
        if interface == "org.freedesktop.login1.Manager" and member == "Inhibit":
            self._inhibit("logind", msg, sender)
        elif interface == "org.freedesktop.portal.Inhibit" and member == "Inhibit":
            self._inhibit("portal", msg, sender)
        elif interface == "org.freedesktop.portal.Request" and member == "Close":
            path = fields.get(HeaderFields.path)
            for call in self.calls:
                if call.handle == path:
                    call.closed.set()
            self._conn.send(new_method_return(msg))
        else:
            self._conn.send(new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod"))

    def _inhibit(self, service: str, msg: Any, sender: str) -> None:
        call = InhibitCall(service, tuple(msg.body), sender)
        if service in self._refuse:
            self._conn.send(new_error(msg, self._refuse[service], "s", ("refused by the test",)))
        elif service == "logind":
            read_fd, write_fd = os.pipe()
            call.read_fd = read_fd
            self._conn.send(new_method_return(msg, "h", (write_fd,)))
            os.close(write_fd)  # the client now holds the only copy
        else:
            token = msg.body[2]["handle_token"][1]
            caller = sender.lstrip(":").replace(".", "_")
            call.handle = f"/org/freedesktop/portal/desktop/request/{caller}/{token}"
            self._conn.send(new_method_return(msg, "o", (call.handle,)))
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()


@contextlib.contextmanager
def recording(
    address: str, *services: str, refuse: dict[str, str] | None = None
) -> Iterator[InhibitRecorder]:
    recorder = InhibitRecorder(address, services, refuse or {})
    try:
        yield recorder
    finally:
        recorder.stop()
