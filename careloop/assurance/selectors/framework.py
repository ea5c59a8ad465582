"""The framework in use, its evidence categories, and the latest self-assessment."""

from __future__ import annotations

from careloop.assurance.models import FrameworkVersion, SelfAssessment, StatementAssessment
from careloop.assurance.services.framework import framework_ensure


def current_framework() -> FrameworkVersion:
    return framework_ensure()


def category_names(framework: FrameworkVersion | None = None) -> dict[str, str]:
    framework = framework or current_framework()
    return {c.key: c.name for c in framework.categories.all()}


def latest_assessment() -> SelfAssessment | None:
    """The self-assessment the reports and figures speak for: the latest by date."""
    return SelfAssessment.objects.select_related("framework").first()


def approved_count(assessment: SelfAssessment) -> int:
    """How many of the assessment's statements are approved."""
    return assessment.statements.filter(status=StatementAssessment.Status.APPROVED).count()
