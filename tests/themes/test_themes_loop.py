"""Classification in the loop: new feedback is classified in the background, people confirm,
remove and add themes, and the counts follow every change."""

import datetime as dt

from django.db.models import Sum
from django.db.models.signals import post_delete

from careloop.core.models import AuditEntry
from careloop.feedback import services as feedback_services
from careloop.themes.aggregates import slice_key
from careloop.themes.models import Classification, FeedbackTheme, ModelVersion, MonthlyCount
from careloop.themes.services import review


def count(theme_id, **slice_):
    dim, value = slice_key(slice_)
    total = MonthlyCount.objects.filter(theme=theme_id, dim=dim, value=value).aggregate(
        n=Sum("count")
    )["n"]
    return total or 0


def test_new_feedback_is_classified_with_the_zero_shot_model(classified, theme, users):
    item = classified(text="I was sent a bill for my care and nobody explained the charges.")
    charging = theme("Charging and financial assessment")
    link = FeedbackTheme.objects.get(feedback=item, theme=charging)
    assert link.status == "suggested" and link.source == "model"
    assert 0 < link.confidence <= 1
    version = ModelVersion.active()
    assert version.kind == "zero_shot" and link.model_version == version
    assert link.framework_version == 1
    info = Classification.objects.get(feedback=item)
    assert info.sentiment in range(1, 6) and info.model_version == version
    assert count(charging.pk) == 1
    assert count(charging.pk, kind="complaint") == 1
    assert count(0) == 1  # all feedback


def test_review_confirms_removes_and_adds_and_is_audited(classified, theme, users):
    item = classified(text="I was sent a bill for my care and nobody explained the charges.")
    charging = theme("Charging and financial assessment")
    comms = theme("Communication and being kept informed")
    before = set(FeedbackTheme.objects.filter(feedback=item).values_list("theme_id", flat=True))
    assert charging.pk in before
    review.themes_review(
        feedback=item, user=users["quality_lead"], theme_ids=[comms.pk], sentiment=5
    )
    statuses = dict(FeedbackTheme.objects.filter(feedback=item).values_list("theme_id", "status"))
    assert statuses[charging.pk] == "rejected"
    assert statuses[comms.pk] == "confirmed"
    assert count(charging.pk) == 0 and count(comms.pk) == 1
    info = Classification.objects.get(feedback=item)
    assert info.sentiment == 5 and info.sentiment_source == "person"
    assert info.reviewed_by == users["quality_lead"]
    entry = AuditEntry.objects.for_object(item).filter(reason="Themes reviewed").get()
    assert entry.actor == users["quality_lead"]
    assert entry.changes["themes removed"] == {"removed": [charging.name]}
    assert entry.changes["themes added"] == {"added": [comms.name]}
    assert count(comms.pk, sentiment=5) == 1
    assert count(comms.pk, kind="complaint", sentiment=5) == 1
    assert count(charging.pk, kind="complaint", sentiment=5) == 0


def test_changing_and_deleting_feedback_moves_its_counts(
    classified, theme, users, django_capture_on_commit_callbacks
):
    item = classified(text="The care home fees and the financial assessment are unfair.")
    charging = theme("Charging and financial assessment")
    assert count(charging.pk, kind="complaint") == 1
    with django_capture_on_commit_callbacks(execute=True):
        feedback_services.feedback_update(
            feedback=item, changes={"kind": "comment"}, user=users["admin"], version=item.version
        )
    assert count(charging.pk, kind="complaint") == 0
    assert count(charging.pk, kind="comment") == 1
    sentiment = Classification.objects.get(feedback=item).sentiment
    assert count(charging.pk, kind="complaint", sentiment=sentiment) == 0
    assert count(charging.pk, kind="comment", sentiment=sentiment) == 1
    item.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        feedback_services.feedback_delete(feedback=item, user=users["admin"], reason="Duplicate")
    assert count(charging.pk) == 0 and count(0) == 0


def test_equality_groups_are_counted_and_follow_changed_answers(
    classified, theme, users, django_capture_on_commit_callbacks
):
    item = classified(
        text="Nobody explained the charges on my care bill",
        equality={"ethnicity": "asian", "age_band": "75-84"},
    )
    charging = theme("Charging and financial assessment").pk
    assert count(charging, equality="ethnicity:asian") == 1
    assert count(0, equality="ethnicity:asian") == count(0, equality="age_band:75-84") == 1
    feedback_services.equality_save(
        feedback=item, answers={"ethnicity": "black", "age_band": "75-84"}
    )
    assert count(charging, equality="ethnicity:asian") == 0
    assert count(charging, equality="ethnicity:black") == 1
    assert count(charging, equality="age_band:75-84") == 1 and count(charging) == 1
    assert count(charging, equality="ethnicity:black", kind="complaint") == 1
    assert count(charging, equality="ethnicity:asian", kind="complaint") == 0
    feedback_services.equality_save(feedback=item, answers={})  # answers withdrawn
    assert count(charging, equality="ethnicity:black") == 0
    assert count(charging, equality="age_band:75-84") == 0 and count(charging) == 1
    other = classified(text="The charges went up again", equality={"ethnicity": "white"})
    assert count(charging, equality="ethnicity:white") == 1
    # deleted outright, answers and all: out of the counts once, whichever of its theme rows
    # and answers goes first (a receiver on the theme rows makes Django delete them one by one)
    post_delete.connect(_noop, sender=FeedbackTheme, dispatch_uid="test-slow-delete")
    post_delete.connect(_noop, sender=Classification, dispatch_uid="test-slow-delete-item")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            other.delete()
    finally:
        post_delete.disconnect(sender=FeedbackTheme, dispatch_uid="test-slow-delete")
        post_delete.disconnect(sender=Classification, dispatch_uid="test-slow-delete-item")
    assert count(charging, equality="ethnicity:white") == 0
    assert count(charging) == 1 and count(0) == 1


def _noop(**kwargs):
    pass


def test_rebuild_matches_incremental_counts(classified, theme, users):
    from careloop.feedback.models import Feedback
    from careloop.themes import aggregates

    for text in [
        "Nobody called me back about the bill",
        "Thank you, the carers were wonderful",
        "The stairlift has still not been fitted after months of waiting",
    ]:
        classified(text=text, received_on=dt.date(2026, 1, 15), equality={"sex": "female"})
    item = classified(
        text="The reablement team after hospital discharge were great",
        equality={"ethnicity": "mixed", "carer": "yes"},
    )
    review.themes_confirm(feedback=item, user=users["manager"])
    first = Feedback.objects.order_by("pk").first()
    feedback_services.equality_save(feedback=first, answers={"sex": "male", "carer": "no"})
    before = sorted(
        MonthlyCount.objects.exclude(count=0).values_list(
            "dim", "value", "theme", "month", "restricted", "count"
        )
    )
    aggregates.rebuild()
    after = sorted(
        MonthlyCount.objects.values_list("dim", "value", "theme", "month", "restricted", "count")
    )
    assert before == after and after
    assert {"equality", "equality+kind", "kind+sentiment"} <= {row[0] for row in after}


def test_imported_feedback_is_classified_when_the_import_commits(
    users, login, theme, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from careloop.core.models import ImportJob

    client = login(users["quality_lead"])
    client.post(
        reverse("core:import_new", args=["feedback"]),
        {
            "source": "Survey",
            "file": SimpleUploadedFile(
                "survey.csv",
                b"ID,Date,Comments\nS1,01/03/2026,Nobody explained the charges on my bill\n",
            ),
        },
    )
    job = ImportJob.objects.get()
    with django_capture_on_commit_callbacks(execute=True):  # derived figures, after commit
        client.post(
            reverse("core:import_mapping", args=[job.pk]),
            {
                "col_external_ref": "ID",
                "col_received_on": "Date",
                "col_text": "Comments",
                "opt_kind": "survey",
                "opt_channel": "survey_import",
                "opt_status": "new",
                "action": "import",
            },
        )
    link = FeedbackTheme.objects.get(feedback__external_ref="S1")
    assert link.theme == theme("Charging and financial assessment")
