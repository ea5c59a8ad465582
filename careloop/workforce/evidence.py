"""Evidence for the CQC evidence library: training compliance, supervision and the training
that answered a review's learning (quality statement 9, "Learning, improvement and
innovation", and 8, "Governance, management and sustainability")."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from careloop.core.areas import EvidenceFact

from . import compliance, selectors
from .models import CaseAudit, Completion, Course, Enrolment, GroupSession


def facts() -> list[EvidenceFact]:
    people = list(selectors.staff())
    if not people:
        return []
    today = dt.date.today()
    training = compliance.Training(people)
    good, total = training.percent_at(today)
    supervision = compliance.Supervision(people)
    in_date = sum(supervision.in_date(p, today) for p in people)
    year_ago = today - dt.timedelta(days=365)
    completed = Completion.objects.filter(completed_on__gte=year_ago).count()
    out = []
    if total:
        pct = round(100 * good / total)
        out.append(
            EvidenceFact(
                key="workforce:training-compliance",
                title=f"Mandatory training compliance: {pct}%",
                summary=f"{pct}% of mandatory training across {len(people)} adult social care "
                f"staff was up to date on {today:%-d %B %Y}; {completed} courses were completed "
                "in the last year through the Social Work Learning Academy.",
                date=today,
                source="Workforce: learning academy",
                url=reverse("workforce:index"),
                statements=(8, 9),
                category="processes",
                figures={"compliance_percent": pct, "staff": len(people), "completed": completed},
            )
        )
    pct_sup = round(100 * in_date / len(people))
    out.append(
        EvidenceFact(
            key="workforce:supervision",
            title=f"Supervision in line with policy: {pct_sup}%",
            summary=f"{pct_sup}% of staff had supervision within the interval the supervision "
            "policy sets for their career stage (monthly in the Assessed and Supported Year in "
            "Employment, six-weekly otherwise).",
            date=today,
            source="Workforce: supervision records",
            url=reverse("workforce:index"),
            statements=(8,),
            category="processes",
            figures={"supervision_percent": pct_sup},
        )
    )
    out.extend(_practice_facts(today, year_ago))
    for course in Course.objects.filter(action__isnull=False).select_related("action"):
        action = course.action
        done = Completion.objects.filter(course=course).values("person").distinct().count()
        if action is None or not done:
            continue
        out.append(
            EvidenceFact(
                key=f"workforce:course:{course.pk}",
                title=f"Training in response to learning: {course.title}",
                summary=f"{done} staff completed “{course.title}”, set up in response to "
                f"{action.source_label or action.title}.",
                date=today,
                source="Workforce: learning academy",
                url=course.get_absolute_url(),
                statements=(9,),
                category="processes",
                figures={"completed": done},
            )
        )
    return out


def _practice_facts(today: dt.date, year_ago: dt.date) -> list[EvidenceFact]:
    out = []
    audits = CaseAudit.objects.filter(audited_on__gte=year_ago).prefetch_related("answers")
    if audits:
        overall = [a.overall for a in audits]
        good = sum(o in ("outstanding", "good") for o in overall)
        pct = round(100 * good / len(overall))
        out.append(
            EvidenceFact(
                key="workforce:case-file-audits",
                title=f"Case file audits: {pct}% good or outstanding",
                summary=f"{len(overall)} case files were audited against the practice standard "
                f"in the last year; {pct}% were good or outstanding on every question. Each "
                "inadequate item became a follow-up action for the practitioner's manager.",
                date=today,
                source="Workforce: practice quality audits",
                url=reverse("workforce:audit_index"),
                statements=(2, 9),
                category="processes",
                figures={"audits": len(overall), "good_percent": pct},
            )
        )
    sessions = GroupSession.objects.filter(held_on__gte=year_ago).count()
    people = Enrolment.objects.filter(status__in=("approved", "in_progress")).count()
    done = Enrolment.objects.filter(completed_on__gte=year_ago).count()
    if sessions or people or done:
        out.append(
            EvidenceFact(
                key="workforce:development",
                title="Reflective practice and development routes",
                summary=f"{sessions} quality circles and reflective practice sessions were held "
                f"in the last year; {people} staff are on development routes (Best Interests "
                f"Assessor, Approved Mental Health Professional, practice educator, "
                f"apprenticeships, ASYE) and {done} completed one.",
                date=today,
                source="Workforce: learning academy",
                url=reverse("workforce:pathway_index"),
                statements=(9,),
                category="staff_leaders",
                figures={"sessions": sessions, "on_pathways": people, "completed": done},
            )
        )
    return out
