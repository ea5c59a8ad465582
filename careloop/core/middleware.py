"""Request middleware: who is acting (for the audit trail); sign-in for htmx requests; refusing
addresses no database can search for; no copies of signed-in pages kept by browsers or proxies."""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import resolve_url
from django.utils.cache import add_never_cache_headers

from careloop.core import audit
from careloop.core.views import bad_request

NUL_MESSAGE = "The address contains a character that cannot be searched for (a null character)."


class HtmxLoginRedirectMiddleware:
    """When a session has expired, an htmx request would swap the sign-in page into part of
    the page. Send the whole browser to sign in instead, then back to the page it was on."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        login = resolve_url(settings.LOGIN_URL)
        if (
            request.headers.get("HX-Request") == "true"
            and response.status_code == 302
            and urlsplit(response.get("Location", "")).path == login
        ):
            current = urlsplit(request.headers.get("HX-Current-URL", ""))
            page = current.path + (f"?{current.query}" if current.query else "") or "/"
            redirect = HttpResponse(status=204)
            redirect["HX-Redirect"] = f"{login}?{urlencode({'next': page})}"
            return redirect
        return response


class AuditContextMiddleware:
    """Attributes every write made while handling a request to the signed-in user."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user if request.user.is_authenticated else None
        source = "api" if request.path.startswith("/api/") else "web"
        token = audit.set_context(user, source)
        try:
            return self.get_response(request)
        finally:
            audit.reset_context(token)


class RejectNulMiddleware:
    """A null character in a search or filter reaches the database, and PostgreSQL refuses
    text containing one (a 500 error). Answer 400 with a reason before any view runs; form and
    API bodies are already checked by Django's and DRF's field validators."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in key + "".join(values) for key, values in request.GET.lists()):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": NUL_MESSAGE}, status=400)
            return bad_request(request, detail=NUL_MESSAGE)
        return self.get_response(request)


class NoStoreWhenSignedInMiddleware:
    """What a signed-in person sees holds personal data: no browser cache, shared computer's
    back button or proxy may keep a copy (`Cache-Control: no-store`). Public pages (the
    feedback form, you said we did) may be cached as usual."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)  # an API token's user is set here by DRF
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
