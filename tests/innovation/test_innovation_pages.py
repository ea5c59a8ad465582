"""Innovation pages: forms with bad input, the evaluation and its report, my work, headlines,
evidence and actions arising."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from careloop.core.areas import evidence_facts, headlines, my_work
from careloop.innovation import selectors
from careloop.innovation.models import Evaluation, ExternalLearning, Pilot, Reading
from tests.innovation.factories import (
    EvaluationFactory,
    ExternalLearningFactory,
    MeasureFactory,
    PilotFactory,
    ReadingFactory,
    months_ago,
)

pytestmark = pytest.mark.django_db


def with_figures(pilot, values=(11, 12, 10, 13, 11, 12, 12, 11, 5, 6, 4, 5, 6, 5, 4, 5)):
    measure = MeasureFactory(pilot=pilot, name="Readmissions")
    for i, value in enumerate(values):
        ReadingFactory(measure=measure, period_start=months_ago(len(values) - i), value=value)
    return measure


def test_proposing_a_pilot_with_nothing_filled_in_shows_the_errors_and_saves_nothing(login, users):
    client = login(users["manager"])
    response = client.post(reverse("innovation:new"), {"title": "Kept title"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and "Error:" in body
    assert 'value="Kept title"' in body
    assert not Pilot.objects.exists()


def test_proposing_a_pilot(login, users):
    client = login(users["manager"])
    response = client.post(
        reverse("innovation:new"),
        {
            "title": "Night support",
            "problem": "P",
            "idea": "I",
            "hypothesis": "H",
            "cohort": "C",
            "design": "before_after",
            "start_date_0": "1",
            "start_date_1": "3",
            "start_date_2": "2026",
            "lead": users["manager"].pk,
        },
    )
    pilot = Pilot.objects.get()
    assert response.status_code == 302 and response.url == pilot.get_absolute_url()
    assert pilot.start_date == dt.date(2026, 3, 1) and pilot.status == "proposed"


def test_entering_figures_with_a_bad_denominator_keeps_the_input(login, users):
    pilot = PilotFactory()
    measure = MeasureFactory(pilot=pilot, kind="proportion", denominator_label="people discharged")
    client = login(users["practitioner"])
    url = reverse("innovation:reading_new", args=[pilot.pk, measure.pk])
    month = months_ago(1)
    response = client.post(
        url, {"month": month.month, "year": month.year, "value": "70", "denominator": "60"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "The number of people cannot be more than the total" in body
    assert 'value="70"' in body and not Reading.objects.exists()
    response = client.post(
        url, {"month": month.month, "year": month.year, "value": "45", "denominator": "60"}
    )
    assert response.status_code == 302
    assert Reading.objects.get().period_start == month


def test_a_future_month_is_refused_on_the_form(login, users):
    pilot = PilotFactory()
    measure = MeasureFactory(pilot=pilot)
    future = dt.date.today() + dt.timedelta(days=45)
    response = login(users["manager"]).post(
        reverse("innovation:reading_new", args=[pilot.pk, measure.pk]),
        {"month": future.month, "year": future.year, "value": "3"},
    )
    assert "The period cannot be in the future" in response.content.decode()


def test_the_evaluation_page_shows_each_measure_with_its_chart(login, users):
    pilot = PilotFactory(baseline_start=months_ago(16), start_date=months_ago(8))
    with_figures(pilot)
    body = (
        login(users["viewer"])
        .get(reverse("innovation:evaluation", args=[pilot.pk]))
        .content.decode()
    )
    assert "Readmissions fell from 11.5 a month to 5.0 a month" in body
    assert "<svg" in body and "Pilot began" in body
    assert "How much longer?" in body
    assert "Record an evaluation" not in body  # a viewer reads only


def test_recording_an_evaluation_starts_from_the_draft_and_records_the_decision(login, users):
    pilot = PilotFactory(
        baseline_start=months_ago(16), start_date=months_ago(8), status=Pilot.Status.EVALUATING
    )
    with_figures(pilot)
    client = login(users["quality_lead"])
    url = reverse("innovation:evaluation_new", args=[pilot.pk])
    form = client.get(url).content.decode()
    assert "The measure improved." in form
    today = dt.date.today()
    data = {
        "kind": "final",
        "data_to_0": today.day,
        "data_to_1": today.month,
        "data_to_2": today.year,
        "summary": "Readmissions fell by half.",
        "decision": "scale",
        "reasons": "",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Give the reasons for the decision" in response.content.decode()
    assert not Evaluation.objects.exists()
    response = client.post(url, {**data, "reasons": "It works and costs less."})
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302 and response.url == evaluation.get_absolute_url()
    pilot.refresh_from_db()
    assert pilot.status == "scaled"


def test_a_manager_records_an_interim_evaluation_but_not_a_decision(login, users):
    pilot = PilotFactory()
    body = login(users["manager"]).get(reverse("innovation:evaluation_new", args=[pilot.pk]))
    body = body.content.decode()
    assert 'name="decision"' not in body and "A quality lead records the decision" in body


def test_the_report_as_a_page_and_as_a_pdf(login, users):
    pilot = PilotFactory(baseline_start=months_ago(16), start_date=months_ago(8))
    with_figures(pilot)
    evaluation = EvaluationFactory(
        pilot=pilot, summary="Readmissions halved.", decision="scale", reasons="Works."
    )
    client = login(users["viewer"])
    page = client.get(evaluation.get_absolute_url()).content.decode()
    assert "Readmissions halved." in page and "Scale up" in page and "<svg" in page
    response = client.get(reverse("innovation:evaluation_pdf", args=[pilot.pk, evaluation.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 'filename="evaluation-' in response["Content-Disposition"]


def test_a_report_uses_the_figures_up_to_its_date(login, users):
    pilot = PilotFactory(baseline_start=months_ago(16), start_date=months_ago(8))
    with_figures(pilot)
    early = EvaluationFactory(pilot=pilot, data_to=months_ago(5))
    body = login(users["viewer"]).get(early.get_absolute_url()).content.decode()
    assert "8 months before and 4 after" in body


def test_a_pilot_page_shows_measures_stories_risks_and_history(login, users):
    pilot = PilotFactory(baseline_start=months_ago(16), start_date=months_ago(8))
    with_figures(pilot)
    body = login(users["practitioner"]).get(pilot.get_absolute_url()).content.decode()
    assert "Readmissions" in body and "Improved" in body
    assert "Add a person’s story" in body  # practitioners record stories
    assert "Add a risk" not in body and "Edit the pilot" not in body
    assert "History" in body


# --- Home page, evidence, actions -------------------------------------------------------------
def test_my_work_asks_the_lead_to_evaluate_or_enter_figures(users):
    lead = users["manager"]
    due = PilotFactory(
        title="Due pilot", lead=lead, end_date=dt.date.today() - dt.timedelta(days=1)
    )
    quiet = PilotFactory(title="Quiet pilot", lead=lead)
    MeasureFactory(pilot=quiet)
    items = {i.title: i for i in my_work(lead)}
    assert items["Evaluate Due pilot"].url == reverse("innovation:evaluation", args=[due.pk])
    last_month = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).strftime("%B")
    assert f"Enter {last_month}’s figures for Quiet pilot" in items
    assert selectors.my_work(users["practitioner"]) == []  # only people who run pilots


def test_headlines_count_pilots_by_status(users):
    PilotFactory(status="running")
    PilotFactory(status="scaled")
    ExternalLearningFactory()
    innovation = {
        f.label: f.value
        for area, fs in headlines(users["viewer"])
        if area.label == "Innovation"
        for f in fs
    }
    assert innovation["Pilots running"] == 1 and innovation["Pilots scaled up"] == 1
    assert innovation["External learning in the last year"] == 1


def test_evidence_for_statement_nine_and_partners(users):
    from careloop.assurance.cqc.draft import draft_sentence

    pilot = PilotFactory(
        title="Night support",
        status="scaled",
        baseline_start=months_ago(16),
        start_date=months_ago(8),
    )
    with_figures(pilot)
    EvaluationFactory(
        pilot=pilot,
        decision="scale",
        reasons="Readmissions halved. More.",
        decided_on=dt.date.today(),
    )
    ExternalLearningFactory(title="Peer challenge", kind=ExternalLearning.Kind.PEER_REVIEW_RECEIVED)
    ExternalLearningFactory(title="Study", kind=ExternalLearning.Kind.RESEARCH)
    facts = {f.key: f for f in evidence_facts() if f.key.startswith("innovation:")}
    decision = facts[f"innovation:pilot:{pilot.pk}"]
    assert decision.statements == (9,) and decision.category == "outcomes"
    assert "Decision: scale up. Readmissions halved." in decision.summary
    # The assurance area drafts CQC-style sentences from the figures.
    assert draft_sentence(decision.figures).text == (
        "The local authority piloted night support, which was scaled up after its evaluation."
    )
    change = next(f for k, f in facts.items() if ":measure:" in k)
    assert draft_sentence(change.figures).text == (
        "Readmissions (a month) fell from 11.5 to 5.0 after the night support pilot began, a "
        "statistically significant reduction."
    )
    peer = next(f for f in facts.values() if f.title.endswith("Peer challenge"))
    assert peer.statements == (9, 5) and peer.category == "partners"
    study = next(f for f in facts.values() if f.title.endswith("Study"))
    assert study.statements == (9,)
    assert facts["innovation:pilots"].figures["scaled"] == 1


def test_an_action_raised_from_a_pilot_is_tracked_in_learning(login, users):
    from careloop.learning.models import Action

    pilot = PilotFactory(title="Night support")
    client = login(users["manager"])
    url = reverse("learning:action_raise") + f"?source=innovation.pilot:{pilot.pk}"
    due = dt.date.today() + dt.timedelta(days=30)
    response = client.post(url, {"title": "", "owner": users["manager"].pk, "priority": "medium"})
    assert response.status_code == 200 and not Action.objects.exists()
    response = client.post(
        url,
        {
            "title": "Commission night support everywhere",
            "owner": users["manager"].pk,
            "priority": "high",
            "due_0": due.day,
            "due_1": due.month,
            "due_2": due.year,
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.source == pilot and action.origin == "pilot" and action.due_on == due
    body = client.get(pilot.get_absolute_url()).content.decode()
    assert "Commission night support everywhere" in body
    assert login(users["practitioner"]).get(url).status_code == 403


def test_actions_from_external_learning_are_learning_from_elsewhere(login, users):
    from careloop.learning.models import Action

    record = ExternalLearningFactory()
    due = dt.date.today() + dt.timedelta(days=10)
    login(users["quality_lead"]).post(
        reverse("learning:action_raise") + f"?source=innovation.externallearning:{record.pk}",
        {
            "title": "Share the findings",
            "owner": users["quality_lead"].pk,
            "priority": "low",
            "due_0": due.day,
            "due_1": due.month,
            "due_2": due.year,
        },
    )
    assert Action.objects.get().origin == "external"


def test_external_learning_list_filters_by_kind(login, users):
    ExternalLearningFactory(title="Peer one", kind="peer_review_received")
    ExternalLearningFactory(title="Network one", kind="network")
    body = (
        login(users["viewer"])
        .get(reverse("innovation:external_index") + "?kind=network")
        .content.decode()
    )
    assert "Network one" in body and "Peer one" not in body
    assert re.search(r"1 record\b", body)


def test_figures_read_as_people_write_them():
    from careloop.innovation.templatetags.innovation import figure

    assert [figure(v) for v in ("53.4000", "8.0000", "2595.333", "100", None)] == [
        "53.4",
        "8",
        "2,595.33",
        "100",
        "",
    ]


def test_pilot_stories_reach_the_library_as_peoples_experience(users):
    from careloop.assurance import services as assurance
    from careloop.assurance.models import EvidenceItem
    from tests.innovation.factories import StoryFactory

    pilot = PilotFactory(title="Wearable sensors", status="running")
    StoryFactory(pilot=pilot, title="Back to the garden", whose="A man in his 70s")
    StoryFactory(pilot=pilot, title="Sleeping through", whose="A carer, North locality")
    StoryFactory(pilot=pilot, title="Not for sharing", consent=False)
    PilotFactory(title="Only an idea", status="proposed")
    facts = {f.key: f for f in evidence_facts() if f.key.startswith("innovation:")}
    stories = facts[f"innovation:pilot:{pilot.pk}:stories"]
    assert stories.category == "people" and stories.statements == (9,)
    assert stories.summary.startswith("2 people told the council, with consent")
    assert "Back to the garden (A man in his 70s)" in stories.summary
    assert "Not for sharing" not in stories.summary
    assert not any(k.endswith(":stories") and k != stories.key for k in facts)
    assurance.framework_ensure()
    assurance.evidence_refresh()
    item = EvidenceItem.objects.get(key=stories.key)
    assert item.suggested_category == "people_experience"
