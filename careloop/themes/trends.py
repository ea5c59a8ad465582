"""Trends and signals: XmR charts (careloop.stats) of theme series, and the series whose
latest month shows special-cause variation.

The charts use each series' settings (improvement direction, run lengths, a fixed baseline)
and its rebases, each with its recorded reason. Signals are worked out in the background
(after classification, and nightly) for every theme overall and by kind, service and
provider, for two audiences: with restricted feedback and without. For each of the last
`HISTORY` months the chart is read as it stood at the end of that month, so the page can say
when a signal first appeared.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from careloop.stats import Rebase as StatsRebase
from careloop.stats import SpcOptions, SpcResult, StatsInputError, Variation, xmr, xmr_rate
from careloop.stats.spc_text import point_rule_labels
from careloop.themes import series as S
from careloop.themes.models import Direction, Rebase, SeriesSettings, Signal
from careloop.themes.series import Labeller, SeriesKey

HISTORY = 12  # months of signal history kept
MIN_MONTHS = 12  # fewer points than this: no signals (trial limits only)
MIN_MEAN = 2.0  # a series averaging fewer items a month than this is not watched


def settings_for(key: SeriesKey, labeller: Labeller | None = None) -> SeriesSettings:
    """The saved settings of a series, or its defaults (unsaved)."""
    key = key.without_rate()
    found = SeriesSettings.objects.filter(key=str(key)).first()
    if found:
        return found
    direction = (labeller or Labeller()).direction(key)
    return SeriesSettings(key=str(key), direction=direction)


def options(settings: SeriesSettings) -> SpcOptions:
    return SpcOptions(
        trend_length=settings.trend_length,
        shift_length=settings.shift_length,
        baseline_points=settings.baseline_points,
    )


def stats_rebases(rebases, months: list[dt.date]) -> tuple[list[StatsRebase], list[str]]:
    """Rebases that fall inside the charted months, as careloop.stats wants them."""
    index = {m: i for i, m in enumerate(months)}
    used, notes = [], []
    for rebase in rebases:
        i = index.get(rebase.month)
        if i is None or i == 0:
            notes.append(f"The new baseline from {rebase.month:%B %Y} is outside the months shown.")
            continue
        used.append(StatsRebase(i, rebase.reason))
    return used, notes


@dataclass
class Chart:
    key: SeriesKey
    label: str
    months: list[dt.date]
    settings: SeriesSettings
    rebases: list[Rebase]
    result: SpcResult | None = None
    counts: list[int] = field(default_factory=list)
    denominators: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def y_label(self) -> str:
        return "Per 100 feedback items" if self.key.rate else "Feedback items"


def chart(key: SeriesKey, *, with_restricted: bool, today: dt.date | None = None) -> Chart:
    """The XmR chart of one series over the charted months."""
    labeller = Labeller()
    months = S.window(today)
    settings = settings_for(key, labeller)
    rebases = list(Rebase.objects.filter(key=str(key.without_rate())))
    out = Chart(key, labeller.label(key), months, settings, rebases)
    if not months:
        out.error = "There is no feedback to chart yet."
        return out
    out.counts = S.counts(key.without_rate(), months, with_restricted=with_restricted)
    used, out.notes = stats_rebases(rebases, months)
    periods = list(months)
    try:
        if key.rate:
            out.denominators = S.counts(key.slice_key, months, with_restricted=with_restricted)
            keep = [i for i, d in enumerate(out.denominators) if d > 0]
            if len(keep) < len(months):
                out.notes.append("Months with no feedback at all in this slice are left out.")
            index = {old: new for new, old in enumerate(keep)}
            used = [StatsRebase(index[r.index], r.reason) for r in used if r.index in index]
            used = [r for r in used if r.index > 0]
            if not keep:
                out.error = "There is no feedback in this slice to work out a rate."
                return out
            out.result = xmr_rate(
                [out.counts[i] for i in keep],
                [out.denominators[i] for i in keep],
                per=100,
                periods=[periods[i] for i in keep],
                direction=settings.direction,
                rebases=used,
                options=options(settings),
            )
        else:
            out.result = xmr(
                out.counts,
                periods=periods,
                direction=settings.direction,
                rebases=used,
                options=options(settings),
            )
    except StatsInputError as error:
        out.error = str(error)
    return out


# --- Signals -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Found:
    key: SeriesKey
    month: dt.date
    with_restricted: bool
    variation: str
    side: int
    rules: str
    value: float
    mean: float


def _read(values: list[int], months, settings, rebases) -> SpcResult | None:
    used, _ = stats_rebases(rebases, months)
    try:
        return xmr(
            values,
            periods=months,
            direction=settings.direction,
            rebases=used,
            options=options(settings),
        )
    except StatsInputError:
        return None


def _first_end(n: int, history: int = HISTORY) -> int:
    """How many of `n` months the earliest reading of signals uses (its last month is the
    earliest month signals are kept for)."""
    return max(MIN_MONTHS, n - history)


def find_signals(
    *, with_restricted: bool, today: dt.date | None = None, history: int = HISTORY
) -> list[Found]:
    """Special cause in each of the last `history` months, each read as of that month."""
    months = S.window(today)
    if len(months) < MIN_MONTHS:
        return []
    labeller = Labeller()
    all_settings = {s.key: s for s in SeriesSettings.objects.all()}
    all_rebases: dict[str, list[Rebase]] = {}
    for rebase in Rebase.objects.all():
        all_rebases.setdefault(rebase.key, []).append(rebase)
    found = []
    every = S.many_counts(months, S.SIGNAL_DIMS, with_restricted=with_restricted)
    for key, values in every.items():
        too_small = sum(values) < MIN_MEAN * len(values)
        if too_small or (key.theme == 0 and key.dim == S.ALL):
            continue
        settings = all_settings.get(str(key)) or SeriesSettings(
            key=str(key), direction=labeller.direction(key)
        )
        rebases = all_rebases.get(str(key), [])
        for end in range(_first_end(len(months), history), len(months) + 1):
            result = _read(values[:end], months[:end], settings, rebases)
            if result is None or not result.latest.rules:
                continue
            point = result.latest
            if point.variation not in (
                Variation.IMPROVEMENT,
                Variation.CONCERN,
                Variation.NEITHER,
            ):
                continue
            found.append(
                Found(
                    key=key,
                    month=months[end - 1],
                    with_restricted=with_restricted,
                    variation=str(point.variation),
                    side=point.side,
                    rules="; ".join(point_rule_labels(point, result.options)),
                    value=point.value,
                    mean=point.mean,
                )
            )
    return found


@transaction.atomic
def signals_refresh(today: dt.date | None = None) -> int:
    """Work out the signals again; keeps when each was first seen and whether it was sent."""
    months = S.window(today)
    labeller = Labeller()
    fresh = [
        *find_signals(with_restricted=True, today=today),
        *find_signals(with_restricted=False, today=today),
    ]
    if not months:
        return 0
    start = months[_first_end(len(months)) - 1] if len(months) >= MIN_MONTHS else months[0]
    existing = {
        (s.key, s.month, s.with_restricted): s for s in Signal.objects.filter(month__gte=start)
    }
    seen = set()
    create, update = [], []
    for f in fresh:
        ident = (str(f.key), f.month, f.with_restricted)
        seen.add(ident)
        values = {
            "label": labeller.label(f.key),
            "theme_id": f.key.theme or None,
            "variation": f.variation,
            "side": f.side,
            "rules": f.rules[:300],
            "value": f.value,
            "mean": f.mean,
        }
        signal = existing.get(ident)
        if signal is None:
            create.append(
                Signal(key=str(f.key), month=f.month, with_restricted=f.with_restricted, **values)
            )
        else:
            for k, v in values.items():
                setattr(signal, k, v)
            update.append(signal)
    Signal.objects.bulk_create(create, batch_size=1000)
    Signal.objects.bulk_update(
        update,
        ["label", "theme_id", "variation", "side", "rules", "value", "mean"],
        batch_size=1000,
    )
    gone = [s.pk for ident, s in existing.items() if ident not in seen]
    Signal.objects.filter(pk__in=gone).delete()
    return len(fresh)


def is_good(variation: str) -> bool:
    return variation == str(Variation.IMPROVEMENT)


DIRECTION_WORDS = {
    Direction.LOWER: "fewer is better",
    Direction.HIGHER: "more is better",
    Direction.NEITHER: "no better direction",
}
