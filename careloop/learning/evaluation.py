"""Before and after: did an action change its measure? (careloop.stats does the sums.)

The compared window runs from the link's baseline month to the latest complete month. The
month containing the effect date is the first "after" month. The SPC chart fixes its limits on
the "before" months, so a real change shows as special cause after the marker; the before /
after test (a rate ratio for counts, Welch for values, a difference in proportions) gives the
plain-English finding with its uncertainty, and says so when there is too little data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from careloop.learning.models import ImpactLink, Measure
from careloop.learning.series import (
    Series,
    get_provider,
    last_complete_month,
    month_floor,
    months_between,
    normalise,
)
from careloop.stats import (
    ImpactResult,
    SpcOptions,
    SpcResult,
    StatsInputError,
    count_impact,
    mean_impact,
    proportion_impact,
    xmr,
    xmr_rate,
)
from careloop.stats.formatting import fmt_p


def measure_series(measure: Measure, start: dt.date, end: dt.date) -> Series:
    """The measure's monthly values from `start`'s month to `end`'s month."""
    months = months_between(start, end)
    if not months:
        return Series((), ())
    if measure.source == Measure.Source.PROVIDED:
        provider = get_provider(measure.provider_key)
        if provider is None:
            return Series((), ())
        if provider.options:
            rows = provider.fn(months[0], months[-1], measure.provider_option)
        else:
            rows = provider.fn(months[0], months[-1])
    else:
        rows = [
            (p.period, p.value, p.denominator)
            for p in measure.points.filter(period__gte=months[0], period__lte=months[-1])
        ]
    provided = measure.source == Measure.Source.PROVIDED
    return normalise(rows, months, measure.kind, zero_fill=provided)


def series_end(measure: Measure, today: dt.date | None = None) -> dt.date:
    """Provided series stop at the last complete month (the current one is partial);
    entered series at their latest value."""
    complete = last_complete_month(today)
    if measure.source == Measure.Source.PROVIDED:
        return complete
    latest = measure.points.order_by("-period").values_list("period", flat=True).first()
    return latest or complete


@dataclass
class Evaluation:
    link: ImpactLink
    series: Series
    effect_index: int
    result: ImpactResult | None = None
    spc: SpcResult | None = None
    problem: str = ""
    markers: list[tuple[int, str]] = field(default_factory=list)

    @property
    def finding(self) -> str:
        return self.result.summary if self.result else self.problem

    @property
    def concluded(self) -> bool:
        return bool(self.result and self.result.concluded)

    @property
    def improved(self) -> bool | None:
        return self.result.improvement if self.result else None

    @property
    def tag(self) -> tuple[str, str]:
        """(label, GOV.UK tag colour) for lists."""
        if not self.result or self.result.outcome == "too little data":
            return "Too little data", "grey"
        if not self.result.concluded:
            return "No clear change", "blue"
        if self.result.improvement is True:
            return "Improved", "green"
        if self.result.improvement is False:
            return "Worse", "red"
        return "Changed", "purple"

    @property
    def chart_id(self) -> str:
        return f"impact-{self.link.pk}"

    @property
    def months_before(self) -> int:
        return self.effect_index

    @property
    def months_after(self) -> int:
        return len(self.series) - self.effect_index

    @property
    def p_text(self) -> str:
        test = self.result.test if self.result else None
        return fmt_p(test.p_value) if test is not None else ""

    @property
    def first_period(self) -> str:
        return f"{self.series.months[0]:%B %Y}" if len(self.series) else ""

    @property
    def last_period(self) -> str:
        return f"{self.series.months[-1]:%B %Y}" if len(self.series) else ""


def intervention_text(title: str) -> str:
    """'Financial assessment training' -> 'financial assessment training' (not 'LGSCO…')."""
    if len(title) > 1 and title[0].isupper() and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def evaluate(link: ImpactLink, today: dt.date | None = None) -> Evaluation:
    measure, action = link.measure, link.action
    start, end = link.baseline_start, series_end(measure, today)
    effect_month = month_floor(link.effect_on)
    series = measure_series(measure, start, end)
    idx = sum(1 for m in series.months if m < effect_month)
    evaluation = Evaluation(link, series, idx)
    if not len(series):
        evaluation.problem = (
            f"{measure.name}: there are no figures from {start:%B %Y} to {end:%B %Y} yet, so "
            "careloop cannot judge the effect."
        )
        return evaluation
    if 0 < idx < len(series):
        evaluation.markers = [(idx, "Change took effect")]
    name, intervention = measure.name, intervention_text(action.title)
    direction = measure.direction
    values = list(series.values)
    try:
        if measure.kind == Measure.Kind.COUNT:
            evaluation.result = count_impact(
                values, idx, measure=name, intervention=intervention, direction=direction
            )
        elif measure.kind == Measure.Kind.VALUE:
            evaluation.result = mean_impact(
                values,
                idx,
                measure=name,
                intervention=intervention,
                direction=direction,
                unit=measure.unit,
            )
        else:
            evaluation.result = proportion_impact(
                values,
                list(series.denominators or ()),
                idx,
                measure=name,
                intervention=intervention,
                direction=direction,
            )
    except StatsInputError as error:
        evaluation.problem = f"{measure.name}: careloop cannot judge the effect ({error})"
    evaluation.spc = _chart(measure, series, idx)
    return evaluation


def _chart(measure: Measure, series: Series, idx: int) -> SpcResult | None:
    """XmR chart with limits fixed on the before months (when there are at least 2)."""
    options = SpcOptions(baseline_points=idx) if idx >= 2 else SpcOptions()
    try:
        if measure.kind == Measure.Kind.PROPORTION:
            return xmr_rate(
                list(series.values),
                list(series.denominators or ()),
                per=100,
                periods=list(series.months),
                direction=measure.direction,
                options=options,
            )
        return xmr(
            list(series.values),
            periods=list(series.months),
            direction=measure.direction,
            options=options,
        )
    except StatsInputError:
        return None
