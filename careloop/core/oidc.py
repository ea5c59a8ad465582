"""Single sign-on with OpenID Connect (Microsoft Entra ID), when OIDC_RP_CLIENT_ID is set.

People sign in with their council account; careloop matches them to an existing account by
email. New accounts are only made when OIDC_CREATE_USER is on, with the role mapped from
their Entra groups (OIDC_ROLE_GROUPS) or OIDC_DEFAULT_ROLE.
"""

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from careloop.core.permissions import Role


def _email(claims: dict) -> str:
    return (
        claims.get("email") or claims.get("preferred_username") or claims.get("upn") or ""
    ).lower()


def role_from_claims(claims: dict) -> str | None:
    """The careloop role for the first Entra group that maps to one, if any."""
    mapping = getattr(settings, "OIDC_ROLE_GROUPS", {})
    for group in claims.get("groups") or []:
        if group in mapping and mapping[group] in Role.values:
            return mapping[group]
    return None


class CareloopOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims):
        email = _email(claims)
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def verify_claims(self, claims) -> bool:
        return bool(_email(claims))

    def create_user(self, claims):
        role = role_from_claims(claims) or settings.OIDC_DEFAULT_ROLE
        return self.UserModel.objects.create_user(
            email=_email(claims), full_name=claims.get("name", ""), role=role
        )

    def update_user(self, user, claims):
        role = role_from_claims(claims)
        changed = []
        if role and role != user.role:
            user.role = role
            changed.append("role")
        if claims.get("name") and claims["name"] != user.full_name:
            user.full_name = claims["name"]
            changed.append("full_name")
        if changed:
            user.save(update_fields=changed)
        return user
