"""Server-side SVG charts as plain geometry for templates (no JavaScript, no external
library). Every chart is drawn next to a table of the same numbers for screen readers."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None
    target: Decimal | None
    y: int
    width: float
    target_x: float | None
    status: str


def bar_chart(values, *, width=560, label_width=230, bar_height=22, gap=14):
    """Horizontal bars (0–100%) of IndicatorValues with a tick at each target."""
    span = width - label_width - 50
    bars = []
    for i, v in enumerate(values):
        value = v.value or Decimal(0)
        bars.append(
            Bar(
                label=v.label,
                value=v.value,
                target=v.target,
                y=10 + i * (bar_height + gap),
                width=float(value) * span / 100,
                target_x=label_width + float(v.target) * span / 100 if v.target is not None else None,
                status=v.status,
            )
        )
    height = 20 + len(bars) * (bar_height + gap)
    return {
        "bars": bars,
        "width": width,
        "height": height,
        "label_width": label_width,
        "span": span,
        "bar_height": bar_height,
        "axis": [(label_width + span * t / 100, t) for t in (0, 25, 50, 75, 100)],
    }


def line_chart(points, *, width=260, height=70, pad=6):
    """A sparkline of [(date, value)] on a 0–100% scale; None values are skipped."""
    points = [(d, v) for d, v in points if v is not None]
    if not points:
        return None
    n = len(points)
    step = (width - 2 * pad) / max(1, n - 1)
    coords = [(pad + i * step, height - pad - float(v) * (height - 2 * pad) / 100) for i, (_, v) in enumerate(points)]
    return {
        "width": width,
        "height": height,
        "path": " ".join(f"{x:.1f},{y:.1f}" for x, y in coords),
        "last": coords[-1],
        "points": points,
    }
