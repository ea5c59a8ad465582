"""Learn and act reads the themes area: new theme signals go on the QA meeting agenda, and a
theme's monthly count or share is a measure an action's impact is judged on."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from careloop.learning import services
from careloop.learning.evaluation import evaluate
from careloop.learning.models import Meeting
from careloop.learning.series import add_months, get_provider, last_complete_month
from careloop.themes import trends
from careloop.themes.models import MonthlyCount, Signal, Theme
from tests.learning import factories as f

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
LAST = last_complete_month()


def put(theme: int, values, *, dim="all", value="", restricted=False, total=100):
    """Monthly counts ending last month, as the themes aggregates hold them."""
    first = add_months(LAST, -(len(values) - 1))
    for i, n in enumerate(values):
        month = add_months(first, i)
        for t, count in ((theme, n), (0, total)):
            MonthlyCount.objects.update_or_create(
                dim=dim,
                value=value,
                theme=t,
                month=month,
                restricted=restricted,
                defaults={"count": count},
            )


STEP = [6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 12, 13, 12, 14, 13, 12, 13, 14]


@pytest.fixture
def board(users):
    return services.series_save(
        name="ASC quality assurance board",
        chair=users["quality_lead"],
        members=[users["quality_lead"], users["manager"]],
    )


def test_new_theme_signals_go_on_the_next_agenda(users, board):
    delays = Theme.objects.get(name="Delays and waiting times")
    safeguarding = Theme.objects.get(name="Safeguarding")
    put(delays.pk, STEP)
    # only in restricted feedback: not for the board's agenda (every member sees it)
    put(safeguarding.pk, [6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6] * 2)
    put(safeguarding.pk, [0] * 23 + [30], restricted=True, total=0)
    trends.signals_refresh()
    signal = Signal.objects.get(month=LAST, with_restricted=False, theme=delays)
    assert Signal.objects.filter(month=LAST, with_restricted=True, theme=safeguarding).exists()

    Meeting.objects.create(series=board, held_on=TODAY - dt.timedelta(days=20), status="approved")
    meeting = services.meeting_schedule(series=board, held_on=TODAY + dt.timedelta(days=3))
    items = list(meeting.items.filter(kind="theme_signal"))
    assert [i.target for i in items] == [signal]
    item = items[0]
    assert item.title == "Theme signal: Feedback about “Delays and waiting times”"
    assert item.detail.startswith(f"Concern in {LAST:%B %Y}: 14 against an average of")
    assert item.target_url.startswith("/themes/chart/?series=theme")
    assert item.is_visible_to(users["viewer"])

    # a signal first seen before the last meeting was on that meeting's agenda, not this one
    Signal.objects.filter(pk=signal.pk).update(first_seen_at=timezone.now() - dt.timedelta(days=40))
    services.meeting_build_agenda(meeting=meeting)
    assert not meeting.items.filter(kind="theme_signal").exists()


def test_a_theme_count_is_a_measure_and_its_fall_is_found(users):
    lead = users["quality_lead"]
    charging = Theme.objects.get(name="Charging and financial assessment")
    before, after = [8, 9, 7, 8, 10, 8, 9, 7, 8], [3, 2, 4, 3, 3, 2, 4, 3, 3]
    put(charging.pk, before + after, dim="kind", value="complaint")
    put(charging.pk, [40] * 18)  # all feedback about charging: not what is measured
    put(charging.pk, [50] * 18, dim="kind", value="complaint", restricted=True, total=0)
    option = f"theme:{charging.pk}/kind:complaint"
    provider = get_provider("themes.theme_count")
    assert (option, "Complaints about “Charging and financial assessment”") in provider.choices()
    measure = services.measure_create(
        user=lead, provider_key="themes.theme_count", provider_option=option
    )
    assert measure.name == "Complaints about “Charging and financial assessment”"
    first = add_months(LAST, -17)
    action = f.action(lead, start=first, due=first + dt.timedelta(days=400))
    link = services.impact_link(
        action=action,
        measure=measure,
        effect_on=add_months(first, 9),
        baseline_from=first,
        user=lead,
    )
    evaluation = evaluate(link)
    assert list(evaluation.series.values) == before + after  # restricted counts left out
    assert evaluation.concluded and evaluation.improved is True
    assert "fell from 8.2 a month to 3.0 a month" in evaluation.finding
    assert "rate ratio 0.36, 95% CI" in evaluation.finding


def test_a_theme_share_divides_by_the_same_slice(users):
    charging = Theme.objects.get(name="Charging and financial assessment")
    put(charging.pk, [10, 20, 5], dim="kind", value="complaint", total=50)
    provider = get_provider("themes.theme_share")
    start = add_months(LAST, -2)
    rows = provider.fn(start, LAST, f"theme:{charging.pk}/kind:complaint")
    assert rows == [(start, 10, 50), (add_months(start, 1), 20, 50), (LAST, 5, 50)]
    assert provider.fn(start, LAST, "all/kind:complaint") == []  # no theme: no series
    assert provider.fn(start, LAST, "nonsense") == []


def test_the_annual_report_takes_its_subjects_from_themes(login, users):
    from careloop.feedback.models import Feedback
    from careloop.learning.selectors import report
    from careloop.themes.models import FeedbackTheme

    year_start = report.year_start_for(TODAY) - 1
    start = dt.date(year_start, 4, 1)
    charging = Theme.objects.get(name="Charging and financial assessment")
    delays = Theme.objects.get(name="Delays and waiting times")

    def complaint(i, received_on, *links, kind="complaint"):
        item = Feedback.objects.create(
            reference=f"FB-S-{i}", kind=kind, channel="email", received_on=received_on, text="x"
        )
        for theme, status in links:
            FeedbackTheme.objects.create(
                feedback=item,
                theme=theme,
                status=status,
                source="person" if status == "confirmed" else "model",
                month=received_on.replace(day=1),
                kind=kind,
            )

    complaint(1, start, (charging, "confirmed"), (delays, "suggested"))
    complaint(2, start + dt.timedelta(days=40), (charging, "suggested"))
    complaint(3, start + dt.timedelta(days=90), (charging, "confirmed"))
    complaint(4, start + dt.timedelta(days=100), (delays, "rejected"))  # removed: not themed
    complaint(5, start + dt.timedelta(days=120))
    complaint(6, start - dt.timedelta(days=1), (delays, "confirmed"))  # the year before
    complaint(7, start, (delays, "confirmed"), kind="compliment")  # not a complaint
    context = report.build(year_start)
    got = [(s.theme, s.total, s.confirmed, s.suggested) for s in context["subjects"]]
    assert got == [
        ("Charging and financial assessment", 3, 2, 1),
        ("Delays and waiting times", 1, 0, 1),
    ]
    assert context["unthemed"] == 2
    page = login(users["viewer"]).get(reverse("learning:report_year", args=[year_start]))
    html = page.content.decode()
    assert "Complaints by subject (theme)" in html and "2 complaints have no theme yet" in html
    assert html.index("Complaints by subject (theme)") < html.index("Complaints by service")


def test_an_action_is_raised_from_a_theme_signal(login, users):
    delays = Theme.objects.get(name="Delays and waiting times")
    safeguarding = Theme.objects.get(name="Safeguarding")
    put(delays.pk, STEP)
    put(safeguarding.pk, [6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6] * 2)
    put(safeguarding.pk, [0] * 23 + [30], restricted=True, total=0)
    trends.signals_refresh()
    signal = Signal.objects.get(month=LAST, with_restricted=False, theme=delays)
    hidden = Signal.objects.get(month=LAST, with_restricted=True, theme=safeguarding)
    new = reverse("learning:action_new")

    # the signals page offers it to people who may raise actions, and only them, through
    # Learn and act's one way (learning:action_raise with the signal as the source)
    raise_url = reverse("learning:action_raise")
    page = login(users["manager"]).get(reverse("themes:signals")).content.decode()
    assert f"{raise_url}?source=themes.signal:{signal.pk}" in page and "Raise an action" in page
    page = login(users["viewer"]).get(reverse("themes:signals")).content.decode()
    assert "Raise an action" not in page
    assert login(users["viewer"]).get(f"{new}?signal={signal.pk}").status_code == 403

    manager = login(users["manager"])
    form = manager.get(f"{new}?signal={signal.pk}").content.decode()
    assert "From the theme signal" in form and "Delays and waiting times" in form
    # a signal that counts restricted feedback is not there for people who may not see it
    assert manager.get(f"{new}?signal={hidden.pk}").status_code == 404
    assert login(users["quality_lead"]).get(f"{new}?signal={hidden.pk}").status_code == 200

    due = TODAY + dt.timedelta(days=60)
    data = {
        "signal": signal.pk,
        "title": "Find out why waits rose",
        "owner": users["manager"].pk,
        "priority": "high",
        **{f"start_on_{i}": part for i, part in enumerate((TODAY.day, TODAY.month, TODAY.year))},
        **{f"due_on_{i}": part for i, part in enumerate((due.day, due.month, due.year))},
        "source_label": f"Theme signal: {signal}",
    }
    bad = manager.post(new, {**data, "due_on_2": TODAY.year - 1})
    assert bad.status_code == 200 and "govuk-error-summary" in bad.content.decode()
    assert not delays_actions(delays)
    response = manager.post(new, data)
    assert response.status_code == 302
    (action,) = delays_actions(delays)
    assert action.origin == "theme" and action.source == delays
    assert action.source_label.startswith("Theme signal: Feedback about “Delays and waiting")


def delays_actions(theme):
    from careloop.learning.models import Action

    return list(Action.objects.for_source(theme))
