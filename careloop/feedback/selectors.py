"""Reads for the feedback pages, the API, the home page and the evidence library."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone

from careloop.core.areas import Figure, WorkItem
from careloop.core.attachments import attachments_for
from careloop.core.permissions import can
from careloop.core.selectors import history_for
from careloop.core.workdays import add_working_days
from careloop.feedback import public
from careloop.feedback.models import EqualityMonitoring, Feedback, PublicSubmission

SORTS = {
    "received": ("received_on", "id"),
    "-received": ("-received_on", "-id"),
    "due": ("next_due_on", "id"),
    "-due": ("-next_due_on", "-id"),
    "reference": ("reference",),
    "-reference": ("-reference",),
    "kind": ("kind", "-received_on"),
    "status": ("status", "-received_on"),
}
DUE_FILTERS = {
    "overdue": "Overdue",
    "week": "Due in the next 5 working days",
    "any": "Has a due date",
}
MIN_GROUP = 10
NEEDS_ACTION = (
    Feedback.Status.NEW,
    Feedback.Status.ACKNOWLEDGED,
    Feedback.Status.IN_PROGRESS,
)  # equality monitoring: smaller groups are not shown


@dataclass
class Filters:
    q: str = ""
    kind: str = ""
    status: str = ""
    open: str = ""
    service: str = ""
    team: str = ""
    provider: str = ""
    owner: str = ""
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    due: str = ""
    sort: str = "-received"


def feedback_list(user, filters: Filters, today: dt.date | None = None):
    """The register, as `user` may see it, filtered and sorted."""
    today = today or dt.date.today()
    qs = Feedback.objects.visible_to(user).select_related("owner", "team", "service", "provider")
    f = filters
    if f.q:
        qs = qs.search(f.q)
    if f.kind in Feedback.Kind.values:
        qs = qs.filter(kind=f.kind)
    if f.status in Feedback.Status.values:
        qs = qs.filter(status=f.status)
    if f.open == "open":
        qs = qs.open()
    for name in ("service", "team", "provider"):
        value = getattr(f, name)
        if value.isdigit():
            qs = qs.filter(**{f"{name}_id": int(value)}) if len(value) <= 18 else qs.none()
    if f.owner == "me":
        qs = qs.filter(owner=user)
    elif f.owner == "none":
        qs = qs.filter(owner__isnull=True)
    elif f.owner.isdigit():
        qs = qs.filter(owner_id=int(f.owner)) if len(f.owner) <= 18 else qs.none()
    if f.received_from:
        qs = qs.filter(received_on__gte=f.received_from)
    if f.received_to:
        qs = qs.filter(received_on__lte=f.received_to)
    if f.due == "overdue":
        qs = qs.overdue(today)
    elif f.due == "week":
        qs = qs.filter(next_due_on__gte=today).due_by(add_working_days(today, 5))
    elif f.due == "any":
        qs = qs.filter(next_due_on__isnull=False)
    return qs.order_by(*SORTS.get(f.sort, SORTS["-received"]))


def timeline(feedback: Feedback) -> list[dict]:
    """Notes, letters and documents, period changes and the audit history, newest first."""
    events = []
    for note in feedback.notes.select_related("author"):
        events.append({"at": note.created_at, "kind": "note", "who": note.author, "item": note})
    for revision in feedback.revisions.select_related("revised_by"):
        events.append(
            {
                "at": revision.revised_at,
                "kind": "revision",
                "who": revision.revised_by,
                "item": revision,
            }
        )
    for attachment in attachments_for(feedback):
        kind = "letter" if attachment.role == "letter" else "document"
        events.append(
            {
                "at": attachment.added_at,
                "kind": kind,
                "who": attachment.added_by,
                "item": attachment,
            }
        )
    for entry in history_for(feedback):
        events.append({"at": entry.at, "kind": "history", "who": entry.actor, "item": entry})
    return sorted(events, key=lambda e: e["at"], reverse=True)


# --- Home page ----------------------------------------------------------------------------------
def my_work(user) -> list[WorkItem]:
    if not can(user, "feedback.view"):
        return []
    items = []
    qs = (
        Feedback.objects.visible_to(user)
        .filter(owner=user)
        .open()
        .filter(Q(next_due_on__isnull=False) | Q(status__in=NEEDS_ACTION))
        .order_by(F("next_due_on").asc(nulls_last=True), "received_on")[:50]
    )
    for item in qs:
        if item.next_due_on and item.acknowledgement_due_on and not item.acknowledged_on:
            step = "acknowledge"
        elif item.next_due_on:
            step = "respond"
        else:
            step = ""
        items.append(
            WorkItem(
                title=f"{item.reference}: {item.title}",
                url=item.get_absolute_url(),
                area="Feedback",
                kind=item.get_kind_display() + (f" – {step}" if step else ""),
                due=item.next_due_on,
                status=item.get_status_display(),
            )
        )
    return items


def headlines(user) -> list[Figure]:
    today = dt.date.today()
    year_start = financial_year_start(today)
    staff = can(user, "feedback.view")
    # Staff's figures link to the register, so they count only what the person may read; a
    # viewer's link to the figures page, whose aggregates count every record by design.
    base = Feedback.objects.visible_to(user) if staff else Feedback.objects.all()
    counts = base.aggregate(
        open_complaints=Count(
            "id", filter=Q(kind__in=Feedback.COMPLAINT_KINDS) & ~Q(status__in=Feedback.FINISHED)
        ),
        overdue=Count("id", filter=Q(next_due_on__lt=today)),
        received=Count("id", filter=Q(received_on__gte=year_start)),
        compliments=Count(
            "id", filter=Q(kind=Feedback.Kind.COMPLIMENT, received_on__gte=year_start)
        ),
    )
    url = reverse("feedback:index") if staff else reverse("feedback:figures")
    return [
        Figure(
            "Open complaints",
            counts["open_complaints"],
            f"{url}?kind=complaint&open=open" if staff else url,
        ),
        Figure(
            "Overdue",
            counts["overdue"],
            f"{url}?due=overdue" if staff else url,
            hint="Acknowledgements and responses past their due date",
        ),
        Figure(
            "Feedback this year",
            counts["received"],
            url,
            hint=f"Since 1 April {year_start.year}",
        ),
        Figure("Compliments this year", counts["compliments"], url),
    ]


def financial_year_start(day: dt.date) -> dt.date:
    return dt.date(day.year if day.month >= 4 else day.year - 1, 4, 1)


# --- Figures: counts and aggregates only (everyone) ----------------------------------------------
def annual_figures(year_start: dt.date) -> dict:
    """The statutory annual report figures for the year from `year_start` (1 April)."""
    year_end = dt.date(year_start.year + 1, 3, 31)
    qs = Feedback.objects.filter(received_on__range=(year_start, year_end))
    statutory = qs.filter(kind=Feedback.Kind.COMPLAINT)
    by_kind = {
        row["kind"]: row["n"] for row in qs.values("kind").annotate(n=Count("id")).order_by()
    }
    responded = statutory.filter(responded_on__isnull=False)
    decided = responded.exclude(outcome="")
    return {
        "year_start": year_start,
        "year_end": year_end,
        "by_kind": [(label, by_kind.get(value, 0)) for value, label in Feedback.Kind.choices],
        "complaints": statutory.count(),
        "well_founded": decided.filter(outcome__in=Feedback.WELL_FOUNDED).count(),
        "decided": decided.count(),
        "referred": statutory.filter(lgsco_referred_on__isnull=False).count(),
        "acknowledged_on_time": statutory.filter(
            acknowledged_on__isnull=False, acknowledged_on__lte=F("acknowledgement_due_on")
        ).count(),
        "acknowledged": statutory.filter(acknowledged_on__isnull=False).count(),
        "responded_on_time": responded.filter(responded_on__lte=F("response_due_on")).count(),
        "responded": responded.count(),
        "by_outcome": [
            (label, decided.filter(outcome=value).count())
            for value, label in Feedback.Outcome.choices
        ],
        "by_service": list(
            statutory.values("service__name")
            .annotate(n=Count("id"))
            .order_by("-n", "service__name")
        ),
    }


def monthly_counts(kind: str | None = None, months: int = 24, today: dt.date | None = None):
    """[(first day of month, count)] for the last `months` months, oldest first."""
    today = today or dt.date.today()
    starts: list[dt.date] = []
    year, month = today.year, today.month
    for _ in range(months):
        starts.insert(0, dt.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    qs = Feedback.objects.filter(received_on__gte=starts[0])
    if kind:
        qs = qs.filter(kind=kind)
    rows = {
        r["m"].date() if isinstance(r["m"], dt.datetime) else r["m"]: r["n"]
        for r in qs.annotate(m=TruncMonth("received_on")).values("m").annotate(n=Count("id"))
    }
    return [(start, rows.get(start, 0)) for start in starts]


def equality_figures(min_group: int = MIN_GROUP) -> dict:
    """Equality monitoring answers in aggregate. A group with fewer than `min_group` people
    is shown as "fewer than 10", and so is the next smallest when only one would be hidden
    (so it cannot be worked out from the total)."""
    out = []
    total = EqualityMonitoring.objects.count()
    for name in EqualityMonitoring.FIELDS:
        question, choices = EqualityMonitoring.question(name)
        counts = dict(
            EqualityMonitoring.objects.exclude(**{name: ""})
            .values_list(name)
            .annotate(n=Count("id"))
            .order_by()
        )
        rows = [(label, counts.get(value, 0)) for value, label in choices]
        small = [i for i, (_, n) in enumerate(rows) if 0 < n < min_group]
        if len(small) == 1:
            shown = sorted(
                (i for i, (_, n) in enumerate(rows) if n >= min_group), key=lambda i: rows[i][1]
            )
            small += shown[:1]
        out.append(
            {
                "question": question.capitalize(),
                "answered": sum(n for _, n in rows),
                "rows": [(label, None if i in small else n) for i, (label, n) in enumerate(rows)],
            }
        )
    return {"total": total, "questions": out if total >= min_group else []}


# --- The public form's rate limit ---------------------------------------------------------------
def over_limit(key: str, now: dt.datetime | None = None) -> bool:
    """Whether the address (its keyed hash) sent too much feedback lately."""
    now = now or timezone.now()
    recent = PublicSubmission.objects.filter(address_hash=key)
    return (
        recent.filter(created_at__gte=now - dt.timedelta(hours=1)).count() >= public.PER_HOUR
        or recent.filter(created_at__gte=now - dt.timedelta(days=1)).count() >= public.PER_DAY
    )
