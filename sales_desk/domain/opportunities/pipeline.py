"""Pipeline analysis [销售漏斗]: pure functions over the figures the service sums in SQL —
the funnel by stage with its weighted value, conversion from each stage to the next and per
rep, why deals were lost and to whom, and the average days spent in each stage.

Rates are exact Decimals (per cent, one place); money stays in minor units, the weighted
value rounded half-up once per stage.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sales_desk.domain.opportunities.stages import OPEN_STAGES, PROBABILITY, STAGES, Stage, weighted

_ONE_PLACE = Decimal("0.1")


def rate(part: int, whole: int) -> Decimal | None:
    """part / whole in per cent, one place; None when there is nothing to divide."""
    if whole <= 0:
        return None
    return (Decimal(part) * 100 / whole).quantize(_ONE_PLACE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class FunnelRow:
    stage: Stage
    count: int
    amount: int  # expected amounts, minor units
    probability: int  # per cent
    weighted: int
    stalled: int = 0


@dataclass(frozen=True)
class Funnel:
    rows: tuple[FunnelRow, ...]
    count: int
    amount: int
    weighted: int
    stalled: int


def funnel(open_by_stage: Mapping[Stage, tuple[int, int]],
           stalled_by_stage: Mapping[Stage, int] | None = None) -> Funnel:
    """The open opportunities per stage (count, amount), in stage order, each weighted by its
    stage's probability; every open stage shows, empty ones with zeros."""
    stalled_by_stage = stalled_by_stage or {}
    rows = tuple(FunnelRow(s, open_by_stage.get(s, (0, 0))[0], open_by_stage.get(s, (0, 0))[1], PROBABILITY[s],
                           weighted(open_by_stage.get(s, (0, 0))[1], s), stalled_by_stage.get(s, 0))
                 for s in OPEN_STAGES)
    return Funnel(rows, sum(r.count for r in rows), sum(r.amount for r in rows),
                  sum(r.weighted for r in rows), sum(r.stalled for r in rows))


@dataclass(frozen=True)
class StageConversion:
    stage: Stage
    reached: int  # opportunities that ever reached the stage
    went_on: int  # of those, how many reached the next one
    rate: Decimal | None
    average_days: Decimal | None  # days spent in the stage by those that left it
    left: int  # how many have left it (the average's count)


def stage_conversion(reached: Mapping[Stage, int], days: Mapping[Stage, tuple[int, int]]) -> list[StageConversion]:
    """Conversion from each stage to the next, and the average time in it [各阶段平均停留天数].
    `days`: per stage (how many left it, their total days in it)."""
    out = []
    for s in OPEN_STAGES:
        nxt = STAGES[s.position + 1]
        n, total = days.get(s, (0, 0))
        avg = (Decimal(total) / n).quantize(_ONE_PLACE, rounding=ROUND_HALF_UP) if n else None
        out.append(StageConversion(s, reached.get(s, 0), reached.get(nxt, 0),
                                   rate(reached.get(nxt, 0), reached.get(s, 0)), avg, n))
    return out


@dataclass(frozen=True)
class RepFigures:
    rep_id: int
    open: int
    open_amount: int
    won: int
    won_amount: int
    lost: int
    lost_amount: int

    @property
    def win_rate(self) -> Decimal | None:
        """Won of those closed."""
        return rate(self.won, self.won + self.lost)


def per_rep(rows: Iterable[tuple[int, str, int, int]]) -> list[RepFigures]:
    """rows: (rep id, outcome, count, amount) → one line per rep, by rep id."""
    acc: dict[int, dict[str, tuple[int, int]]] = {}
    for rep_id, outcome, count, amount in rows:
        acc.setdefault(rep_id, {})[outcome] = (int(count), int(amount or 0))
    out = []
    for rep_id in sorted(acc):
        d = acc[rep_id]
        o, w, lo = d.get("open", (0, 0)), d.get("won", (0, 0)), d.get("lost", (0, 0))
        out.append(RepFigures(rep_id, o[0], o[1], w[0], w[1], lo[0], lo[1]))
    return out


@dataclass(frozen=True)
class LossLine:
    key: str  # a loss reason code or a competitor's name
    count: int
    amount: int
    share: Decimal | None  # of all lost, per cent


def ranked(rows: Iterable[tuple[str, int, int]]) -> list[LossLine]:
    """(key, count, amount) ranked by count then amount, with each one's share of the count."""
    items = [(k or "", int(c), int(a or 0)) for k, c, a in rows]
    total = sum(c for _k, c, _a in items)
    items.sort(key=lambda x: (-x[1], -x[2], x[0]))
    return [LossLine(k, c, a, rate(c, total)) for k, c, a in items]
