"""Use cases that write: organisation, accounts and API tokens.

Keyword-only and typed; views, API views, tasks and commands call these and nothing else
writes. Each write is audited by the model's signals (see core.audit).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from typing import Any, TypeVar

from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone

from careloop.core import access, audit
from careloop.core.models import ApiToken, User

# A refusal's messages by field name (None: about the whole request), one or several each.
Messages = Mapping[str, str | Sequence[str]] | Mapping[str | None, str | Sequence[str]]


class ServiceError(Exception):
    """A use case refused: the message is shown to the person as it is.

    ``ServiceError("message")`` is about the whole request; ``ServiceError("message",
    field="due_on")`` names the field it is about, and ``ServiceError({"due_on": "…",
    "owner": ["…", "…"]})`` refuses several fields at once. Pages put each message on its
    field when the form has one (`careloop.core.web.submit`), the API answers 400 with the
    messages by field (`careloop.core.api.exception_handler`).
    """

    def __init__(self, message: str | Messages, *, field: str | None = None):
        errors: dict[str | None, list[str]]
        if isinstance(message, Mapping):
            errors = {
                key: [str(m) for m in (value if isinstance(value, list | tuple) else [value])]
                for key, value in message.items()
            }
        else:
            errors = {field: [str(message)]}
        self.errors = errors
        super().__init__("; ".join(self.messages))

    @classmethod
    def from_validation(cls, error: ValidationError) -> ServiceError:
        """The same refusal as a Django `ValidationError` (from `full_clean()`, say)."""
        if hasattr(error, "error_dict"):
            return cls({k: list(v) for k, v in error.message_dict.items()})
        whole: dict[str | None, list[str]] = {None: list(error.messages)}
        return cls(whole)

    @property
    def messages(self) -> list[str]:
        return [m for ms in self.errors.values() for m in ms]

    @property
    def field(self) -> str | None:
        """The one field the refusal is about, if it names exactly one."""
        keys = list(self.errors)
        return keys[0] if len(keys) == 1 else None


M = TypeVar("M", bound=models.Model)


def save_fields(
    record: M, fields: Mapping[str, Any], editable: Collection[str], **derived: Any
) -> M:
    """Set `fields` (only names in `editable`, the service's field list) and the `derived` ones
    the service worked out, check the record (its refusals by field) and save it."""
    unknown = set(fields) - set(editable)
    if unknown:
        raise TypeError(f"{type(record).__name__}: not editable here: {', '.join(sorted(unknown))}")
    for name, value in {**fields, **derived}.items():
        setattr(record, name, value)
    try:
        record.full_clean()
    except ValidationError as error:
        raise ServiceError.from_validation(error) from None
    record.save()
    return record


# --- Lifting a restriction (probe 7) -------------------------------------------------------------
def restriction_guard(sender, instance, raw=False, **kwargs) -> None:
    """pre_save of every Restrictable model: lifting a restriction needs a designation in
    `access.LIFTERS` and a new reason (the restriction reason, rewritten to say why it is
    lifted), both recorded in the audit entry. A service whose own rule lifts it (erasure
    leaves nothing personal) says so with `access.allow_lift(record, reason)` first."""
    if raw or instance._state.adding or instance.pk is None or instance.is_restricted:
        return
    before = (
        sender._base_manager.filter(pk=instance.pk, is_restricted=True)
        .values_list("restriction_reason", flat=True)
        .first()
    )
    if before is None:
        return
    reason = getattr(instance, access.LIFT_REASON, None)
    if reason is None:
        actor_id = audit.current().actor_id
        actor = User.objects.filter(pk=actor_id).first() if actor_id is not None else None
        if not access.may_lift(actor):
            raise ServiceError(
                f"Only {access.lifter_words()} can lift a restriction.", field="is_restricted"
            )
        reason = (instance.restriction_reason or "").strip()
        if not reason or reason == before:
            raise ServiceError(
                "Say why the restriction is lifted (replace the reason for restricting it)",
                field="restriction_reason",
            )
    instance._audit_reason = f"Restriction lifted: {reason}"


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
