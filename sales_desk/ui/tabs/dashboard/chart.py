"""A bar chart (QtCharts) for the dashboard and the analysis: groups along one axis, one
bar per series in each, values drawn in major units (yuan) — the exact figures are in
the table beside it, never read back from the chart. Saved as PNG as drawn."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

from sales_desk.domain.common.money import MINOR_PER_MAJOR

PALETTE = (QColor("#2f5c8a"), QColor("#9db4d3"), QColor("#e0a43a"), QColor("#6a9e5b"), QColor("#b5524b"),
           QColor("#7d6aa8"))
PLAN_COLOUR = QColor("#b7c9e2")  # the target pale, what was done strong
SOLD_COLOUR = QColor("#2f5c8a")


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[int, ...]  # one per category: minor units, or plain counts when `money` is False
    colour: QColor | None = None


def nice_top(value: float) -> float:
    """A round axis end a little above the largest bar: 1, 2, 2.5 or 5 × 10ⁿ."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10.0 * magnitude


class BarChart(QChartView):
    def __init__(self, horizontal: bool = False, parent: QWidget | None = None):
        self._chart = QChart()
        super().__init__(self._chart, parent)
        self.horizontal = horizontal
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self._chart.setMargins(QMargins(4, 4, 4, 4))
        self._chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)  # a saved PNG shows the bars
        title_font = QFont(self._chart.titleFont())
        title_font.setBold(True)
        self._chart.setTitleFont(title_font)
        self.categories: list[str] = []
        self.series: list[Series] = []

    def set_data(self, title: str, categories: Sequence[str], series: Sequence[Series], axis_title: str = "",
                 money: bool = True) -> None:
        chart = self._chart
        chart.removeAllSeries()
        for axis in list(chart.axes()):
            chart.removeAxis(axis)
        chart.setTitle(title)
        self.categories, self.series = list(categories), list(series)
        chart.legend().setVisible(len(series) > 1)
        # Horizontal bars are drawn bottom-up: reverse, so the first category is on top.
        order = list(reversed(range(len(categories)))) if self.horizontal else list(range(len(categories)))
        bars = QHorizontalBarSeries() if self.horizontal else QBarSeries()
        top = 0.0
        for i, s in enumerate(series):
            bar_set = QBarSet(s.name)
            colour = s.colour or PALETTE[i % len(PALETTE)]
            bar_set.setColor(colour)
            bar_set.setBorderColor(colour)
            for j in order:
                v = s.values[j] / MINOR_PER_MAJOR if money else float(s.values[j])  # drawing only
                bar_set.append(v)
                top = max(top, v)
            bars.append(bar_set)
        bars.setBarWidth(0.8)
        chart.addSeries(bars)
        axis = QBarCategoryAxis()
        axis.append([categories[j] for j in order] or [""])
        axis.setTruncateLabels(False)
        if not self.horizontal and len(categories) > 8:  # twelve months side by side: a smaller hand
            small = QFont(axis.labelsFont())
            small.setPointSizeF(max(6.5, small.pointSizeF() - 1.5))
            axis.setLabelsFont(small)
        values = QValueAxis()
        values.setRange(0, nice_top(top))
        values.setLabelFormat("%.0f")
        values.setTickCount(3 if self.horizontal else 6)  # long figures side by side need room: 0, half, top
        values.setTitleText(axis_title)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft if self.horizontal else Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom if self.horizontal else Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(axis)
        bars.attachAxis(values)

    def save_png(self, path: Path) -> bool:
        return self.grab().save(str(path), "PNG")
