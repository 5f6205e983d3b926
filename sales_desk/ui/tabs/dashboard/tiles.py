"""A warning as a tile: its name, the headline figure, a line per bucket or period, framed
in the colour of its level. The name opens every record behind it; a line, those of
that line (sig_drill). Sales against plan opens the plans page instead."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from sales_desk.domain.admin.refusals import REPEAT_DAYS, REPEAT_THRESHOLD
from sales_desk.domain.common.money import share_percent
from sales_desk.domain.planning.warnings import Level, WarningKind
from sales_desk.i18n import _, ngettext
from sales_desk.services.planning.dashboard import Figure, WarningCard
from sales_desk.ui.tabs.dashboard.common import LEVEL_BACKGROUNDS, LEVEL_COLOURS, percent_text
from sales_desk.ui.widgets.money import money_text


def _percent(amount: int | None, target: int | None) -> str:
    return percent_text(share_percent(amount or 0, target or 0))


def headline(card: WarningCard) -> str:
    kind = WarningKind(card.kind)
    if kind in (WarningKind.OVERDUE, WarningKind.YEAR_END):
        return money_text(card.amount or 0)
    if kind in (WarningKind.SALES_PROGRESS, WarningKind.EXPENSES):
        year = card.figures[-1]
        return _percent(year.amount, year.target) if year.target else money_text(year.amount or 0)
    return str(card.count)


def subline(card: WarningCard) -> str:
    kind = WarningKind(card.kind)
    if kind is WarningKind.OVERDUE:
        return ngettext("{n} customer overdue", "{n} customers overdue", card.count).format(n=card.count)
    if kind is WarningKind.SALES_PROGRESS:
        year = card.figures[-1]
        return (_("of the year's target {target}").format(target=money_text(year.target)) if year.target
                else _("sold this year; no approved plan"))
    if kind is WarningKind.EXPENSES:
        year = card.figures[-1]
        # committed, not paid: the early warning counts claims in approval and signed too
        return (_("committed (in approval, signed or paid) of the budget to date {budget}").format(
            budget=money_text(year.target)) if year.target
                else _("committed this year (in approval, signed or paid); no approved budget"))
    if kind is WarningKind.MAJOR_CHANGES:
        return ngettext("customer changed in the last 30 days", "customers changed in the last 30 days",
                        card.count)
    if kind is WarningKind.BLOCKED_ORDERS:
        return money_text(card.amount or 0)
    if kind is WarningKind.ADVANCE_REPORTS:  # counts invoices, not customers
        return ngettext("invoice, {amount}", "invoices, {amount}", card.count).format(
            amount=money_text(card.amount or 0))
    if kind is WarningKind.OVERDUE_COMPLAINTS:
        return ngettext("complaint or service case past its deadline",
                        "complaints or service cases past their deadline", card.count)
    if kind is WarningKind.STATEMENTS:
        return ngettext("statement of account, {amount}", "statements of account, {amount}", card.count).format(
            amount=money_text(card.amount or 0))
    if kind is WarningKind.LATE_INVESTIGATIONS:
        return ngettext("credit investigation not submitted in time", "credit investigations not submitted in time",
                        card.count)
    if kind is WarningKind.YEAR_END:
        return ngettext("{n} credit sale to clear by 31 December", "{n} credit sales to clear by 31 December",
                        card.count).format(n=card.count)
    if kind is WarningKind.REPEATED_REFUSALS:
        return ngettext("person refused {times} times or more in {days} days",
                        "people refused {times} times or more in {days} days", card.count).format(
            times=REPEAT_THRESHOLD, days=REPEAT_DAYS)
    if kind in (WarningKind.LIABILITY_FAULT, WarningKind.LIABILITY_EXEMPTIONS):
        return ngettext("debt, {amount} proposed", "debts, {amount} proposed", card.count).format(
            amount=money_text(card.amount or 0))
    if kind is WarningKind.OVERDUE_ACTIVITIES:
        return ngettext("activity past its day", "activities past their day", card.count)
    if kind is WarningKind.CARE_PLANS:
        return ngettext("key account's maintenance plan due or late", "key accounts' maintenance plans due or late",
                        card.count)
    return ngettext("customer", "customers", card.count)


def figure_text(kind: WarningKind, f: Figure) -> str:
    if kind in (WarningKind.SALES_PROGRESS, WarningKind.EXPENSES):
        if f.target:
            return _("{period}: {percent} of {target}").format(
                period=f.label, target=money_text(f.target), percent=_percent(f.amount, f.target))
        return _("{period}: {amount}").format(period=f.label, amount=money_text(f.amount or 0))
    if kind in (WarningKind.OVERDUE, WarningKind.YEAR_END):
        return _("{bucket}: {amount} ({n})").format(bucket=f.label, amount=money_text(f.amount or 0), n=f.count)
    if kind is WarningKind.REPEATED_REFUSALS:
        return ngettext("{name} was refused {n} time in the last {days} days",
                        "{name} was refused {n} times in the last {days} days", f.count or 0).format(
            name=f.label, n=f.count, days=REPEAT_DAYS)
    return _("{label}: {n}").format(label=f.label, n=f.count)


class TitleButton(QPushButton):
    """A card's title that clicks through to its records; a narrow card shows it cut short
    with an ellipsis (the whole title is its accessible name and in its tooltip) rather
    than widening the card past the window."""

    def __init__(self, text: str, tip: str):
        super().__init__(text)
        self.full_text = text
        self.setAccessibleName(text)
        self.setToolTip(f"{text}\n{tip}")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        room = self.contentsRect().width() - 8  # the padding of the style below
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, max(room, 0)))
        super().resizeEvent(event)


class WarningTile(QFrame):
    sig_drill = Signal(str, str)
    """Show the records behind warning `kind` (str), of figure `part` (str; "" for all)."""

    def __init__(self, card: WarningCard, parent: QWidget | None = None):
        super().__init__(parent)
        self.card = card
        kind = WarningKind(card.kind)
        level = Level(card.level)
        self.setObjectName(f"tile_{card.kind}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            f"#tile_{card.kind} {{ background: {LEVEL_BACKGROUNDS[level]}; border: 1px solid #d0d0d0;"
            f" border-left: 5px solid {LEVEL_COLOURS[level]}; border-radius: 3px; }}")
        # every column as wide as the others; the lines wrap to it
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title = TitleButton(kind.label, _("Show the records behind this warning")
                                 if kind is not WarningKind.SALES_PROGRESS else _("Open the sales plans"))
        self.title.setObjectName("tile_title")
        self.title.setFlat(True)
        self.title.setStyleSheet("QPushButton { text-align: left; font-weight: bold; padding: 1px 2px; }")
        self.title.clicked.connect(lambda: self.sig_drill.emit(card.kind, ""))
        self.value = QLabel(headline(card))
        self.value.setObjectName("tile_value")
        # the headline in the level of the figure it shows (the year's, for plan and budget)
        shown = Level(card.figures[-1].level) if kind in (WarningKind.SALES_PROGRESS, WarningKind.EXPENSES) else level
        self.value.setStyleSheet(f"font-size: 20px; font-weight: bold; color: {LEVEL_COLOURS[shown]};")
        self.note = QLabel(subline(card))
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #444444;")
        self.lines = QLabel(self._lines_html(kind))
        self.lines.setObjectName("tile_lines")
        self.lines.setWordWrap(True)
        self.lines.setTextFormat(Qt.TextFormat.RichText)
        self.lines.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                           | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.lines.linkActivated.connect(lambda part: self.sig_drill.emit(card.kind, part))
        if kind in (WarningKind.SALES_PROGRESS, WarningKind.EXPENSES):  # the figures behind the percentages
            self.lines.setToolTip("\n".join(
                _("{period}: {amount} of {target}").format(period=f.label, amount=money_text(f.amount or 0),
                                                          target=money_text(f.target or 0))
                for f in card.figures))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.note)
        layout.addWidget(self.lines)
        layout.addStretch(1)

    def _lines_html(self, kind: WarningKind) -> str:
        out = []
        for f in self.card.figures:
            colour = LEVEL_COLOURS[Level(f.level)] if Level(f.level) is not Level.OK else "#333333"
            text = escape(figure_text(kind, f))
            out.append(f'<a href="{escape(f.key)}" style="color: {colour}; text-decoration: none;">{text}</a>')
        return "<br>".join(out)
