"""The Ombudsman tracker: cases, decisions, remedies and the yearly figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from careloop.core.attachments import attachment_add_file, attachment_add_link
from careloop.core.services import ServiceError
from careloop.learning.models import EVIDENCE, LgscoCase, LgscoRemedy, LgscoYear, Review
from careloop.learning.services.common import set_fields

from .actions import action_create
from .reviews import review_create

# An Ombudsman case's editable fields, for its form, the API and the services (the stage
# follows from the dates; the review is set by lgsco_case_learn).
LGSCO_CASE_FIELDS = (
    "lgsco_reference",
    "kind",
    "subject",
    "summary",
    "complaint",
    "received_on",
    "assessment_on",
    "investigation_on",
    "decided_on",
    "decision",
    "decision_summary",
    "officer",
    "team",
    "is_restricted",
    "restriction_reason",
)
REMEDY_FIELDS = ("kind", "description", "amount", "due_on")


def _stage(case: LgscoCase) -> str:
    if case.decided_on:
        return LgscoCase.Stage.DECISION
    if case.investigation_on:
        return LgscoCase.Stage.INVESTIGATION
    if case.assessment_on:
        return LgscoCase.Stage.ASSESSMENT
    return LgscoCase.Stage.RECEIVED


def _check_case(case: LgscoCase) -> None:
    if not case.summary.strip():
        raise ServiceError("Say what the case is about")
    if case.subject not in LgscoCase.Subject.values:
        raise ServiceError("Choose the subject")
    if not case.received_on:
        raise ServiceError("Enter the date the Ombudsman's enquiry was received")
    order = [
        ("assessment_on", "assessment"),
        ("investigation_on", "detailed investigation"),
        ("decided_on", "decision"),
    ]
    earlier, earlier_label = case.received_on, "it was received"
    for field, label in order:
        value = getattr(case, field)
        if value:
            if value < earlier:
                raise ServiceError(f"The date of the {label} cannot be before {earlier_label}")
            earlier, earlier_label = value, f"the {label}"
    if case.decision and not case.decided_on:
        raise ServiceError("Enter the date of the decision")
    if case.decided_on and not case.decision:
        raise ServiceError("Record what the Ombudsman decided")
    if case.decision and case.decision not in LgscoCase.Decision.values:
        raise ServiceError("Choose the Ombudsman's decision")
    if case.decision in LgscoCase.INVESTIGATED and not case.investigation_on:
        case.investigation_on = (
            case.decided_on
        )  # a decision on the merits means it was investigated
    if case.lgsco_reference:
        clash = LgscoCase.objects.filter(lgsco_reference=case.lgsco_reference).exclude(pk=case.pk)
        if clash.exists():
            raise ServiceError(f"Another case already has the reference {case.lgsco_reference}")
    case.stage = _stage(case)


def case_fields_from_complaint(complaint) -> dict:
    """What a referred complaint already says about its Ombudsman case, so that nothing is
    typed twice: the referral date and reference, who handled it, and its restriction."""
    return {
        "complaint": complaint,
        "kind": LgscoCase.Kind.COMPLAINT,
        "lgsco_reference": complaint.lgsco_reference or "",
        "received_on": complaint.lgsco_referred_on,
        "summary": f"{complaint.reference} taken to the Ombudsman: {complaint.title}",
        "team": complaint.team,
        "officer": complaint.owner,
        "is_restricted": complaint.is_restricted,
        "restriction_reason": complaint.restriction_reason,
    }


@transaction.atomic
def lgsco_case_create(*, user, **fields) -> LgscoCase:
    case = LgscoCase(created_by=user)
    set_fields(case, fields, LGSCO_CASE_FIELDS)
    complaint = fields.get("complaint")
    if complaint is not None and LgscoCase.objects.filter(complaint=complaint).exists():
        raise ServiceError(f"{complaint.reference} is already in the Ombudsman tracker")
    if complaint is not None and not case.lgsco_reference:
        case.lgsco_reference = getattr(complaint, "lgsco_reference", "") or ""
    _check_case(case)
    case.save()
    return case


@transaction.atomic
def lgsco_case_update(*, case: LgscoCase, user, **fields) -> LgscoCase:
    set_fields(case, fields, LGSCO_CASE_FIELDS)
    _check_case(case)
    case.save()
    return case


@transaction.atomic
def lgsco_case_learn(*, case: LgscoCase, user) -> Review:
    """Record the decision as a learning review (kind: Ombudsman decision), so that its
    recommendations and actions follow the same path as every other review."""
    if not case.decision:
        raise ServiceError("Record the Ombudsman's decision first")
    if case.review is not None:
        return case.review

    review = review_create(
        user=user,
        title=f"Ombudsman decision {case.reference}: {case.get_subject_display().lower()}",
        kind=Review.Kind.LGSCO,
        status=Review.Status.REPORTED,
        conducted_by="Local Government and Social Care Ombudsman",
        started_on=case.received_on,
        reported_on=case.decided_on,
        summary=case.summary,
        findings=f"{case.get_decision_display()}. {case.decision_summary}".strip(),
        lead=case.officer,
        is_restricted=case.is_restricted,
        restriction_reason=case.restriction_reason,
        teams=[case.team] if case.team_id else [],
    )
    case.review = review
    case.save(update_fields=["review"])
    return review


@transaction.atomic
def lgsco_remedy_add(
    *,
    case: LgscoCase,
    kind: str,
    description: str,
    due_on: dt.date | None = None,
    amount: Decimal | None = None,
) -> LgscoRemedy:
    """A remedy: refused without a compliance deadline, and a payment without its amount."""
    if kind not in LgscoRemedy.Kind.values:
        raise ServiceError("Choose the kind of remedy")
    if not description or not description.strip():
        raise ServiceError("Describe the remedy")
    if not isinstance(due_on, dt.date):
        raise ServiceError(
            "Enter the compliance deadline: every remedy has a date by which the council "
            "must comply"
        )
    if due_on < case.received_on:
        raise ServiceError("The compliance deadline cannot be before the case was received")
    if kind == LgscoRemedy.Kind.PAYMENT and (amount is None or amount <= 0):
        raise ServiceError("Enter the amount of the payment")
    if kind != LgscoRemedy.Kind.PAYMENT and amount:
        raise ServiceError("Only a financial payment has an amount")
    return LgscoRemedy.objects.create(
        case=case, kind=kind, description=description.strip(), due_on=due_on, amount=amount
    )


@transaction.atomic
def lgsco_remedy_comply(
    *,
    remedy: LgscoRemedy,
    user,
    complied_on: dt.date,
    note: str = "",
    file=None,
    url: str = "",
    title: str = "",
) -> LgscoRemedy:
    """Record compliance, with evidence (a file or a link) unless the note says enough."""
    if not isinstance(complied_on, dt.date):
        raise ServiceError("Enter the date the council complied")
    if complied_on > dt.date.today():
        raise ServiceError("The date the council complied cannot be in the future")
    if complied_on < remedy.case.received_on:
        raise ServiceError("The council cannot have complied before the case was received")
    if not (file or url or note.strip()):
        raise ServiceError("Give evidence of compliance: a file, a link or a note")
    kwargs = {"record": remedy, "user": user, "view_permission": "learning.view", "role": EVIDENCE}
    if file:
        attachment_add_file(file=file, title=title or "Evidence of compliance", **kwargs)
    elif url:
        attachment_add_link(url=url, title=title or "Evidence of compliance", **kwargs)
    remedy.complied_on, remedy.compliance_note = complied_on, note.strip()
    remedy.save()
    return remedy


@transaction.atomic
def lgsco_remedy_action(*, remedy: LgscoRemedy, user, owner, due: dt.date, title: str = ""):
    """Turn a service improvement, procedure change or training remedy into an action."""
    if remedy.action_id:
        raise ServiceError("This remedy already has an action")
    action = action_create(
        source=remedy,
        title=title or f"{remedy.get_kind_display()}: {remedy.description[:150]}",
        description=remedy.description,
        owner=owner,
        due=due,
        priority="high",
        created_by=user,
        is_restricted=remedy.case.is_restricted,
        restriction_reason=remedy.case.restriction_reason,
    )
    remedy.action = action
    remedy.save(update_fields=["action"])
    return action


# A year's figures from the Ombudsman's annual review letter (with its year_start).
YEAR_FIGURES = (
    "complaints_made",
    "decided",
    "detailed_investigations",
    "upheld",
    "remedied_by_council",
    "compliance_rate",
    "similar_upheld_rate",
    "notes",
)


def check_year(values: dict) -> None:
    for name in ("complaints_made", "decided", "detailed_investigations", "upheld"):
        value = values.get(name)
        if value is None or value < 0:
            raise ServiceError(f"Enter the number for {name.replace('_', ' ')}")
    if values["upheld"] > values["detailed_investigations"]:
        raise ServiceError("Upheld cannot be more than the detailed investigations")
    if values["detailed_investigations"] > values["decided"]:
        raise ServiceError("Detailed investigations cannot be more than the decisions made")
    for name in ("compliance_rate", "similar_upheld_rate"):
        value = values.get(name)
        if value is not None and not (0 <= value <= 100):
            raise ServiceError("A rate is a percentage from 0 to 100")


@transaction.atomic
def lgsco_year_save(*, year_start: int, source: str = LgscoYear.Source.ENTERED, **values):
    if not (2000 <= int(year_start) <= 2100):
        raise ServiceError("Enter the year as four digits, e.g. 2024 for 2024-25")
    unknown = set(values) - set(YEAR_FIGURES)
    if unknown:
        raise ServiceError(f"Unknown figures: {', '.join(sorted(unknown))}")
    values.setdefault("remedied_by_council", 0)
    check_year(values)
    year, _ = LgscoYear.objects.update_or_create(
        year_start=year_start, defaults={**values, "source": source}
    )
    return year
