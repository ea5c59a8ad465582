"""Evidence for the CQC evidence library: what people's feedback is about, the changes that are
real, and how the themes are found and checked. Counts leave out restricted feedback."""

from __future__ import annotations

from django.db.models import Sum
from django.urls import reverse

from careloop.core.areas import EvidenceFact
from careloop.themes import series as S
from careloop.themes.models import ModelVersion, MonthlyCount, Signal, Theme
from careloop.themes.selectors import Filters, review_progress


def facts() -> list[EvidenceFact]:
    out = []
    end = S.last_complete_month()
    months = Filters(end=end, months=12).month_list()
    rows = dict(
        MonthlyCount.objects.filter(
            dim="all", restricted=False, month__gte=months[0], month__lte=months[-1]
        )
        .values_list("theme")
        .annotate(n=Sum("count"))
        .order_by()
    )
    total = rows.pop(0, 0)
    if total:
        names = dict(Theme.objects.values_list("pk", "name"))
        top = sorted(((n, names.get(t, "?")) for t, n in rows.items()), reverse=True)[:5]
        period = f"{months[0]:%B %Y} to {end:%B %Y}"
        out.append(
            EvidenceFact(
                key=f"themes:top:{end:%Y-%m}",
                title=f"What feedback was about, {period}",
                summary=(
                    f"{total} feedback items were themed. The most common themes: "
                    + "; ".join(f"{name} ({n})" for n, name in top)
                    + "."
                ),
                date=end,
                source="careloop themes",
                url=reverse("themes:index"),
                statements=(3, 9),
                category="people",
                figures={"total": total, "top": {name: n for n, name in top}},
            )
        )
    signals = list(Signal.objects.filter(month=end, with_restricted=False).order_by("label"))
    if signals:
        concerns = [s.label for s in signals if s.variation == "concern"]
        improvements = [s.label for s in signals if s.variation == "improvement"]
        parts = []
        if concerns:
            parts.append("Concerns: " + "; ".join(concerns) + ".")
        if improvements:
            parts.append("Improvements: " + "; ".join(improvements) + ".")
        out.append(
            EvidenceFact(
                key=f"themes:signals:{end:%Y-%m}",
                title=f"Theme signals (Making Data Count), {end:%B %Y}",
                summary=(
                    "Monthly theme counts are watched with XmR charts and the NHS Making Data "
                    f"Count rules. {' '.join(parts) or 'Special cause with no better direction.'}"
                ),
                date=end,
                source="careloop themes",
                url=reverse("themes:signals"),
                statements=(8, 9),
                category="processes",
                figures={"concerns": len(concerns), "improvements": len(improvements)},
            )
        )
    version = ModelVersion.active()
    if version is not None:
        progress = review_progress()
        quality = (
            f" Checked against people's reviews: macro-F1 {version.macro_f1:.2f}."
            if version.macro_f1 is not None
            else ""
        )
        out.append(
            EvidenceFact(
                key="themes:classifier",
                title="How feedback themes are found and checked",
                summary=(
                    f"Every piece of feedback is themed automatically by {version} and shown as "
                    f"suggested until a person confirms it; {progress['reviewed']} of "
                    f"{progress['classified']} items have been reviewed by people.{quality}"
                ),
                date=(version.activated_at or version.created_at).date(),
                source="careloop themes",
                url=reverse("themes:models"),
                statements=(9,),
                category="processes",
                figures={
                    "version": version.number,
                    "reviewed": progress["reviewed"],
                    "classified": progress["classified"],
                    "macro_f1": version.macro_f1,
                },
            )
        )
    return out
