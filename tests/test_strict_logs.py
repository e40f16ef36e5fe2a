"""The suite's own strictness: an undeclared warning from our loggers fails a test."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ["pytester"]

CONFTEST = Path(__file__).with_name("conftest.py")


def test_an_undeclared_warning_fails_and_a_declared_one_passes(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST.read_text())
    pytester.makeini(
        "[pytest]\nmarkers =\n    expected_log(*patterns, logger=''): declared log records\n"
    )
    pytester.makepyfile(
        test_logs="""
        import logging

        import pytest

        def test_undeclared():
            logging.getLogger("hoist.engine").warning("part 3 lost")

        @pytest.mark.expected_log(r"^part \\d lost$", logger="hoist.engine")
        def test_declared_by_marker():
            logging.getLogger("hoist.engine").warning("part 3 lost")

        def test_declared_by_fixture(expect_log):
            expect_log("key rejected", logger="app.api")
            logging.getLogger("app.api").error("key rejected")

        def test_declared_elsewhere_does_not_cover_another_logger(expect_log):
            expect_log("key rejected", logger="app.api")
            logging.getLogger("hoist.ui").error("key rejected")

        def test_info_is_fine():
            logging.getLogger("hoist.ui").info("connected")
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:qt", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=5, errors=2)
    result.stdout.fnmatch_lines(
        ["*unexpected log records:*", "*WARNING hoist.engine: part 3 lost*"]
    )
