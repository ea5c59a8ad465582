"""Pages of the core: home, account, organisation, people, audit, and the public pages."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseServerError, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.urls import reverse
from django.views.decorators.http import require_POST

from careloop.core import areas, selectors, services, web
from careloop.core.forms import (
    ApiTokenForm,
    DirectorateForm,
    ServiceAreaForm,
    TeamForm,
    UserForm,
)
from careloop.core.models import (
    ApiToken,
    Attachment,
    AuditEntry,
    Directorate,
    ServiceArea,
    Team,
    User,
)
from careloop.core.permissions import Role, can, registry, require

ADMIN_CRUMB = ("Administration", "/administration/")


def paginate(request, queryset, per_page: int = 50):
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    return {
        "page_obj": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
    }


# --- Home -------------------------------------------------------------------------------------
@require("core.home")
def home(request):
    work = areas.my_work(request.user)
    return render(
        request,
        "core/home.html",
        {
            "title": "Home",
            "work": work,
            "headlines": areas.headlines(request.user),
            "available_areas": [a for a in areas.all_areas() if can(request.user, a.permission)],
        },
    )


# --- Public pages -----------------------------------------------------------------------------
@login_not_required
def accessibility(request):
    return render(request, "core/accessibility.html", {"title": "Accessibility statement"})


@login_not_required
def privacy(request):
    return render(request, "core/privacy.html", {"title": "Privacy notice"})


# --- Your account -----------------------------------------------------------------------------
@require("core.home")
def account(request):
    tokens = request.user.tokens.all() if can(request.user, "core.api_tokens") else []
    return render(
        request,
        "core/account.html",
        {"title": "Your account", "tokens": tokens, "breadcrumbs": [("Home", "/")]},
    )


@require("core.api_tokens")
def token_new(request):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, key = services.api_token_issue(user=request.user, **form.cleaned_data)
        return render(
            request,
            "core/token_created.html",
            {"title": "Your new API token", "token": token, "key": key},
        )
    return render(
        request,
        "core/form_page.html",
        {
            "title": "Create an API token",
            "form": form,
            "submit": "Create token",
            "breadcrumbs": [("Home", "/"), ("Your account", reverse("core:account"))],
            "intro": "A token lets a program use the careloop API as you, with your role. "
            "You will see it once: copy it somewhere safe.",
        },
    )


@require_POST
@require("core.api_tokens")
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(token=token)
    messages.success(request, f"Token “{token.name}” revoked")
    return redirect("core:account")


# --- Administration ---------------------------------------------------------------------------
@require("core.manage_org")
def admin_index(request):
    return render(
        request,
        "core/admin_index.html",
        {
            "title": "Administration",
            "counts": {
                "directorates": Directorate.objects.count(),
                "services": ServiceArea.objects.count(),
                "teams": Team.objects.count(),
                "users": User.objects.filter(is_active=True).count(),
            },
            "permission_table": permission_table(),
            "roles": list(Role),
        },
    )


def permission_table():
    return [(p, [role in p.roles for role in Role]) for p in registry().values()]


@require("core.view_org")
def organisation(request):
    return render(
        request,
        "core/organisation.html",
        {
            "title": "Organisation",
            "directorates": selectors.organisation(),
            "breadcrumbs": [ADMIN_CRUMB] if can(request.user, "core.manage_org") else [],
        },
    )


ORG_FORMS = {
    "directorate": (Directorate, DirectorateForm, "directorate"),
    "service": (ServiceArea, ServiceAreaForm, "service area"),
    "team": (Team, TeamForm, "team"),
}


def _org_kind(kind: str):
    if kind not in ORG_FORMS:
        raise Http404
    return ORG_FORMS[kind]


@require("core.manage_org")
def org_edit(request, kind: str, pk: int | None = None):
    model, form_class, noun = _org_kind(kind)
    record = get_object_or_404(model, pk=pk) if pk else None
    form = form_class(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        saved = services.record_save(form=form)
        messages.success(request, f"{noun.capitalize()} “{saved}” saved")
        return redirect("core:organisation")
    return render(
        request,
        "core/org_form.html",
        {
            "title": f"Edit {noun}" if record else f"Add a {noun}",
            "form": form,
            "record": record,
            "kind": kind,
            "history": selectors.history_for(record) if record else [],
            "breadcrumbs": [ADMIN_CRUMB, ("Organisation", reverse("core:organisation"))],
        },
    )


@require_POST
@require("core.manage_org")
def org_delete(request, kind: str, pk: int):
    model, _, noun = _org_kind(kind)
    record = get_object_or_404(model, pk=pk)
    if (
        web.act(
            request,
            lambda: services.record_delete(record=record),
            success=f"{noun.capitalize()} “{record}” deleted",
        )
        is None
    ):
        return redirect("core:org_edit", kind=kind, pk=pk)
    return redirect("core:organisation")


@require("core.manage_users")
def user_index(request):
    role = request.GET.get("role", "")
    query = request.GET.get("q", "").strip()
    qs = selectors.users(query=query, role=role if role in Role.values else "")
    template = "core/_user_results.html" if request.htmx else "core/user_index.html"
    return render(
        request,
        template,
        {
            "title": "People and roles",
            "roles": Role.choices,
            "role": role,
            "query": query,
            "breadcrumbs": [ADMIN_CRUMB],
            **paginate(request, qs),
        },
    )


@require("core.manage_users")
def user_show(request, pk: int):
    person = get_object_or_404(User.objects.select_related("team", "line_manager"), pk=pk)
    return render(
        request,
        "core/user_show.html",
        {
            "title": person.full_name,
            "person": person,
            "history": selectors.history_for(person),
            "breadcrumbs": [ADMIN_CRUMB, ("People and roles", reverse("core:user_index"))],
        },
    )


@require("core.manage_users")
def user_edit(request, pk: int | None = None):
    person = get_object_or_404(User, pk=pk) if pk else None
    form = UserForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        saved = services.user_save(form=form, request=request)
        if person is None:
            messages.success(
                request,
                f"Account created. {saved.full_name} has been emailed a link to set a password",
            )
        else:
            messages.success(request, f"{saved.full_name}’s account saved")
        return redirect("core:user_show", pk=saved.pk)
    crumbs = [ADMIN_CRUMB, ("People and roles", reverse("core:user_index"))]
    if person:
        crumbs.append((person.full_name, reverse("core:user_show", args=[person.pk])))
    return render(
        request,
        "core/form_page.html",
        {
            "title": f"Edit {person.full_name}" if person else "Add a person",
            "form": form,
            "submit": "Save",
            "breadcrumbs": crumbs,
        },
    )


@require("core.view_audit")
def audit_index(request):
    action = request.GET.get("action", "")
    qs = selectors.audit_log(action=action if action in AuditEntry.Action.values else "")
    return render(
        request,
        "core/audit_index.html",
        {
            "title": "Audit trail",
            "actions": AuditEntry.Action.choices,
            "action": action,
            "breadcrumbs": [ADMIN_CRUMB] if can(request.user, "core.manage_org") else [],
            **paginate(request, qs, per_page=100),
        },
    )


# --- Error pages ------------------------------------------------------------------------------
def _error(request, template: str, status: int, title: str, detail: str = ""):
    return render(request, template, {"title": title, "detail": detail}, status=status)


def bad_request(request, exception=None, detail: str = ""):
    return _error(request, "400.html", 400, "Sorry, there is a problem with your request", detail)


def permission_denied(request, exception=None):
    return _error(request, "403.html", 403, "You do not have permission to see this page")


def page_not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return _error(request, "404.html", 404, "Page not found")


def server_error(request):
    """The 500 page, rendered without the database or context processors: they may be what
    failed."""
    context = {
        "council_name": settings.COUNCIL_NAME,
        "council_logo": settings.COUNCIL_LOGO,
        "council_website": settings.COUNCIL_WEBSITE,
        "service_name": settings.SERVICE_NAME,
        "phase": settings.PHASE,
        "support_email": settings.SUPPORT_EMAIL,
    }
    return HttpResponseServerError(loader.get_template("500.html").render(context))


# --- Attachments ------------------------------------------------------------------------------
def attachment_download(request, pk: int):
    """A stored file, to people who may see the record it belongs to (others: 404)."""
    attachment = get_object_or_404(Attachment, pk=pk, kind=Attachment.Kind.FILE)
    if not attachment.is_visible_to(request.user):
        raise Http404
    name = (attachment.file.name or "").rsplit("/", 1)[-1].split("-", 1)[-1]
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=name)
