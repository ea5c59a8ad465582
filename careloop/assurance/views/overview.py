"""The assurance area's front page: the latest self-assessment and the evidence library."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse

from careloop.assurance import selectors
from careloop.core.permissions import require


@require("assurance.view")
def index(request):
    assessment = selectors.latest_assessment()
    return render(
        request,
        "assurance/index.html",
        {
            "title": "Assurance",
            "assessment": assessment,
            "outcome": assessment.rating() if assessment else None,
            "approved": selectors.approved_count(assessment) if assessment else 0,
            "counts": selectors.evidence_counts(request.user),
            "last_refresh": selectors.last_refresh(),
            "peer_count": selectors.peer_count(),
            "framework": selectors.current_framework(),
            "breadcrumbs": [("Home", reverse("core:home"))],
        },
    )
