"""Business settings: amounts typed as money, refusals name the field, nothing half-saved."""

from __future__ import annotations

from sales_desk.domain.common.money import to_minor
from sales_desk.services.admin import audit, settings
from sales_desk.ui.tabs.admin.settings_page import INVALID_STYLE, SettingsPage
from tests.ui.conftest import idle


def _page(qtbot, ctx, actor) -> SettingsPage:  # noqa: ANN001
    page = SettingsPage(ctx, actor)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    return page


def _values(ctx, actor) -> dict[str, object]:  # noqa: ANN001
    return {r.key: r.value for r in settings.get_settings(ctx.uow(actor))}


def test_money_setting_is_edited_as_an_amount_and_saved(qtbot, ctx, boss) -> None:
    page = _page(qtbot, ctx, boss)
    edit = page.editors["contract.major_threshold"]
    assert edit.text() == "200,000.00"
    edit.setText("350,000.50")
    page.save_button.click()
    idle(qtbot, ctx)
    assert _values(ctx, boss)["contract.major_threshold"] == to_minor("350000.50")
    rows, _more = audit.audit_page(ctx.uow(boss))
    assert rows[0].action == "setting.change"
    assert not page.error.isVisible()


def test_an_amount_that_is_not_money_is_refused_naming_the_field(qtbot, ctx, boss) -> None:
    page = _page(qtbot, ctx, boss)
    before = _values(ctx, boss)
    page.editors["company.name"].setText("新公司")
    page.editors["expense.gm_threshold"].setText("5千")
    page.save_button.click()
    idle(qtbot, ctx)
    assert page.error.isVisible()
    assert "Expense amount needing the general manager" in page.error.text()
    assert page.editors["expense.gm_threshold"].styleSheet() == INVALID_STYLE
    assert _values(ctx, boss) == before  # nothing saved, not even the valid name


def test_grade_bands_out_of_order_are_refused_and_marked(qtbot, ctx, boss) -> None:
    page = _page(qtbot, ctx, boss)
    before = _values(ctx, boss)
    page.editors["credit.grade_b_min"].setValue(90)  # above A (85)
    page.save_button.click()
    idle(qtbot, ctx)
    assert "Credit grade bands" in page.error.text()
    assert all(page.editors[k].styleSheet() == INVALID_STYLE
               for k in ("credit.grade_a_min", "credit.grade_b_min", "credit.grade_c_min"))
    assert _values(ctx, boss) == before


def test_aging_buckets_must_be_increasing_days(qtbot, ctx, boss) -> None:
    page = _page(qtbot, ctx, boss)
    page.editors["aging.buckets"].setText("30, 20")
    page.save_button.click()
    idle(qtbot, ctx)
    assert "Aging bucket upper bounds" in page.error.text()
    page.editors["aging.buckets"].setText("30, 60, 90, 180")
    page.save_button.click()
    idle(qtbot, ctx)
    assert not page.error.isVisible()
    assert _values(ctx, boss)["aging.buckets"] == [30, 60, 90, 180]


def test_default_expense_items_show_translated_and_are_stored_as_msgids(qtbot, ctx, boss) -> None:
    from sales_desk.ui.language import apply_language

    apply_language("zh_CN")
    page = _page(qtbot, ctx, boss)
    edit = page.editors["expense.items.other"]
    assert all(zh in edit.text() for zh in ("展览", "租赁", "办公")) and "Rent" not in edit.text()
    assert "展览" in edit.toolTip()  # the default too
    page.save_button.click()  # shown another way is no change
    idle(qtbot, ctx)
    assert _values(ctx, boss)["expense.items.other"] == "Exhibitions; Rent; Office"
    edit.setText(edit.text() + "；网络费")  # the firm's own item, typed in Chinese
    page.save_button.click()
    idle(qtbot, ctx)
    assert _values(ctx, boss)["expense.items.other"] == "Exhibitions; Rent; Office; 网络费"
    assert "网络费" in page.editors["expense.items.other"].text()
