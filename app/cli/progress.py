"""A live progress display on a terminal: one line per file, redrawn a few times a second."""

from __future__ import annotations

import shutil
from typing import TextIO

from app.cli.common import format_bytes
from app.engine import JobSnapshot, JobState

BAR_WIDTH = 24


def format_eta(seconds: float | None) -> str:
    if seconds is None or seconds < 0:
        return "--:--"
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    clock = f"{rest // 60:02d}:{rest % 60:02d}"
    return f"{hours}:{clock}" if hours else clock


def render_line(job: JobSnapshot, width: int) -> str:
    fraction = job.fraction
    filled = int(fraction * BAR_WIDTH)
    bar = "█" * filled + "░" * (BAR_WIDTH - filled)
    parts = f"{job.parts_done}/{len(job.parts)} parts" if job.parts else ""
    if job.state is JobState.UPLOADING:
        detail = f"{format_bytes(int(job.speed))}/s  ETA {format_eta(job.eta)}"
    elif job.state is JobState.WAITING_FOR_NETWORK:
        detail = "waiting for the network"
    else:
        detail = job.state.value
    text = f"{job.filename[:28]:<28} {bar} {fraction * 100:5.1f}%  {parts:<12} {detail}"
    return text[: max(20, width - 1)]


class TerminalProgress:
    """Redraws the block of lines in place with ANSI cursor movements."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.lines_drawn = 0

    def draw(self, jobs: list[JobSnapshot]) -> None:
        width = shutil.get_terminal_size((100, 20)).columns
        out = []
        if self.lines_drawn:
            out.append(f"\x1b[{self.lines_drawn}F")
        for job in jobs:
            out.append("\x1b[2K" + render_line(job, width) + "\n")
        self.stream.write("".join(out))
        self.stream.flush()
        self.lines_drawn = len(jobs)

    def message(self, text: str, stream: TextIO | None = None) -> None:
        """Print a line (to ``stream``, stderr by default) where the block was; the block is
        drawn again below it next time."""
        if self.lines_drawn:
            self.stream.write(f"\x1b[{self.lines_drawn}F\x1b[J")
            self.stream.flush()
            self.lines_drawn = 0
        out = stream or self.stream
        out.write(text + "\n")
        out.flush()
