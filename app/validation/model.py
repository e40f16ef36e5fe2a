"""Findings and reports: what validation hands back to the engine, the window and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"  # blocks the file
    WARNING = "warning"  # the user may go on


@dataclass(frozen=True)
class Finding:
    """One problem. `message` is a complete sentence that already names the line."""

    severity: Severity
    message: str
    line: int | None = None
    field: str | None = None


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    omitted: int  # findings beyond the cap, not listed
    lines: int | None  # JSON lines read (None when the file was not read as JSONL)
    mime_type: str

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.WARNING)

    @property
    def ok(self) -> bool:
        """True when nothing blocks the upload (warnings may remain)."""
        return not self.errors

    def summary(self) -> str:
        """One short sentence, e.g. '2 errors and 1 warning; 12 more problems not shown.'"""
        errors, warnings = len(self.errors), len(self.warnings)
        if not errors and not warnings:
            return "No problems found."
        parts = []
        if errors:
            parts.append(plural(errors, "error"))
        if warnings:
            parts.append(plural(warnings, "warning"))
        text = " and ".join(parts)
        if self.omitted:
            more = "problem" if self.omitted == 1 else "problems"
            text += f"; {self.omitted:,} more {more} not shown"
        return text + "."


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


class Collector:
    """Gathers findings up to a cap. Errors are never pushed out by warnings: when the list is
    full, a new error replaces the latest warning, so `Report.ok` stays truthful."""

    def __init__(self, max_findings: int) -> None:
        self.cap = max(1, max_findings)
        self.items: list[Finding] = []
        self.omitted = 0
        self.error_count = 0

    def error(self, message: str, line: int | None = None, field: str | None = None) -> None:
        self.error_count += 1
        finding = Finding(Severity.ERROR, message, line, field)
        if len(self.items) < self.cap:
            self.items.append(finding)
            return
        self.omitted += 1
        for index in range(len(self.items) - 1, -1, -1):
            if self.items[index].severity is Severity.WARNING:
                del self.items[index]
                self.items.append(finding)
                return

    def warning(self, message: str, line: int | None = None, field: str | None = None) -> None:
        if len(self.items) < self.cap:
            self.items.append(Finding(Severity.WARNING, message, line, field))
        else:
            self.omitted += 1

    @property
    def full(self) -> bool:
        return len(self.items) >= self.cap

    def report(self, lines: int | None, mime_type: str) -> Report:
        # File-wide findings first, then by line; stable, so equal lines keep their order.
        ordered = sorted(self.items, key=lambda f: -1 if f.line is None else f.line)
        return Report(tuple(ordered), self.omitted, lines, mime_type)
