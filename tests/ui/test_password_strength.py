"""The strength meter beside a new password follows the rule that refuses it."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from sales_desk.ui.widgets.password_strength import PasswordStrength


def test_the_meter_rates_as_the_rule_refuses_and_knows_the_users_name(qtbot) -> None:  # noqa: ANN001
    edit = QLineEdit()
    meter = PasswordStrength(edit, lambda: ("wangjianguo",))
    qtbot.addWidget(edit)
    qtbot.addWidget(meter)
    assert meter.label.text() == ""
    qtbot.keyClicks(edit, "password1234")
    assert meter.bar.value() <= 1 and "weak" in meter.label.text()
    edit.setText("wangjianguo2026")  # strong for anyone else, weak for him
    assert meter.bar.value() < 3
    edit.setText("tangerine ladder cloud")
    assert meter.bar.value() >= 3 and "strong" in meter.label.text()
    edit.setText("q7#Lm2@x9!")  # unguessable but short: never shown as acceptable
    assert meter.bar.value() <= 1
