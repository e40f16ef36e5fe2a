"""Purpose and expiry pickers for the files about to be uploaded."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QSpinBox, QWidget

from app.ui.formatting import format_number
from app.ui.i18n import QT_TRANSLATE_NOOP, translate

PURPOSES: list[tuple[str, str, str]] = [
    # (API value, label, one-line explanation)
    (
        "user_data",
        QT_TRANSLATE_NOOP("Pickers", "User data"),
        QT_TRANSLATE_NOOP("Pickers", "Any file you want to give a model as input."),
    ),
    (
        "assistants",
        QT_TRANSLATE_NOOP("Pickers", "Assistants"),
        QT_TRANSLATE_NOOP("Pickers", "Documents for file search and code interpreter."),
    ),
    (
        "batch",
        QT_TRANSLATE_NOOP("Pickers", "Batch"),
        QT_TRANSLATE_NOOP(
            "Pickers", "A JSONL file of requests for the Batch API (results within 24 hours)."
        ),
    ),
    (
        "fine-tune",
        QT_TRANSLATE_NOOP("Pickers", "Fine-tune"),
        QT_TRANSLATE_NOOP("Pickers", "A JSONL file of training examples for fine-tuning a model."),
    ),
    (
        "vision",
        QT_TRANSLATE_NOOP("Pickers", "Vision"),
        QT_TRANSLATE_NOOP("Pickers", "Images for vision fine-tuning."),
    ),
    (
        "evals",
        QT_TRANSLATE_NOOP("Pickers", "Evals"),
        QT_TRANSLATE_NOOP("Pickers", "A JSONL data set for evaluations."),
    ),
]
PURPOSE_LABELS = {value: label for value, label, _ in PURPOSES}  # English; see purpose_label


def purpose_label(purpose: str) -> str:
    """The purpose's name in the window's language (the API value when unknown)."""
    label = PURPOSE_LABELS.get(purpose)
    return translate("Pickers", label) if label else purpose


HOUR = 3600
DAY = 24 * HOUR
MIN_EXPIRY = HOUR
MAX_EXPIRY = 30 * DAY
_PRESETS: list[tuple[str, int | None]] = [
    (QT_TRANSLATE_NOOP("Pickers", "Never"), None),
    (QT_TRANSLATE_NOOP("Pickers", "1 hour"), HOUR),
    (QT_TRANSLATE_NOOP("Pickers", "1 day"), DAY),
    (QT_TRANSLATE_NOOP("Pickers", "7 days"), 7 * DAY),
    (QT_TRANSLATE_NOOP("Pickers", "30 days"), 30 * DAY),
    (QT_TRANSLATE_NOOP("Pickers", "Custom…"), -1),
]
BATCH_DEFAULT_LABEL = QT_TRANSLATE_NOOP("Pickers", "30 days (server default)")


def describe_expiry(seconds: int | None, purpose: str) -> str:
    if seconds is None:
        return translate("Pickers", BATCH_DEFAULT_LABEL if purpose == "batch" else "Never")
    if seconds % DAY == 0:
        return translate("Pickers", "%n day(s)", None, seconds // DAY)
    if seconds % HOUR == 0:
        return translate("Pickers", "%n hour(s)", None, seconds // HOUR)
    hours = format_number(seconds / HOUR, 2).rstrip("0").rstrip(QLocale().decimalPoint())
    return translate("Pickers", "{hours} hours").format(hours=hours)


class PurposePicker(QWidget):
    """A combo box of purposes with a line under it explaining the chosen one."""

    purposeChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None, explain: bool = True) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        # its value is read from the combo's text
        self.combo.setAccessibleName(translate("Pickers", "Purpose"))
        self.combo.setAccessibleDescription(
            translate("Pickers", "What the uploaded file will be used for")
        )
        for value, label, explanation in PURPOSES:
            self.combo.addItem(translate("Pickers", label), value)
            self.combo.setItemData(
                self.combo.count() - 1,
                translate("Pickers", explanation),
                Qt.ItemDataRole.ToolTipRole,
            )
        self.explanation = QLabel()
        self.explanation.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        # the text is what a screen reader reads; the description says what it is
        self.explanation.setAccessibleDescription(
            translate("Pickers", "What the chosen purpose means")
        )
        self.explanation.setWordWrap(False)
        self.explanation.setVisible(explain)
        # a long explanation is cut, never widening the window (tooltip has it all)
        self.explanation.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.explanation, 1)
        self.combo.currentIndexChanged.connect(self._changed)
        self._changed()

    def purpose(self) -> str:
        return str(self.combo.currentData())

    def set_purpose(self, purpose: str) -> None:
        index = self.combo.findData(purpose)
        if index >= 0:
            self.combo.setCurrentIndex(index)

    def _changed(self, *_: object) -> None:
        explanation = translate("Pickers", PURPOSES[self.combo.currentIndex()][2])
        self.explanation.setText(explanation)
        self.explanation.setToolTip(explanation)
        self.purposeChanged.emit(self.purpose())


class ExpiryPicker(QWidget):
    """Never / 1 hour / 1 day / 7 days / 30 days / custom hours or days.

    For batch files the first choice reads "30 days (server default)": nothing is sent and
    the server applies its default.
    """

    expiryChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.setAccessibleName(translate("Pickers", "Expiry"))
        # grows when batch relabels the first choice "30 days (server default)"
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setToolTip(
            translate("Pickers", "When the uploaded file is deleted from the server")
        )
        for label, seconds in _PRESETS:
            self.combo.addItem(translate("Pickers", label), seconds)
        self.amount = QSpinBox()
        self.amount.setAccessibleName(translate("Pickers", "Custom expiry amount"))
        self.unit = QComboBox()
        self.unit.setAccessibleName(translate("Pickers", "Custom expiry unit"))
        self.unit.addItem(translate("Pickers", "hours"), HOUR)
        self.unit.addItem(translate("Pickers", "days"), DAY)
        self.unit.setCurrentIndex(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo)
        layout.addWidget(self.amount)
        layout.addWidget(self.unit)
        layout.addStretch(1)
        self.combo.currentIndexChanged.connect(self._changed)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        self.amount.valueChanged.connect(lambda _v: self.expiryChanged.emit())
        self._unit_changed()
        self._changed()

    def set_purpose(self, purpose: str) -> None:
        self.combo.setItemText(
            0, translate("Pickers", BATCH_DEFAULT_LABEL if purpose == "batch" else "Never")
        )

    def is_custom(self) -> bool:
        return bool(self.combo.currentData() == -1)

    def seconds(self) -> int | None:
        """Seconds for expires_after, or None to send nothing (never / server default)."""
        if self.is_custom():
            return int(self.amount.value()) * int(self.unit.currentData())
        data = self.combo.currentData()
        return None if data is None else int(data)

    def set_seconds(self, seconds: int | None) -> None:
        for index, (_label, preset) in enumerate(_PRESETS):
            if preset == seconds:
                self.combo.setCurrentIndex(index)
                return
        assert seconds is not None
        self.combo.setCurrentIndex(len(_PRESETS) - 1)
        if seconds % DAY == 0:
            self.unit.setCurrentIndex(1)
            self.amount.setValue(seconds // DAY)
        else:
            self.unit.setCurrentIndex(0)
            self.amount.setValue(max(1, seconds // HOUR))

    def _unit_changed(self, *_: object) -> None:
        per = int(self.unit.currentData())
        self.amount.setRange(MIN_EXPIRY // per if per == HOUR else 1, MAX_EXPIRY // per)
        self.expiryChanged.emit()

    def _changed(self, *_: object) -> None:
        custom = self.is_custom()
        self.amount.setVisible(custom)
        self.unit.setVisible(custom)
        self.expiryChanged.emit()
