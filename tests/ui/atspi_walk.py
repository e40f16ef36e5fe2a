"""Run with the system Python that has pyatspi (Debian: python3-pyatspi), not the venv:
find the running Hoist window on the AT-SPI bus, press "Upload" through AT-SPI, wait until
the details pane shows a File ID, then walk the whole tree and print what a screen reader
gets as JSON: interactive controls without a name, and the values of the labelled fields.

    /usr/bin/python3 tests/ui/atspi_walk.py TIMEOUT_SECONDS
"""

from __future__ import annotations

import json
import sys
import time

import pyatspi  # type: ignore[import-not-found]

INTERACTIVE = {
    pyatspi.ROLE_PUSH_BUTTON,
    pyatspi.ROLE_TOGGLE_BUTTON,
    pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_TEXT,
    pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT,
    pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_TABLE,
    pyatspi.ROLE_TREE_TABLE,
    pyatspi.ROLE_LIST,
    pyatspi.ROLE_PAGE_TAB,
    pyatspi.ROLE_SLIDER,
}
VALUES = ("File ID", "Upload ID", "Overall speed", "Active profile", "Requests in flight")


def _role(node: object) -> object:
    try:
        return node.getRole()  # type: ignore[attr-defined]
    except Exception:  # an object that went away meanwhile (a tooltip, a row)
        return None


def _name(node: object) -> str:
    try:
        return str(node.name or "")  # type: ignore[attr-defined]
    except Exception:
        return ""


def _find_app(deadline: float) -> object:
    while time.monotonic() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is not None and app.name in ("hoist", "Hoist"):
                return app
        time.sleep(0.2)
    raise SystemExit(json.dumps({"error": "Hoist is not on the accessibility bus"}))


def _walk(node: object, out: list[object], depth: int = 0) -> None:
    if node is None or depth > 60:
        return
    out.append(node)
    try:
        children = list(node)  # type: ignore[call-overload]
    except Exception:
        return
    for child in children:
        _walk(child, out, depth + 1)


def _nodes(app: object) -> list[object]:
    nodes: list[object] = []
    _walk(app, nodes)
    return nodes


def _showing(node: object) -> bool:
    try:
        return bool(node.getState().contains(pyatspi.STATE_SHOWING))  # type: ignore[attr-defined]
    except Exception:
        return False


def _text_of(node: object) -> str:
    name = _name(node)
    try:
        text = node.queryText()  # type: ignore[attr-defined]
        return str(text.getText(0, text.characterCount)) or name
    except Exception:  # no text interface: the name is the text
        return name


def _values(app: object) -> dict[str, str]:
    found: dict[str, str] = {}
    for node in _nodes(app):
        try:
            description = str(node.description or "")  # type: ignore[attr-defined]
        except Exception:
            continue
        if description in VALUES and _showing(node):
            found[description] = _text_of(node)
    return found


def main() -> int:
    timeout = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    deadline = time.monotonic() + timeout
    app = _find_app(deadline)
    pressed = False
    while time.monotonic() < deadline and not pressed:
        for node in _nodes(app):
            if _role(node) == pyatspi.ROLE_PUSH_BUTTON and _name(node).startswith("Upload 1 file"):
                action = node.queryAction()
                for i in range(action.nActions):
                    if action.getName(i) in ("Press", "press", "click", "SetFocus") or i == 0:
                        action.doAction(i)
                        pressed = True
                        break
                break
        if not pressed:
            time.sleep(0.3)
    values: dict[str, str] = {}
    while time.monotonic() < deadline:
        values = _values(app)
        if values.get("File ID", "").startswith("file-"):
            break
        time.sleep(0.3)
    unnamed = []
    checked = 0
    for node in _nodes(app):
        try:
            role = node.getRole()
        except Exception:
            continue
        if role in INTERACTIVE and _showing(node):
            checked += 1
            if not (node.name or "").strip():
                unnamed.append(f"{node.getRoleName()} in {node.parent.getRoleName()}")
    print(
        json.dumps({"pressed": pressed, "values": values, "unnamed": unnamed, "checked": checked})
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
