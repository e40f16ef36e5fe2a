"""Turning dropped/pasted/chosen paths into a list of files (plain Python; Qt only for the
words of the summary).

Folders are walked (hidden files and folders skipped, symlinked folders not followed).
This touches the disk, so the window runs it in an executor.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from app.ui.i18n import translate


@dataclass
class Collected:
    files: list[Path] = field(default_factory=list)
    hidden_skipped: int = 0
    missing: list[str] = field(default_factory=list)
    folders: int = 0

    def summary(self) -> str:
        """E.g. "Added 12 files from 2 folders (3 hidden items skipped)."."""
        files = translate("FileCollect", "%n file(s)", None, len(self.files))
        if self.folders:
            text = translate("FileCollect", "Added {files} from %n folder(s)", None, self.folders)
        else:
            text = translate("FileCollect", "Added {files}")
        text = text.format(files=files)
        extras = []
        if self.hidden_skipped:
            extras.append(
                translate("FileCollect", "%n hidden item(s) skipped", None, self.hidden_skipped)
            )
        if self.missing:
            extras.append(self.missing_text())
        if extras:
            separator = translate("FileCollect", ", ")
            return translate("FileCollect", "{text} ({extras}).").format(
                text=text, extras=separator.join(extras)
            )
        return translate("FileCollect", "{text}.").format(text=text)

    def missing_text(self) -> str:
        """ "1 path not found: /a/b.txt", "2 paths not found: /a, /b" (up to three named)."""
        m = len(self.missing)
        named = ", ".join(self.missing[:3]) + (", …" if m > 3 else "")
        return translate("FileCollect", "%n path(s) not found: {names}", None, m).format(
            names=named
        )


def is_hidden(path: Path) -> bool:
    if path.name.startswith("."):
        return True
    try:
        attrs = getattr(os.lstat(path), "st_file_attributes", 0)
    except OSError:
        return False
    return bool(attrs & getattr(stat, "FILE_ATTRIBUTE_HIDDEN", 0))


def collect_files(paths: list[str]) -> Collected:
    """Expand files and folders into regular files, in a stable order, without duplicates."""
    result = Collected()
    seen: set[Path] = set()

    def add(p: Path) -> None:
        resolved = p.absolute()
        if resolved not in seen:
            seen.add(resolved)
            result.files.append(resolved)

    for raw in paths:
        path = Path(raw).expanduser()
        if path.is_dir():
            result.folders += 1
            for root, dirs, names in os.walk(path):
                root_path = Path(root)
                kept = [d for d in dirs if not is_hidden(root_path / d)]
                result.hidden_skipped += len(dirs) - len(kept)
                dirs[:] = sorted(kept)
                for name in sorted(names):
                    child = root_path / name
                    if is_hidden(child):
                        result.hidden_skipped += 1
                    elif child.is_file():
                        add(child)
        elif path.is_file():
            add(path)  # a file named explicitly is taken even when hidden
        else:
            result.missing.append(raw)
    return result


def paths_from_text(text: str) -> list[str]:
    """Paths from pasted text: one per line, quotes stripped, file:// URLs decoded."""
    out: list[str] = []
    for line in text.splitlines():
        item = line.strip().strip('"').strip("'").strip()
        if not item:
            continue
        if item.startswith("file://"):
            parsed = urlparse(item)
            item = unquote(parsed.path)
            if os.name == "nt" and item.startswith("/") and len(item) > 2 and item[2] == ":":
                item = item[1:]
        out.append(item)
    return out
