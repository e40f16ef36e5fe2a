"""The window in German and Spanish: the .ts sources complete and compiled, the language from
the system (LANGUAGE/LANG) or from Settings, plurals for 1 and 2 files, and a walk over every
widget of the main window, Settings and the dialogs that fails on any English word left."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from i18n_kit import ALLOW_SAME, PLACEHOLDER, TS_DIR, EnglishWords, plain, read_ts, widget_texts
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from uikit import drop_files, make_file, stage, write_prefs

from app.engine import JobState
from app.settings import Settings
from app.ui import i18n
from app.ui.app import install_language
from app.ui.dialogs import open_questions
from app.ui.i18n import translate

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import translations  # noqa: E402  (packaging/translations.py: lupdate and lrelease)

LANGUAGES = ("de", "es")
PRODUCT_NAMES = {"Azure OpenAI"}


@pytest.fixture
def language(request: pytest.FixtureRequest, qapp: Any) -> Iterator[str]:
    """The window's language for one test, chosen as Settings does; English afterwards."""
    write_prefs(language=request.param)
    assert install_language(qapp) == request.param
    yield request.param
    i18n.install(qapp, "en")


# The translation files ----------------------------------------------------------------------
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_string_is_translated_with_its_placeholders_and_accelerator(lang: str) -> None:
    messages = read_ts(TS_DIR / f"hoist_{lang}.ts")
    assert len(messages) > 300
    for m in messages:
        where = f"{lang} {m.context}: {m.source!r}"
        assert not m.unfinished and all(m.forms), where
        assert len(m.forms) == (2 if m.numerus else 1), where
        for form in m.forms:
            assert set(PLACEHOLDER.findall(form)) == set(PLACEHOLDER.findall(m.source)), where
            assert form.replace("&&", "").count("&") == m.source.replace("&&", "").count("&")
        if "%n" in m.source:
            assert "%n" in m.forms[-1], where  # the plural form always says how many
        if m.forms[0] == m.source:
            assert m.source in ALLOW_SAME[lang], f"{where} is not translated"


def test_the_ts_sources_hold_every_string_of_the_window(tmp_path: Path) -> None:
    """pyside6-lupdate over the code finds nothing the committed .ts files lack."""
    for lang in translations.LANGUAGES:
        shutil.copy(translations.ts_path(lang), tmp_path)
    translations.update(ts_dir=tmp_path)
    for lang in translations.LANGUAGES:
        fresh = read_ts(tmp_path / f"hoist_{lang}.ts")
        committed = read_ts(translations.ts_path(lang))
        assert fresh == committed, f"run packaging/translations.py update ({lang})"


def test_the_committed_qm_files_are_compiled_from_the_ts(tmp_path: Path) -> None:
    translations.release(qm_dir=tmp_path)
    for lang in translations.LANGUAGES:
        built = (tmp_path / f"hoist_{lang}.qm").read_bytes()
        assert translations.qm_path(lang).read_bytes() == built, "run translations.py release"


# Choosing the language ----------------------------------------------------------------------
_REPORT = """
import json
from PySide6.QtCore import QCoreApplication
from app.ui.app import install_language, make_application
from app.ui.formatting import format_size
from app.ui.i18n import translate
app = make_application()
print(json.dumps({
    "language": install_language(app),
    "queue": translate("MainWindow", "Queue"),
    "qt_cancel": QCoreApplication.translate("QPlatformTheme", "Cancel"),
    "size": format_size(1_500_000_000),
}))
"""


@pytest.mark.parametrize(
    ("env", "saved", "expected"),
    [
        ({"LANGUAGE": "de", "LANG": "C.UTF-8"}, "", ("de", "Warteschlange", "Abbrechen", "1,5 GB")),
        ({"LANGUAGE": "", "LANG": "es_ES.UTF-8"}, "", ("es", "Cola", "Cancelar", "1,5 GB")),
        ({"LANGUAGE": "fr", "LANG": "fr_FR.UTF-8"}, "", ("en", "Queue", "Cancel", None)),
        ({"LANGUAGE": "de", "LANG": "de_DE.UTF-8"}, "es", ("es", "Cola", "Cancelar", "1,5 GB")),
        ({"LANGUAGE": "es", "LANG": "es_ES.UTF-8"}, "en", ("en", "Queue", "Cancel", "1.5 GB")),
    ],
)
def test_the_language_comes_from_the_system_unless_settings_name_one(
    env: dict[str, str], saved: str, expected: tuple[str, ...]
) -> None:
    """A fresh process, as the app starts: LANGUAGE/LANG, or the Settings override."""
    write_prefs(language=saved)
    result = subprocess.run(
        [sys.executable, "-c", _REPORT],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "LC_ALL": "", **env},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    language, queue, qt_cancel, size = expected
    assert (report["language"], report["queue"], report["qt_cancel"]) == (
        language,
        queue,
        qt_cancel,
    )
    if size is not None:
        assert report["size"] == size  # numbers in the language's locale


def test_choosing_a_language_in_settings_applies_at_the_next_start(
    qtbot: Any, open_window: Any, sandbox: Any, qapp: Any
) -> None:
    window = open_window(sandbox(quiet=True).base_url)
    window.open_settings()
    dialog = window.settings_dialog
    names = [dialog.language.itemText(i) for i in range(dialog.language.count())]
    assert names == ["System", "English", "Deutsch", "Español"]
    assert dialog.language.currentData() == ""  # follows the system by default
    note = translate("SettingsDialog", "Applies the next time Hoist starts.")
    assert note in [label.text() for label in dialog.findChildren(QLabel)]
    dialog.language.setCurrentIndex(dialog.language.findData("es"))
    with qtbot.waitSignal(dialog.saved, timeout=10000):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert Settings.load().prefs.language == "es"
    assert window.queue_tab.upload_button.text() == "Upload"  # this run stays English
    try:
        assert install_language(qapp) == "es"  # what the next start does
        assert translate("QueueTab", "Upload") == "Subir"
    finally:
        i18n.install(qapp, "en")


# Plurals -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("lang", "one", "two"),
    [
        ("en", "Upload 1 file", "Upload 2 files"),
        ("de", "1 Datei hochladen", "2 Dateien hochladen"),
        ("es", "Subir 1 archivo", "Subir 2 archivos"),
    ],
)
def test_plurals_for_one_and_two_files(qapp: Any, lang: str, one: str, two: str) -> None:
    try:
        i18n.install(qapp, lang)
        assert translate("QueueTab", "Upload %n file(s)", None, 1) == one
        assert translate("QueueTab", "Upload %n file(s)", None, 2) == two
        for context, source in (
            ("MainWindow", "%n request(s) in flight"),
            ("ServerTab", "Delete %n file(s) from the server?"),
            ("FileCollect", "%n file(s)"),
        ):
            singular = translate(context, source, None, 1)
            plural = translate(context, source, None, 2)
            assert "1" in singular and "2" in plural and singular.replace("1", "2") != plural
    finally:
        i18n.install(qapp, "en")


# The walk ------------------------------------------------------------------------------------
def _batch_file(folder: Path) -> Path:
    path = folder / "requests.jsonl"
    line = {
        "custom_id": "r1",
        "method": "POST",
        "url": "/v1/chat/completions",
        "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hi"}]},
    }
    path.write_text(json.dumps(line) + "\n")
    return path


def _upload(qtbot: Any, window: Any, path: Path, purpose: str) -> None:
    tab = window.queue_tab
    tab.purpose.set_purpose(purpose)
    stage(qtbot, tab, [path])
    qtbot.mouseClick(tab.upload_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: any(
            r.name == path.name and r.state is JobState.COMPLETED for r in tab.model.rows()
        ),
        timeout=30000,
    )


def _walk(qtbot: Any, open_window: Any, sandbox: Any, folder: Path) -> list[tuple[str, str]]:
    """Open the window on a fresh sandbox, upload, stage, open every tab, the question, the
    error box, Settings (after Test connection) and both after-upload dialogs; every word
    they show, with where it was shown. The window is shut down at the end."""
    folder.mkdir()
    tmp_path = folder
    shown: list[tuple[str, str]] = []
    box = sandbox(quiet=True, processing_delay=0.2)
    window = open_window(box.base_url)
    tab = window.queue_tab
    _upload(qtbot, window, make_file(tmp_path, "notes.md", 2000), "assistants")
    _upload(qtbot, window, _batch_file(tmp_path), "batch")
    # Plurals in the window itself: the Upload button for one, then two ready files.
    tab.purpose.set_purpose("user_data")
    upload_one = translate("QueueTab", "Upload %n file(s)", None, 1)
    stage(qtbot, tab, [make_file(tmp_path, "a.bin", 3000)])
    assert tab.upload_button.text() == upload_one
    assert drop_files(tab.drop_area, [make_file(tmp_path, "b.bin", 3000)])
    qtbot.waitUntil(
        lambda: (
            len(tab.controller.ready_rows()) == 2 and not any(r.checking for r in tab.staged_rows())
        ),
        timeout=15000,
    )
    upload_two = tab.upload_button.text()
    assert upload_two == translate("QueueTab", "Upload %n file(s)", None, 2) != upload_one
    tab.select_key(tab.model.get_by_name("notes.md").key)
    shown += widget_texts(window)

    window.tabs.setCurrentIndex(1)
    qtbot.waitSignal(window.server_tab.loaded, timeout=10000).wait()
    window.tabs.setCurrentIndex(2)
    qtbot.waitSignal(window.history_tab.loaded, timeout=10000).wait()
    shown += widget_texts(window)

    window.server_tab.table.selectRow(0)
    window.server_tab.delete_selected()
    qtbot.waitUntil(lambda: bool(open_questions()), timeout=5000)
    question = open_questions()[-1]
    shown += widget_texts(question)
    question.reject()

    window.tabs.setCurrentIndex(0)
    window.reporter.show_error(translate("Errors", "The operation took too long and was stopped."))
    name = translate("Errors", "Error message")
    (error_box,) = [
        b for b in window.findChildren(QMessageBox) if b.isVisible() and b.accessibleName() == name
    ]
    shown += widget_texts(error_box)
    error_box.accept()

    window.open_settings()
    settings = window.settings_dialog
    reading = translate("SettingsDialog", "Reading…")
    qtbot.waitUntil(lambda: settings.key_box.saved.text() != reading, timeout=10000)
    with qtbot.waitSignal(settings.testFinished, timeout=15000):
        settings.key_box.test_button.click()
    shown += widget_texts(settings)
    settings.reject()

    tab.select_key(tab.model.get_by_name("notes.md").key)
    window.after_upload.add_to_store.trigger()
    stores = window.after_upload.dialog
    qtbot.waitSignal(stores.storesLoaded, timeout=10000).wait()
    shown += widget_texts(stores)
    stores.reject()

    tab.select_key(tab.model.get_by_name("requests.jsonl").key)
    window.after_upload.start_batch.trigger()
    batch = window.after_upload.dialog
    shown += widget_texts(batch)
    with qtbot.waitSignal(batch.batchChanged, timeout=15000):
        batch.start_button.click()
    shown += widget_texts(batch)
    batch.reject()

    window.tasks.spawn(window.shutdown(), "shutdown")
    qtbot.waitUntil(lambda: window._closed, timeout=20000)
    return shown


_english_walk: list[set[str]] = []  # the English window's words, walked once


def _english_words_shown(qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path) -> set[str]:
    if not _english_walk:
        app = QApplication.instance()
        i18n.install(app, "en")
        try:
            shown = _walk(qtbot, open_window, sandbox, tmp_path / "en")
        finally:
            install_language(app)
        _english_walk.append({plain(text) for _where, text in shown})
    return _english_walk[0]


def _sentence_like(text: str) -> bool:
    """Words, not data: two words in a row, not a path, URL or id."""
    return bool(re.search(r"[A-Za-z]{2,} [A-Za-z]{2,}", text)) and not re.search(r"[/\\]", text)


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
def test_no_english_left_in_the_window_settings_and_dialogs(
    qtbot: Any, open_window: Any, sandbox: Any, tmp_path: Path, language: str
) -> None:
    english = EnglishWords(language)
    assert english("Upload queue") and english("Profile: Test") and english("&File")
    assert english("Upload 2 files") and not english("report.pdf")
    shown = _walk(qtbot, open_window, sandbox, tmp_path / language)
    upload_two = translate("QueueTab", "Upload %n file(s)", None, 2)
    assert len(shown) > 400  # the walk saw the window, not an empty shell
    left = sorted({(where, text) for where, text in shown if english(text)})
    assert left == [], f"English left in the {language} window: {left}"
    # Words no translate() call wraps would slip past the check above: the same window in
    # English must not say any sentence the translated one says.
    baseline = _english_words_shown(qtbot, open_window, sandbox, tmp_path)
    same = sorted(
        {
            (where, text)
            for where, text in shown
            if plain(text) in baseline and _sentence_like(text) and text not in PRODUCT_NAMES
        }
    )
    assert same == [], f"words left as in English in the {language} window: {same}"
    said = {plain(text) for _where, text in shown}
    for word in (
        translate("MainWindow", "Queue"),
        translate("SettingsDialog", "Applies the next time Hoist starts."),
        translate("StartBatchDialog", "Start batch"),
        translate("VectorStoreDialog", "Add to vector store"),
        upload_two,
    ):
        assert plain(word) in said
