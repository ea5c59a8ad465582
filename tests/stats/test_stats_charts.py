"""Accessible SVG for XmR charts, and the data-table alternative."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest

from careloop.stats import (
    TABLE_HEADERS,
    ChartMarker,
    Rebase,
    SpcOptions,
    chart_table,
    xmr,
    xmr_svg,
)

NS = {"svg": "http://www.w3.org/2000/svg"}
SVG = "{http://www.w3.org/2000/svg}"


def months(n: int) -> list[date]:
    return [date(2023 + m // 12, m % 12 + 1, 1) for m in range(n)]


@pytest.fixture
def result():
    # 12 baseline points (mean 11, limits 5.68 and 16.32), then a high outlier and a
    # falling run below the mean; lower is better.
    values = [12, 10] * 6 + [17, 10.5, 10.4, 10.3, 10.2, 10.1, 10, 9.9]
    return xmr(
        values,
        periods=months(len(values)),
        direction="lower",
        target=8,
        options=SpcOptions(baseline_points=12),
    )


def parse(svg_text: str) -> ET.Element:
    return ET.fromstring(svg_text)  # noqa: S314 (our own output, not untrusted input)


def by_class(root: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in root.iter() if name in (e.get("class") or "").split()]


def contrast(hex_colour: str) -> float:
    """WCAG contrast ratio of a colour against white."""

    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (lum + 0.05)


def test_svg_is_an_accessible_image_with_title_and_description(result):
    root = parse(xmr_svg(result, title="Complaints about charging", id_prefix="chg"))
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chg-title chg-desc"
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    assert title.get("id") == "chg-title" and title.text == "Complaints about charging"
    assert desc.get("id") == "chg-desc"
    assert list(root)[:2] == [title, desc]  # first children, as assistive technology expects
    assert "Mean 11.0; process limits 5.7 to 16.3" in desc.text
    assert "Latest value 9.9 (Aug 2024)" in desc.text
    assert "improving nature" in desc.text
    assert "target of 8" in desc.text


def test_svg_scales_by_viewbox(result):
    root = parse(xmr_svg(result, title="t", width=640, height=320))
    assert root.get("viewBox") == "0 0 640 320"
    assert root.get("width") is None and root.get("height") is None


def test_one_marker_per_point_shaped_by_variation(result):
    root = parse(xmr_svg(result, title="t"))
    points = by_class(root, "spc-point")
    assert len(points) == len(result.points) == 20
    concern = by_class(root, "spc-point--concern")
    improvement = by_class(root, "spc-point--improvement")
    common = by_class(root, "spc-point--common-cause")
    assert len(concern) == 1 and concern[0].tag == f"{SVG}rect"  # the 17: a square
    assert concern[0].get("data-period") == "Jan 2024"
    assert {e.tag for e in improvement} == {f"{SVG}polygon"}  # diamonds
    assert {e.tag for e in common} == {f"{SVG}circle"}
    assert len(concern) + len(improvement) + len(common) == 20
    # Colours from the GOV.UK palette, and every marker outlined for non-text contrast.
    assert concern[0].get("fill") == "#f47738"
    assert improvement[0].get("fill") == "#1d70b8"
    assert common[0].get("fill") == "#505a5f"
    assert all(p.get("stroke") == "#0b0c0c" for p in points)


def test_lines_markers_and_target(result):
    svg_text = xmr_svg(
        result,
        title="t",
        markers=[ChartMarker(12, "Training began")],
        show_near_limits=True,
    )
    root = parse(svg_text)
    assert len(by_class(root, "spc-mean")) == 1
    assert len(by_class(root, "spc-limit")) == 2
    assert len(by_class(root, "spc-near-limit")) == 2
    assert len(by_class(root, "spc-target")) == 1
    label = by_class(root, "spc-intervention-label")
    assert [e.text for e in label] == ["Training began"]
    assert len(by_class(root, "spc-intervention")) == 1
    desc = root.find("svg:desc", NS).text
    assert "Marked on the chart: Training began (from Jan 2024)." in desc
    without = parse(xmr_svg(result, title="t"))
    assert by_class(without, "spc-near-limit") == []


def test_rebase_markers_and_limits_per_segment():
    values = [10, 12] * 6 + [20, 22] * 6
    res = xmr(values, periods=months(24), rebases=[Rebase(12, "New duty team")])
    root = parse(xmr_svg(res, title="t"))
    assert len(by_class(root, "spc-rebase")) == 1
    assert [e.text for e in by_class(root, "spc-rebase-label")] == ["Rebased"]
    assert len(by_class(root, "spc-mean")) == 2
    assert len(by_class(root, "spc-limit")) == 4
    assert "Limits recalculated from Jan 2024: New duty team." in root.find("svg:desc", NS).text


def test_axis_labels_show_months(result):
    root = parse(xmr_svg(result, title="t", y_label="Complaints a month", x_label="Month"))
    texts = [e.text for e in root.iter(f"{SVG}text")]
    assert "Jan 2023" in texts
    assert "Complaints a month" in texts and "Month" in texts
    assert any(t.startswith("Upper limit 16.3") for t in texts)
    assert "Target 8" in texts


def test_all_text_has_enough_contrast(result):
    root = parse(xmr_svg(result, title="t", markers=[ChartMarker(3, "Pilot")]))
    fills = {e.get("fill") for e in root.iter(f"{SVG}text")}
    assert fills  # there is text
    assert all(contrast(f) >= 4.5 for f in fills), fills


def test_text_is_escaped():
    res = xmr([1, 2, 3], periods=["<a>", "b & c", "d"])
    root = parse(xmr_svg(res, title='Complaints "A & B" <2024>'))
    assert root.find("svg:title", NS).text == 'Complaints "A & B" <2024>'


@pytest.mark.parametrize("values", [[5], [5, 6]])
def test_tiny_series_render(values):
    res = xmr(values)
    root = parse(xmr_svg(res, title="Tiny"))
    assert len(by_class(root, "spc-point")) == len(values)
    if len(values) == 1:
        assert "too few points" in root.find("svg:desc", NS).text
        assert by_class(root, "spc-limit") == []


def test_chart_table_rows(result):
    rows = chart_table(result)
    assert len(rows) == 20
    assert TABLE_HEADERS == (
        "Period",
        "Value",
        "Mean",
        "Lower limit",
        "Upper limit",
        "Variation",
        "Rules",
    )
    first, outlier = rows[0], rows[12]
    assert (first.period, first.value, first.mean, first.lower, first.upper) == (
        "Jan 2023",
        "12",
        "11.0",
        "5.7",
        "16.3",
    )
    assert first.variation == "Common cause" and first.rules == "none"
    assert outlier.value == "17" and outlier.variation == "Concern"
    # 17 is above the upper limit and starts the fall 17, 10.5, 10.4, ... 9.9 (9 points)
    assert outlier.rules == "above the upper process limit; run of 7 or more falling points"
    last = rows[-1]
    assert last.variation == "Improvement"
    assert "run of 7 or more points below the mean" in last.rules


def test_chart_table_without_limits():
    (row,) = chart_table(xmr([4]))
    assert row.lower == row.upper == "not calculated"
    assert row.variation == "No limits (too few points)"


def test_flat_series_is_centred_not_on_the_axis():
    root = parse(xmr_svg(xmr([5, 5, 5]), title="Flat"))
    ys = {float(c.get("cy")) for c in by_class(root, "spc-point")}
    assert len(ys) == 1
    tick_values = [float(e.text) for e in root.iter(f"{SVG}text") if e.get("text-anchor") == "end"]
    assert min(tick_values) < 5 < max(tick_values)


def test_same_input_gives_the_same_svg(result):
    marker = [ChartMarker(12, "Training began")]
    assert xmr_svg(result, title="t", markers=marker) == xmr_svg(result, title="t", markers=marker)


def test_description_mentions_trial_limits_and_no_special_cause():
    from careloop.stats import describe_spc

    text = describe_spc(xmr([4, 6, 5, 5, 4, 6]), "Referrals")
    assert text.startswith("Referrals: 6 points, 1 to 6. Mean 5.0; process limits ")
    assert "(trial limits)" in text
    assert "No points show special cause variation." in text
    assert "common cause variation (no significant change)" in text
