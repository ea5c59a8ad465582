"""Retraining from people's reviews, every version kept with its evaluation, the quality gate
(never silently replace a better model with a worse one), bulk reclassification that keeps
people's decisions, and awkward text classified without errors."""

import pytest

from careloop.core import audit
from careloop.core.models import AuditEntry
from careloop.core.services import ServiceError
from careloop.feedback.models import Feedback
from careloop.themes.classification import Built, Evaluation, KeywordEngine
from careloop.themes.models import Classification, ClassificationRun, FeedbackTheme, ModelVersion
from careloop.themes.services import classify, review, training

SCORE = {"macro": 0.5}


class ScoredEngine(KeywordEngine):
    """The keyword engine, reporting whatever score the test sets."""

    def build(self, *, themes, examples=(), progress=None):
        built = super().build(themes=themes, examples=examples)
        return Built(
            built.model,
            Evaluation(SCORE["macro"], 0.7, {}, None, len(examples), "test score"),
        )


class BrokenEngine(KeywordEngine):
    def build(self, *, themes, examples=(), progress=None):
        raise MemoryError("out of memory")


@pytest.fixture
def reviewed(classified, users, theme):
    """Three items reviewed by people: what training learns from."""
    items = [
        classified(text="I was sent a bill and nobody explained the charges"),
        classified(text="The carers never turn up on time"),
        classified(text="Thank you to the reablement team"),
    ]
    for item in items:
        review.themes_confirm(feedback=item, user=users["quality_lead"])
    review.themes_review(
        feedback=items[1],
        user=users["quality_lead"],
        theme_ids=[theme("Home care").pk, theme("Delays and waiting times").pk],
        sentiment=5,
    )
    return items


def test_training_learns_from_reviews_and_keeps_every_version(reviewed, users):
    first = ModelVersion.active()
    assert first.kind == "zero_shot" and first.examples == 0
    examples = training.training_examples()
    assert len(examples) == 3
    late = next(e for e in examples if "carers" in e.text)
    assert set(late.labels) == {"home_care", "delays_and_waiting_times"} and late.sentiment == 5
    version = training.model_train(user=users["quality_lead"], note="Monthly retrain")
    assert version.kind == "trained" and version.examples == 3 and version.is_active
    assert version.evaluation["examples"] == 3 and version.macro_f1 is not None
    assert ModelVersion.objects.count() == 2 and not ModelVersion.objects.get(pk=first.pk).is_active


def test_a_worse_version_is_kept_but_not_used_without_a_reason(reviewed, users, settings):
    settings.CARELOOP_THEMES_ENGINE = "tests.themes.test_themes_training.ScoredEngine"
    SCORE["macro"] = 0.6
    good = training.model_train(user=users["quality_lead"])
    assert good.is_active
    SCORE["macro"] = 0.4
    worse = training.model_train(user=users["quality_lead"])
    assert not worse.is_active and worse.status == "ready"
    assert "lower than 0.600" in worse.note
    assert ModelVersion.active() == good
    with pytest.raises(ServiceError, match="Give a reason"):
        training.model_activate(version=worse, user=users["quality_lead"])
    with audit.acting_as(users["quality_lead"], "web"):
        training.model_activate(
            version=worse, user=users["quality_lead"], override_reason="Trained on this year's data"
        )
    worse.refresh_from_db()
    assert worse.is_active and worse.override_reason == "Trained on this year's data"
    entry = AuditEntry.objects.for_object(worse).filter(action="update").first()
    assert entry.actor == users["quality_lead"]


def test_a_failed_training_is_recorded_and_changes_nothing(reviewed, users, settings):
    in_use = ModelVersion.active()
    settings.CARELOOP_THEMES_ENGINE = "tests.themes.test_themes_training.BrokenEngine"
    version = training.model_train(user=users["quality_lead"])
    assert version.status == "failed" and "MemoryError" in version.error
    assert ModelVersion.active() == in_use


def test_training_runs_in_the_background_with_its_progress(
    reviewed, users, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = training.train_start(user=users["quality_lead"], note="From the page")
    run.refresh_from_db()
    assert run.status == "done" and run.model_version.is_active
    assert "in use" in run.message


def test_reclassifying_keeps_what_people_decided(
    reviewed, users, django_capture_on_commit_callbacks
):
    reviewed_links = set(
        FeedbackTheme.objects.filter(status__in=["confirmed", "rejected"]).values_list(
            "feedback_id", "theme_id", "status"
        )
    )
    person_sentiment = Classification.objects.get(feedback=reviewed[1]).sentiment
    training.model_train(user=users["quality_lead"])
    with django_capture_on_commit_callbacks(execute=True):
        run = classify.reclassify_start(user=users["quality_lead"], scope="older")
    run.refresh_from_db()
    assert run.status == "done" and run.percent == 100
    after = set(
        FeedbackTheme.objects.filter(status__in=["confirmed", "rejected"]).values_list(
            "feedback_id", "theme_id", "status"
        )
    )
    assert after == reviewed_links
    assert Classification.objects.get(feedback=reviewed[1]).sentiment == person_sentiment
    with pytest.raises(ServiceError, match="Choose"):
        classify.reclassify_start(user=users["quality_lead"], scope="everything")


def test_only_one_bulk_job_at_a_time(db, users):
    ClassificationRun.objects.create(kind="reclassify", status="running")
    with pytest.raises(ServiceError, match="already running"):
        training.train_start(user=users["quality_lead"])


@pytest.mark.parametrize(
    "text",
    [
        " \n\t ",
        "x" * 100_000,
        "Le personnel était très gentil avec ma mère",
        "😀😀😀🙏",
        "Nobody explained the charges. " * 4000,
    ],
    ids=["whitespace", "100KB", "French", "emoji", "long charging"],
)
def test_awkward_text_is_classified_without_errors(db, text):
    from tests.feedback.factories import make_feedback

    item = make_feedback(text="placeholder")
    Feedback.objects.filter(pk=item.pk).update(text=text)  # as an import might store it
    assert classify.feedback_classify(feedback_ids=[item.pk]) == 1
    info = Classification.objects.get(feedback=item)
    assert info.classified_at is not None
    assert Feedback.objects.get(pk=item.pk).text == text  # never altered or truncated


def test_the_hourly_sweep_classifies_what_bulk_imports_left(db, users):
    from careloop.themes.tasks import classify_pending
    from tests.feedback.factories import make_feedback

    item = make_feedback(text="The bill is wrong")  # no commit: never classified
    assert not Classification.objects.filter(feedback=item).exists()
    assert classify_pending.call() == 1
    assert Classification.objects.filter(feedback=item).exists()
    assert ClassificationRun.objects.get(kind="classify").status == "done"
