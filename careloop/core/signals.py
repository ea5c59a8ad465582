"""Sign-in events go to the audit trail (not to the application log: no personal data there);
the name the sign-in lockout counts."""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from careloop.core import audit

log = logging.getLogger("careloop.accounts")


@receiver(user_logged_in, dispatch_uid="careloop-login")
def on_login(sender, request, user, **kwargs):
    audit.record("login", user, actor=user)
    log.info("sign-in succeeded user_id=%s", user.pk)


@receiver(user_logged_out, dispatch_uid="careloop-logout")
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        audit.record("logout", user, actor=user)


@receiver(user_login_failed, dispatch_uid="careloop-login-failed")
def on_login_failed(sender, credentials, request=None, **kwargs):
    # The name typed is not stored: it may be a mistyped password. Record the account only
    # when the name matches one.
    name = (credentials or {}).get("username") or (credentials or {}).get("email") or ""
    user = get_user_model().objects.filter(email__iexact=name).first() if name else None
    if user is not None:
        audit.record("login_failed", user, actor=None)
    else:
        audit.record("login_failed", None, object_repr="unknown account")
    log.info("sign-in failed user_id=%s", user.pk if user else "unknown")


def lockout_username(request, credentials=None) -> str:
    """The name django-axes counts failed sign-ins against (AXES_USERNAME_CALLABLE).

    Sign-in ignores letter case and surrounding spaces (`UserManager.get_by_natural_key`), so
    the lockout must too: otherwise `Name@…`, `NAME@…` and ` name@… ` would each get their own
    five tries at the same account."""
    source = credentials if credentials else getattr(request, "data", request.POST)
    return str(source.get("username") or "").strip().lower()
