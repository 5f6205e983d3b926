"""Import customers in the window: the preview maps Chinese headers, lists each error with
its row number and keeps Import off until none is left; a changed mapping is checked
again; the import runs with progress and all rows come in."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QApplication

from sales_desk.services.customers import listing as customer_list
from sales_desk.services.customers.listing import CustomerFilter
from sales_desk.ui.tabs.customers import import_dialog
from sales_desk.ui.tabs.customers.import_dialog import ImportDialog
from sales_desk.ui.tabs.customers.list_page import CustomersPage
from tests.ui.conftest import idle


def _book(path: Path, *rows: tuple) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(list(row))
    book.save(path)
    return path


def _dialog(qtbot, ctx, actor, page, path: Path) -> ImportDialog:  # noqa: ANN001 - a child of page: closed with it
    import_dialog.open_preview(ctx, actor, page, path)
    idle(qtbot, ctx)
    [dialog] = [w for w in QApplication.topLevelWidgets() if isinstance(w, ImportDialog) and w.isVisible()]
    return dialog


@pytest.fixture
def manager(person):  # noqa: ANN001
    person("li", "sales_rep")
    return person("mgr", "sales_manager")


@pytest.fixture
def page(qtbot, ctx, manager) -> CustomersPage:  # noqa: ANN001
    page = CustomersPage(ctx, manager)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    return page


def _names(ctx, actor) -> list[str]:  # noqa: ANN001
    page = customer_list.list_customers(ctx.uow(actor), CustomerFilter(), limit=50)
    return sorted(r.name for r in page.rows)


def test_the_preview_maps_chinese_headers_lists_errors_by_row_and_imports_once_fixed(
        qtbot, ctx, manager, page, tmp_path: Path, messages) -> None:  # noqa: ANN001
    path = _book(tmp_path / "客户.xlsx", ("客户资料表",),
                 ("客户编号", "客户名称", "区域", "联系人", "手机", "业务员", "星级"),
                 ("HZ001", "杭州宏达机电", "华东", "王强", 13800138000, "li", "五星"),
                 ("HZ002", "苏州瑞丰贸易", "火星", None, None, "nobody", "三星"))
    dialog = _dialog(qtbot, ctx, manager, page, path)
    assert dialog.mapping() == ("code", "name", "region", "contact_name", "contact_phone", "rep", None)
    assert dialog.rows.verticalHeaderItem(0).text() == "3"  # the spreadsheet's own row numbers
    errors = [(dialog.errors.item(r, 0).text(), dialog.errors.item(r, 1).text())
              for r in range(dialog.errors.rowCount())]
    assert errors == [("4", "区域"), ("4", "业务员")]
    assert not dialog.import_button.isEnabled()
    assert "2 errors" in dialog.summary.text()

    # Leave the two bad columns out: checked again on the runner, and ready.
    dialog.combos[2].setCurrentIndex(0)
    dialog.combos[5].setCurrentIndex(0)
    idle(qtbot, ctx)
    assert dialog.errors.rowCount() == 0 and dialog.import_button.isEnabled()
    assert "Ready: 2 customers, 1 contacts" in dialog.summary.text()

    with qtbot.waitSignal(dialog.sig_imported, timeout=20_000) as imported:
        dialog.import_button.click()
    idle(qtbot, ctx)
    assert imported.args[0].customers == 2
    assert _names(ctx, manager) == ["杭州宏达机电", "苏州瑞丰贸易"]
    assert "Imported 2 customers" in messages.texts("info")[0]


def test_a_mapping_made_impossible_keeps_import_off(qtbot, ctx, manager, page, tmp_path: Path) -> None:  # noqa: ANN001
    path = _book(tmp_path / "c.xlsx", ("名称", "地址"), ("宏达", "杭州"))
    dialog = _dialog(qtbot, ctx, manager, page, path)
    assert dialog.import_button.isEnabled()
    dialog.combos[1].setCurrentIndex(dialog.combos[1].findData("name"))  # two columns for the name
    idle(qtbot, ctx)
    assert not dialog.import_button.isEnabled()
    assert dialog.errors.item(0, 2).text() == "more than one column holds this field"


def test_an_unsafe_file_is_refused_with_a_reason_and_no_dialog(qtbot, ctx, manager, page, tmp_path: Path,
                                                               messages) -> None:  # noqa: ANN001
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(b"PK\x03\x04 this is not a workbook")
    import_dialog.open_preview(ctx, manager, page, path)
    idle(qtbot, ctx)
    assert messages.texts("error") == ["bomb.xlsx is not an Excel workbook"]
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, ImportDialog) and w.isVisible()]


def test_the_import_button_shows_only_to_who_may_import(qtbot, ctx, person, manager, page) -> None:  # noqa: ANN001
    assert page.import_button.isVisibleTo(page)
    rep_page = CustomersPage(ctx, person("rep2", "sales_rep"))
    qtbot.addWidget(rep_page)
    assert not rep_page.import_button.isVisibleTo(rep_page)
    idle(qtbot, ctx)
