"""Top-level URLs. Each area's app adds one `include` here."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.urls import include, path

from careloop.core import forms as core_forms
from careloop.core import views as core_views

handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error


@login_not_required
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
def robots(request):
    return HttpResponse("User-agent: *\nDisallow: /\n", content_type="text/plain")


accounts = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=core_forms.LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(form_class=core_forms.PasswordChangeForm),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        auth_views.PasswordResetView.as_view(form_class=core_forms.PasswordResetForm),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(form_class=core_forms.SetPasswordForm),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", include("careloop.core.urls")),
    path("accounts/", include(accounts)),
    path("feedback/", include("careloop.feedback.urls")),
    path("innovation/", include("careloop.innovation.urls")),
    path("performance/", include("careloop.performance.urls")),
    path("personal-data/", include("careloop.privacy.urls")),
    path("coproduction/", include("careloop.coproduction.urls")),
    path("api/v1/", include("careloop.core.api_urls")),
    path("learning/", include("careloop.learning.urls")),
    path("workforce/", include("careloop.workforce.urls")),
    path("assurance/", include("careloop.assurance.urls")),
    path("themes/", include("careloop.themes.urls")),
    path("django-admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots, name="robots"),
]

if settings.OIDC_ENABLED:
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
