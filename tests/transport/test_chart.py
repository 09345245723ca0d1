"""The profile chart: drawn as a palette PNG (cheaper to encode), it shows exactly the pixels
of the same chart drawn in RGB with Pillow's own text drawing."""

from __future__ import annotations

import io

from PIL import Image, ImageChops, ImageDraw

from powbot.bot.chart import COLORS, LABEL_WIDTH, LENGTH, MARGIN, ROW, WIDTH, _font, draw_chart
from powbot.domain.messages import Chart


def _drawn_in_rgb(chart: Chart) -> Image.Image:
    """The chart as it was drawn before the palette version (RGB, ImageDraw.text)."""
    height = MARGIN * 2 + 44 + ROW * len(chart.rows) + 40
    image = Image.new("RGB", (WIDTH, height), "white")
    draw = ImageDraw.Draw(image)
    draw.text((MARGIN, MARGIN), chart.title, fill="#212121", font=_font(22))
    top = MARGIN + 44
    for index, (label, color) in enumerate(chart.rows):
        y = top + index * ROW
        draw.text((MARGIN, y + 6), label, fill="#212121", font=_font(17))
        length = max(4, int((WIDTH - MARGIN * 2 - LABEL_WIDTH) * LENGTH[color]))
        box = (MARGIN + LABEL_WIDTH, y + 5, MARGIN + LABEL_WIDTH + length, y + ROW - 5)
        draw.rectangle(box, fill=COLORS[color])
    x, y = MARGIN, top + ROW * len(chart.rows) + 12
    for color, text in zip(("green", "orange", "red"), chart.legend, strict=True):
        draw.rectangle((x, y + 4, x + 16, y + 20), fill=COLORS[color])
        draw.text((x + 22, y + 2), text, fill="#424242", font=_font(17))
        x += 40 + int(draw.textlength(text, font=_font(17))) + 12
    return image


def test_the_chart_shows_the_same_pixels_as_drawn_in_rgb() -> None:
    rows = tuple((f"Werk en ervaring {n} ëé", color) for n, color in enumerate(COLORS))
    for chart in (
        Chart("Jouw profiel: werkfit", rows * 3, ("Gaat goed", "Let op", "Hulp nodig")),
        Chart("Your profile", (("Ąę ţ — “quotes” ✓", "orange"),), ("good", "watch", "help")),
        Chart("", (("", "unknown"),), ("", " ", "x")),
    ):
        png = draw_chart(chart)
        assert png.startswith(b"\x89PNG")
        drawn = Image.open(io.BytesIO(png)).convert("RGB")
        expected = _drawn_in_rgb(chart)
        assert drawn.size == expected.size
        assert ImageChops.difference(drawn, expected).getbbox() is None


def test_a_chart_with_other_colours_is_drawn_anew_not_taken_from_the_kept_ones() -> None:
    """Charts are kept by their labels and colours: a profile that changed shows its new
    colours, the same profile gets the same picture."""
    legend = ("Gaat goed", "Let op", "Hulp nodig")
    before = Chart("Jouw profiel", (("Gezondheid", "red"), ("Werk", "green")), legend)
    after = Chart("Jouw profiel", (("Gezondheid", "green"), ("Werk", "green")), legend)
    first, changed = draw_chart(before), draw_chart(after)
    assert changed != first
    shown = Image.open(io.BytesIO(changed)).convert("RGB")
    assert ImageChops.difference(shown, _drawn_in_rgb(after)).getbbox() is None
    same = Chart("Jouw profiel", (("Gezondheid", "red"), ("Werk", "green")), legend)
    assert draw_chart(same) == first
