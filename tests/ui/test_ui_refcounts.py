"""The Qt binding keeps its references right: PySide6 6.12.0 dropped one reference to None on
every void call (QAction.setEnabled, QLabel.setText…) and one to True on every Signal(bool)
emit, so a long session crashed with "Fatal Python error: none_dealloc" in update_actions
(issue 15). pyproject excludes that release; this fails on any binding that does it again."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

CALLS = 500


class _Emitter(QObject):
    flag = Signal(bool)


def _lost_references(call: Callable[[], object]) -> dict[str, int]:
    call()
    gc.collect()
    before = {name: sys.getrefcount(obj) for name, obj in _SINGLETONS.items()}
    for _ in range(CALLS):
        call()
    gc.collect()
    return {name: before[name] - sys.getrefcount(obj) for name, obj in _SINGLETONS.items()}


_SINGLETONS: dict[str, Any] = {"None": None, "True": True, "False": False}


def test_void_calls_and_bool_signals_keep_the_references_to_none_and_bools(qapp: Any) -> None:
    action = QAction("Pause")
    label = QLabel()
    emitter = _Emitter()
    seen: list[bool] = []
    emitter.flag.connect(seen.append)
    calls: dict[str, Callable[[], object]] = {
        "QAction.setEnabled": lambda: action.setEnabled(True),
        "QLabel.setText": lambda: label.setText("3 uploaded"),
        "Signal(bool).emit": lambda: emitter.flag.emit(True),
    }
    lost = {name: _lost_references(call) for name, call in calls.items()}
    # a few references may come and go with caches; one per call is the bug
    assert all(n < CALLS // 2 for counts in lost.values() for n in counts.values()), lost
    assert len(seen) == CALLS + 1
