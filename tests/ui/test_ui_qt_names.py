"""None of our QObject subclasses may hide a member of its Qt bases: ``self.actions = …`` on
a QMainWindow replaced QWidget.actions(), and Qt's own code still calls the original."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap

from PySide6.QtCore import QObject

import app.ui

# Qt virtuals we override on purpose (Qt calls ours): event handlers end in "Event".
OVERRIDES = {
    "columnCount",
    "data",
    "eventFilter",
    "flags",
    "headerData",
    "paint",
    "rowCount",
    "sizeHint",
}


def _our_qobject_classes() -> list[type[QObject]]:
    classes: dict[str, type[QObject]] = {}
    for info in pkgutil.walk_packages(app.ui.__path__, "app.ui."):
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, QObject) and cls.__module__.startswith("app."):
                classes[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return list(classes.values())


def _qt_names(cls: type) -> set[str]:
    names: set[str] = set()
    for base in cls.__mro__:
        if base.__module__.startswith(("PySide6", "Shiboken")):
            names.update(dir(base))
    return {n for n in names if not n.startswith("__")} - set(dir(object)) - {"staticMetaObject"}


def _instance_attributes(cls: type) -> set[str]:
    """Names assigned as ``self.NAME = …`` anywhere in the class body."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    names = set()
    for node in ast.walk(tree):
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        for target in targets:
            for item in target.elts if isinstance(target, ast.Tuple) else [target]:
                if (
                    isinstance(item, ast.Attribute)
                    and isinstance(item.value, ast.Name)
                    and item.value.id == "self"
                ):
                    names.add(item.attr)
    return names


def _shadowing(cls: type) -> set[str]:
    qt = _qt_names(cls)
    clashes = set()
    for name, value in vars(cls).items():
        if name in qt and not (
            inspect.isfunction(value) and (name.endswith("Event") or name in OVERRIDES)
        ):
            clashes.add(name)
    return clashes | (_instance_attributes(cls) & qt)


def test_our_qt_classes_hide_no_qt_member() -> None:
    classes = _our_qobject_classes()
    assert len(classes) > 10  # the walk found the window's classes
    found = {f"{c.__module__}.{c.__qualname__}": sorted(_shadowing(c)) for c in classes}
    assert {name: names for name, names in found.items() if names} == {}


def test_the_check_catches_a_hidden_qt_member() -> None:
    from PySide6.QtWidgets import QMainWindow

    class Hiding(QMainWindow):
        def __init__(self) -> None:
            super().__init__()
            self.actions = []  # type: ignore[assignment]

        def size(self) -> int:  # type: ignore[override]
            return 0

    assert _shadowing(Hiding) == {"actions", "size"}
