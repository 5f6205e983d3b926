"""The audit viewer: keyset pages as the view scrolls, filters in the query, detail, export."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import QDate, QModelIndex, Qt

from sales_desk import clock
from sales_desk.services.admin import users
from sales_desk.ui.tabs.admin.audit_model import AuditTableModel
from sales_desk.ui.tabs.admin.audit_page import AuditPage, SodReportPage
from tests.conftest import PASSWORD
from tests.ui.conftest import idle


def _events(ctx, actor, n: int) -> None:  # noqa: ANN001
    """n cheap audit rows (no password hashing), in one transaction."""
    with ctx.uow(actor) as uow:
        for i in range(n):
            uow.audit("test.event", "thing", i, None, {"n": i, "formula": "=1+1"})
        uow.commit()


def test_audit_model_passes_the_model_tester_and_pages_on_demand(qtbot, qtmodeltester, ctx, boss) -> None:
    _events(ctx, boss, 450)  # + the admin's creation: 451 rows
    model = AuditTableModel(ctx, boss, page_size=200)
    model.reload()
    idle(qtbot, ctx)
    assert model.rowCount() == 200 and model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)  # also fetches the next page
    idle(qtbot, ctx)
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
        idle(qtbot, ctx)
    assert model.rowCount() == 451
    seqs = [model.row_at(i).seq for i in range(model.rowCount())]
    assert seqs == sorted(seqs, reverse=True) and len(set(seqs)) == 451  # newest first, no repeats
    qtmodeltester.check(model)


def test_filter_runs_in_the_query_and_restarts_from_the_top(qtbot, ctx, boss) -> None:
    _events(ctx, boss, 30)
    page = AuditPage(ctx, boss)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    assert page.model.rowCount() == 31
    qtbot.keyClicks(page.filter_edit, "user.create")
    page.apply_filter()  # as after the typing pause
    idle(qtbot, ctx)
    assert [page.model.row_at(i).action for i in range(page.model.rowCount())] == ["user.create"]
    page.filter_edit.clear()
    page.apply_filter()
    idle(qtbot, ctx)
    assert page.model.rowCount() == 31


def test_date_range_is_whole_local_days(qtbot, ctx, boss) -> None:
    page = AuditPage(ctx, boss)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    today = QDate(clock.today())
    page.from_date.setDate(today.addDays(1))
    page.from_check.setChecked(True)
    idle(qtbot, ctx)
    assert page.model.rowCount() == 0  # nothing from tomorrow on
    page.from_date.setDate(today)
    page.to_date.setDate(today)
    page.to_check.setChecked(True)
    idle(qtbot, ctx)
    assert page.model.rowCount() == 1  # today's creation of the admin


def test_selecting_a_row_shows_before_and_after(qtbot, ctx, boss, person) -> None:
    person("wang", "sales_rep")
    users.set_roles(ctx.uow(boss), "wang", ["cs_specialist"])
    page = AuditPage(ctx, boss)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    page.table.selectRow(0)  # newest: the role change
    assert '"sales_rep"' in page.before.toPlainText()
    assert '"cs_specialist"' in page.after.toPlainText()


def test_export_writes_the_filtered_rows_and_the_justifications(qtbot, ctx, boss, person, tmp_path: Path) -> None:
    person("li", "sales_rep", "warehouse", justification="两个人的公司")
    _events(ctx, boss, 5)
    page = AuditPage(ctx, boss)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    page.filter_edit.setText("thing")
    page.apply_filter()
    idle(qtbot, ctx)
    target = tmp_path / "audit"
    page.export_to(target)
    idle(qtbot, ctx)
    book = openpyxl.load_workbook(tmp_path / "audit.xlsx")
    trail, just = book.worksheets[0], book.worksheets[1]
    assert trail.max_row == 1 + 5
    formulas = [trail.cell(r, 12).value for r in range(2, 7)]
    assert all('"=1+1"' in v for v in formulas)  # text, never a formula
    assert just.cell(2, 3).value == "两个人的公司"


def test_sod_report_lists_the_recorded_reasons(qtbot, ctx, boss, person) -> None:
    person("li", "sales_rep", "warehouse", justification="Only two staff")
    page = SodReportPage(ctx, boss)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    assert page.model.rowCount() == 1
    row = page.model.row_at(0)
    assert row.username == "li" and row.justification == "Only two staff"
    assert "ship goods" in page.model.data(page.model.index(0, 1))
    assert PASSWORD not in str(row)


def test_verify_compares_the_chain_with_its_anchors_and_names_a_cut_tail(qtbot, ctx, boss, messages) -> None:
    from sqlalchemy import text

    _events(ctx, boss, 5)
    page = AuditPage(ctx, boss)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    page.verify_button.click()
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert messages[-1][0] == "info" and "audit-anchors.log" in messages[-1][1] and "holds" in messages[-1][1]

    with ctx.database.engine.begin() as c:  # as the file's owner would: the guard off, the tail cut
        c.execute(text("DROP TRIGGER audit_log_no_delete"))
        c.execute(text("DELETE FROM audit_log WHERE seq > 3"))
    messages.clear()
    page.verify_button.click()
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    kind, shown = messages[-1]
    assert kind == "error" and "CUT" in shown and "the trail ends at row 3" in shown


def test_rows_read_as_sentences_and_the_detail_lists_the_changed_fields(qtbot, ctx, boss, person) -> None:
    person("wang", "sales_rep")
    users.set_roles(ctx.uow(boss), "wang", ["cs_specialist"])
    page = AuditPage(ctx, boss)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    sentence = page.model.data(page.model.index(0, 2))
    assert sentence.endswith("set the roles of wang to Customer-service specialist"), sentence
    assert page.model.data(page.model.index(0, 3)) == "wang"
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Down)  # the keyboard selects a row …
    qtbot.keyClick(page.table, Qt.Key.Key_Up)  # … and the newest
    assert page.detail.sentence.text() == sentence
    changes = page.detail.changes_model
    fields = {changes.data(changes.index(r, 0)): (changes.data(changes.index(r, 1)), changes.data(changes.index(r, 2)))
              for r in range(changes.rowCount())}
    assert fields["Roles"] == ("Sales rep", "Customer-service specialist")


def test_filters_by_kind_of_action_and_person(qtbot, ctx, boss, person) -> None:
    person("wang", "sales_rep")
    _events(ctx, boss, 3)
    page = AuditPage(ctx, boss)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    page.group_combo.setCurrentIndex(page.group_combo.findData("users"))
    idle(qtbot, ctx)
    assert {page.model.row_at(i).action for i in range(page.model.rowCount())} == {"user.create"}
    qtbot.keyClicks(page.person_edit, "nobody")
    qtbot.keyClick(page.person_edit, Qt.Key.Key_Return)
    idle(qtbot, ctx)
    assert page.model.rowCount() == 0
