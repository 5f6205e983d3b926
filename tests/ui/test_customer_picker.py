"""The shared customer picker: typing searches the customers the user may see, the
keyboard picks (Down/Enter, Enter alone, a whole code), Esc closes then clears, and a
search that finds nobody says so."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton, QVBoxLayout

from sales_desk.domain.common.errors import ValidationError
from sales_desk.ui.widgets.customer_picker import CustomerPicker
from tests.services.credit_flow import new_customer
from tests.ui.conftest import idle


@pytest.fixture
def reps(ctx, person):  # noqa: ANN001
    a, b = person("rep.a", "sales_rep"), person("rep.b", "sales_rep")
    new_customer(ctx.database, a, name="华东贸易有限公司", code="K10")
    new_customer(ctx.database, a, name="华东电子有限公司", code="K1", short_name="东电")
    new_customer(ctx.database, b, name="华南贸易有限公司", code="S1")
    return a, b


def shown(qtbot, ctx, actor) -> tuple[QDialog, CustomerPicker, list[int | None]]:  # noqa: ANN001
    """The picker in a dialog (whose Enter and Esc it must not steal once picked), focused;
    and the ids it announced."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    picker = CustomerPicker(ctx, actor, dialog)
    ok = QPushButton("OK")
    ok.setDefault(True)
    ok.clicked.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(picker)
    layout.addWidget(ok)
    announced: list[int | None] = []
    picker.sig_changed.connect(lambda: announced.append(picker.customer_id))
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    picker.setFocus()
    qtbot.waitUntil(picker.hasFocus)
    return dialog, picker, announced


def typed(qtbot, ctx, picker: CustomerPicker, text: str) -> None:  # noqa: ANN001
    if text.isascii():
        qtbot.keyClicks(picker, text)
    else:
        picker.insert(text)  # as an input method commits it (QTest types ASCII only)
    qtbot.waitUntil(lambda: not picker.pending(), timeout=5000)
    idle(qtbot, ctx)


def offered(picker: CustomerPicker) -> list[str]:
    m = picker._completer.completionModel()
    return [m.index(r, 0).data() for r in range(m.rowCount())] if picker._completer.popup().isVisible() else []


def test_typing_offers_the_matches_and_down_enter_picks_one_without_closing_the_form(qtbot, ctx, reps) -> None:  # noqa: ANN001
    dialog, picker, announced = shown(qtbot, ctx, reps[0])
    typed(qtbot, ctx, picker, "华东")
    assert offered(picker) == ["华东电子有限公司 (K1)", "华东贸易有限公司 (K10)"]
    assert picker.customer_id is None and announced == []
    popup = picker._completer.popup()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    k10 = picker._labels["华东贸易有限公司 (K10)"]
    assert (picker.customer_id, picker.text(), announced) == (k10, "华东贸易有限公司 (K10)", [k10])
    assert dialog.isVisible() and not popup.isVisible()


def test_enter_in_the_field_picks_the_top_match_a_short_name_finds_too(qtbot, ctx, reps) -> None:  # noqa: ANN001
    dialog, picker, announced = shown(qtbot, ctx, reps[0])
    picker.insert("东 电")  # spaces are folded; the short name matches
    qtbot.keyClick(picker, Qt.Key.Key_Return)  # before the typing pause: searched at once, then taken
    qtbot.waitUntil(lambda: picker.customer_id is not None, timeout=5000)
    assert picker.text() == "华东电子有限公司 (K1)" and dialog.isVisible()
    qtbot.keyClick(picker, Qt.Key.Key_Return)  # now the form's Enter again
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_a_code_typed_in_full_is_taken_unless_a_longer_code_starts_with_it(qtbot, ctx, reps) -> None:  # noqa: ANN001
    _dialog, picker, announced = shown(qtbot, ctx, reps[0])
    typed(qtbot, ctx, picker, "k10")
    assert picker.text() == "华东贸易有限公司 (K10)" and announced == [picker.customer_id]
    picker.clear()
    assert picker.customer_id is None and announced[-1] is None
    typed(qtbot, ctx, picker, "k1")  # K1 and K10: the list opens, the whole code on top
    assert picker.customer_id is None
    assert offered(picker) == ["华东电子有限公司 (K1)", "华东贸易有限公司 (K10)"]
    qtbot.keyClick(picker._completer.popup(), Qt.Key.Key_Return)
    assert picker.text() == "华东电子有限公司 (K1)"


def test_a_rep_is_offered_only_their_own_customers_and_nothing_found_says_so(qtbot, ctx, reps) -> None:  # noqa: ANN001
    _dialog, picker, _announced = shown(qtbot, ctx, reps[0])
    typed(qtbot, ctx, picker, "贸易")
    assert offered(picker) == ["华东贸易有限公司 (K10)"]  # not rep.b's 华南贸易
    picker.clear()
    typed(qtbot, ctx, picker, "S1")
    assert offered(picker) == [] and picker.customer_id is None
    assert picker.empty_text == "None of your customers matches “S1”."
    qtbot.keyClicks(picker, "x")
    assert picker.empty_text == ""  # typing on: a new search, no stale verdict


def test_esc_closes_the_list_then_clears_unpicked_text_then_closes_the_form(qtbot, ctx, reps) -> None:  # noqa: ANN001
    dialog, picker, _announced = shown(qtbot, ctx, reps[0])
    typed(qtbot, ctx, picker, "华东")
    popup = picker._completer.popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Escape)
    assert not popup.isVisible() and picker.text() == "华东" and dialog.isVisible()
    qtbot.keyClick(picker, Qt.Key.Key_Escape)
    assert picker.text() == "" and dialog.isVisible()
    qtbot.keyClick(picker, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_chosen_id_refuses_typed_text_that_picked_nobody(qtbot, ctx, reps) -> None:  # noqa: ANN001
    _dialog, picker, announced = shown(qtbot, ctx, reps[0])
    with pytest.raises(ValidationError):
        picker.chosen_id()  # required by default
    assert picker.chosen_id(required=False) is None  # empty is fine when optional
    picker.set_customer(7, "K7", "某公司")
    assert (picker.text(), picker.chosen_id(), announced) == ("某公司 (K7)", 7, [7])
    picker.setText("某公司")
    assert picker.customer_id is None
    with pytest.raises(ValidationError):
        picker.chosen_id(required=False)
    picker.set_customer(None)
    assert picker.text() == "" and announced == [7, None]


def test_a_customer_known_by_id_alone_shows_an_empty_field_until_named(qtbot, ctx, reps) -> None:  # noqa: ANN001
    _dialog, picker, announced = shown(qtbot, ctx, reps[0])
    picker.customer_id = 7  # what a page opened by id does; the name follows with the record
    assert (picker.text(), picker.chosen_id(), announced) == ("", 7, [7])
    picker.set_customer(7, "K7", "某公司")
    assert picker.text() == "某公司 (K7)" and announced == [7]
    picker.clear()
    assert picker.customer_id is None and announced == [7, None]  # an empty field is never a customer
    picker.blockSignals(True)  # the caller loads by itself
    picker.customer_id = 8
    picker.blockSignals(False)
    assert picker.customer_id == 8 and announced == [7, None]
