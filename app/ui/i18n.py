"""The window's language: Hoist's translations (translations/hoist_*.qm, compiled from
resources/translations/*.ts) and Qt's own (qtbase_*.qm, for standard buttons), chosen from
the system locale (LANGUAGE, LANG) or the Settings override, and the locale that numbers,
sizes and dates follow."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.settings import WINDOW_LANGUAGES

log = logging.getLogger("hoist.ui")

# Preferences.language: "" follows the system. Names are written in their own language.
_NAMES = {"en": "English", "de": "Deutsch", "es": "Español"}
LANGUAGES: tuple[tuple[str, str], ...] = tuple((code, _NAMES[code]) for code in WINDOW_LANGUAGES)
LANGUAGE_CODES = WINDOW_LANGUAGES
DEFAULT_LANGUAGE = "en"  # the source strings' language

_installed: list[QTranslator] = []


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """QCoreApplication.translate; pyside6-lupdate finds the calls by this name."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def translations_dir() -> Path:
    return Path(__file__).resolve().parent / "translations"


def qt_translations_dirs() -> list[str]:
    """Where Qt's own qtbase_*.qm are: Qt's configured folder, else the ones in the PySide6
    package (Qt/translations; translations on Windows), which a PyInstaller bundle keeps."""
    import PySide6

    package = Path(PySide6.__file__).resolve().parent
    return [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(package / "Qt" / "translations"),
        str(package / "translations"),
    ]


def system_language(locale: QLocale | None = None) -> str:
    """The first of the system's UI languages (LANGUAGE first, then LANG) that Hoist speaks."""
    locale = locale or QLocale.system()
    for name in locale.uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGE_CODES:
            return code
    return DEFAULT_LANGUAGE


def choose(preference: str) -> tuple[str, QLocale]:
    """(language code, locale for numbers and dates) for ``Preferences.language``."""
    if preference in LANGUAGE_CODES:
        return preference, QLocale(preference)
    system = QLocale.system()
    language = system_language(system)
    if QLocale(language).language() == system.language():
        # The system's country (de_AT, es_MX), with the numbers and dates of that locale
        # (not of LC_NUMERIC=C left behind by LANGUAGE=de), so words and numbers agree.
        return language, QLocale(system.name())
    return language, QLocale(language)


def install(app: QCoreApplication, preference: str = "") -> str:
    """Install the translators for ``preference`` (replacing earlier ones); returns the code."""
    language, locale = choose(preference)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    QLocale.setDefault(locale)
    wanted = [(f"hoist_{language}", [str(translations_dir())])]
    if language != DEFAULT_LANGUAGE:  # Qt's own strings are English already
        wanted.append((f"qtbase_{language}", qt_translations_dirs()))
    for name, folders in wanted:
        translator = QTranslator(app)
        if any(translator.load(name, folder) for folder in folders):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("No translation %s in %s", name, ", ".join(folders))
    return language


def current_language() -> str:
    """The code of the language installed last ("en" before any install)."""
    return QLocale().name().split("_")[0] if _installed else DEFAULT_LANGUAGE


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Marks ``text`` for pyside6-lupdate where it is defined; translate() it where shown.
    (PySide6's own is typed as returning object.)"""
    return text
