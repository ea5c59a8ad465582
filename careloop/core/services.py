"""Use cases that write: organisation, accounts and API tokens.

Keyword-only and typed; views, API views, tasks and commands call these and nothing else
writes. Each write is audited by the model's signals (see core.audit).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.forms import PasswordResetForm
from django.db import transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone

from careloop.core.models import ApiToken, User


class ServiceError(Exception):
    """A use case refused: the message is shown to the person as it is."""


@transaction.atomic
def record_save(*, form):
    """Save a validated ModelForm (organisation records: directorates, service areas, teams)."""
    return form.save()


def record_delete(*, record) -> None:
    """Delete an organisation record, refusing while anything still belongs to it."""
    try:
        with transaction.atomic():
            record.delete()
    except ProtectedError:
        raise ServiceError(
            f"{record} cannot be deleted while it still has service areas, teams or people. "
            "Move or delete those first."
        ) from None


class _InvitationForm(PasswordResetForm):
    """The reset flow, for a new account that has no password yet."""

    def get_users(self, email):
        return User.objects.filter(email__iexact=email, is_active=True)


def send_set_password_email(*, user: User, request=None) -> None:
    """Email the person a link to set their password (the password reset flow)."""
    form = _InvitationForm({"email": user.email})
    if form.is_valid():
        form.save(
            request=request,
            use_https=bool(request and request.is_secure()),
            subject_template_name="registration/invitation_subject.txt",
            email_template_name="registration/invitation_email.txt",
            domain_override=request.get_host() if request else "localhost",
        )


@transaction.atomic
def user_save(*, form, request=None) -> User:
    """Create or update an account. A new account is invited by email to set a password."""
    creating = form.instance.pk is None
    user = form.save(commit=False)
    if creating:
        user.set_unusable_password()
    user.save()
    if creating:
        transaction.on_commit(lambda: send_set_password_email(user=user, request=request))
    return user


def api_token_issue(*, user: User, name: str, expires_in_days: int) -> tuple[ApiToken, str]:
    """A new personal API token; the key is returned once and never stored."""
    expires = timezone.now() + dt.timedelta(days=expires_in_days)
    return ApiToken.issue(user=user, name=name, expires_at=expires)


def api_token_revoke(*, token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
