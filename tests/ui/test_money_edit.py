"""Money fields show digit grouping as the amount is typed and in full when left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QVBoxLayout

from sales_desk import i18n
from sales_desk.ui.widgets.money import MoneyEdit


def _form(qtbot) -> tuple[MoneyEdit, QLineEdit, QDialog]:  # noqa: ANN001
    box = QDialog()
    qtbot.addWidget(box)
    edit, other = MoneyEdit(), QLineEdit()
    layout = QVBoxLayout(box)
    layout.addWidget(edit)
    layout.addWidget(other)
    box.show()
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow)
    return edit, other, box  # the box is kept: pytest-qt only holds a weak reference


def test_a_typed_amount_is_grouped_as_typed_and_written_in_full_when_left(qtbot) -> None:
    edit, other, _box = _form(qtbot)
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "30000")
    assert edit.text() == "30,000"
    qtbot.keyClicks(edit, "5")  # the cursor stayed at the end
    assert edit.text() == "300,005"
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.text() == "30,000"
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert other.hasFocus()
    assert edit.text() == "30,000.00"
    assert edit.minor("amount") == 3_000_000


def test_a_mistyped_amount_is_left_as_typed_to_be_named(qtbot) -> None:
    edit, _other, _box = _form(qtbot)
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "12x")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert edit.text() == "12x"


def test_the_chinese_window_groups_the_same_way(qtbot) -> None:
    i18n.set_language("zh_CN")
    edit, _other, _box = _form(qtbot)
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "1234567.8")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.text() == "1,234,567.80"
