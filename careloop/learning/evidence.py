"""Evidence facts for the CQC evidence library (the assurance area gathers them): reviews and
the actions that followed (with their measured impact), and the Ombudsman's figures.

Restricted reviews are described without their detail: the library is read more widely."""

from __future__ import annotations

import datetime as dt

from careloop.core.areas import EvidenceFact
from careloop.learning.evaluation import evaluate
from careloop.learning.models import Action, ImpactLink, LgscoYear, Review

KIND_STATEMENTS: dict[str, tuple[int, ...]] = {
    Review.Kind.SAR: (7, 9),
    Review.Kind.LGSCO: (8, 9),
    Review.Kind.INSPECTION: (5, 9),
    Review.Kind.PEER: (8, 9),
    Review.Kind.AUDIT: (8, 9),
    Review.Kind.INCIDENT: (6, 9),
    Review.Kind.PFD: (6, 9),
    Review.Kind.CANDOUR: (6, 8),
    Review.Kind.COMPLAINT: (8, 9),
}


def _review_fact(review: Review) -> EvidenceFact:
    actions = Action.objects.filter(recommendation__review=review)
    closed = actions.filter(status=Action.Status.CLOSED).count()
    total = actions.count()
    recs = review.recommendations.count()
    if review.is_restricted:
        title = f"{review.get_kind_display()} {review.reference}"
        summary = (
            f"A {review.get_kind_display().lower()} made {recs} recommendation"
            f"{'' if recs == 1 else 's'}; {closed} of {total} actions are closed and signed off."
        )
    else:
        title = review.title
        summary = (
            f"{review.get_kind_display()}: {recs} recommendation{'' if recs == 1 else 's'}, "
            f"{total} action{'' if total == 1 else 's'}, {closed} closed and signed off. "
            f"{review.summary}"
        ).strip()
    return EvidenceFact(
        key=f"learning:review:{review.pk}",
        title=title,
        summary=summary,
        date=review.reported_on or review.started_on,
        source="Learn and act: learning reviews",
        url=review.get_absolute_url(),
        statements=KIND_STATEMENTS.get(review.kind, (9,)),
        category="processes",
        figures={"recommendations": recs, "actions": total, "actions_closed": closed},
    )


def _impact_fact(link: ImpactLink) -> EvidenceFact | None:
    result = evaluate(link)
    impact = result.result
    if impact is None or not result.concluded:
        return None
    action = link.action
    test = impact.test
    figures: dict[str, float] = {
        "before_periods": impact.periods_first,
        "after_periods": impact.periods_second,
    }
    for name in ("ratio", "ci_low", "ci_high", "rate_first", "rate_second", "difference"):
        value = getattr(test, name, None)
        if value is not None:
            figures[name] = round(float(value), 3)
    return EvidenceFact(
        key=f"learning:impact:{link.pk}",
        title=f"Impact of {action.title}",
        summary=result.finding,
        date=link.effect_on,
        source="Learn and act: measured impact",
        url=link.get_absolute_url(),
        statements=(9,),
        category="outcomes",
        figures=figures,
    )


def _lgsco_fact(year: LgscoYear) -> EvidenceFact:
    rate = year.upheld_rate
    parts = [
        f"{year.complaints_made} complaints were made to the Local Government and Social Care "
        f"Ombudsman in {year.label}, of which {year.upheld} were upheld"
    ]
    if rate is not None:
        parts.append(f"the upheld rate was {rate}%")
        if year.similar_upheld_rate is not None:
            parts.append(f"against {year.similar_upheld_rate}% for similar councils")
    if year.compliance_rate is not None:
        parts.append(f"compliance with the Ombudsman's recommendations was {year.compliance_rate}%")
    return EvidenceFact(
        key=f"learning:lgsco:{year.label}",
        title=f"Ombudsman complaints {year.label}",
        summary="; ".join(parts) + ".",
        date=dt.date(year.year_start + 1, 3, 31),
        source="Learn and act: Ombudsman tracker",
        url="/learning/ombudsman/figures/",
        statements=(8, 9),
        category="outcomes",
        figures={
            "complaints_made": year.complaints_made,
            "decided": year.decided,
            "detailed_investigations": year.detailed_investigations,
            "upheld": year.upheld,
            "upheld_rate": float(rate) if rate is not None else None,
            "compliance_rate": float(year.compliance_rate)
            if year.compliance_rate is not None
            else None,
            "similar_upheld_rate": float(year.similar_upheld_rate)
            if year.similar_upheld_rate is not None
            else None,
        },
    )


def facts() -> list[EvidenceFact]:
    out = [_review_fact(r) for r in Review.objects.prefetch_related("recommendations")]
    links = ImpactLink.objects.select_related("action", "measure").filter(
        action__is_restricted=False
    )
    out += [fact for link in links if (fact := _impact_fact(link))]
    out += [_lgsco_fact(year) for year in LgscoYear.objects.all()]
    return out
