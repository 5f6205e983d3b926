"""The distributors' monthly stock sheet [经销商进销存表] (seed 002 一、11: 定期盘存客户的总库存并做好
每月的销售与库存增减的记录). Pure rules; the reports themselves: domain/collections/rebates.py.

Per distributor, product and month the sheet reads:
- opening stock [期初]: last month's reported closing, carried forward; without a report last
  month, the opening this month's report gives;
- received [本月进货]: what we shipped the distributor that month less what came back (our own
  figures, never the distributor's word);
- sold [本月销售] and closing stock [期末]: as the distributor reported them;
- the closing agrees when it equals opening + received − sold; otherwise the difference is
  flagged, as is a product we shipped (or it held) that the month's report leaves out, and a
  distributor who has not reported the month at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sales_desk.domain.collections.rebates import StockFigures
from sales_desk.i18n import N_, _, join_list, ngettext


class StockState(StrEnum):
    AGREES = "agrees"
    DIFFERS = "differs"  # the reported closing is not opening + received − sold
    NOT_REPORTED = "not_reported"  # no report for the month (of this product, or at all)

    @property
    def label(self) -> str:
        return _(STATE_LABELS[self])


STATE_LABELS = {StockState.AGREES: N_("Agrees"), StockState.DIFFERS: N_("Closing differs"),
                StockState.NOT_REPORTED: N_("Not reported")}


@dataclass(frozen=True)
class StockCheck:
    opening: int | None  # None: neither last month's closing nor this month's report is known
    received: int  # shipped less returned, in units
    sold: int | None  # None: not reported
    closing: int | None
    state: StockState

    @property
    def expected_closing(self) -> int | None:
        if self.opening is None or self.sold is None:
            return None
        return self.opening + self.received - self.sold

    @property
    def gap(self) -> int | None:
        """The reported closing less opening + received − sold; None when there is nothing to compare."""
        e = self.expected_closing
        return None if e is None or self.closing is None else self.closing - e


def check_month(last_closing: int | None, report: StockFigures | None, net_shipped: int) -> StockCheck:
    """One product's line of the sheet for one month."""
    if report is None:
        return StockCheck(last_closing, net_shipped, None, None, StockState.NOT_REPORTED)
    opening = report.opening if last_closing is None else last_closing
    line = StockCheck(opening, net_shipped, report.sold, report.closing, StockState.AGREES)
    if line.gap:
        return StockCheck(opening, net_shipped, report.sold, report.closing, StockState.DIFFERS)
    return line


@dataclass(frozen=True)
class Flags:
    """What is wrong with one distributor's month."""

    reported: bool  # any report for the month
    differing: int  # products whose closing differs
    missing: int  # products shipped or held that the month's report leaves out

    @property
    def flagged(self) -> bool:
        return not self.reported or bool(self.differing) or bool(self.missing)

    @property
    def text(self) -> str:
        """Why the distributor is flagged, in a clerk's words ("" when its month agrees)."""
        if not self.reported:
            return _("Not reported this month")
        parts = []
        if self.differing:
            parts.append(ngettext("{n} closing differs", "{n} closings differ", self.differing).format(
                n=self.differing))
        if self.missing:
            parts.append(ngettext("{n} product left out", "{n} products left out", self.missing).format(
                n=self.missing))
        return join_list(parts)


def flags_of(lines: list[StockCheck], reported: bool) -> Flags:
    """A distributor who reported nothing for the month is flagged once for that, not per product."""
    if not reported:
        return Flags(False, 0, 0)
    return Flags(True, sum(x.state is StockState.DIFFERS for x in lines),
                 sum(x.state is StockState.NOT_REPORTED for x in lines))
