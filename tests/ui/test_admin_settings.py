"""Technical settings: the admin's page shows no policy number, refusals name the field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from sales_desk.services.admin import audit, settings
from sales_desk.ui.tabs.admin.settings_page import INVALID_STYLE, SettingsPage
from sales_desk.ui.widgets.item_list import ItemListEdit
from tests.ui.conftest import idle


def _page(qtbot, ctx, actor) -> SettingsPage:  # noqa: ANN001
    page = SettingsPage(ctx, actor)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    return page


def _values(ctx, actor) -> dict[str, object]:  # noqa: ANN001
    return {r.key: r.value for r in settings.get_settings(ctx.uow(actor))}


def test_the_settings_page_shows_only_the_technical_settings(qtbot, ctx, boss) -> None:
    page = _page(qtbot, ctx, boss)
    assert "company.name" in page.editors and "expense.items.other" in page.editors
    assert not any(k.startswith(("credit.", "contract.", "aging.", "deferral.")) for k in page.editors)
    assert "expense.gm_threshold" not in page.editors and "expense.monthly_allowance" not in page.editors
    assert "expense.personal_allowances" not in page.editors


def test_a_technical_setting_is_saved_and_audited(qtbot, ctx, boss) -> None:
    page = _page(qtbot, ctx, boss)
    page.editors["company.name"].setText("新公司")
    page.save_button.click()
    idle(qtbot, ctx)
    assert _values(ctx, boss)["company.name"] == "新公司"
    rows, _more = audit.audit_page(ctx.uow(boss))
    assert rows[0].action == "setting.change"
    assert not page.error.isVisible()


def test_an_empty_setting_is_refused_naming_the_field(qtbot, ctx, boss) -> None:
    page = _page(qtbot, ctx, boss)
    before = _values(ctx, boss)
    page.editors["company.currency"].setText("")
    page.save_button.click()
    idle(qtbot, ctx)
    assert page.error.isVisible()
    assert "Company currency" in page.error.text()
    assert page.editors["company.currency"].styleSheet() == INVALID_STYLE
    assert _values(ctx, boss) == before


def test_default_expense_items_show_translated_and_are_stored_as_msgids(qtbot, ctx, boss) -> None:
    from sales_desk.ui.language import apply_language

    apply_language("zh_CN")
    page = _page(qtbot, ctx, boss)
    edit = page.editors["expense.items.other"]
    assert isinstance(edit, ItemListEdit)  # a list, edited as one
    assert edit.items() == ["展览", "租赁", "办公"]
    assert "展览" in edit.toolTip()  # the default too
    page.save_button.click()  # shown another way is no change
    idle(qtbot, ctx)
    assert _values(ctx, boss)["expense.items.other"] == "Exhibitions; Rent; Office"
    edit.add_item()  # the firm's own item, typed in Chinese into the new row
    typing = edit.list.findChild(QLineEdit)
    typing.insert("网络费")  # as an input method commits it (QTest types only Latin keys)
    qtbot.keyClick(typing, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: edit.items()[-1:] == ["网络费"])
    page.save_button.click()
    idle(qtbot, ctx)
    assert _values(ctx, boss)["expense.items.other"] == "Exhibitions; Rent; Office; 网络费"
    assert page.editors["expense.items.other"].items() == ["展览", "租赁", "办公", "网络费"]


def test_expense_items_are_reordered_and_removed_as_a_list(qtbot, ctx, boss) -> None:
    page = _page(qtbot, ctx, boss)
    edit = page.editors["expense.items.other"]
    edit.list.setFocus()
    edit.list.setCurrentRow(2)  # Office
    edit.up_button.click()
    assert edit.items() == ["Exhibitions", "Office", "Rent"]
    edit.list.setCurrentRow(0)
    qtbot.keyClick(edit.list, Qt.Key.Key_Delete)
    assert edit.items() == ["Office", "Rent"]
    page.save_button.click()
    idle(qtbot, ctx)
    assert _values(ctx, boss)["expense.items.other"] == "Office; Rent"


def test_an_item_with_a_separator_in_it_is_refused_not_split(qtbot, ctx, boss) -> None:
    page = _page(qtbot, ctx, boss)
    before = _values(ctx, boss)
    edit = page.editors["expense.items.other"]
    edit.list.item(0).setText("Rent, office")
    page.save_button.click()
    idle(qtbot, ctx)
    assert page.error.isVisible() and "one item per row" in page.error.text()
    assert _values(ctx, boss) == before


def test_delete_while_a_row_is_typed_deletes_a_character_not_the_row(qtbot, ctx, boss) -> None:
    page = _page(qtbot, ctx, boss)
    edit = page.editors["expense.items.other"]
    edit.list.setFocus()
    edit.list.setCurrentRow(0)
    edit.list.editItem(edit.list.item(0))
    typing = edit.list.findChild(QLineEdit)
    typing.setCursorPosition(0)
    qtbot.keyClick(typing, Qt.Key.Key_Delete)
    assert typing.text() == "xhibitions"  # the character, not the row
    qtbot.keyClick(typing, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: edit.items() == ["xhibitions", "Rent", "Office"])
    qtbot.keyClick(edit.list, Qt.Key.Key_Insert)  # a new row, open for typing
    assert edit.list.count() == 4 and edit.list.findChild(QLineEdit) is not None
