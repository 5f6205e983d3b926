"""Counts read as English counts ("1 sales plan", "2 sales plans"): gettext's ngettext."""

from __future__ import annotations

from sales_desk import i18n
from sales_desk.demo.context import MADE_COUNTS, made_text


def test_a_count_of_one_is_singular_and_others_plural() -> None:
    assert made_text("sales plans", 1) == "1 sales plan"
    assert made_text("sales plans", 2) == "2 sales plans"
    assert made_text("relationship log entries", 1) == "1 relationship log entry"
    assert made_text("orders", 0) == "0 orders"


def test_every_demo_count_has_its_singular_and_its_chinese() -> None:
    assert all(plural == f"{{n}} {what}" for what, (_one, plural) in MADE_COUNTS.items())
    i18n.set_language("zh_CN")
    assert made_text("sales plans", 1) == "销售计划 1 份"
    assert made_text("sales plans", 3) == "销售计划 3 份"

