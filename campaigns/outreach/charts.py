"""The daily views chart as plain SVG geometry (no JavaScript); the template draws it next
to a table of the same numbers."""

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join


@dataclass(frozen=True)
class DayBar:
    day: object
    value: int
    x: float
    y: float
    width: float
    height: float


def daily_bars(points, *, width=720, height=180, pad_left=44, pad_bottom=22, pad_top=8):
    """Vertical bars of [(date, count)], on a scale from 0 to the largest count, with four
    gridlines and the first and last day labelled. None when there is no point."""
    if not points:
        return None
    top = max(value for _day, value in points) or 1
    span_x = width - pad_left - 4
    span_y = height - pad_bottom - pad_top
    step = span_x / len(points)
    bar_width = max(step * 0.8, 0.5)
    bars = [
        DayBar(
            day=day, value=value, x=round(pad_left + i * step, 2), y=round(pad_top + span_y - value * span_y / top, 2),
            width=round(bar_width, 2), height=round(value * span_y / top, 2),
        )
        for i, (day, value) in enumerate(points)
    ]
    grid = [(round(pad_top + span_y - span_y * k / 4, 2), round(top * k / 4)) for k in range(5)]
    return {
        "bars": bars, "width": width, "height": height, "pad_left": pad_left, "grid": grid,
        "baseline": pad_top + span_y, "first": points[0][0], "last": points[-1][0], "label_y": height - 6,
        "right": width - 4,
    }


def daily_svg(chart, title):
    """The daily bars as one SVG element (HTML-safe). Built here rather than in a template
    loop: a year is 365 bars and 365 table rows, which Django's template engine renders ten
    times slower than format_html does."""
    if chart is None:
        return ""
    grid = format_html_join(
        "", '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#eaecf0"/><text x="{}" y="{}" font-size="10" text-anchor="end">{}</text>',
        ((chart["pad_left"], chart["right"], y, y, chart["pad_left"] - 4, y, value) for y, value in chart["grid"]),
    )
    bars = format_html_join(
        "", '<rect x="{}" y="{}" width="{}" height="{}" fill="#2e90fa"><title>{}: {}</title></rect>',
        ((b.x, b.y, b.width, b.height, b.day.strftime("%d/%m/%Y"), b.value) for b in chart["bars"]),
    )
    return format_html(
        '<svg width="{}" height="{}" role="img" aria-labelledby="daily-title" aria-describedby="daily-table" '
        'style="max-width:100%"><title id="daily-title">{}</title>{}{}'
        '<text x="{}" y="{}" font-size="10">{}</text><text x="{}" y="{}" font-size="10" text-anchor="end">{}</text></svg>',
        chart["width"], chart["height"], title, grid, bars,
        chart["pad_left"], chart["label_y"], chart["first"].strftime("%d/%m/%Y"),
        chart["right"], chart["label_y"], chart["last"].strftime("%d/%m/%Y"),
    )


def daily_rows(daily):
    """The rows of the chart's data table (HTML-safe): date, views, visits, registrations."""
    return format_html_join(
        "", '<tr><td>{}</td><td class="num">{}</td><td class="num">{}</td><td class="num">{}</td></tr>',
        ((day.strftime("%d/%m/%Y"), views, visits, regs) for day, views, visits, regs in daily),
    )
