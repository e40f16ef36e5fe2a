"""JSON Lines edge cases: BOM, CRLF, blank lines, invalid UTF-8, non-objects, a very long line."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from validation_examples import batch_rows, chat_simple, messages, write_jsonl

from app.validation import validate


def _batch_text(count: int = 3) -> list[str]:
    return [json.dumps(row) for row in batch_rows(count=count)]


def test_utf8_bom_at_the_start_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(_batch_text()).encode() + b"\n")
    report = validate(path, "batch")
    assert report.findings == () and report.lines == 3


def test_bom_in_the_middle_is_an_error(tmp_path: Path) -> None:
    lines = _batch_text()
    path = tmp_path / "bom2.jsonl"
    path.write_bytes(f"{lines[0]}\n\ufeff{lines[1]}\n{lines[2]}\n".encode())
    report = validate(path, "batch")
    assert [f.line for f in report.findings] == [2]
    assert report.findings[0].message.startswith("Line 2 is not valid JSON")


def test_crlf_line_endings_are_accepted(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "crlf.jsonl", batch_rows(count=4), newline="\r\n", end="\r\n")
    assert b"\r\n" in path.read_bytes()
    report = validate(path, "batch")
    assert report.findings == () and report.lines == 4


def test_trailing_newline_missing_or_present_or_one_blank_line_is_fine(tmp_path: Path) -> None:
    for end in ("", "\n", "\n\n", "\r\n\r\n"):
        path = write_jsonl(tmp_path / "end.jsonl", batch_rows(count=2), end=end)
        report = validate(path, "batch")
        assert report.findings == (), repr(end)
        assert report.lines == 2


def test_blank_line_in_the_middle_is_an_error_naming_the_line(tmp_path: Path) -> None:
    lines = _batch_text(6)
    rows = [*lines[:4], "", lines[4], "   ", "", lines[5]]
    report = validate(write_jsonl(tmp_path / "gap.jsonl", rows), "batch")
    assert messages(report) == [
        "Line 5 is empty. Remove blank lines inside the file.",
        "Line 7 is empty. Remove blank lines inside the file.",
        "Line 8 is empty. Remove blank lines inside the file.",
    ]
    assert [f.line for f in report.findings] == [5, 7, 8]
    assert report.lines == 6


def test_blank_line_with_crlf_in_the_middle_is_an_error(tmp_path: Path) -> None:
    lines = _batch_text(2)
    path = write_jsonl(tmp_path / "gap.jsonl", [lines[0], "", lines[1]], newline="\r\n")
    assert messages(validate(path, "batch")) == [
        "Line 2 is empty. Remove blank lines inside the file."
    ]


def test_invalid_utf8_is_an_error_naming_the_line(tmp_path: Path) -> None:
    lines = _batch_text(3)
    path = tmp_path / "latin1.jsonl"
    bad = lines[1].replace("Translate", "Traduis \xe7a").encode("latin-1")
    path.write_bytes(lines[0].encode() + b"\n" + bad + b"\n" + lines[2].encode() + b"\n")
    report = validate(path, "batch")
    (finding,) = report.findings
    assert finding.line == 2
    assert finding.message.startswith("Line 2 is not valid UTF-8 text (byte 0xe7 at position")
    assert "Save the file with UTF-8 encoding." in finding.message


def test_utf16_file_gets_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "powershell.jsonl"
    path.write_bytes("\n".join(_batch_text()).encode("utf-16"))  # with its byte order mark
    report = validate(path, "batch")
    assert messages(report) == [
        "This file is saved as UTF-16 text (as some Windows tools do); JSON Lines must be "
        "UTF-8. Save it again with UTF-8 encoding."
    ]


def test_valid_non_ascii_utf8_is_fine(tmp_path: Path) -> None:
    rows = batch_rows(count=2)
    rows[0]["body"]["messages"][1]["content"] = "Übersetze: こんにちは, ça va? 😀"
    path = tmp_path / "utf8.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    assert validate(path, "batch").findings == ()


def test_invalid_json_names_the_line_and_the_place(tmp_path: Path) -> None:
    lines = _batch_text(3)
    rows = [lines[0], lines[1][:-1], lines[2]]  # a closing brace lost
    report = validate(write_jsonl(tmp_path / "cut.jsonl", rows), "batch")
    (finding,) = report.findings
    assert finding.line == 2
    assert finding.message.startswith("Line 2 is not valid JSON (")
    assert "at character" in finding.message


def test_json_whitespace_around_a_value_is_fine_other_characters_are_not(tmp_path: Path) -> None:
    lines = _batch_text(3)
    rows = ["  " + lines[0], lines[1] + " \t", lines[2] + "\x0c"]
    report = validate(write_jsonl(tmp_path / "spaces.jsonl", rows), "batch")
    assert [f.line for f in report.findings] == [3]
    assert report.findings[0].message.startswith("Line 3 is not valid JSON (extra data")


def test_each_line_must_be_an_object(tmp_path: Path) -> None:
    lines = _batch_text(1)
    rows = [lines[0], "[1, 2]", '"text"', "null", "3"]
    report = validate(write_jsonl(tmp_path / "kinds.jsonl", rows), "batch")
    assert messages(report) == [
        f"Line {n} is {kind}, not a JSON object. Each line must be one object in curly braces "
        "{...}."
        for n, kind in ((2, "a list"), (3, "a text string"), (4, "null"), (5, "a number"))
    ]


def test_a_file_of_only_blank_lines_has_no_json(tmp_path: Path) -> None:
    path = tmp_path / "blank.jsonl"
    path.write_text("\n\n")
    assert messages(validate(path, "batch")) == ["This file has no JSON lines in it."]


def test_findings_are_capped_and_the_rest_counted(tmp_path: Path) -> None:
    rows = ["not json"] * 130
    report = validate(write_jsonl(tmp_path / "junk.jsonl", rows), "batch", max_findings=50)
    assert len(report.findings) == 50 and report.omitted == 80
    assert [f.line for f in report.findings] == list(range(1, 51))
    assert report.summary() == "50 errors; 80 more problems not shown."


def test_errors_are_not_pushed_out_by_warnings(tmp_path: Path) -> None:
    # 30 chat examples without an assistant message (warnings), then one broken line.
    no_answer = {"messages": [{"role": "user", "content": "Hello?"}]}
    rows: list[object] = [no_answer] * 30 + ["{broken"]
    report = validate(write_jsonl(tmp_path / "ft.jsonl", rows), "fine-tune", max_findings=10)
    assert not report.ok
    assert len(report.findings) == 10 and report.omitted == 21
    assert report.errors[0].line == 31


def test_a_very_long_line_is_read_with_memory_bounded_by_that_line(tmp_path: Path) -> None:
    rows = batch_rows(count=3)
    rows[1]["body"]["messages"][1]["content"] = "x" * (20 * 1024 * 1024)
    filler = batch_rows(count=12_000)
    for row in filler:
        row["custom_id"] += "-filler"
        row["body"]["messages"][1]["content"] = "y" * 3000
    path = write_jsonl(tmp_path / "long.jsonl", rows[:2] + filler + rows[2:])
    assert path.stat().st_size > 55 * 1024 * 1024
    tracemalloc.start()
    try:
        report = validate(path, "batch")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.findings == () and report.lines == 12_003
    # The line as bytes, as text and as a parsed string: about 3 x 20 MB, never the file again.
    assert peak < 80 * 1024 * 1024


def test_a_long_invalid_line_is_reported_without_the_line_in_the_message(tmp_path: Path) -> None:
    rows = [*_batch_text(1), '{"custom_id": "' + "y" * (5 * 1024 * 1024)]
    report = validate(write_jsonl(tmp_path / "longbad.jsonl", rows), "batch")
    (finding,) = report.findings
    assert finding.line == 2 and len(finding.message) < 200


def test_fine_tune_file_uses_the_same_reader(tmp_path: Path) -> None:
    rows = [chat_simple(n) for n in range(12)]
    path = write_jsonl(tmp_path / "train.jsonl", rows, newline="\r\n")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    report = validate(path, "fine-tune")
    assert report.findings == () and report.lines == 12
