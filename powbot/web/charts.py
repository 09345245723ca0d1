"""Small inline SVG charts, drawn on the server (no script, no external images). Each has
a text alternative; the pages also show the numbers in a table beside the chart."""

from __future__ import annotations

from markupsafe import Markup, escape

SPARK_W, SPARK_H = 96, 24


def sparkline(moods: list[int], label: str) -> Markup:
    """Moods 1..5, oldest first, as a line with a dot on the latest."""
    if not moods:
        return Markup("")
    step = SPARK_W / max(len(moods) - 1, 1)
    points = [(round(i * step, 1), _mood_y(mood)) for i, mood in enumerate(moods)]
    if len(points) == 1:
        points.append((float(SPARK_W), points[0][1]))
    path = " ".join(f"{x},{y}" for x, y in points)
    last_x, last_y = points[-1] if len(moods) > 1 else points[0]
    return Markup(
        f'<svg class="spark" width="{SPARK_W}" height="{SPARK_H}" '
        f'viewBox="0 0 {SPARK_W} {SPARK_H}" role="img" aria-label="{escape(label)}">'
        f"<title>{escape(label)}</title>"
        f'<polyline class="spark-line" fill="none" points="{path}"/>'
        f'<circle class="spark-dot" cx="{last_x}" cy="{last_y}" r="2.5"/></svg>'
    )


def _mood_y(mood: int) -> float:
    return round(SPARK_H - 3 - (min(max(mood, 1), 5) - 1) * (SPARK_H - 6) / 4, 1)


def bars(rows: list[tuple[str, float | None]], label: str, unit: str = "") -> Markup:
    """Horizontal bars; a row without a value (a group under 10) gets no bar."""
    shown = [value for _, value in rows if value is not None]
    top = max(shown) if shown else 1
    height = 22 * len(rows) + 4
    parts = [
        f'<svg class="bars" width="480" height="{height}" viewBox="0 0 480 {height}" '
        f'role="img" aria-label="{escape(label)}"><title>{escape(label)}</title>'
    ]
    for index, (name, value) in enumerate(rows):
        y = 4 + index * 22
        parts.append(f'<text class="bar-label" x="0" y="{y + 14}">{escape(name[:34])}</text>')
        if value is None:
            parts.append(f'<text class="bar-none" x="230" y="{y + 14}">&lt;10</text>')
            continue
        width = max(1, round(200 * value / top)) if top else 1
        parts.append(f'<rect class="bar" x="230" y="{y}" width="{width}" height="16"/>')
        parts.append(
            f'<text class="bar-value" x="{234 + width}" y="{y + 14}">'
            f"{escape(_number(value))}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
