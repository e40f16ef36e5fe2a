"""The window's translations: update the .ts sources from the code, compile the .qm files.

    .venv/bin/python packaging/translations.py update    # new strings of the code → .ts
    .venv/bin/python packaging/translations.py release   # pyside6-lrelease: .ts → .qm

The .ts sources live in resources/translations/; the compiled .qm files are committed in
app/ui/translations/ (package data, and bundled by packaging/hoist.spec), and a test checks
they match their .ts. hoist_en.ts holds only the English plural forms ("1 file", "2 files").
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations"
QM_DIR = ROOT / "app" / "ui" / "translations"
LANGUAGES = ("en", "de", "es")
# Where the window's words are: the ui package and the provider presets it shows.
SOURCES = [*sorted((ROOT / "app" / "ui").glob("*.py")), ROOT / "app" / "providers.py"]


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease next to this Python (they ship with PySide6)."""
    here = Path(sys.executable).parent / f"pyside6-{name}"
    found = str(here) if here.exists() else shutil.which(f"pyside6-{name}")
    if found is None:
        raise SystemExit(f"pyside6-{name} not found (it comes with PySide6-Essentials)")
    return found


def ts_path(language: str) -> Path:
    return TS_DIR / f"hoist_{language}.ts"


def qm_path(language: str) -> Path:
    return QM_DIR / f"hoist_{language}.qm"


# pyside6-lupdate 6.11 misses Python calls whose count is an expression (len(rows)) and
# never marks plural forms, so the strings are read here from the code's syntax tree: every
# translate(CONTEXT, TEXT[, DISAMBIGUATION[, N]]) and QT_TRANSLATE_NOOP(CONTEXT, TEXT) with
# literal strings, and self.tr(TEXT) in a class (its name is the context). With a count (N)
# the message has plural forms.
Key = tuple[str, str]


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def extract(sources: list[Path] = SOURCES) -> dict[Key, bool]:
    """(context, text) → has plural forms, in the order the code says them."""
    found: dict[Key, bool] = {}

    def visit(node: ast.AST, cls: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Call):
                func = child.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                args = child.args
                if name in ("translate", "QT_TRANSLATE_NOOP") and len(args) >= 2:
                    context, text = _literal(args[0]), _literal(args[1])
                    if context is not None and text is not None:
                        key = (context, text)
                        found[key] = found.get(key, False) or len(args) >= 4
                elif name == "tr" and cls and args and (text := _literal(args[0])) is not None:
                    key = (cls, text)
                    found[key] = found.get(key, False) or len(args) >= 3
            visit(child, cls)

    for path in sources:
        visit(ast.parse(path.read_text(encoding="utf-8")), "")
    return found


def _read(path: Path) -> dict[Key, list[str]]:
    """The translations of a .ts file: (context, source) → its text or plural forms."""
    if not path.exists():
        return {}
    out: dict[Key, list[str]] = {}
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "vanished"):
                continue
            key = (context.findtext("name") or "", message.findtext("source") or "")
            forms = [f.text or "" for f in translation.iter("numerusform")]
            out[key] = forms or [translation.text or ""]
    return out


def _write(path: Path, language: str, messages: dict[Key, bool], old: dict[Key, list[str]]):
    root = ET.Element("TS", version="2.1", language=language)
    for name in sorted({c for c, _ in messages}):
        context = ET.SubElement(root, "context")
        ET.SubElement(context, "name").text = name
        for (ctx, text), plural in messages.items():
            if ctx != name or (language == "en" and not plural):
                continue  # hoist_en.ts: only the English plural forms
            message = ET.SubElement(context, "message")
            if plural:
                message.set("numerus", "yes")
            ET.SubElement(message, "source").text = text
            translation = ET.SubElement(message, "translation")
            forms = old.get((ctx, text), [])
            if len(forms) != (2 if plural else 1) or not all(forms):
                translation.set("type", "unfinished")
                forms = ["", ""] if plural else [""]
            if plural:
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = forms[0]
    tree = ET.ElementTree(root)
    ET.indent(tree, space="    ")
    body = ET.tostring(root, encoding="unicode")
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', "utf-8")


def update(ts_dir: Path = TS_DIR) -> None:
    """New strings into the .ts files (unfinished), gone ones out; translations kept."""
    ts_dir.mkdir(parents=True, exist_ok=True)
    messages = extract()
    for language in LANGUAGES:
        target = ts_dir / f"hoist_{language}.ts"
        _write(target, language, messages, _read(target))


def release(qm_dir: Path = QM_DIR, ts_dir: Path = TS_DIR) -> None:
    qm_dir.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        subprocess.run(
            [tool("lrelease"), "-silent", str(ts_dir / f"hoist_{language}.ts"),
             "-qm", str(qm_dir / f"hoist_{language}.qm")],
            check=True,
        )  # fmt: skip


def main(argv: list[str]) -> int:
    commands = {"update": update, "release": release}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__)
        return 2
    commands[argv[0]]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
