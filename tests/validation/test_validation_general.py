"""Rules for every purpose: the file itself, route size limits, expiry, purpose; MIME types;
the Report API."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from validation_examples import messages

from app.validation import PURPOSES, Finding, Report, Severity, mime_type_for, validate

MB = 1024 * 1024
GB = 1024 * MB


def _notes(tmp_path: Path, size: int | None = None) -> Path:
    path = tmp_path / "notes.txt"
    if size is None:
        path.write_text("Meeting notes: ship the uploader on Friday.\n")
    else:
        with path.open("wb") as stream:  # sparse file: no disk space used
            stream.truncate(size)
    return path


def test_purposes_are_the_six_the_api_accepts() -> None:
    assert PURPOSES == ("assistants", "batch", "fine-tune", "vision", "user_data", "evals")


@pytest.mark.parametrize("purpose", ["assistants", "user_data"])
def test_an_ordinary_file_passes(tmp_path: Path, purpose: str) -> None:
    report = validate(_notes(tmp_path), purpose)
    assert report == Report(findings=(), omitted=0, lines=None, mime_type="text/plain")
    assert report.ok and report.summary() == "No problems found."


def test_missing_file(tmp_path: Path) -> None:
    report = validate(tmp_path / "gone.txt", "user_data")
    assert messages(report) == [f'The file "{tmp_path / "gone.txt"}" does not exist.']
    assert not report.ok


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    (tmp_path / "photos").mkdir()
    report = validate(tmp_path / "photos", "user_data")
    assert messages(report) == [
        '"photos" is a folder, not a file. Choose the files inside it instead.'
    ]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_pipe_is_not_a_regular_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    report = validate(fifo, "batch")
    assert messages(report) == [
        '"pipe.jsonl" is not a regular file (it may be a device or a pipe).'
    ]


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions and a non-root user"
)
def test_unreadable_file(tmp_path: Path) -> None:
    path = _notes(tmp_path)
    path.chmod(0)
    try:
        report = validate(path, "user_data")
    finally:
        path.chmod(0o644)
    assert messages(report) == ['Hoist cannot read "notes.txt": Permission denied.']


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_a_file_that_fails_to_read_is_reported_even_for_root() -> None:
    # /proc/self/mem is a regular file that opens but cannot be read from its start.
    report = validate(Path("/proc/self/mem"), "user_data")
    assert messages(report) == ['Hoist cannot read "mem": Input/output error.']


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.touch()
    report = validate(path, "batch")
    assert messages(report) == ['"empty.jsonl" is empty. There is nothing to upload.']


def test_files_route_takes_at_most_512_mb(tmp_path: Path) -> None:
    assert validate(_notes(tmp_path, 512 * MB), "user_data", route="files").ok
    report = validate(_notes(tmp_path, 512 * MB + 1), "user_data", route="files")
    assert messages(report) == [
        'This file is 512.1 MB, but a single upload request (the "files" route) takes at most '
        '512 MB. Use the "auto" or "uploads" route.'
    ]


def test_auto_with_one_part_is_the_files_route(tmp_path: Path) -> None:
    path = _notes(tmp_path, 600 * MB)
    assert not validate(path, "user_data", route="auto", part_size=1 * GB).ok
    assert validate(path, "user_data", route="auto", part_size=64 * MB).ok  # goes as an Upload


def test_uploads_route_takes_at_most_8_gb(tmp_path: Path) -> None:
    assert validate(_notes(tmp_path, 8 * GB), "user_data", route="uploads").ok
    assert validate(_notes(tmp_path, 8 * GB), "user_data", route="auto").ok
    report = validate(_notes(tmp_path, 8 * GB + 1), "user_data", route="uploads")
    assert messages(report) == ["This file is 8.1 GB; OpenAI accepts files of at most 8 GB."]
    assert not validate(_notes(tmp_path, 8 * GB + 1), "user_data", route="auto").ok


@pytest.mark.parametrize("seconds", [3600, 86_400, 2_592_000, None])
def test_expiry_within_one_hour_and_thirty_days_passes(tmp_path: Path, seconds: int | None) -> None:
    assert validate(_notes(tmp_path), "user_data", expires_after=seconds).findings == ()


@pytest.mark.parametrize("seconds", [0, 3599, 2_592_001, -5, 31_536_000])
def test_expiry_outside_the_range_is_an_error(tmp_path: Path, seconds: int) -> None:
    report = validate(_notes(tmp_path), "user_data", expires_after=seconds)
    assert messages(report) == [
        "The expiry must be between 1 hour (3,600 seconds) and 30 days (2,592,000 seconds); "
        f"{seconds:,} seconds was given."
    ]


def test_unknown_purpose_and_route(tmp_path: Path) -> None:
    report = validate(_notes(tmp_path), "training", route="fast")
    assert messages(report) == [
        '"training" is not a purpose OpenAI accepts; use one of assistants, batch, fine-tune, '
        "vision, user_data, evals.",
        '"fast" is not a route; use auto, files or uploads.',
    ]


@pytest.mark.parametrize(
    ("name", "mime"),
    [
        ("train.jsonl", "text/jsonl"),
        ("README.md", "text/markdown"),
        ("report.PDF", "application/pdf"),
        (
            "slides.pptx",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        ("data.csv", "text/csv"),
        ("main.py", "text/x-python"),
        ("photo.jpeg", "image/jpeg"),
        ("photo.webp", "image/webp"),
        ("archive.tar", "application/x-tar"),
        ("model.bin", "application/octet-stream"),
        ("Makefile", "application/octet-stream"),
    ],
)
def test_mime_type_from_openais_table(name: str, mime: str) -> None:
    assert mime_type_for(Path(name)) == mime


def test_report_summary_and_properties() -> None:
    error = Finding(Severity.ERROR, "Line 2 is empty. Remove blank lines inside the file.", 2)
    warning = Finding(Severity.WARNING, "This file has only 3 examples.")
    report = Report((warning, error), omitted=0, lines=3, mime_type="text/jsonl")
    assert report.errors == (error,) and report.warnings == (warning,)
    assert not report.ok
    assert report.summary() == "1 error and 1 warning."
    only_warning = Report((warning,), omitted=1, lines=3, mime_type="text/jsonl")
    assert only_warning.ok
    assert only_warning.summary() == "1 warning; 1 more problem not shown."
    assert [str(s) for s in Severity] == ["error", "warning"]
