"""The self-assessment: list, start, overview, coverage, each statement, review and sign-off."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.assurance import selectors, services
from careloop.assurance.drafting import LinkedSentence, draft_narrative, linked_sentences
from careloop.assurance.forms import (
    ReviewForm,
    SelfAssessmentForm,
    SentenceLinkForm,
    StatementAssessmentForm,
    WithdrawForm,
)
from careloop.assurance.models import EvidenceItem, SelfAssessment, StatementAssessment
from careloop.assurance.views.common import crumbs, posted
from careloop.core import web
from careloop.core.permissions import can, require
from careloop.core.selectors import history_for
from careloop.core.views import paginate

EVIDENCE_SHOWN = 50  # on a statement's page; the library lists them all


def _list_crumbs():
    return crumbs(("Self-assessments", reverse("assurance:assessment_index")))


def _assessment_crumbs(assessment):
    return [*_list_crumbs(), (assessment.title, assessment.get_absolute_url())]


def _statement(pk: int, number: int) -> StatementAssessment:
    return get_object_or_404(
        StatementAssessment.objects.select_related(
            "self_assessment__framework", "statement__theme"
        ),
        self_assessment_id=pk,
        statement__number=number,
    )


@require("assurance.view")
def index(request):
    qs = SelfAssessment.objects.select_related("approved_by").prefetch_related("statements")
    page = paginate(request, qs, per_page=25)
    for assessment in page["page_obj"]:
        assessment.outcome = assessment.rating()
        assessment.approved_count = sum(
            1
            for s in assessment.statements.all()
            if s.status == StatementAssessment.Status.APPROVED
        )
    return render(
        request,
        "assurance/assessment_index.html",
        {"title": "Self-assessments", "breadcrumbs": crumbs(), **page},
    )


@require("assurance.manage")
def new(request):
    form = SelfAssessmentForm(posted(request))
    return web.form_view(
        request,
        form,
        lambda data: services.assessment_create(
            title=data["title"],
            as_at=data["as_at"],
            user=request.user,
            evidence_max_age_months=data["evidence_max_age_months"],
            min_items_per_category=data["min_items_per_category"],
            draft=data["draft"],
        ),
        "Start a self-assessment",
        success=lambda assessment: f"“{assessment.title}” started",
        breadcrumbs=_list_crumbs(),
        submit="Start the self-assessment",
        intro="careloop makes a draft for each of the nine quality statements. You can draft "
        "the key findings from the evidence library now, or later statement by statement.",
    )


@require("assurance.view")
def show(request, pk: int, sign_off_form=None, status=200):
    assessment = get_object_or_404(SelfAssessment.objects.select_related("framework"), pk=pk)
    statements = selectors.statement_rows(assessment)
    return render(
        request,
        "assurance/assessment_show.html",
        {
            "title": assessment.title,
            "assessment": assessment,
            "statements": statements,
            "outcome": assessment.rating(),
            "approved": sum(1 for row in statements if row.sa.status == "approved"),
            "form": sign_off_form,
            "sign_off_form": sign_off_form
            or (WithdrawForm() if assessment.is_signed_off else ReviewForm()),
            "reviews": assessment.reviews.filter(statement_assessment=None).select_related("by"),
            "history": history_for(assessment),
            "breadcrumbs": _list_crumbs(),
        },
        status=status,
    )


@require("assurance.edit")
def edit(request, pk: int):
    assessment = get_object_or_404(SelfAssessment, pk=pk)
    form = SelfAssessmentForm(posted(request), instance=assessment)
    return web.form_view(
        request,
        form,
        lambda data: services.assessment_update(form=form),
        f"Edit {assessment.title}",
        success="Self-assessment details saved",
        redirect_to=assessment,
        breadcrumbs=_assessment_crumbs(assessment),
        cancel_url=assessment.get_absolute_url(),
    )


@require_POST
@require("assurance.approve")
def sign_off(request, pk: int):
    assessment = get_object_or_404(SelfAssessment, pk=pk)
    withdraw = request.POST.get("action") == "withdraw"
    form = (WithdrawForm if withdraw else ReviewForm)(request.POST)
    if not form.is_valid():
        return show(request, pk, sign_off_form=form)
    service, done = (
        (
            services.assessment_withdraw_sign_off,
            "Sign-off withdrawn: the self-assessment can be changed",
        )
        if withdraw
        else (services.assessment_sign_off, "Self-assessment signed off")
    )
    comment = form.cleaned_data["comment"]
    if web.attempt(
        form, lambda: service(assessment=assessment, user=request.user, comment=comment)
    ):
        messages.success(request, done)
        return redirect(assessment)
    return show(request, pk, sign_off_form=form)


@require("assurance.view")
def coverage(request, pk: int):
    assessment = get_object_or_404(SelfAssessment.objects.select_related("framework"), pk=pk)
    rows = selectors.coverage(assessment)
    return render(
        request,
        "assurance/coverage.html",
        {
            "title": "Evidence coverage",
            "assessment": assessment,
            "rows": rows,
            "categories": list(assessment.framework.categories.all()),
            "breadcrumbs": _assessment_crumbs(assessment),
        },
    )


# --- One quality statement ------------------------------------------------------------------------
def _references(user, sentences) -> tuple[dict[int, int], dict[int, EvidenceItem]]:
    ids = [i for paragraph in sentences for s in paragraph for i in s.evidence_ids]
    visible = {
        item.pk: item for item in EvidenceItem.objects.visible_to(user).filter(pk__in=set(ids))
    }
    numbers: dict[int, int] = {}
    for i in ids:
        if i in visible and i not in numbers:
            numbers[i] = len(numbers) + 1
    return numbers, visible


def _annotate(paragraphs, numbers, visible):
    for paragraph in paragraphs:
        for sentence in paragraph:
            sentence.refs = [
                (numbers[i], visible[i]) for i in sentence.evidence_ids if i in visible
            ]
    return paragraphs


@require("assurance.view")
def statement_show(request, pk: int, number: int, review_form=None, status=200):
    sa = _statement(pk, number)
    assessment = sa.self_assessment
    paragraphs = linked_sentences(sa)
    numbers, visible = _references(request.user, paragraphs)
    _annotate(paragraphs, numbers, visible)
    evidence = selectors.statement_evidence(request.user, sa)
    for item in evidence:
        item.ref = numbers.get(item.pk)
    evidence.sort(key=lambda item: (item.ref is None, item.ref or 0))
    evidence_total = len(evidence)
    evidence = [item for i, item in enumerate(evidence) if item.ref or i < EVIDENCE_SHOWN]
    level = assessment.framework.score_levels.filter(score=sa.score).first() if sa.score else None
    row = next((r for r in selectors.coverage(assessment) if r.number == number), None)
    return render(
        request,
        "assurance/statement_show.html",
        {
            "title": sa.statement.name,
            "sa": sa,
            "assessment": assessment,
            "level": level,
            "paragraphs": paragraphs,
            "evidence": evidence,
            "evidence_total": evidence_total,
            "categories": selectors.category_names(assessment.framework),
            "coverage_row": row,
            "form": review_form,
            "review_form": review_form or ReviewForm(),
            "reviews": sa.reviews.select_related("by"),
            "history": history_for(sa),
            "previous": number - 1 if number > 1 else None,
            "next": number + 1 if number < 9 else None,
            "editable": sa.status == "draft" and not assessment.is_signed_off,
            "breadcrumbs": _assessment_crumbs(assessment),
        },
        status=status,
    )


@require("assurance.edit")
def statement_edit(request, pk: int, number: int):
    sa = _statement(pk, number)
    form = StatementAssessmentForm(posted(request), instance=sa)
    return web.form_view(
        request,
        form,
        lambda data: services.statement_save(form=form, user=request.user),
        f"Edit {sa.statement.name}",
        success=f"{sa.statement.name} saved",
        redirect_to=sa,
        sa=sa,
        breadcrumbs=[
            *_assessment_crumbs(sa.self_assessment),
            (sa.statement.name, sa.get_absolute_url()),
        ],
        template="assurance/statement_edit.html",
    )


@require("assurance.edit")
def statement_draft(request, pk: int, number: int):
    """GET: the draft careloop would write; POST: replace the key findings with it."""
    sa = _statement(pk, number)
    if request.method == "POST":
        web.act(
            request,
            lambda: services.statement_draft(statement_assessment=sa, user=request.user),
            success="Key findings drafted from the evidence",
        )
        return redirect(sa)
    narrative = draft_narrative(sa)
    drafted = [
        [LinkedSentence(s.text, p, 0, list(s.evidence_ids)) for s in paragraph]
        for p, paragraph in enumerate(narrative.paragraphs)
    ]
    numbers, visible = _references(request.user, drafted)
    _annotate(drafted, numbers, visible)
    return render(
        request,
        "assurance/statement_draft.html",
        {
            "title": f"Draft the key findings: {sa.statement.name}",
            "sa": sa,
            "paragraphs": drafted,
            "narrative": narrative,
            "refs": sorted(((n, visible[i]) for i, n in numbers.items()), key=lambda r: r[0]),
            "editable": sa.status == "draft" and not sa.self_assessment.is_signed_off,
            "breadcrumbs": [
                *_assessment_crumbs(sa.self_assessment),
                (sa.statement.name, sa.get_absolute_url()),
            ],
        },
    )


REVIEW_ACTIONS: dict[str, tuple[str, Callable[..., StatementAssessment], str]] = {
    "submit": ("assurance.edit", services.statement_submit, "Sent for review"),
    "approve": ("assurance.approve", services.statement_approve, "Approved"),
    "return": ("assurance.approve", services.statement_return, "Returned for changes"),
    "reopen": ("assurance.approve", services.statement_reopen, "Reopened for editing"),
}


@require_POST
@require("assurance.edit")
def statement_review(request, pk: int, number: int):
    sa = _statement(pk, number)
    action = REVIEW_ACTIONS.get(request.POST.get("action", ""))
    if action is None:
        raise Http404
    permission, service, done = action
    if not can(request.user, permission):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    form.is_valid()
    comment = form.cleaned_data["comment"]
    if web.attempt(
        form, lambda: service(statement_assessment=sa, user=request.user, comment=comment)
    ):
        messages.success(request, f"{sa.statement.name}: {done.lower()}")
        return redirect(sa)
    return statement_show(request, pk, number, review_form=form)


@require("assurance.edit")
def sentence_link(request, pk: int, number: int, index: int):
    sa = _statement(pk, number)
    sentences = [s for paragraph in linked_sentences(sa) for s in paragraph]
    if not 0 <= index < len(sentences):
        raise Http404
    sentence = sentences[index]
    items = list(
        EvidenceItem.objects.visible_to(request.user)
        .confirmed()
        .for_statement(number)
        .order_by("category", "-date")
    )
    form = SentenceLinkForm(
        posted(request), items=items, initial={"evidence": sentence.evidence_ids}
    )
    return web.form_view(
        request,
        form,
        lambda data: services.sentence_link(
            statement_assessment=sa,
            sentence=sentence.text,
            evidence_ids=data["evidence"],
            user=request.user,
        ),
        "Evidence behind a sentence",
        success="Evidence for the sentence saved",
        redirect_to=sa.get_absolute_url() + "#sentences",
        sa=sa,
        sentence=sentence,
        items=items,
        breadcrumbs=[
            *_assessment_crumbs(sa.self_assessment),
            (sa.statement.name, sa.get_absolute_url()),
        ],
        template="assurance/sentence_link.html",
    )
