"""What the dashboard's pages share: the topic plans write, the levels' colours, dates, and
saving a chart as PNG or its data as an Excel workbook (on the runner)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QLabel, QWidget

from sales_desk.domain.common.roles import Actor
from sales_desk.domain.planning.warnings import Level
from sales_desk.i18n import _, current_language, ngettext
from sales_desk.reports.common.xlsx_writer import Kind
from sales_desk.ui.context import AppContext
from sales_desk.ui.tabs.dashboard.chart import BarChart
from sales_desk.ui.widgets import dialogs

PLANS_TOPIC = "sales_plans"
LEVEL_COLOURS = {Level.OK: "#2e7d32", Level.WATCH: "#b26a00", Level.ALERT: "#b00020"}
LEVEL_BACKGROUNDS = {Level.OK: "#f1f8f1", Level.WATCH: "#fff6e5", Level.ALERT: "#fdecee"}
HINT_STYLE = "color: #555555;"


def level_colour(level: str) -> str:
    return LEVEL_COLOURS[Level(level)]



def day(d: date | None) -> str:
    return d.isoformat() if d else ""


def local_time(t: datetime | None) -> str:
    """Stored in UTC; shown in the user's time zone."""
    return t.astimezone().strftime("%Y-%m-%d %H:%M") if t else ""


def month_name(month: int, long: bool = False) -> str:
    """The month's name in the user's language ("Mar", "3月"), from Qt's locale data."""
    fmt = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return QLocale(current_language()).monthName(month, fmt)


def percent_text(value: object) -> str:
    return "—" if value is None else f"{value} %"


def hint(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


def heading(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; font-size: 14px;")
    label.setWordWrap(True)
    return label


def _target(parent: QWidget, title: str, default: Path, file_filter: str, suffix: str) -> Path | None:
    chosen = dialogs.save_file(parent, title, default, file_filter)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)


def save_chart(parent: QWidget, chart: BarChart, name: str, path: Path | None = None) -> Path | None:
    """Ask where (unless given) and save the chart as drawn."""
    path = path or _target(parent, _("Save the chart as PNG"), Path.home() / f"{name}.png",
                           _("PNG image (*.png)"), ".png")
    if path is None:
        return None
    if not chart.save_png(path):
        dialogs.show_error(parent, _("The chart could not be written to {path}.").format(path=path))
        return None
    return path


def export_table(ctx: AppContext, actor: Actor, parent: QWidget, sheet: str, name: str,
                 columns: Sequence[tuple[str, Kind, float]], rows: Sequence[Sequence[object]],
                 path: Path | None = None) -> Path | None:
    """Ask where (unless given) and write the chart's data to a workbook on the runner."""
    path = path or _target(parent, _("Export the data to Excel"), Path.home() / f"{name}.xlsx",
                           _("Excel workbook (*.xlsx)"), ".xlsx")
    if path is None:
        return None

    def write() -> int:
        from sales_desk.reports.planning.analysis_xlsx import write_table  # lazy: xlsxwriter

        return write_table(path, sheet, columns, rows)

    ctx.runner.run(write, lambda n: dialogs.show_info(parent, ngettext("{n} row written to {path}.", "{n} rows written to {path}.", n).format(n=n, path=path)),
                   owner=parent)
    return path
