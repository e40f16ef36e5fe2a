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


# Leaf modules: facts and formatting every layer may read; they import nothing of app.
LEAVES = ("app.limits", "app.units", "app.filetypes", "app.providers")


def test_leaf_modules_import_nothing_of_app() -> None:
    offenders = [
        f"{leaf}: {n}"
        for leaf in LEAVES
        for n in _imports(APP.parent / (leaf.replace(".", "/") + ".py"))
        if n == "app" or n.startswith("app.")
    ]
    assert offenders == []


def test_engine_depends_only_on_api_journal_validation() -> None:
    allowed = ("app.engine", "app.api", "app.journal", "app.validation", "app.settings", *LEAVES)
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


# ----- import cycles ---------------------------------------------------------------------
# Every import counts: module level, inside functions and under `if TYPE_CHECKING:`. A
# type-only or lazy import does not fail at run time, but it still ties the two modules
# together (core.py <-> runner.py was one), so a cycle through one fails here as well.


def _module_name(path: Path) -> str:
    rel = path.relative_to(APP.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _import_graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in _modules("")}
    graph: dict[str, set[str]] = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:  # `from pkg import module` imports the module
                    sub = f"{base}.{alias.name}"
                    targets.add(sub if sub in files else base)
        graph[name] = {t for t in targets if t in files and t != name}
    return graph


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path (first module repeated at the end), or None."""
    done: set[str] = set()
    stack: list[str] = []
    on_stack: set[str] = set()

    def visit(node: str) -> list[str] | None:
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target in on_stack:
                return [*stack[stack.index(target) :], target]
            if target not in done and (cycle := visit(target)) is not None:
                return cycle
        stack.pop()
        on_stack.discard(node)
        done.add(node)
        return None

    for start in sorted(graph):
        if start not in done and (cycle := visit(start)) is not None:
            return cycle
    return None


def test_no_import_cycle_in_app() -> None:
    graph = _import_graph()
    assert "app.engine.runner" in graph and graph["app.engine.core"]  # the walk sees modules
    cycle = _find_cycle(graph)
    assert cycle is None, " -> ".join(cycle or [])


def test_the_walk_counts_type_only_and_lazy_imports() -> None:
    graph = _import_graph()
    assert "app.api" in graph["app.engine.context"]  # under `if TYPE_CHECKING:` only
    assert "app.validation" in graph["app.engine.core"]  # inside Engine.__init__ only


def test_cycle_finder_reports_the_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _find_cycle(graph) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b"}, "b": set()}) is None
