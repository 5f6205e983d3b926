"""Every audit action code has a sentence in both languages (issue 13).

The codes are collected by scanning the program's source for `audit(…)` and
`audit_many(…)` calls, as a reviewer would grep for them: the literal codes, the codes
behind a variable (`action = … if … else …`), and the f-string ones expanded over the
values of their enum. A new code without a sentence, or a sentence without its Chinese
translation in the catalogue, fails here.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from sales_desk.domain.admin.audit_fields import Names
from sales_desk.domain.admin.audit_sentences import FALLBACK, NOBODY, SENTENCES, VARIANTS, group_of
from sales_desk.domain.admin.audit_text import changes, changes_text, sentence
from sales_desk.domain.customers.files import InteractionKind
from sales_desk.domain.expenses.claims import StepKind
from sales_desk.domain.orders.contracts import ApprovalKind
from sales_desk.i18n import set_language

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "sales_desk"
CATALOGUE = ROOT / "sales_desk" / "locale" / "zh_CN" / "LC_MESSAGES" / "sales_desk.po"

# f-string codes, each expanded over the enum its placeholder takes
EXPANSIONS = {
    "order.{kind.value}": ApprovalKind,
    "customer.log_{kind.value}": InteractionKind,
    "expense.{kind.value}": StepKind,
    "expense.{st['kind']}": StepKind,
}
# codes being added in parallel (documents of record): checked before they are called
ALSO = {"document.issue", "document.output"}

_CALL = re.compile(r"(?<!def )\baudit(?:_many)?\(\s*\(?")
_LITERAL = re.compile(r'(f?)"([^"\n]*)"')
_CODE = re.compile(r"[a-z_]+\.[a-z_{}.\[\]']+")


def _first_argument(text: str, start: int) -> str:
    """The source of a call's first argument: up to its first comma outside brackets."""
    depth, i, quote = 0, start, ""
    while i < len(text):
        ch = text[i]
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif ch == "," and depth == 0:
            break
        i += 1
    return text[start:i].strip()


def _codes_in(expression: str, problems: list[str], where: str) -> set[str]:
    codes: set[str] = set()
    for f, literal in _LITERAL.findall(expression):
        if not _CODE.fullmatch(literal):
            continue
        if f and "{" in literal:
            if literal not in EXPANSIONS:
                problems.append(f"{where}: f-string code {literal!r}: add its enum to EXPANSIONS")
                continue
            head, tail = literal.split("{", 1)
            after = tail.split("}", 1)[1]
            codes |= {f"{head}{member.value}{after}" for member in EXPANSIONS[literal]}
        else:
            codes.add(literal)
    return codes


def scanned_codes() -> tuple[set[str], list[str]]:
    """Every action code the program's source passes to audit()/audit_many(), and the
    calls whose code the scan could not read."""
    codes: set[str] = set()
    problems: list[str] = []
    for path in sorted(SOURCE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for match in _CALL.finditer(text):
            where = f"{path.relative_to(ROOT)}:{text.count(chr(10), 0, match.start()) + 1}"
            argument = _first_argument(text, match.end())
            if re.fullmatch(r"[A-Za-z_]\w*", argument):  # a variable: read its assignment
                assigned = re.findall(rf"^\s*{argument}\s*=\s*(.+)$", text, re.MULTILINE)
                argument = " ".join(assigned)
            found = _codes_in(argument, problems, where)
            if not found:
                problems.append(f"{where}: cannot read the action code of {argument!r}")
            codes |= found
    return codes, problems


def sentence_msgids() -> set[str]:
    return set(SENTENCES.values()) | {FALLBACK, NOBODY}


def untranslated_sentences(catalogue: Path) -> list[str]:
    """The sentences `catalogue` (a .po) lacks a translation of, or translates with other
    fields than the English has."""
    with catalogue.open("rb") as fh:
        po = read_po(fh)
    field = re.compile(r"\{[a-z_0-9]*\}")
    missing = []
    for msgid in sorted(sentence_msgids()):
        m = po.get(msgid)
        if m is None or not m.string or m.fuzzy or sorted(field.findall(m.string)) != sorted(field.findall(msgid)):
            missing.append(msgid)
    return missing


def test_the_scan_finds_the_codes_it_should() -> None:
    codes, problems = scanned_codes()
    assert problems == []
    assert {"order.credit_override", "travel.refuse", "user.disable", "expense.gm", "expense.refuse",
            "customer.log_complaint", "order.major_review", "demo.load", "customer.create"} <= codes
    assert len(codes) > 90


def test_every_audit_action_code_has_a_sentence() -> None:
    codes, _problems = scanned_codes()
    missing = sorted(c for c in codes | ALSO if c not in SENTENCES)
    assert missing == [], f"audit action codes without a sentence in domain/admin/audit_sentences.py: {missing}"
    for action in VARIANTS:
        assert action in SENTENCES and any(k.startswith(action + ":") for k in SENTENCES)


def test_every_audit_action_code_has_a_sentence_in_both_languages() -> None:
    """English is the msgid; Chinese is the catalogue's. SALES_DESK_AUDIT_PO points the check
    at another catalogue (e.g. a copy with new translations merged in)."""
    catalogue = Path(os.environ.get("SALES_DESK_AUDIT_PO", CATALOGUE))
    assert untranslated_sentences(catalogue) == []


def test_every_code_belongs_to_a_kind_of_action() -> None:
    codes, _problems = scanned_codes()
    assert sorted(c for c in codes | ALSO if group_of(c) is None) == []


@dataclass(frozen=True)
class Entry:
    action: str
    entity: str = "order"
    entity_id: str = "29"
    before: str | None = None
    after: str | None = None
    user_id: int | None = 3
    username: str = "zhang"


NAMES = Names({3: "张伟", 7: "李娜"}, {("order", "29"): "SO2026-00029", ("customer", "21"): "C0021 华东商贸"},
              {"C0021": "C0021 华东商贸"})


def test_a_sentence_names_the_person_the_document_and_the_money() -> None:
    set_language("en")
    row = Entry("order.credit_override", before='{"block_reason":"over_limit","status":"blocked"}',
                after='{"amount":5600000,"reason":"Old customer, pays late but pays","status":"approved"}')
    assert sentence(row, NAMES) == ("张伟 overrode the credit limit on order SO2026-00029 for 56,000.00: "
                                    "Old customer, pays late but pays")
    shown = {c.field: (c.before, c.after) for c in changes(row, NAMES)}
    assert shown["Status"] == ("Blocked on credit", "Approved for dispatch")
    assert shown["Amount"] == ("", "56,000.00")
    assert "Status: Blocked on credit → Approved for dispatch" in changes_text(changes(row, NAMES))


def test_a_refusal_reads_as_one() -> None:
    set_language("en")
    row = Entry("order.price", after='{"approved":false,"note":"too cheap","status":"draft"}')
    assert sentence(row, NAMES) == "张伟 refused the price below the floor on order SO2026-00029: too cheap"


def test_ids_in_the_payload_are_named() -> None:
    set_language("en")
    row = Entry("customer.assign_rep", "customer", "21", '{"rep_id":3}', '{"rep_id":7}')
    assert sentence(row, NAMES) == "张伟 made 李娜 the sales rep of C0021 华东商贸"
    assert [(c.before, c.after) for c in changes(row, NAMES)] == [("张伟", "李娜")]


def test_an_unknown_code_still_reads_and_an_unknown_id_shows_its_kind() -> None:
    set_language("en")
    row = Entry("future.thing", "order", "30", None, '{"x":1}', user_id=None, username="")
    assert sentence(row, NAMES) == "The program: future.thing on order #30"


def test_chinese_reader_gets_chinese_labels() -> None:
    set_language("zh_CN")
    try:
        row = Entry("order.block", before='{"status":"submitted"}', after='{"reason":"over_limit","status":"blocked"}')
        shown = changes_text(changes(row, NAMES))
        assert "已提交" in shown and "超出可用信用额度" in shown
    finally:
        set_language("en")
