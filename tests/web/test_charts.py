"""Server-drawn SVG bar charts: an image with a title and a description, bars scaled to the
largest value, each bar's number in text, labels escaped."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from akrim.web.charts import BAR_AREA, Bar, bar_chart

SVG = "{http://www.w3.org/2000/svg}"


def parse(chart: str) -> ET.Element:
    return ET.fromstring(chart)


def test_an_image_with_its_title_and_description() -> None:
    svg = parse(bar_chart("c1", "Entries per centre", "Bar chart of entries",
                          ["Entries"], [Bar("Oslo", (4,))]))
    assert svg.get("role") == "img" and svg.get("aria-labelledby") == "c1-title c1-desc"
    assert svg.find(f"{SVG}title").text == "Entries per centre"  # type: ignore[union-attr]
    assert svg.find(f"{SVG}desc").text == "Bar chart of entries"  # type: ignore[union-attr]


def test_bars_scale_to_the_largest_value_and_say_their_number() -> None:
    svg = parse(bar_chart("c", "t", "d", ["Entries"],
                          [Bar("Alta", (10,)), Bar("Bergen", (5,)), Bar("Bodø", (0,))]))
    bars = [float(r.get("width", "")) for r in svg.iter(f"{SVG}rect")
            if r.get("height") == "14"]
    assert bars == [BAR_AREA, BAR_AREA / 2, 0]
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts == ["Alta", "10", "Bergen", "5", "Bodø", "0"]


def test_two_series_have_a_legend_and_a_pattern_each() -> None:
    chart = bar_chart("c", "t", "d", ["Hits", "Listed"], [Bar("IND-01", (3, 1))])
    svg = parse(chart)
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts == ["Hits", "Listed", "IND-01", "3", "1"]
    fills = {r.get("fill") for r in svg.iter(f"{SVG}rect") if r.get("height") in ("14",)}
    assert fills == {"#0b4f9c", "url(#c-hatch)"}
    assert re.search(r'<pattern id="c-hatch"', chart)


def test_labels_are_escaped_and_no_values_is_no_error() -> None:
    svg = parse(bar_chart("c", "<b>t</b>", "d", ["n"], [Bar("A & <B>", (0,))]))
    assert next(t.text for t in svg.iter(f"{SVG}text")) == "A & <B>"
    assert parse(bar_chart("c", "t", "d", ["n"], [])).get("height") == "10"


def test_at_most_two_series() -> None:
    with pytest.raises(ValueError, match="at most 2 series"):
        bar_chart("c", "t", "d", ["a", "b", "c"], [Bar("x", (1, 2, 3))])
