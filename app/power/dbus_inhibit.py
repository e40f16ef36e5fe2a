"""Linux: logind's Inhibit on the system bus, or the desktop portal's on the session bus."""

from __future__ import annotations

import contextlib
import os
import secrets
from typing import Any

from jeepney import DBusAddress, new_method_call
from jeepney.io.blocking import DBusConnection, open_dbus_connection
from jeepney.wrappers import DBusErrorResponse, unwrap_msg

from app.power.backend import InhibitUnavailable

CALL_TIMEOUT = 5.0  # seconds for one D-Bus call; a bus that does not answer is unavailable
APP_NAME = "Hoist"

LOGIND = DBusAddress(
    "/org/freedesktop/login1",
    bus_name="org.freedesktop.login1",
    interface="org.freedesktop.login1.Manager",
)
PORTAL = DBusAddress(
    "/org/freedesktop/portal/desktop",
    bus_name="org.freedesktop.portal.Desktop",
    interface="org.freedesktop.portal.Inhibit",
)
PORTAL_SUSPEND = 4
PORTAL_IDLE = 8


def _connect(bus: str, *, enable_fds: bool = False) -> DBusConnection:
    """bus: 'SYSTEM', 'SESSION' or a D-Bus address such as unix:path=/run/x."""
    try:
        return open_dbus_connection(bus=bus, enable_fds=enable_fds, auth_timeout=CALL_TIMEOUT)
    except KeyError as exc:  # no DBUS_SESSION_BUS_ADDRESS
        raise InhibitUnavailable(f"no {bus.lower()} bus address set") from exc
    except (OSError, RuntimeError, ValueError) as exc:
        raise InhibitUnavailable(f"cannot reach the D-Bus {bus.lower()} bus ({exc})") from exc


def _call(conn: DBusConnection, message: Any, what: str) -> tuple[Any, ...]:
    try:
        body: tuple[Any, ...] = unwrap_msg(conn.send_and_get_reply(message, timeout=CALL_TIMEOUT))
    except DBusErrorResponse as exc:
        raise InhibitUnavailable(f"{what} refused: {exc.name}") from exc
    except (OSError, TimeoutError, ValueError) as exc:
        raise InhibitUnavailable(f"{what} did not answer ({exc})") from exc
    return body


class FdHold:
    """logind keeps the inhibitor while we hold the file descriptor it handed us."""

    def __init__(self, fd: int) -> None:
        self._fd: int | None = fd

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            with contextlib.suppress(OSError):
                os.close(fd)


class LogindBackend:
    name = "logind"

    def __init__(self, bus: str = "SYSTEM") -> None:
        self.bus = bus

    def acquire(self, reason: str) -> FdHold:
        message = new_method_call(
            LOGIND, "Inhibit", "ssss", ("sleep:idle", APP_NAME, reason, "block")
        )
        with _connect(self.bus, enable_fds=True) as conn:
            body = _call(conn, message, "logind Inhibit")
        try:
            return FdHold(body[0].to_raw_fd())
        except (AttributeError, IndexError, OSError) as exc:
            raise InhibitUnavailable("logind Inhibit answered without a file descriptor") from exc


class PortalHold:
    """The portal keeps the inhibitor until Request.Close or until our connection ends."""

    def __init__(self, conn: DBusConnection, handle: str) -> None:
        self._conn: DBusConnection | None = conn
        self._handle = handle

    def release(self) -> None:
        conn, self._conn = self._conn, None
        if conn is None:
            return
        request = DBusAddress(
            self._handle, bus_name=PORTAL.bus_name, interface="org.freedesktop.portal.Request"
        )
        with contextlib.suppress(Exception):  # closing the connection ends it anyway
            conn.send_and_get_reply(new_method_call(request, "Close"), timeout=CALL_TIMEOUT)
        with contextlib.suppress(OSError):
            conn.close()


class PortalBackend:
    name = "desktop portal"

    def __init__(self, bus: str = "SESSION") -> None:
        self.bus = bus

    def acquire(self, reason: str) -> PortalHold:
        options = {"reason": ("s", reason), "handle_token": ("s", f"hoist{secrets.token_hex(4)}")}
        message = new_method_call(
            PORTAL, "Inhibit", "sua{sv}", ("", PORTAL_SUSPEND | PORTAL_IDLE, options)
        )
        conn = _connect(self.bus)
        try:
            body = _call(conn, message, "portal Inhibit")
            return PortalHold(conn, str(body[0]))
        except BaseException:
            conn.close()
            raise
