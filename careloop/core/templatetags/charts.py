"""{% spc_chart result title="…" %}: an XmR chart as accessible SVG with its data table."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.text import slugify

from careloop.stats.charts import TABLE_HEADERS, ChartMarker, chart_table, xmr_svg
from careloop.stats.spc_text import describe_spc

register = template.Library()


@register.inclusion_tag("components/spc_chart.html")
def spc_chart(result, title: str, y_label: str = "", markers=(), decimals: int = 1, chart_id=""):
    """`markers` are (index, label) pairs, e.g. the month an action took effect."""
    chart_id = chart_id or slugify(title)[:40] or "chart"
    svg = xmr_svg(
        result,
        title=title,
        y_label=y_label,
        markers=tuple(ChartMarker(i, label) for i, label in markers),
        id_prefix=chart_id,
        decimals=decimals,
    )
    return {
        "svg": mark_safe(svg),  # noqa: S308 - built by careloop.stats.charts, which escapes text
        "title": title,
        "chart_id": chart_id,
        "summary": describe_spc(result, title, decimals=decimals),
        "headers": TABLE_HEADERS,
        "rows": chart_table(result, decimals=decimals),
    }
