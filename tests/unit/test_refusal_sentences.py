"""Every refusal reads as a sentence in both languages (issue 13): every service a control
can refuse has a phrase, and every phrase and sentence its Chinese translation. The
services are collected from the registry after importing every module that declares one
(`@service(` in its source: the service modules, the demo's loader), so a service added
later without a phrase fails here."""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from sales_desk.domain.admin.refusal_phrases import PHRASES
from sales_desk.domain.admin.refusal_sentences import (
    DETAIL_NAMES,
    ERRORS,
    FALLBACK,
    NOBODY,
    RECORD_KINDS,
    SENTENCES,
    detail_items,
    record_text,
    refusal_sentence,
)
from sales_desk.domain.admin.refusals import RefusalKind
from sales_desk.i18n import set_language
from sales_desk.services.common.base import REGISTRY

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "sales_desk" / "locale" / "zh_CN" / "LC_MESSAGES" / "sales_desk.po"
DECLARING = sorted(p for p in (ROOT / "sales_desk").rglob("*.py") if "@service(" in p.read_text(encoding="utf-8"))
for _path in DECLARING:
    importlib.import_module(".".join(_path.relative_to(ROOT).with_suffix("").parts))


@dataclass(frozen=True)
class Row:
    username: str = "zw"
    action: str = "approvals.approve_order"
    kind: str = "own_approval"
    entity: str = "order"
    entity_id: str = "17"
    reason: str = "Nobody may approve their own request."
    detail: str | None = '{"error":"SelfApprovalRefused","record":"SO2026-00029"}'


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_every_refusable_service_has_a_phrase() -> None:
    missing = sorted(name for name in REGISTRY if name not in PHRASES)
    assert not missing, f"services without a phrase in domain/admin/refusal_sentences.py: {missing}"
    assert len(REGISTRY) > 200 and "firm.load_demo" in REGISTRY  # the modules were all imported


def test_every_phrase_names_at_most_the_record() -> None:
    assert not {name: p for name, p in PHRASES.items() if not _placeholders(p) <= {"record"}}


def test_every_refusable_service_has_a_sentence_in_both_languages() -> None:
    catalogue = read_po(CATALOGUE.open("rb"))
    msgids = ({PHRASES[n] for n in REGISTRY} | set(SENTENCES.values()) | set(RECORD_KINDS.values())
              | set(DETAIL_NAMES.values()) | set(ERRORS.values()) | {FALLBACK, NOBODY})
    untranslated, broken = [], []
    for msgid in sorted(msgids):
        message = catalogue.get(msgid)
        if message is None or not message.string:
            untranslated.append(msgid)
        elif _placeholders(message.string) != _placeholders(msgid):
            broken.append(msgid)
    assert not untranslated, f"not translated: {untranslated}"
    assert not broken, f"translations that lose or add a placeholder: {broken}"
    try:
        set_language("zh_CN")
        for name in REGISTRY:
            assert "tried" not in refusal_sentence(Row(action=name, kind="rule"), "张伟", "X")
    finally:
        set_language("en")


def test_every_kind_of_refusal_has_a_sentence() -> None:
    assert set(SENTENCES) == set(RefusalKind)


def test_a_refused_own_approval_reads_as_a_sentence_naming_the_record_by_its_number() -> None:
    row = Row()
    assert refusal_sentence(row, "张伟", "SO2026-00029") == (
        "张伟 tried to approve the order SO2026-00029 for dispatch, their own request — refused: "
        "nobody may approve their own request.")
    assert record_text(row, {}) == "Order SO2026-00029"  # as kept when it was written
    assert record_text(row, {("order", "17"): "SO2026-00030"}) == "Order SO2026-00030"  # as resolved now
    try:
        set_language("zh_CN")
        assert refusal_sentence(row, "张伟", "SO2026-00029") == (
            "张伟 试图审批订单 SO2026-00029 发货（本人的申请），被拒绝：任何人不得审批本人的申请。")
    finally:
        set_language("en")


def test_a_refusal_naming_no_record_reads_without_a_gap() -> None:
    row = Row(action="claims.apply_for_expense", kind="no_right", entity="", entity_id="", detail=None)
    assert refusal_sentence(row, "", "") == (
        "Someone not logged in tried to apply for expenses — refused: their roles do not give them the right to.")
    row = Row(action="approvals.approve_claim", kind="rule", reason="The claim\nis paid.")
    assert refusal_sentence(row, "zw", "") == "zw tried to approve the expense claim — refused: The claim is paid."


def test_a_service_renamed_since_still_reads_with_its_name() -> None:
    row = Row(action="old.gone_service", kind="rule", reason="No.")
    assert refusal_sentence(row, "zw", "SO1") == "zw tried to use “old.gone_service” on SO1 — refused: No."


def test_the_detail_reads_as_a_table() -> None:
    items = detail_items('{"error":"NotPermitted","permission":"order.approve","record":"SO1","approved":true}')
    assert [(i.field, i.value) for i in items] == [
        ("Refusal", "No right"), ("Right needed", "order.approve"), ("Record named", "SO1"), ("Approved", "Yes")]
    assert [(i.field, i.value) for i in detail_items("not json")] == [("detail", "not json")]
