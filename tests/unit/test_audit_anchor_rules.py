"""The anchor rules: a head read off paper, the anchor file's lines, and what comparing the
database with one anchor finds."""

from __future__ import annotations

import pytest

from sales_desk.domain.admin.anchors import (
    Anchor,
    Finding,
    anchor_code,
    anchor_line,
    compare,
    newest_per_source,
    parse_anchor_code,
    parse_anchor_line,
)

DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


def test_a_printed_code_is_the_sequence_and_the_first_16_hex_digits() -> None:
    assert anchor_code(1234, DIGEST) == "1234-9f86d081884c7d65"
    assert parse_anchor_code("1234-9f86d081884c7d65") == Anchor(1234, "9f86d081884c7d65")
    assert parse_anchor_code(f" 7 : {DIGEST.upper()} ").hash == DIGEST


@pytest.mark.parametrize("typed", ["", "1234", "1234-9f86d0818", "x-9f86d081884c7d65", "12-zz86d081884c7d65"])
def test_a_code_too_short_or_not_hex_is_refused(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_anchor_code(typed)


def test_an_anchor_line_reads_back_and_a_line_cut_short_is_skipped() -> None:
    line = anchor_line(5, DIGEST, "2026-12-04T10:00:00+00:00")
    assert parse_anchor_line(line, "f") == Anchor(5, DIGEST, "2026-12-04T10:00:00+00:00", "f")
    assert parse_anchor_line(line[:30]) is None
    assert parse_anchor_line("") is None


def test_the_anchored_row_with_the_anchored_hash_holds() -> None:
    assert compare(Anchor(5, DIGEST[:16]), DIGEST, 9).finding is Finding.HOLDS


def test_a_trail_ending_before_the_anchored_row_is_cut() -> None:
    check = compare(Anchor(5, DIGEST), None, 3)
    assert check.finding is Finding.CUT and check.trail_ends_at == 3 and not check.ok


def test_the_anchored_row_with_another_hash_was_rewritten() -> None:
    assert compare(Anchor(5, DIGEST), "0" * 64, 9).finding is Finding.REWRITTEN


def test_the_newest_anchor_of_each_place_is_the_one_compared() -> None:
    found = [Anchor(3, "a", source="file"), Anchor(9, "b", source="file"), Anchor(4, "c", source="backup")]
    assert newest_per_source(found) == [Anchor(9, "b", source="file"), Anchor(4, "c", source="backup")]
