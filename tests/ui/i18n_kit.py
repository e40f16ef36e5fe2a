"""Helpers for the translation tests: the .ts files read as messages, the English words a
translated window must not show any more, and a walk that gathers every word a widget
shows (texts, tooltips, placeholders, accessible names, headers, cells, menus, actions)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QTabWidget,
    QWidget,
)

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"

# A translation may equal its English source only for these: words German or Spanish use
# as they are, units, product names and pure layouts of other words.
SAME_EVERYWHERE = {
    "{tip} ({keys})", "{name}: {reason}", "{counts}.", "{text} ({extras}).", "{text}.", ", ",
    "{size}/s",
    "< 1 s", "{s} s", "{m} min", "{m} min {s} s", "{h} h", "{h} h {m} min", "{days} {h} h",
    " MiB", " s", " KB/s", "Bytes",
}  # fmt: skip
ALLOW_SAME = {
    "de": SAME_EVERYWHERE | {
        "Name", "&Name:", "Status", "Status:", "Batch", "Vision", "Evals", "Uploads", "System",
        "Optional", "Optional (org-…)", "Optional (proj_…)", "Proxy", "OK",
    },
    "es": SAME_EVERYWHERE | {"No", "Error: {message}", "Endpoint:", "Manual", "Proxy"},
}  # fmt: skip
PLACEHOLDER = re.compile(r"\{\w+\}")


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    forms: tuple[str, ...]  # one translation, or the numerus forms
    numerus: bool
    unfinished: bool


def read_ts(path: Path) -> list[Message]:
    messages = []
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            numerus = message.get("numerus") == "yes"
            if numerus:
                forms = tuple(f.text or "" for f in translation.iter("numerusform"))
            else:
                forms = (translation.text or "",)
            messages.append(
                Message(
                    name,
                    message.findtext("source") or "",
                    forms,
                    numerus,
                    translation.get("type") in ("unfinished", "vanished", "obsolete"),
                )
            )
    return messages


def plain(text: str) -> str:
    """Without keyboard accelerators: "&File" → "File" ("&&" stays one "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{\w+\}|%n)", plain(template))
    regex = "".join(
        ".+" if p.startswith("{") else r"\d+" if p == "%n" else re.escape(p) for p in parts
    )
    return re.compile(regex, re.DOTALL)


class EnglishWords:
    """What the window says in English where ``language`` has its own words: every source
    string (placeholders and %n matching anything) and the English plural forms."""

    def __init__(self, language: str) -> None:
        english_forms = {(m.context, m.source): m.forms for m in read_ts(TS_DIR / "hoist_en.ts")}
        self.exact: set[str] = set()
        self.patterns: list[re.Pattern[str]] = []
        for m in read_ts(TS_DIR / f"hoist_{language}.ts"):
            if m.source in ALLOW_SAME[language]:
                continue
            for text in (m.source, *english_forms.get((m.context, m.source), ())):
                if plain(text) in {plain(form) for form in m.forms}:
                    continue  # the same words in both ("%n bytes" in Spanish, "Pro&xy:")
                if PLACEHOLDER.search(text) or "%n" in text:
                    self.patterns.append(_pattern(text))
                else:
                    self.exact.add(plain(text))

    def __call__(self, text: str) -> bool:
        """True when ``text`` is one of the window's English sentences."""
        text = plain(text)
        if not text:
            return False
        return text in self.exact or any(p.fullmatch(text) for p in self.patterns)


def _model_texts(model: QAbstractItemModel) -> list[str]:
    texts = []
    root = QModelIndex()
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    for column in range(columns):
        texts.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
    for row in range(model.rowCount(root)):
        for column in range(columns):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                if isinstance(value, str):
                    texts.append(value)
    return texts


def _action_texts(action: QAction) -> list[str]:
    texts = [action.text(), action.toolTip(), action.statusTip(), action.whatsThis()]
    menu = action.menu()
    if menu is not None:
        texts.append(menu.title())
        for sub in menu.actions():
            texts += _action_texts(sub)
    return texts


def widget_texts(widget: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every word ``widget`` and its children show or announce."""
    found: list[tuple[str, str]] = []
    for w in [widget, *widget.findChildren(QWidget)]:
        where = f"{type(w).__name__} {w.objectName() or w.accessibleName()!r}"
        texts = [w.windowTitle(), w.toolTip(), w.statusTip(), w.whatsThis()]
        texts += [w.accessibleName(), w.accessibleDescription()]
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        if isinstance(w, QPlainTextEdit):
            texts += [w.placeholderText(), w.toPlainText()]
        if isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, QAbstractSpinBox):
            texts.append(w.specialValueText())
            texts += [getattr(w, "suffix", str)(), getattr(w, "prefix", str)()]
        if isinstance(w, QProgressBar):
            texts.append(w.format())
        if isinstance(w, QMessageBox):
            texts += [w.text(), w.informativeText()]
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                texts.append(w.itemText(i))
                tip = w.itemData(i, Qt.ItemDataRole.ToolTipRole)
                texts.append(tip if isinstance(tip, str) else "")
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                texts += [w.tabText(i), w.tabToolTip(i)]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            texts += _model_texts(w.model())
        if isinstance(w, QMainWindow):
            texts += [w.statusBar().currentMessage()]
        for action in w.actions():
            texts += _action_texts(action)
        found += [(where, t) for t in texts if t and t.strip()]
    return found
