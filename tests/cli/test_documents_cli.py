"""`print …` issues documents of record; `documents list` and `documents reprint` give them
out again as issued; `check` names a kept document changed behind the program's back."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from pypdf import PdfReader

from tests.cli.conftest import ADMIN_PASSWORD, USER_PASSWORD, db_file
from tests.cli.test_collections_cli import books, out_dir  # noqa: F401 - fixtures


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def _print_letter(firm, folder: Path, name: str):  # noqa: ANN001, ANN202
    return firm("print", "letter", "--step", "dunning", "--customer", "C801", "--out", str(folder / name),
                "--user", "fin", password=USER_PASSWORD)


def test_printing_a_form_issues_it_once_and_later_prints_are_marked_copies(firm, books, out_dir) -> None:  # noqa: ANN001, F811
    first = _print_letter(firm, out_dir, "first.pdf")
    assert first.code == 0, first.text
    number = re.search(r"Issued document (DR\d{4}-\d{5})", first.out).group(1)
    original = _text(out_dir / "first.pdf")
    assert number in original and "副本" not in original
    again = _print_letter(firm, out_dir, "again.pdf")
    assert again.code == 0 and f"A copy of document {number}" in again.out
    copy = _text(out_dir / "again.pdf")
    assert "副本" in copy and number in copy and "DL2026" in copy
    listed = firm("documents", "list", "--user", "fin", password=USER_PASSWORD)
    assert listed.code == 0 and number in listed.out and "printed 2 times" in listed.out
    reprint = firm("documents", "reprint", number.lower(), "--out", str(out_dir / "reprint.pdf"),
                   "--user", "fin", password=USER_PASSWORD)
    assert reprint.code == 0, reprint.text
    assert "副本" in _text(out_dir / "reprint.pdf")


def test_a_kept_document_changed_on_disk_is_named_by_check_and_never_printed(firm, books, out_dir) -> None:  # noqa: ANN001, F811
    assert _print_letter(firm, out_dir, "first.pdf").code == 0
    healthy = firm("check", "--user", "admin", password=ADMIN_PASSWORD)
    # (the fixture sets credit grades in the tables directly, which check names too)
    assert "Documents of record: 1 issued, each as it was issued." in healthy.out
    conn = sqlite3.connect(db_file(firm))
    conn.execute("DROP TRIGGER document_contents_no_update")
    (content,) = conn.execute("SELECT content FROM document_contents").fetchone()
    conn.execute("UPDATE document_contents SET content = ?", (content.replace(b"/Author", b"/Authoz"),))
    conn.commit()
    conn.close()
    broken = firm("check", "--user", "admin", password=ADMIN_PASSWORD)
    assert broken.code == 1 and "its kept bytes were changed" in broken.out
    refused = _print_letter(firm, out_dir, "again.pdf")
    assert refused.code != 0 and "no longer matches what was issued" in refused.err
    assert not (out_dir / "again.pdf").exists()
