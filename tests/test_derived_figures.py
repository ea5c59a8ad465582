"""Derived figures follow their sources (issue 20): after an import, an edit, a delete or a
reclassification, every stored figure built from other records (theme counts, signals, QA
agendas built from signals, the evidence library's facts, training figures on actions) is
what a from-scratch recomputation gives; a signal the new figures no longer show leaves the
agenda of a meeting still to come; and the pages say when their figures were last built.

The from-scratch recomputation uses each area's own full rebuild, not the mechanism that
keeps the figures current (careloop/core/derived.py), so it is an independent check.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from careloop.assurance.models import EvidenceItem
from careloop.assurance.services import evidence_refresh
from careloop.core.models import DerivedState
from careloop.feedback import services as feedback_services
from careloop.feedback.models import Feedback
from careloop.learning import services as learning
from careloop.learning.models import AgendaItem, EvidenceFigure, Meeting
from careloop.learning.series import add_months, last_complete_month
from careloop.themes import aggregates, trends
from careloop.themes.models import FeedbackTheme, MonthlyCount, Signal, Theme
from careloop.themes.services import classify, themes_review_many
from careloop.workforce import services as workforce
from careloop.workforce.models import Completion, Course
from tests.themes.conftest import _fast_classifier  # noqa: F401 - the keyword classifier

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()
LAST = last_complete_month()
FIRST = add_months(LAST, -23)
CHARGES = "I was charged too much for my care and the financial assessment was wrong"
# a charging complaint a month: steady, then a jump in the last month (a signal)
STEADY = [6, 5, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7, 6, 5, 6, 7]
JUMP = 15


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run a change as a request or job would: its after-commit work (background tasks run
    at once in the tests) happens when it commits."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            return change()

    return run


def charging() -> Theme:
    return Theme.objects.get(name="Charging and financial assessment")


def _key() -> str:
    return f"theme:{charging().pk}"


def month_day(month: dt.date, i: int) -> dt.date:
    return month.replace(day=1 + i % 27)


# --- The figures, and the same figures worked out from scratch -----------------------------
def figures() -> dict:
    """Every stored derived figure, without the ids and times a rebuild changes."""
    return {
        "counts": sorted(
            MonthlyCount.objects.exclude(count=0).values_list(
                "dim", "value", "theme", "month", "restricted", "count"
            )
        ),
        "signals": sorted(
            Signal.objects.values_list(
                "key", "month", "with_restricted", "variation", "side", "rules", "value", "mean"
            )
        ),
        "agendas": sorted(
            AgendaItem.objects.filter(meeting__status=Meeting.Status.PLANNED).values_list(
                "meeting_id", "kind", "target_type_id", "target_id", "title", "detail"
            )
        ),
        "evidence": sorted(
            (i.key, i.title, i.summary, str(i.figures), i.stale_since is None)
            for i in EvidenceItem.objects.filter(kind=EvidenceItem.Kind.FACT)
        ),
        "training": sorted(
            EvidenceFigure.objects.values_list("action_id", "label", "value", "out_of")
        ),
    }


class _Undo(Exception):
    pass


def from_scratch() -> dict:
    """The figures each area's full rebuild gives now (rolled back afterwards)."""
    out: dict = {}
    try:
        with transaction.atomic():
            classify.pending_classify()
            aggregates.rebuild()
            trends.signals_refresh()
            for course in Course.objects.filter(action__isnull=False):
                workforce.action_evidence_update(course=course)
            for meeting in Meeting.objects.filter(status=Meeting.Status.PLANNED):
                learning.meeting_build_agenda(meeting=meeting)
            evidence_refresh()
            out.update(figures())
            raise _Undo
    except _Undo:
        pass
    return out


def assert_follows_sources():
    now, fresh = figures(), from_scratch()
    for name in fresh:
        assert now[name] == fresh[name], f"{name} are stale"


def charging_signal(month=LAST) -> Signal | None:
    return Signal.objects.filter(key=_key(), month=month, with_restricted=False).first()


# --- The world: two years of charging complaints, a signal, the board's next meeting ---------
@pytest.fixture
def world(users, committing):
    items = []
    for m, n in enumerate([*STEADY, JUMP]):
        month = add_months(FIRST, m)
        for i in range(n):
            items.append(
                Feedback(
                    reference=f"FB-D-{m}-{i}",
                    kind=Feedback.Kind.COMPLAINT,
                    channel=Feedback.Channel.EMAIL,
                    received_on=month_day(month, i),
                    text=CHARGES,
                )
            )
    Feedback.objects.bulk_create(items)
    # built once from scratch, as the nightly rebuild would
    classify.pending_classify()
    aggregates.rebuild()
    trends.signals_refresh()
    signal = charging_signal()
    assert signal is not None and signal.variation == "concern"
    lead = users["quality_lead"]
    board = learning.series_save(name="ASC quality assurance board", chair=lead, members=[lead])
    Meeting.objects.create(series=board, held_on=TODAY - dt.timedelta(days=20), status="approved")
    meeting = learning.meeting_schedule(series=board, held_on=TODAY + dt.timedelta(days=3))
    assert signal in [i.target for i in meeting.items.filter(kind="theme_signal")]
    evidence_refresh()
    return {"meeting": meeting, "signal": signal, "lead": lead}


def import_csv(tmp_path, rows: list[tuple[str, dt.date, str]], user) -> str:
    lines = ["Response ID,Date submitted,Your comments"]
    lines += [f'{ref},{day:%d/%m/%Y},"{text}"' for ref, day, text in rows]
    path = tmp_path / "complaints.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command(
        "import-feedback",
        str(path),
        "--source",
        "Legacy complaints log",
        "--kind",
        "complaint",
        "--user",
        user.email,
        stdout=out,
    )
    return out.getvalue()


def test_an_import_rebuilds_the_signals_and_takes_the_stale_one_off_the_agenda(
    world, tmp_path, committing, login
):
    meeting = world["meeting"]
    # The import fills in earlier months: the last month is no longer out of the ordinary.
    rows = []
    for m in range(0, 23, 2):
        month = add_months(FIRST, m)
        rows += [(f"L-{m}-{i}", month_day(month, i), CHARGES) for i in range(10)]
    out = committing(lambda: import_csv(tmp_path, rows, world["lead"]))
    assert f"Imported {len(rows)} rows" in out

    assert FeedbackTheme.objects.filter(theme=charging()).count() == sum(STEADY) + JUMP + len(rows)
    assert charging_signal() is None  # the chart and the signals agree again
    assert not meeting.items.filter(kind="theme_signal", target_id=world["signal"].pk)
    assert_follows_sources()


def test_edits_deletes_and_reclassification_keep_every_figure_current(world, committing):
    lead = world["lead"]
    last_month = list(Feedback.objects.filter(received_on__gte=LAST).order_by("pk"))

    # an edit: a complaint was entered in the wrong month
    item = last_month[0]
    committing(
        lambda: feedback_services.feedback_update(
            feedback=item,
            changes={"received_on": add_months(FIRST, 1)},
            user=lead,
            version=item.version,
        )
    )
    assert_follows_sources()

    # a delete
    gone = last_month[1]
    committing(lambda: feedback_services.feedback_delete(feedback=gone, user=lead, reason="Dup"))
    assert_follows_sources()

    # a reclassification: people decide most of the month's complaints are about delays
    delays = Theme.objects.get(name="Delays and waiting times")
    decisions = {f.pk: ([delays.pk], None) for f in last_month[2:10]}
    committing(lambda: themes_review_many(decisions=decisions, user=lead))
    assert charging_signal() is None
    assert not world["meeting"].items.filter(kind="theme_signal", target_id=world["signal"].pk)
    assert_follows_sources()


def test_a_signal_with_a_decision_recorded_stays_marked_as_over(world, committing):
    item = world["meeting"].items.get(kind="theme_signal", target_id=world["signal"].pk)
    # as if the update were taken early (the page records them only on the day)
    AgendaItem.objects.filter(pk=item.pk).update(update="Looking into it")
    decisions = {
        f.pk: ([], None) for f in Feedback.objects.filter(received_on__gte=LAST)[: JUMP - 6]
    }
    committing(lambda: themes_review_many(decisions=decisions, user=world["lead"]))
    item.refresh_from_db()
    assert item.update == "Looking into it"
    assert "No longer needs the board's attention" in item.detail
    assert charging_signal() is None


def test_training_figures_on_an_action_follow_completions(users, committing):
    lead = users["quality_lead"]
    action = learning.action_create(
        title="Train every team in the new charging policy",
        owner=lead,
        due=TODAY + dt.timedelta(days=60),
        created_by=lead,
    )
    course = committing(
        lambda: workforce.course_save(
            user=lead, title="Charging policy", kind="elearning", action=action
        )
    )
    people = [users["manager"], users["practitioner"]]
    for person in people:
        committing(
            lambda person=person: workforce.completion_record(
                user=lead, person=person, course=course, completed_on=TODAY
            )
        )
    figure = EvidenceFigure.objects.get(action=action)
    assert figure.value == 2
    committing(lambda: Completion.objects.filter(person=people[0]).first().delete())
    figure.refresh_from_db()
    assert figure.value == 1
    assert_follows_sources()


def test_pages_say_when_their_figures_were_built_and_the_time_moves(world, committing, login):
    client = login(world["lead"])
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    DerivedState.objects.update_or_create(
        key="themes.signals", defaults={"built_at": an_hour_ago, "stale_since": None}
    )
    DerivedState.objects.update_or_create(
        key="themes.counts", defaults={"built_at": an_hour_ago, "stale_since": None}
    )
    before = timezone.localtime(an_hour_ago)
    text = f"Figures built {before.day} {before:%B %Y}, {before:%H:%M}"
    assert text in client.get(reverse("themes:signals")).content.decode()

    item = Feedback.objects.filter(received_on__gte=LAST).first()
    committing(
        lambda: feedback_services.feedback_delete(feedback=item, user=world["lead"], reason="x")
    )
    built = DerivedState.objects.get(key="themes.signals").built_at
    assert built > an_hour_ago
    now = timezone.localtime(built)
    for url in (reverse("themes:signals"), reverse("themes:index"), reverse("themes:chart")):
        page = client.get(url, {"series": _key()} if "chart" in url else {}).content.decode()
        assert f"Figures built {now.day} {now:%B %Y}, {now:%H:%M}" in page, url
    page = client.get(world["meeting"].get_absolute_url()).content.decode()
    assert "Agenda built " in page
    assert "Figures built" in client.get(reverse("assurance:evidence_index")).content.decode()
