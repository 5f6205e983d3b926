"""The flags of a customer file as coloured chips: key account, credit hold, stale file,
review pending. Each chip carries its word, so the colour is never the only sign."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QLabel, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from sales_desk.i18n import N_, _

FLAGS_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's flag keys, in FLAGS order
CHIP_PAD_X, CHIP_GAP = 6, 4


@dataclass(frozen=True)
class Flag:
    key: str
    label: str  # msgid
    foreground: str
    background: str
    bold: bool = False
    tooltip: str = ""  # msgid

    def style(self) -> str:
        weight = "bold" if self.bold else "normal"
        return (f"color: {self.foreground}; background: {self.background}; border-radius: 3px;"
                f" padding: 1px 6px; font-weight: {weight};")


# Most urgent first: a hold blocks orders, a stale file is overdue work.
FLAGS: tuple[Flag, ...] = (
    Flag("credit_hold", N_("Credit hold"), "#ffffff", "#c62828", bold=True,
         tooltip=N_("On credit hold: no new credit until a new rating is approved")),
    Flag("stale", N_("Stale file"), "#7a4f00", "#ffe8a3",
         tooltip=N_("Not updated for more than three months")),
    Flag("key_account", N_("Key account"), "#0d47a1", "#dbe9fb"),
    Flag("review_pending", N_("To review"), "#444444", "#e6e6e6",
         tooltip=N_("Waiting for the superior's review")),
)
FLAG_BY_KEY = {f.key: f for f in FLAGS}


def flags_of(row: object) -> list[str]:
    """The flag keys a list row or a card carries (attributes of the same names)."""
    return [f.key for f in FLAGS if getattr(row, f.key, False)]


def flags_text(keys: list[str]) -> str:
    return ", ".join(_(FLAG_BY_KEY[k].label) for k in keys)


def chip(key: str, text: str | None = None, parent: QWidget | None = None) -> QLabel:
    """A flag as a label, for a dialog's header."""
    flag = FLAG_BY_KEY[key]
    label = QLabel(text or _(flag.label), parent)
    label.setStyleSheet(flag.style())
    if flag.tooltip:
        label.setToolTip(_(flag.tooltip))
    return label


class FlagsDelegate(QStyledItemDelegate):
    """Paints the keys under FLAGS_ROLE as chips; the display text stays for tooltips and tests."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        keys = index.data(FLAGS_ROLE) or []
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        x = option.rect.left() + 3
        for key in keys:
            flag = FLAG_BY_KEY[key]
            font = QFont(option.font)
            font.setBold(flag.bold)
            metrics = QFontMetrics(font)
            text = _(flag.label)
            width = metrics.horizontalAdvance(text) + 2 * CHIP_PAD_X
            height = min(option.rect.height() - 4, metrics.height() + 2)
            rect = QRect(x, option.rect.top() + (option.rect.height() - height) // 2, width, height)
            if rect.right() > option.rect.right():
                break  # no half chips; the tooltip lists them all
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(flag.background))
            painter.drawRoundedRect(rect, 3, 3)
            painter.setPen(QColor(flag.foreground))
            painter.setFont(font)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)
            x = rect.right() + 1 + CHIP_GAP
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        keys = index.data(FLAGS_ROLE) or []
        bold = QFont(option.font)
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        width = sum(metrics.horizontalAdvance(_(FLAG_BY_KEY[k].label)) + 2 * CHIP_PAD_X + CHIP_GAP
                    for k in keys) + 6
        return QSize(max(base.width(), width), base.height())
