"""The investigation's "Figures and report" page: the customer's figures [财务信息] and,
below them, the investigation report [客户信用调查报告], written with the figures in view.

The two are saved together (Save, or on submitting), so the page answers for both: what
is typed, and whether it differs from what is stored.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from sales_desk.domain.common.errors import ValidationError
from sales_desk.i18n import _
from sales_desk.services.credit.investigation import CreditFigures, InvestigationView
from sales_desk.ui.tabs.credit.figures_form import FiguresForm


class FiguresPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.figures = FiguresForm()
        self.report = QPlainTextEdit()
        self.report.setObjectName("report")
        self.report.setTabChangesFocus(True)
        self.report.setPlaceholderText(_(
            "The investigation report [客户信用调查报告]: what the documents show, from facts and "
            "figures, not impressions."))
        layout = QVBoxLayout(self)
        layout.addWidget(self.figures)
        report_label = QLabel(_("Investigation &report:"))
        report_label.setBuddy(self.report)
        layout.addWidget(report_label)
        layout.addWidget(self.report, 1)

    def written(self) -> tuple[CreditFigures, str]:
        """The figures and report as typed; ValidationError for a figure that does not read."""
        return self.figures.figures(), self.report.toPlainText().strip()

    def differs_from(self, view: InvestigationView) -> bool:
        """Whether what is typed is not what is stored (figures that do not read count as typed)."""
        try:
            figures, report = self.written()
        except ValidationError:
            return True
        return figures != view.figures or report != view.report

    def fill(self, view: InvestigationView) -> None:
        self.figures.set_figures(view.figures)
        self.report.setPlainText(view.report)

    def set_read_only(self, read_only: bool) -> None:
        self.figures.set_read_only(read_only)
        self.report.setReadOnly(read_only)
