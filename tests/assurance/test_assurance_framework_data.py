"""The CQC framework as data in the database: loaded from the code, versioned, admin-only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError
from django.urls import reverse

from careloop.assurance import services
from careloop.assurance.cqc import framework as shipped
from careloop.assurance.models import FrameworkVersion, QualityStatement
from careloop.core.models import AuditEntry
from careloop.core.services import ServiceError


def test_the_shipped_framework_is_loaded_exactly_once(db):
    first = services.framework_ensure()
    assert services.framework_ensure() == first
    assert FrameworkVersion.objects.count() == 1
    assert first.is_current and first.shipped and first.version == shipped.FRAMEWORK_VERSION
    assert [t.name for t in first.themes.all()] == [t.name for t in shipped.THEMES]
    for qs, row in zip(shipped.QUALITY_STATEMENTS, first.statements.all(), strict=True):
        assert (row.number, row.name, row.commitment) == (qs.number, qs.name, qs.commitment)
        assert row.what_people_expect == list(qs.what_people_expect)
        assert row.variants == list(qs.variants)
        assert row.theme.number == qs.theme_number
        assert row.slug == qs.slug
    assert [(s.score, s.wording) for s in first.score_levels.all()] == [
        (1, "Evidence shows significant shortfalls"),
        (2, "Evidence shows some shortfalls"),
        (3, "Evidence shows a good standard"),
        (4, "Evidence shows an exceptional standard"),
    ]
    keys = [c.key for c in first.categories.all()]
    assert keys == ["people_experience", "staff_leaders", "partners", "processes", "outcomes"]
    assert not first.categories.get(key="outcomes").used_by_cqc
    assert first.statements.get(number=9).what_people_expect == []


def test_only_one_version_is_current(db):
    first = services.framework_ensure()
    copy = services.framework_copy(source=first, version="local-1")
    assert not copy.is_current and copy.based_on == first
    assert copy.statements.count() == 9 and copy.score_levels.count() == 4
    services.framework_make_current(framework=copy)
    first.refresh_from_db()
    assert not first.is_current and FrameworkVersion.objects.current() == copy
    with pytest.raises(IntegrityError):
        FrameworkVersion.objects.filter(pk=first.pk).update(is_current=True)


def test_copy_refuses_a_duplicate_or_empty_name(db):
    first = services.framework_ensure()
    for name in (first.version, "  "):
        with pytest.raises(ServiceError):
            services.framework_copy(source=first, version=name)
    assert FrameworkVersion.objects.count() == 1


def test_a_self_assessment_keeps_its_version(db, users):
    first = services.framework_ensure()
    assessment = services.assessment_create(
        title="2026", as_at=dt.date.today(), user=users["quality_lead"], draft=False
    )
    copy = services.framework_copy(source=first, version="local-1")
    services.framework_make_current(framework=copy)
    assessment.refresh_from_db()
    assert assessment.framework == first
    later = services.assessment_create(
        title="2027", as_at=dt.date.today(), user=users["quality_lead"], draft=False
    )
    assert later.framework == copy
    assert {sa.statement.framework_id for sa in later.statements.all()} == {copy.pk}


def test_only_administrators_edit_and_edits_are_audited(client, users, framework):
    statement = framework.statements.get(number=6)
    url = reverse("assurance:framework_statement", args=[statement.pk])
    client.force_login(users["quality_lead"])
    assert client.get(url).status_code == 403
    client.force_login(users["admin"])
    data = {
        "name": statement.name,
        "variants": "Safe systems, pathways and transitions\nSafe pathways",
        "commitment": statement.commitment,
        "what_people_expect": "\n".join(statement.what_people_expect),
    }
    response = client.post(url, data)
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.variants == ["Safe systems, pathways and transitions", "Safe pathways"]
    entry = AuditEntry.objects.for_object(statement).filter(action="update").get()
    assert entry.actor == users["admin"] and "variants" in entry.changes


def test_bad_edit_shows_errors_and_changes_nothing(client, users, framework):
    statement = framework.statements.get(number=1)
    client.force_login(users["admin"])
    response = client.post(
        reverse("assurance:framework_statement", args=[statement.pk]),
        {"name": "", "commitment": "", "variants": "x"},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert QualityStatement.objects.get(pk=statement.pk).name == "Assessing needs"


def test_a_version_under_a_signed_off_self_assessment_is_locked(client, users, framework):
    assessment = services.assessment_create(
        title="2026", as_at=dt.date.today(), user=users["admin"], draft=False
    )
    assessment.status = "approved"
    assessment.save()
    level = framework.score_levels.get(score=3)
    client.force_login(users["admin"])
    response = client.post(
        reverse("assurance:framework_score", args=[level.pk]),
        {"wording": "Evidence shows a fine standard", "rating": "Good"},
    )
    assert response.status_code == 200
    assert "Copy it to a new version" in response.content.decode()
    level.refresh_from_db()
    assert level.wording == "Evidence shows a good standard"


def test_copy_and_make_current_through_the_pages(client, users, framework):
    client.force_login(users["admin"])
    response = client.post(
        reverse("assurance:framework_copy", args=[framework.pk]), {"version": "local-2"}
    )
    copy = FrameworkVersion.objects.get(version="local-2")
    assert response.status_code == 302 and response.url == copy.get_absolute_url()
    duplicate = client.post(
        reverse("assurance:framework_copy", args=[framework.pk]), {"version": "local-2"}
    )
    assert "already a framework version called local-2" in duplicate.content.decode()
    client.post(reverse("assurance:framework_current", args=[copy.pk]))
    assert FrameworkVersion.objects.current() == copy
    assert client.get(reverse("assurance:framework_index")).url == copy.get_absolute_url()
