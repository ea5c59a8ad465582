"""Pages of the assurance area, one module per part: overview, evidence, self-assessment,
reports, peers and the framework."""

from django.shortcuts import render
from django.urls import reverse

from careloop.assurance import selectors
from careloop.core.permissions import require


def posted(request):
    """The submitted data on a POST (even if empty, so that a blank form shows its errors)."""
    return request.POST if request.method == "POST" else None


def uploaded(request):
    return request.FILES if request.method == "POST" else None


def crumbs(*extra) -> list[tuple[str, str]]:
    return [("Home", reverse("core:home")), ("Assurance", reverse("assurance:index")), *extra]


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
            "approved": assessment.statements.filter(status="approved").count()
            if assessment
            else 0,
            "counts": selectors.evidence_counts(request.user),
            "last_refresh": selectors.last_refresh(),
            "peer_count": selectors.PeerReport.objects.count(),
            "framework": selectors.current_framework(),
            "breadcrumbs": [("Home", reverse("core:home"))],
        },
    )
