"""The profile chart: one bar per domain, coloured green / orange / red."""

from __future__ import annotations

import io

COLORS = {"green": "#2e7d32", "orange": "#ef6c00", "red": "#c62828", "unknown": "#9e9e9e"}
LENGTH = {"green": 3, "orange": 2, "red": 1, "unknown": 0.3}


def domain_chart(title: str, rows: list[tuple[str, str]], legend: list[str]) -> bytes:
    """A PNG. rows: (domain label, colour); legend: labels for green, orange, red."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    from matplotlib.patches import Patch

    labels = [label for label, _ in reversed(rows)]
    colors = [color for _, color in reversed(rows)]
    figure, axes = plt.subplots(figsize=(6, 0.42 * len(rows) + 1.4), dpi=110)
    try:
        axes.barh(labels, [LENGTH[c] for c in colors], color=[COLORS[c] for c in colors])
        axes.set_xlim(0, 3)
        axes.set_xticks([])
        axes.set_title(title, fontsize=12, loc="left")
        for side in ("top", "right", "bottom"):
            axes.spines[side].set_visible(False)
        handles = [Patch(color=COLORS[c]) for c in ("green", "orange", "red")]
        figure.legend(handles, legend, loc="lower center", ncol=3, frameon=False, fontsize=9)
        figure.tight_layout(rect=(0, 0.06, 1, 1))
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        return buffer.getvalue()
    finally:
        plt.close(figure)
