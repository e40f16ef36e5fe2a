"""The import rules of architecture.md, checked on the source."""

from __future__ import annotations

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _modules(folder: str) -> list[Path]:
    return sorted((APP / folder).rglob("*.py")) if folder else sorted(APP.rglob("*.py"))


def test_nothing_outside_ui_imports_qt() -> None:
    offenders = [
        str(p.relative_to(APP))
        for p in _modules("")
        if "ui" not in p.relative_to(APP).parts[:1]
        and any(n.split(".")[0] in {"PySide6", "qasync"} for n in _imports(p))
    ]
    assert offenders == []


def test_nothing_imports_ui_or_cli_except_entry_points() -> None:
    allowed = {"__main__.py", "selfcheck.py"}
    offenders = []
    for path in _modules(""):
        rel = path.relative_to(APP)
        if rel.parts[0] in {"ui", "cli"} or rel.name in allowed:
            continue
        if any(n.startswith(("app.ui", "app.cli")) for n in _imports(path)):
            offenders.append(str(rel))
    assert offenders == []


def test_sandbox_and_client_share_no_code() -> None:
    def uses(folder: str, prefix: str) -> list[Path]:
        return [p for p in _modules(folder) if any(n.startswith(prefix) for n in _imports(p))]

    assert uses("sandbox", "app.api") == []
    assert uses("api", "app.sandbox") == []


def test_engine_depends_only_on_api_journal_validation() -> None:
    allowed = ("app.engine", "app.api", "app.journal", "app.validation", "app.settings")
    offenders = [
        f"{p.name}: {n}"
        for p in _modules("engine")
        for n in _imports(p)
        if n.startswith("app.") and not n.startswith(allowed)
    ]
    assert offenders == []


def test_modules_stay_small() -> None:
    big = [
        f"{p.relative_to(APP)} ({n})"
        for p in _modules("")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 450
    ]
    assert big == []
