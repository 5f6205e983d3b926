"""Letters print in the customer's letter language (SPEC §5: "in the customer's language"):
one at a time, a batch into one PDF (each letter in its own language, its page footer too)
and one file per customer; a language chosen at print time overrides, and a customer with
none gets the fallback (the language of the person printing)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from sales_desk.reports.collections.letters import (
    render_letter,
    render_letters,
    render_letters_each,
)
from sales_desk.services.collections import dunning, letter_data
from sales_desk.services.customers import files as customers
from tests.services.collection_flow import ago, crew, customer, invoice


@pytest.fixture
def team(make_user):  # noqa: ANN001, ANN201
    return crew(make_user)


def _pages(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def _at_dunning(database, team, code: str, language: str) -> int:  # noqa: ANN001
    cid = customer(database, team.rep, code, grade="C", language=language)
    invoice(database, team.fin, code, f"{code}-1", 50, 1_000_000)
    dunning.record_step(database.uow(team.fin), cid, "overdue", on=ago(40))
    dunning.record_step(database.uow(team.rep), cid, "dunning", on=ago(30), sent_via="fax", deadline=ago(15))
    return cid


def test_a_letter_prints_in_the_customers_language(database, team, tmp_path: Path) -> None:  # noqa: ANN001
    zh = _at_dunning(database, team, "L100", "zh_CN")
    en = _at_dunning(database, team, "L101", "en")
    render_letter(letter_data.letter(database.uow(team.rep), zh, "dunning"), tmp_path / "zh.pdf", fallback="en")
    render_letter(letter_data.letter(database.uow(team.rep), en, "dunning"), tmp_path / "en.pdf", fallback="zh_CN")
    assert "催款通知书" in _pages(tmp_path / "zh.pdf")[0]
    assert "Dunning notice" in _pages(tmp_path / "en.pdf")[0] and "催款通知书" not in _pages(tmp_path / "en.pdf")[0]


def test_a_language_chosen_at_print_time_overrides_the_customers(database, team, tmp_path: Path) -> None:  # noqa: ANN001
    cid = _at_dunning(database, team, "L102", "zh_CN")
    render_letter(letter_data.letter(database.uow(team.rep), cid, "dunning"), tmp_path / "x.pdf", "en")
    assert "Dunning notice" in _pages(tmp_path / "x.pdf")[0]


def test_a_customer_without_a_letter_language_gets_the_fallback(database, team, tmp_path: Path) -> None:  # noqa: ANN001
    cid = _at_dunning(database, team, "L103", "")
    data = letter_data.letter(database.uow(team.rep), cid, "dunning")
    assert data.language == ""
    render_letter(data, tmp_path / "zh.pdf", fallback="zh_CN")
    assert "催款通知书" in _pages(tmp_path / "zh.pdf")[0]


def test_a_batch_prints_each_letter_in_its_customers_language(database, team, tmp_path: Path) -> None:  # noqa: ANN001
    _at_dunning(database, team, "L104", "en")
    _at_dunning(database, team, "L105", "zh_CN")
    letters = letter_data.letters_at(database.uow(team.fin), "dunning")
    assert [d.customer_code for d in letters] == ["L104", "L105"]
    render_letters(letters, tmp_path / "batch.pdf", fallback="en")
    first, second = _pages(tmp_path / "batch.pdf")
    assert "Dunning notice" in first and "Page 1" in first
    assert "催款通知书" in second and "第 1 页" in second
    files = render_letters_each(letters, tmp_path, fallback="en")
    assert "催款通知书" in _pages(files[1])[0] and "Dunning notice" in _pages(files[0])[0]


def test_the_letter_language_is_kept_on_the_customer_file(database, team) -> None:  # noqa: ANN001
    cid = customer(database, team.rep, "L106", language="en")
    assert customers.customer_card(database.uow(team.rep), cid).language == "en"
    customers.update_customer(database.uow(team.rep), cid, {"language": "zh_CN"})
    assert customers.customer_card(database.uow(team.rep), cid).language == "zh_CN"
    from sales_desk.domain.common.errors import ValidationError

    with pytest.raises(ValidationError):
        customers.update_customer(database.uow(team.rep), cid, {"language": "fr"})
