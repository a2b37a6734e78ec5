"""Horizontal bar charts as inline SVG, drawn on the server: no script, no library, readable
when printed. A chart is an image with a title and a one-sentence description for screen
readers; the page puts the table of the same numbers beside it (the text alternative).

Each series has its own fill pattern as well as its own colour, and every bar carries its
number in text, so nothing is said by colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

SERIES_STYLES = ("#0b4f9c", "url(#{id}-hatch)")
"""Dark blue (8:1 on white), then the same blue hatched: graphics need 3:1 (WCAG 1.4.11)."""

LABEL_WIDTH, BAR_AREA, VALUE_WIDTH = 190, 300, 50
BAR_HEIGHT, GAP, LEGEND_LINE = 16, 10, 22


@dataclass(frozen=True)
class Bar:
    label: str
    values: tuple[int, ...]
    """One value per series."""


def bar_chart(chart_id: str, title: str, description: str, series: Sequence[str],
              bars: Sequence[Bar], written: Callable[[int], str] = str) -> Markup:
    """An SVG chart of `bars`, one bar per series in each group, scaled to the largest value,
    each bar's value `written` beside it; `chart_id` (unique on the page) prefixes the ids the
    chart's parts refer to."""
    if len(series) > len(SERIES_STYLES):
        raise ValueError(f"at most {len(SERIES_STYLES)} series, got {len(series)}")
    largest = max((v for bar in bars for v in bar.values), default=0) or 1
    legend = LEGEND_LINE * len(series) if len(series) > 1 else 0
    group = len(series) * BAR_HEIGHT + GAP
    width, height = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH, legend + group * len(bars) + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f'<defs><pattern id="{chart_id}-hatch" width="6" height="6" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#fff"/>'
        f'<rect width="3" height="6" fill="{SERIES_STYLES[0]}"/></pattern></defs>']
    for n, name in enumerate(series if legend else ()):
        y = 4 + n * LEGEND_LINE
        parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="14" height="14" '
                     f'fill="{_fill(n, chart_id)}" stroke="{SERIES_STYLES[0]}"/>'
                     f'<text x="{LABEL_WIDTH + 20}" y="{y + 12}">{escape(name)}</text>')
    for row, bar in enumerate(bars):
        top = legend + row * group + GAP
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{top + group / 2}" text-anchor="end" '
                     f'dominant-baseline="middle">{escape(bar.label)}</text>')
        for n, value in enumerate(bar.values):
            y, length = top + n * BAR_HEIGHT, round(BAR_AREA * value / largest, 1)
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length}" '
                         f'height="{BAR_HEIGHT - 2}" fill="{_fill(n, chart_id)}" '
                         f'stroke="{SERIES_STYLES[0]}"/>'
                         f'<text x="{LABEL_WIDTH + length + 6}" y="{y + BAR_HEIGHT / 2}" '
                         f'dominant-baseline="middle">{escape(written(value))}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _fill(series: int, chart_id: str) -> str:
    return SERIES_STYLES[series].format(id=chart_id)
