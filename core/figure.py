"""A figure of the dashboard as plain data: what the window draws with QtCharts and the page
with reportlab, worked out once in ``core.store.dashboard``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    key: str
    title: str
    description: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float, ...]], ...]  # (name, one value a category)
    unit: str = ""  # "contacts", "moves", a currency code…
    note: str = ""  # a line under the chart ("Not enough buyers yet for a forecast: 212 of 500")
    stacked: bool = False  # the series add up to a whole (revenue by rung): one bar a category
    across: bool = False  # long category names (sources): bars drawn across, names down the side
    # Under a chart's bars, where "Jan 2026" does not fit and a chart hides it: "Jan", and the
    # axis's title says the span ("Jan 2026 – Dec 2026"). The table and the page keep the categories.
    axis_labels: tuple[str, ...] = ()
    axis_title: str = ""

    def rows(self) -> list[list[str]]:
        """The figure as a table: a category a row, a series a column (the numbers behind the chart)."""
        from core.text import format_count

        return [[category, *(format_count(values[i]) for _, values in self.series)]
                for i, category in enumerate(self.categories)]
