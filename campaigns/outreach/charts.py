"""The daily views chart as plain SVG geometry (no JavaScript); the template draws it next
to a table of the same numbers."""

from dataclasses import dataclass


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
