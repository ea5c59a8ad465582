"""Charts and signals of theme series: Making Data Count limits and rules on the monthly counts,
settings and rebases with reasons, signals per audience, and email alerts."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse

from careloop.core.services import ServiceError
from careloop.learning.models import Action
from careloop.themes import series as S
from careloop.themes import trends
from careloop.themes.alerts import send_new_signal_alerts
from careloop.themes.models import MonthlyCount, Rebase, SeriesSettings, Signal, Theme
from careloop.themes.series import SeriesKey
from careloop.themes.services import review

TODAY = dt.date(2026, 11, 25)
LAST = dt.date(2026, 10, 1)


def months(n: int) -> list[dt.date]:
    return [S.add_months(LAST, -i) for i in range(n - 1, -1, -1)]


def put(theme: int, values, *, dim="all", value="", restricted=False, totals=True):
    """Monthly counts ending last month, as the aggregates would hold them."""
    for month, n in zip(months(len(values)), values, strict=True):
        MonthlyCount.objects.update_or_create(
            dim=dim,
            value=value,
            theme=theme,
            month=month,
            restricted=restricted,
            defaults={"count": n},
        )
        if totals and theme:
            MonthlyCount.objects.update_or_create(
                dim=dim,
                value=value,
                theme=0,
                month=month,
                restricted=restricted,
                defaults={"count": 100},
            )


@pytest.mark.parametrize(
    "text, key",
    [
        ("all", SeriesKey(0)),
        ("theme:12", SeriesKey(12)),
        ("theme:12/kind:complaint", SeriesKey(12, "kind", "complaint")),
        ("theme:3/provider:8/rate", SeriesKey(3, "provider", "8", rate=True)),
        ("all/service:4", SeriesKey(0, "service", "4")),
    ],
)
def test_series_keys_read_and_write(text, key):
    assert SeriesKey.parse(text) == key and str(key) == text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "theme:x",
        "planet:3",
        "theme:3/colour:red",
        "theme:3/kind:",
        "all/rate",
        "theme:1/kind:a/service:2",
    ],
)
def test_unknown_series_keys_are_refused(text):
    with pytest.raises(ServiceError):
        SeriesKey.parse(text)


def test_window_starts_with_the_first_month_of_feedback(db):
    put(0, [5] * 8)
    shown = S.window(TODAY)
    assert shown[0] == months(8)[0] and shown[-1] == LAST and len(shown) == 8
    put(0, [5] * 30)
    assert len(S.window(TODAY)) == 24


def test_chart_of_a_theme_uses_its_direction_settings_and_rebases(db, users):
    theme = Theme.objects.get(name="Charging and financial assessment")
    values = [3, 2, 4, 3, 3, 2, 8, 9, 8, 7, 9, 8, 8, 9, 3, 3, 2, 3, 4, 3, 3, 2, 3, 3]
    put(theme.pk, values)
    key = SeriesKey(theme.pk)
    chart = trends.chart(key, with_restricted=True, today=TODAY)
    assert [p.value for p in chart.result.points] == values
    assert chart.result.direction == "lower"
    assert chart.result.points[7].variation == "concern"  # the rise
    review.rebase_add(
        key=key, month=months(24)[6], reason="New charging policy took effect", user=users["admin"]
    )
    review.rebase_add(
        key=key, month=months(24)[14], reason="Financial assessment training", user=users["admin"]
    )
    chart = trends.chart(key, with_restricted=True, today=TODAY)
    assert len(chart.result.segments) == 3
    assert chart.result.segments[1].reason == "New charging policy took effect"
    assert chart.result.latest.variation == "common cause"
    with pytest.raises(ServiceError, match="needs a reason"):
        review.rebase_add(key=key, month=months(24)[3], reason="  ", user=users["admin"])
    with pytest.raises(ServiceError, match="already"):
        review.rebase_add(key=key, month=months(24)[6], reason="again", user=users["admin"])


def test_run_lengths_are_configurable(db):
    theme = Theme.objects.get(name="Home care")
    put(theme.pk, [10, 11, 9, 10, 12, 10, 9, 11, 10, 10, 12, 11, 10, 9, 11, 10, 12, 12, 12, 12, 12])
    key = SeriesKey(theme.pk)
    assert not trends.chart(key, with_restricted=True, today=TODAY).result.latest.rules
    SeriesSettings.objects.create(key=str(key), direction="lower", shift_length=5)
    latest = trends.chart(key, with_restricted=True, today=TODAY).result.latest
    assert "shift" in latest.rules and latest.variation == "concern"


def test_a_rate_divides_by_all_feedback_in_the_same_slice(db):
    theme = Theme.objects.get(name="Home care")
    put(theme.pk, [10] * 12, dim="kind", value="complaint")
    chart = trends.chart(
        SeriesKey(theme.pk, "kind", "complaint", rate=True), with_restricted=True, today=TODAY
    )
    assert chart.result.per == 100 and chart.result.latest.value == pytest.approx(10.0)


def test_signals_find_a_step_change_in_the_latest_month_and_when_it_began(db):
    theme = Theme.objects.get(name="Delays and waiting times")
    flat = Theme.objects.get(name="Transport")
    put(theme.pk, [6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 12, 13, 12, 14, 13, 12, 13, 14])
    put(flat.pk, [6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6])
    put(Theme.objects.get(name="Reviews").pk, [0, 1] * 12)  # too few to watch
    assert trends.signals_refresh(TODAY) > 0
    latest = Signal.objects.filter(month=LAST, with_restricted=True)
    assert [s.key for s in latest] == [f"theme:{theme.pk}"]
    signal = latest.get()
    assert signal.variation == "concern" and signal.side == 1
    assert "above the mean" in signal.rules or "process limit" in signal.rules
    assert signal.label == "Feedback about “Delays and waiting times”"
    first = Signal.objects.filter(key=signal.key, with_restricted=True).order_by("month").first()
    assert months(24)[16] <= first.month < LAST  # seen as it rose, not only now
    assert not Signal.objects.filter(key=f"theme:{flat.pk}").exists()


def test_signals_can_be_worked_out_again_with_one_in_the_earliest_month_kept(db):
    theme = Theme.objects.get(name="Home care")
    put(theme.pk, [6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 7, 30] + [6, 5, 7, 6, 5, 6] * 2)
    first = trends.signals_refresh(TODAY)
    earliest = months(24)[11]  # 12 points: the first month a signal is read for
    signal = Signal.objects.get(key=f"theme:{theme.pk}", month=earliest, with_restricted=True)
    assert trends.signals_refresh(TODAY) == first  # the nightly rebuild runs it every night
    again = Signal.objects.get(key=f"theme:{theme.pk}", month=earliest, with_restricted=True)
    assert again.pk == signal.pk and again.first_seen_at == signal.first_seen_at


def test_restricted_feedback_only_signals_for_people_who_may_see_it(db):
    theme = Theme.objects.get(name="Safeguarding")
    put(theme.pk, [4, 5, 4, 5, 4, 5, 4, 5, 4, 5, 4, 5, 4, 5])
    put(theme.pk, [0] * 13 + [30], restricted=True, totals=False)
    trends.signals_refresh(TODAY)
    assert Signal.objects.filter(month=LAST, with_restricted=True, theme=theme).exists()
    assert not Signal.objects.filter(month=LAST, with_restricted=False, theme=theme).exists()


def test_subscribers_are_emailed_once_about_signals_they_may_see(db, users):
    theme = Theme.objects.get(name="Delays and waiting times")
    put(theme.pk, [6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 12, 13, 12, 14, 13, 12, 13, 14])
    trends.signals_refresh(TODAY)
    review.subscribe(user=users["quality_lead"], theme=theme, concerns_only=True)
    review.subscribe(
        user=users["admin"], theme=Theme.objects.get(name="Home care"), concerns_only=False
    )
    review.subscribe(user=users["manager"], theme=None, concerns_only=False)  # may not subscribe
    assert send_new_signal_alerts(TODAY) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["quality_lead@northshire.example"]
    assert "Delays and waiting times" in message.body and "concern" in message.body
    assert send_new_signal_alerts(TODAY) == 0  # not twice


def test_a_rebase_outside_the_months_shown_is_noted(db):
    theme = Theme.objects.get(name="Home care")
    put(theme.pk, [5] * 12)
    Rebase.objects.create(key=f"theme:{theme.pk}", month=dt.date(2020, 1, 1), reason="Old")
    chart = trends.chart(SeriesKey(theme.pk), with_restricted=True, today=TODAY)
    assert any("outside the months shown" in n for n in chart.notes)


def _signal(theme, *, with_restricted=False):
    return Signal.objects.create(
        key=f"theme:{theme.pk}",
        label=f"Feedback about “{theme.name}”",
        theme=theme,
        month=S.last_complete_month(),
        with_restricted=with_restricted,
        variation="concern",
        side=1,
        rules="A point above the upper limit",
        value=9,
        mean=3,
    )


def test_an_action_is_raised_from_a_signal_the_one_way(db, users, login, theme):
    """The signals page links to Learn and act's raise page with the signal as the source;
    the action then shows on the series' chart."""
    delays = theme("Delays and waiting times")
    signal = _signal(delays)
    hidden = _signal(theme("Safeguarding"), with_restricted=True)
    raise_url = reverse("learning:action_raise")
    link = f"{raise_url}?source=themes.signal:{signal.pk}"
    manager = login(users["manager"])
    assert link in manager.get(reverse("themes:signals")).content.decode()
    assert manager.get(f"{raise_url}?source=themes.signal:{hidden.pk}").status_code == 404
    due = dt.date.today() + dt.timedelta(days=30)
    response = manager.post(
        link,
        {
            "title": "Find out why waits rose",
            "owner": users["manager"].pk,
            "priority": "high",
            **{f"due_{i}": part for i, part in enumerate((due.day, due.month, due.year))},
        },
    )
    assert response.status_code == 302
    (action,) = Action.objects.for_source(signal)
    assert action.origin == "theme" and action.source_label == str(signal)
    chart = manager.get(signal.get_absolute_url()).content.decode()
    assert "Find out why waits rose" in chart
    viewer = login(users["viewer"])
    assert "Raise an action" not in viewer.get(reverse("themes:signals")).content.decode()
