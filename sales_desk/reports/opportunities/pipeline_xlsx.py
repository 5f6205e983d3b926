"""The pipeline analysis [销售漏斗分析] as a workbook: the funnel by stage, conversion and days
in each stage, per rep, loss reasons, lost to whom, competitors met — streamed through the
shared writer (text never a formula)."""

from __future__ import annotations

import os

from sales_desk.db.uow import UnitOfWork
from sales_desk.domain.opportunities.stages import LossReason, Outcome
from sales_desk.i18n import _
from sales_desk.reports.common.xlsx_writer import Column, XlsxWriter
from sales_desk.services.opportunities import pipeline
from sales_desk.services.opportunities.pipeline import PipelineAnalysis


def _pct(value: object) -> object:
    return "" if value is None else value


def write_pipeline(a: PipelineAnalysis, path: str | os.PathLike[str]) -> int:
    """Write the analysis; the number of rows written."""
    rows = 0
    with XlsxWriter(path) as book:
        f = book.add_sheet(_("Funnel"), [Column(_("Stage"), width=20), Column(_("Open"), "int", 10),
                                          Column(_("Expected amount"), "money", 16), Column(_("Probability %"), "int", 12),
                                          Column(_("Weighted amount"), "money", 16), Column(_("Stalled"), "int", 10)])
        for r in a.summary.funnel.rows:
            f.append((r.stage.label, r.count, r.amount, r.probability, r.weighted, r.stalled))
        fn = a.summary.funnel
        f.append((_("Total"), fn.count, fn.amount, "", fn.weighted, fn.stalled))
        s = book.add_sheet(_("Stages"), [Column(_("Stage"), width=20), Column(_("Reached"), "int", 10),
                                          Column(_("Went on"), "int", 10), Column(_("Conversion %"), "number", 12),
                                          Column(_("Average days"), "number", 12)])
        for c in a.stages:
            s.append((c.stage.label, c.reached, c.went_on, _pct(c.rate), _pct(c.average_days)))
        r = book.add_sheet(_("Per rep"), [Column(_("Sales rep"), width=16), Column(_("Open"), "int", 10),
                                           Column(_("Open amount"), "money", 16), Column(Outcome.WON.label, "int", 10),
                                           Column(_("Won amount"), "money", 16), Column(Outcome.LOST.label, "int", 10),
                                           Column(_("Lost amount"), "money", 16), Column(_("Win rate %"), "number", 12)])
        for line in a.reps:
            x = line.figures
            r.append((line.name, x.open, x.open_amount, x.won, x.won_amount, x.lost, x.lost_amount, _pct(x.win_rate)))
        for title, head, lines, label in (
                (_("Loss reasons"), _("Reason lost"), a.loss_reasons, lambda k: LossReason(k).label if k else ""),
                (_("Lost to"), _("Competitor"), a.lost_to, lambda k: k)):
            sh = book.add_sheet(title, [Column(head, width=24), Column(Outcome.LOST.label, "int", 10),
                                        Column(_("Amount"), "money", 16), Column(_("Share %"), "number", 10)])
            for ln in lines:
                sh.append((label(ln.key), ln.count, ln.amount, _pct(ln.share)))
                rows += 1
        c = book.add_sheet(_("Competitors"), [Column(_("Competitor"), width=24), Column(_("Met"), "int", 10),
                                              Column(_("Won against"), "int", 12), Column(_("Lost to"), "int", 10)])
        for comp in a.competitors:
            c.append((comp.name, comp.met, comp.won, comp.lost_to))
    return rows + len(a.summary.funnel.rows) + len(a.stages) + len(a.reps) + len(a.competitors)


def export_pipeline_xlsx(uow: UnitOfWork, path: str | os.PathLike[str], rep_id: int | None = None) -> int:
    """The pipeline analysis the actor sees, to `path`; audited."""
    return pipeline.export_pipeline(uow, lambda a: write_pipeline(a, path), rep_id)
