"""The demo firm's refusals log reads as sentences (issue 13): a refusal of each kind, the
records by their numbers, each signed by the person refused, so `check` passes."""

from __future__ import annotations

from sales_desk.demo import firm as demo
from sales_desk.services.admin import auth, integrity, refusals


def test_the_demo_refusals_log_has_each_kind_as_a_sentence_and_passes_the_check(database, admin) -> None:
    result = demo.load_demo(database.uow(admin))
    assert dict(result.made)["refusals"] == 3
    gm = next(u for u in result.users if "gm" in u.roles)
    rows, _more = refusals.refusals_page(database.uow(auth.login(database.uow(), gm.username, gm.password)))
    assert [r.kind for r in rows] == ["rule", "own_approval", "no_right"]
    rule, own, no_right = rows
    assert own.sentence.startswith("张伟 tried to approve the expense claim #")
    assert no_right.sentence.startswith("杨帆 tried to approve the order SO") and "for dispatch" in no_right.sentence
    assert rule.sentence.startswith("马强 tried to ship the order SO") and "it cannot be shipped" in rule.sentence
    report = integrity.check_database(database.uow(admin), [])
    assert report.ok, integrity.describe(report)
