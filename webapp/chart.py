"""The 'quoted over time' chart of a speaker page, as bars in SVG coordinates."""
from __future__ import annotations

import re
from typing import Callable, Iterable

from indexer.results import TimelinePoint

from .pages import Bar, Chart

BAR_W, GAP, HEIGHT = 14, 2, 80


def timeline_chart(timeline: Iterable[TimelinePoint], link: Callable[[str, str], str] = lambda unit, p: "") -> Chart:
    """Bars for the chart: months with gaps filled (years when > 10 years); junk periods ignored.
    link(unit, period) gives each bar's link (the quotes of its month or year)."""
    counts: dict[str, int] = {}
    for t in timeline:
        period = str(t.period or "")
        if re.fullmatch(r"\d{4}-\d{2}", period):
            counts[period] = counts.get(period, 0) + int(t.count or 0)
    if not counts:
        return Chart((), "month", 0, 0, 0)
    # Wide enough for the first and last period labels even with one bar.
    lo, hi = min(counts), max(counts)
    periods = []
    y, m = int(lo[:4]), int(lo[5:])
    while f"{y:04d}-{m:02d}" <= hi:
        periods.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    unit = "month"
    series = [(p, counts.get(p, 0)) for p in periods]
    if len(periods) > 120:
        unit = "year"
        years: dict[str, int] = {}
        for p, n in series:
            years[p[:4]] = years.get(p[:4], 0) + n
        series = sorted(years.items())
    top = max(n for _, n in series) or 1
    bars = []
    for i, (p, n) in enumerate(series):
        h = round(HEIGHT * n / top) if n else 0
        bars.append(Bar(p, n, i * (BAR_W + GAP), HEIGHT - h, BAR_W, h, link(unit, p)))
    return Chart(tuple(bars), unit, top, max(120, len(series) * (BAR_W + GAP)), HEIGHT)
