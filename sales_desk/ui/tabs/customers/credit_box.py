"""The grades and credit terms on a customer file's profile page: value grade (by annual
sales), credit grade and score, payment mode with limit and term, the hold, and when the
customer was last rated and is due again. Read here, set in the credit tab.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QWidget

from sales_desk.domain.credit.rating import Grade, PaymentMode, score_text
from sales_desk.i18n import _, ngettext
from sales_desk.services.customers.data import CustomerCard
from sales_desk.ui.login import ERROR_STYLE
from sales_desk.ui.widgets.money import money_text


def credit_terms(card: CustomerCard) -> str:
    mode = PaymentMode(card.payment_mode)
    if mode != PaymentMode.CREDIT:
        return mode.label
    term = (_("term not capped") if card.payment_term_days is None
            else ngettext("{n} day", "{n} days", card.payment_term_days).format(n=card.payment_term_days))
    return _("{mode}, limit {limit}, {term}").format(mode=mode.label, limit=money_text(card.credit_limit),
                                                     term=term)


class CreditBox(QGroupBox):
    """Grades and credit terms: read here, set in the credit tab."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(_("Grades and credit"), parent)
        self.value_grade = QLabel()
        self.credit_grade = QLabel()
        self.terms = QLabel()
        self.rating = QLabel()
        for w in (self.value_grade, self.credit_grade, self.terms, self.rating):
            w.setWordWrap(True)
            w.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout(self)
        form.addRow(_("Value grade:"), self.value_grade)
        form.addRow(_("Credit grade:"), self.credit_grade)
        form.addRow(_("Credit terms:"), self.terms)
        form.addRow(_("Rating:"), self.rating)

    def set_card(self, card: CustomerCard | None) -> None:
        if card is None:
            self.value_grade.setText(_("from the annual sales, when saved"))
            self.credit_grade.setText(_("not rated yet"))
            for w in (self.terms, self.rating):
                w.setText("—")
            return
        self.value_grade.setText(_("{grade} (by annual sales)").format(grade=card.value_grade))
        if card.credit_grade:
            grade = Grade(card.credit_grade).label
            if card.credit_score is not None:
                grade = _("{grade}; score {score}").format(grade=grade, score=score_text(card.credit_score))
        else:
            grade = _("not rated yet")
        self.credit_grade.setText(grade)
        terms = credit_terms(card)
        self.terms.setText(_("{terms} — ON CREDIT HOLD").format(terms=terms) if card.credit_hold else terms)
        self.terms.setStyleSheet(ERROR_STYLE + " font-weight: bold;" if card.credit_hold else "")
        rated = card.last_rated_on.isoformat() if card.last_rated_on else _("never")
        due = card.rerating_due_on.isoformat() if card.rerating_due_on else "—"
        self.rating.setText(_("last rated {rated}; re-rating due {due}").format(rated=rated, due=due))
