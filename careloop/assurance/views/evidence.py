"""The evidence library: list, item, add a document or link, edit, confirm tags, refresh."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.assurance import selectors, services
from careloop.assurance.cqc.draft import DraftError, draft_sentence
from careloop.assurance.forms import EvidenceConfirmForm, EvidenceForm
from careloop.assurance.models import EvidenceItem
from careloop.assurance.views.common import crumbs, posted, uploaded
from careloop.core import web
from careloop.core.attachments import attachments_for
from careloop.core.exports import Column
from careloop.core.permissions import can, get_visible_or_404, require
from careloop.core.selectors import history_for
from careloop.core.views import paginate


def _library_crumbs():
    return crumbs(("Evidence library", reverse("assurance:evidence_index")))


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= 9 else None


def _filters(request, categories) -> dict:
    def choice(name: str, allowed) -> str:
        value = request.GET.get(name, "")
        return value if value in allowed else ""

    return {
        "statement": _int(request.GET.get("statement")),
        "category": choice("category", categories),
        "state": choice("state", selectors.EVIDENCE_STATES),
        "kind": choice("kind", EvidenceItem.Kind.values),
        "query": request.GET.get("q", "").strip()[:100],
    }


@require("assurance.view")
def index(request):
    framework = selectors.current_framework()
    categories = selectors.category_names(framework)
    filters = _filters(request, categories)
    qs = selectors.evidence_list(request.user, **filters)
    names = {s.number: s.name for s in framework.statements.all()}
    page = paginate(request, qs)
    for item in page["page_obj"]:
        item.suggested_names = [names.get(n, str(n)) for n in item.suggested_statements]
    return render(
        request,
        "assurance/evidence_index.html",
        {
            "title": "Evidence library",
            "filters": filters,
            "statements": framework.statements.all(),
            "categories": categories,
            "states": selectors.EVIDENCE_STATES,
            "kinds": EvidenceItem.Kind.choices,
            "counts": selectors.evidence_counts(request.user),
            "last_refresh": selectors.last_refresh(),
            "breadcrumbs": crumbs(),
            **page,
        },
    )


def _status(item) -> str:
    if not item.is_reported:
        return "No longer reported"
    return "Confirmed" if item.is_confirmed else "Suggested, not yet confirmed"


@require("assurance.view")
def export(request):
    """The evidence log as CSV or Excel, with the same filters as the list."""
    framework = selectors.current_framework()
    categories = selectors.category_names(framework)
    names = {s.number: s.name for s in framework.statements.all()}
    filters = _filters(request, categories)

    def statements(numbers):
        return "; ".join(names.get(n, str(n)) for n in numbers)

    columns = [
        Column("Evidence", "title"),
        Column("Kind", "get_kind_display"),
        Column("Source", "source"),
        Column("Date", "date"),
        Column("What it shows", "summary"),
        Column("Quality statements", lambda i: statements(i.statement_numbers())),
        Column("Evidence category", lambda i: categories.get(i.category, "")),
        Column("Suggested statements", lambda i: statements(i.suggested_statements)),
        Column("Suggested category", lambda i: categories.get(i.suggested_category, "")),
        Column("Status", _status),
        Column("Link", lambda i: request.build_absolute_uri(i.url) if i.url else ""),
        Column("Restricted", "is_restricted"),
    ]
    return web.download(
        request,
        selectors.evidence_list(request.user, **filters),
        columns,
        filename="evidence-library",
        description="Evidence library",
    )


@require("assurance.view")
def show(request, pk: int):
    item = get_visible_or_404(request.user, EvidenceItem.objects.all(), pk=pk)
    framework = selectors.current_framework()
    confirmed = item.statement_numbers()
    form = EvidenceConfirmForm(
        framework=framework,
        initial={
            "statements": confirmed if item.is_confirmed else item.suggested_statements,
            "category": item.category if item.is_confirmed else item.suggested_category,
        },
    )
    return _show(request, item, form)


def _show(request, item, form, status=200):
    framework = selectors.current_framework()
    names = {s.number: s.name for s in framework.statements.all()}
    drafted = ""
    if (item.figures or {}).get("kind"):
        try:
            drafted = draft_sentence(item.figures).text
        except DraftError:
            drafted = ""
    return render(
        request,
        "assurance/evidence_show.html",
        {
            "title": item.title,
            "item": item,
            "form": form if can(request.user, "assurance.edit") else None,
            "categories": selectors.category_names(framework),
            "suggested_names": [names.get(n, str(n)) for n in item.suggested_statements],
            "drafted": drafted,
            "attachments": attachments_for(item),
            "history": history_for(item),
            "breadcrumbs": _library_crumbs(),
        },
        status=status,
    )


@require("assurance.edit")
def new(request, kind: str):
    if kind not in (EvidenceItem.Kind.DOCUMENT, EvidenceItem.Kind.LINK):
        raise Http404
    framework = selectors.current_framework()
    form = EvidenceForm(posted(request), uploaded(request), kind=kind, framework=framework)
    noun = "Upload a document" if kind == EvidenceItem.Kind.DOCUMENT else "Add a web link"
    return web.form_view(
        request,
        form,
        lambda data: services.evidence_add(
            user=request.user,
            kind=kind,
            title=data["title"],
            summary=data["summary"],
            date=data["date"],
            source=data["source"],
            file=data.get("file"),
            url=data.get("url", ""),
            statements=data["statements"],
            category=data["category"],
            figure=form.figure(),
            is_restricted=data["is_restricted"],
            restriction_reason=data["restriction_reason"],
        ),
        noun,
        success=lambda item: f"“{item.title}” added to the evidence library",
        kind=kind,
        breadcrumbs=_library_crumbs(),
        template="assurance/evidence_form.html",
    )


@require("assurance.edit")
def edit(request, pk: int):
    item = get_visible_or_404(request.user, EvidenceItem.objects.all(), pk=pk)
    if item.kind == EvidenceItem.Kind.FACT:
        raise Http404
    framework = selectors.current_framework()
    form = EvidenceForm(
        posted(request),
        kind=item.kind,
        framework=framework,
        editing=True,
        initial=EvidenceForm.initial_for(item),
    )
    return web.form_view(
        request,
        form,
        lambda data: services.evidence_update(
            item=item,
            title=data["title"],
            summary=data["summary"],
            date=data["date"],
            source=data["source"],
            url=data.get("url", ""),
            figure=form.figure(),
            is_restricted=data["is_restricted"],
            restriction_reason=data["restriction_reason"],
        ),
        f"Edit {item.title}",
        success="Evidence saved",
        redirect_to=item,
        kind=item.kind,
        item=item,
        breadcrumbs=[*_library_crumbs(), (item.title, item.get_absolute_url())],
        template="assurance/evidence_form.html",
    )


@require_POST
@require("assurance.edit")
def confirm(request, pk: int):
    item = get_visible_or_404(request.user, EvidenceItem.objects.all(), pk=pk)
    form = EvidenceConfirmForm(request.POST, framework=selectors.current_framework())
    if web.submit(
        request,
        form,
        lambda data: services.evidence_confirm(item=item, user=request.user, **data),
        success="Quality statements and category confirmed",
    ):
        return redirect(item)
    return _show(request, item, form)


@require_POST
@require("assurance.edit")
def accept_suggestions(request):
    ids = [int(i) for i in request.POST.getlist("items") if i.isdigit()]
    if not ids:
        messages.error(request, "Select the evidence items whose suggestions you accept")
        return redirect(reverse("assurance:evidence_index") + "?state=unconfirmed")
    items = EvidenceItem.objects.visible_to(request.user).filter(pk__in=ids)
    accepted, skipped = services.evidence_accept_suggestions(items=items, user=request.user)
    text = f"Suggestions accepted for {accepted} item{'s' if accepted != 1 else ''}"
    if skipped:
        text += (
            f". {skipped} item{'s have' if skipped != 1 else ' has'} no suggestion: open "
            f"{'them' if skipped != 1 else 'it'} to choose the statements and category"
        )
    messages.success(request, text)
    back = request.POST.get("next", "")
    return redirect(back if back.startswith("/assurance/") else "assurance:evidence_index")


@require_POST
@require("assurance.edit")
def delete(request, pk: int):
    item = get_visible_or_404(request.user, EvidenceItem.objects.all(), pk=pk)
    if not web.act(
        request,
        lambda: services.evidence_delete(item=item),
        success=f"“{item.title}” removed from the evidence library",
    ):
        return redirect(item)
    return redirect("assurance:evidence_index")


@require_POST
@require("assurance.manage")
def refresh(request):
    services.evidence_refresh_start(user=request.user)
    messages.success(
        request,
        "careloop is gathering the evidence from every area. Refresh this page in a minute to "
        "see it.",
    )
    return redirect("assurance:evidence_index")
