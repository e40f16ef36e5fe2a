"""vision (images by content), assistants (what the tools read), evals and user_data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QColor, QImage
from validation_examples import messages, write_jsonl

from app.validation import Severity, validate

# The classic 1x1 transparent GIF (43 bytes).
GIF_1X1 = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00"
    b",\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def _image(path: Path, fmt: str) -> Path:
    """A real image file written by Qt (GIF, which Qt cannot write, from known bytes)."""
    if fmt == "GIF":
        path.write_bytes(GIF_1X1)
    else:
        image = QImage(8, 6, QImage.Format.Format_RGB32)
        image.fill(QColor(30, 120, 200))
        assert image.save(str(path))  # format from the suffix
    assert not QImage(str(path)).isNull()  # it really is an image
    return path


@pytest.mark.parametrize(
    ("fmt", "name", "mime"),
    [
        ("PNG", "dog.png", "image/png"),
        ("JPEG", "dog.jpg", "image/jpeg"),
        ("JPEG", "dog.jpeg", "image/jpeg"),
        ("WEBP", "dog.webp", "image/webp"),
        ("GIF", "dog.gif", "image/gif"),
    ],
)
def test_images_pass_for_vision(tmp_path: Path, fmt: str, name: str, mime: str) -> None:
    report = validate(_image(tmp_path / name, fmt), "vision")
    assert report.findings == ()
    assert report.mime_type == mime


def test_a_jpeg_named_png_is_fine_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "dog.png"
    _image(tmp_path / "dog.jpg", "JPEG").rename(path)
    report = validate(path, "vision")
    assert report.ok
    assert messages(report) == [
        'This file is named "dog.png" but is really a JPEG image. It can still be used; '
        'consider renaming it to end in ".jpg".'
    ]


def test_an_image_with_a_non_image_name_gets_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "scan.bin"
    _image(tmp_path / "scan.png", "PNG").rename(path)
    report = validate(path, "vision")
    assert report.ok and report.findings[0].severity is Severity.WARNING
    assert 'does not end in ".png"' in report.findings[0].message


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.png", b"These are my notes, not a picture.\n"),
        ("doc.jpg", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"),
        ("x.gif", b"GIF8"),
    ],
)
def test_a_non_image_is_an_error_for_vision(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    assert messages(validate(path, "vision")) == [
        "This file is not a PNG, JPEG, WEBP or GIF image, so it cannot be used for vision."
    ]


def test_an_image_over_10_mb_gets_a_warning(tmp_path: Path) -> None:
    small = _image(tmp_path / "big.png", "PNG")
    assert validate(small, "vision").findings == ()
    with small.open("ab") as stream:  # padding after the image data, as large photos have
        stream.write(b"\0" * (10 * 1024 * 1024))
    report = validate(small, "vision")
    assert report.ok
    assert messages(report) == [
        "This image is 10.1 MB; vision fine-tuning skips images over 10 MB."
    ]


@pytest.mark.parametrize("name", ["handbook.pdf", "faq.md", "sales.xlsx", "chart.png", "a.py"])
def test_assistants_files_the_tools_read_pass(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"content")
    assert validate(path, "assistants").findings == ()


@pytest.mark.parametrize(
    ("name", "shown"), [("setup.exe", '".exe"'), ("LICENSE", "extension-less")]
)
def test_assistants_warns_about_files_no_tool_reads(tmp_path: Path, name: str, shown: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"MZ\x90\x00")
    report = validate(path, "assistants")
    assert report.ok
    assert messages(report) == [
        f"Neither file search nor code interpreter reads {shown} files, so assistants may not "
        "be able to use this one."
    ]
    assert report.findings[0].severity is Severity.WARNING


def test_user_data_takes_any_file(tmp_path: Path) -> None:
    path = tmp_path / "setup.exe"
    path.write_bytes(b"MZ\x90\x00")
    assert validate(path, "user_data").findings == ()


EVAL_ROWS: list[dict[str, Any]] = [
    {"item": {"ticket": "My card was charged twice", "correct_label": "billing"}},
    {
        "item": {"ticket": "The app crashes on start", "correct_label": "bug"},
        "sample": {"output_text": "bug"},
    },
]


def test_evals_jsonl_passes(tmp_path: Path) -> None:
    report = validate(write_jsonl(tmp_path / "tickets.jsonl", EVAL_ROWS), "evals")
    assert report.findings == () and report.lines == 2


def test_evals_jsonl_lines_must_be_objects(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "tickets.jsonl", [EVAL_ROWS[0], "", EVAL_ROWS[1], "[1]"])
    assert messages(validate(path, "evals")) == [
        "Line 2 is empty. Remove blank lines inside the file.",
        "Line 4 is a list, not a JSON object. Each line must be one object in curly braces {...}.",
    ]


def test_evals_rows_without_an_item_get_a_warning(tmp_path: Path) -> None:
    rows = [EVAL_ROWS[0], {"ticket": "Where is my parcel?"}, {**EVAL_ROWS[1], "sample": "x"}]
    report = validate(write_jsonl(tmp_path / "tickets.jsonl", rows), "evals")
    assert report.ok
    assert messages(report) == [
        'Line 2 has no "item" object; eval data rows look like {"item": {...}}, optionally '
        'with a "sample" object.',
        'Line 3: "sample" should be an object.',
    ]


def test_evals_file_that_is_not_jsonl_gets_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "tickets.csv"
    path.write_text("ticket,label\nMy card was charged twice,billing\n")
    report = validate(path, "evals")
    assert report.ok
    assert messages(report) == [
        'Eval data files are JSON Lines (".jsonl"); this one ends in ".csv".'
    ]
