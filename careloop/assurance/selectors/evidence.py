"""The evidence library: its list with filters, its counts and the latest refresh."""

from __future__ import annotations

from django.db.models import Count, Q

from careloop.assurance.models import EvidenceItem, RefreshRun
from careloop.core.selectors import chosen, search

# --- Evidence library -----------------------------------------------------------------------------
EVIDENCE_STATES = {
    "unconfirmed": "Suggested, not yet confirmed",
    "confirmed": "Confirmed",
    "not_reported": "No longer reported",
}


def evidence_list(
    user, *, statement: int | None = None, category: str = "", state: str = "", kind: str = "",
    query: str = "",
):  # fmt: skip
    qs = EvidenceItem.objects.visible_to(user).prefetch_related("statements")
    if statement:
        qs = qs.filter(statements__number=statement).distinct()
    if category:
        qs = qs.filter(category=category)
    if state == "unconfirmed":
        qs = qs.needing_confirmation()
    elif state == "confirmed":
        qs = qs.confirmed()
    elif state == "not_reported":
        qs = qs.exclude(stale_since=None)
    return search(chosen(qs, kind=kind), query, "title", "summary", "source")


def evidence_counts(user) -> dict[str, int]:
    qs = EvidenceItem.objects.visible_to(user)
    return qs.aggregate(
        total=Count("pk"),
        unconfirmed=Count("pk", filter=Q(confirmed_at__isnull=True)),
        not_reported=Count("pk", filter=Q(stale_since__isnull=False)),
    )


def last_refresh() -> RefreshRun | None:
    return RefreshRun.objects.first()
