"""The sections of a customer file (SPEC §2) as form pages: which fields, in which groups.

Business and transaction status and the figures are the confidential part
[商业秘密]: their pages show a lock notice until the full file is open.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sales_desk.i18n import N_, _
from sales_desk.services.customers.data import CONFIDENTIAL_FIELDS
from sales_desk.ui.tabs.customers.fields import Field, FlagField, label


@dataclass(frozen=True)
class Group:
    title: str | None  # msgid
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Section:
    key: str
    title: str  # msgid
    columns: tuple[tuple[Group, ...], ...]  # side by side
    stretch: tuple[int, ...] = (3, 2)  # the columns' shares of the width

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(f for column in self.columns for g in column for f in g.fields)

    @property
    def confidential(self) -> bool:
        return all(f in CONFIDENTIAL_FIELDS for f in self.fields)


SECTIONS: tuple[Section, ...] = (
    Section("basic", N_("Basic information"), (
        (Group(N_("Company"), ("code", "name", "short_name", "registration_no", "legal_representative",
                               "key_managers", "address", "phone")),),
        (Group(N_("Size and history"), ("founded_on", "company_size", "staff_count", "first_contact_on",
                                        "trading_since")),),
    ), (3, 2)),
    Section("profile", N_("Characteristics"), (
        (Group(N_("Characteristics"), ("service_area", "sales_capacity", "potential", "business_policy")),),
        (Group(N_("Classification"), ("region", "industry", "nature", "customer_type", "language",
                                        "key_account")),),
    )),
    # 客户关系维护办法 第5–6条: how they buy, what they will buy, where the information came from
    Section("information", N_("Purchasing and information"), (
        (Group(None, ("purchasing_procedure", "demand_plan")),),
        (Group(None, ("info_source_level",)),),
    ), (3, 2)),
    Section("business", N_("Business status"), (
        (Group(N_("Business with us"), ("sales_history", "staff_quality", "competitor_relations",
                                        "cooperation_attitude")),),
        (Group(N_("Figures"), ("annual_sales", "registered_capital", "total_assets")),),
    )),
    Section("trade", N_("Transaction status"), (
        (Group(None, ("trade_issues", "trade_strengths", "future_plan", "reputation")),),
        (Group(None, ("credit_status", "trade_terms", "past_credit_problems")),),
    ), (1, 1)),
)
SECTION_FIELDS = tuple(f for s in SECTIONS for f in s.fields)  # with "code": set once, at creation


class SectionPage(QScrollArea):
    """One section's fields in a scrollable form, its groups in columns side by side."""

    def __init__(self, section: Section, fields: dict[str, Field], parent: QWidget | None = None):
        super().__init__(parent)
        self.section = section
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field
        body = QWidget()
        row = QHBoxLayout(body)
        self.forms: dict[str, QFormLayout] = {}
        self.columns: list[QVBoxLayout] = []
        for column, stretch in zip(section.columns, section.stretch, strict=True):
            col = QVBoxLayout()
            self.columns.append(col)
            for group in column:
                box: QWidget = QGroupBox(_(group.title)) if group.title else QWidget()
                form = QFormLayout(box)
                form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
                form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
                if not group.title:
                    form.setContentsMargins(0, 0, 0, 0)
                for name in group.fields:
                    editor = fields[name]
                    if isinstance(editor, FlagField):
                        form.addRow("", editor)
                    else:
                        text = QLabel(_("{label}:").format(label=label(name)))
                        text.setBuddy(editor)
                        form.addRow(text, editor)
                self.forms[group.title or ""] = form
                col.addWidget(box)
            col.addStretch(1)
            row.addLayout(col, stretch)
        self.setWidget(body)

    def add_box(self, column: int, box: QWidget) -> None:
        """A read-only group under a column's fields (above its stretch)."""
        col = self.columns[column]
        col.insertWidget(col.count() - 1, box)


NOTICE_WIDTH = 520


class Locked(QStackedWidget):
    """A confidential page: a notice (with the way in, if the user has one) until unlocked."""

    def __init__(self, content: QWidget, may_open: bool, open_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        notice = QWidget()
        heading = QLabel(_("Confidential file [商业秘密]"))
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        text = QLabel(
            _("Business and transaction status, the figures and the documents are a business "
              "secret. Customer-manager level and above open them with a reason, which is written "
              "on the file's access card [借阅卡]; the rep who keeps the file reads them freely.")
            if may_open else
            _("Business and transaction status, the figures and the documents are a business "
              "secret: only the rep who keeps the file and customer-manager level and above "
              "may open them."))
        text.setWordWrap(True)
        self.open_button = QPushButton(open_text)
        self.open_button.setVisible(may_open)
        box = QVBoxLayout()
        box.addWidget(heading)
        box.addWidget(text)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        holder = QWidget()
        holder.setLayout(box)
        holder.setFixedWidth(NOTICE_WIDTH)  # a fixed width lets the wrapped text take its height
        centre = QHBoxLayout()
        centre.addStretch(1)
        centre.addWidget(holder)
        centre.addStretch(1)
        layout = QVBoxLayout(notice)
        layout.addStretch(1)
        layout.addLayout(centre)
        layout.addStretch(2)
        self.addWidget(notice)
        self.addWidget(content)

    def unlock(self) -> None:
        self.setCurrentIndex(1)

    @property
    def unlocked(self) -> bool:
        return self.currentIndex() == 1
