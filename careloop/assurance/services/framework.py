"""The framework as data: load the shipped version, copy a version, make one current, edit."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from careloop.assurance.cqc import framework as shipped
from careloop.assurance.models import (
    EvidenceCategory,
    FrameworkVersion,
    QualityStatement,
    ScoreLevel,
    Theme,
)
from careloop.core.services import ServiceError

# What administrators may edit of a quality statement and of a score level (the forms' fields).
QUALITY_STATEMENT_FIELDS = ("name", "variants", "commitment", "what_people_expect")
SCORE_LEVEL_FIELDS = ("wording", "rating")


def _statement(framework: FrameworkVersion, theme: Theme, qs) -> None:
    """A quality statement in `framework`, a copy of `qs` (the shipped one or another
    version's)."""
    QualityStatement.objects.create(
        framework=framework,
        theme=theme,
        number=qs.number,
        name=qs.name,
        page_slug=qs.page_slug,
        commitment=qs.commitment,
        what_people_expect=list(qs.what_people_expect),
        variants=list(qs.variants),
    )


@transaction.atomic
def _load_shipped() -> FrameworkVersion:
    data = shipped.as_dict()
    version = FrameworkVersion.objects.create(
        version=data["version"], name=data["name"], shipped=True
    )
    themes = {
        t["number"]: Theme.objects.create(
            framework=version, number=t["number"], name=t["name"], variants=t["variants"]
        )
        for t in data["themes"]
    }
    for qs in shipped.QUALITY_STATEMENTS:
        _statement(version, themes[qs.theme_number], qs)
    for level in shipped.SCORE_LEVELS:
        ScoreLevel.objects.create(
            framework=version, score=level.score, wording=level.wording, rating=level.rating
        )
    for order, category in enumerate(shipped.EVIDENCE_CATEGORIES):
        EvidenceCategory.objects.create(
            framework=version,
            key=category.key,
            name=category.name,
            order=order,
            used_by_cqc=category.used,
            note=category.status,
        )
    return version


def framework_ensure() -> FrameworkVersion:
    """The current framework, loading the one shipped with careloop the first time.

    Idempotent and safe when two processes start at once: the version is unique.
    """
    current = FrameworkVersion.objects.current()
    if current is not None:
        return current
    version = FrameworkVersion.objects.filter(version=shipped.FRAMEWORK_VERSION).first()
    if version is None:
        try:
            version = _load_shipped()
        except IntegrityError:  # loaded meanwhile by another process
            version = FrameworkVersion.objects.get(version=shipped.FRAMEWORK_VERSION)
    current = FrameworkVersion.objects.current()
    return current if current is not None else framework_make_current(framework=version)


@transaction.atomic
def framework_copy(*, source: FrameworkVersion, version: str, name: str = "") -> FrameworkVersion:
    """A new (not current) version with the same text, for administrators to edit."""
    version = version.strip()
    if not version:
        raise ServiceError(
            "Give the new version a name, for example cqc-la-2026.03-local", field="version"
        )
    if FrameworkVersion.objects.filter(version=version).exists():
        raise ServiceError(
            f"There is already a framework version called {version}", field="version"
        )
    copy = FrameworkVersion.objects.create(
        version=version, name=name.strip() or source.name, based_on=source
    )
    themes = {}
    for theme in source.themes.all():
        themes[theme.pk] = Theme.objects.create(
            framework=copy, number=theme.number, name=theme.name, variants=theme.variants
        )
    for qs in source.statements.all():
        _statement(copy, themes[qs.theme_id], qs)
    for level in source.score_levels.all():
        ScoreLevel.objects.create(
            framework=copy, score=level.score, wording=level.wording, rating=level.rating
        )
    for category in source.categories.all():
        EvidenceCategory.objects.create(
            framework=copy,
            key=category.key,
            name=category.name,
            order=category.order,
            used_by_cqc=category.used_by_cqc,
            note=category.note,
        )
    return copy


@transaction.atomic
def framework_make_current(*, framework: FrameworkVersion) -> FrameworkVersion:
    """Make `framework` the version new self-assessments use; earlier ones keep theirs."""
    for other in FrameworkVersion.objects.filter(is_current=True).exclude(pk=framework.pk):
        other.is_current = False
        other.save(update_fields=["is_current"])
    if not framework.is_current:
        framework.is_current = True
        framework.save(update_fields=["is_current"])
    return framework


@transaction.atomic
def framework_record_save(*, form):
    """Save an edit to a statement, score wording or category of an unlocked version."""
    framework = form.instance.framework
    if framework.is_locked:
        raise ServiceError(
            f"{framework.version} is the basis of a signed-off self-assessment, so it cannot be "
            "changed. Copy it to a new version and edit that."
        )
    return form.save()
