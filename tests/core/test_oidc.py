"""Single sign-on: accounts are matched by email and roles mapped from Entra groups."""

import pytest

from careloop.core.oidc import CareloopOIDCBackend, role_from_claims


@pytest.fixture
def backend(settings):
    settings.OIDC_RP_CLIENT_ID = "careloop"
    settings.OIDC_RP_CLIENT_SECRET = "s3cret"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://login.example/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://login.example/userinfo"
    settings.OIDC_RP_SIGN_ALGO = "RS256"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://login.example/keys"
    settings.OIDC_ROLE_GROUPS = {"group-quality": "quality_lead", "group-bad": "emperor"}
    settings.OIDC_DEFAULT_ROLE = "viewer"
    return CareloopOIDCBackend()


def test_existing_account_is_matched_by_email_case_insensitively(backend, users):
    found = backend.filter_users_by_claims({"email": users["manager"].email.upper()})
    assert list(found) == [users["manager"]]
    assert not backend.filter_users_by_claims({"email": ""}).exists()
    assert not backend.verify_claims({"name": "No email"})


def test_groups_map_to_roles_and_unknown_roles_are_ignored(backend, users):
    assert role_from_claims({"groups": ["other", "group-quality"]}) == "quality_lead"
    assert role_from_claims({"groups": ["group-bad"]}) is None
    user = backend.update_user(users["viewer"], {"groups": ["group-quality"], "name": "New Name"})
    user.refresh_from_db()
    assert user.role == "quality_lead" and user.full_name == "New Name"


def test_new_accounts_get_the_default_role(backend, db):
    user = backend.create_user({"email": "New.Person@northshire.example", "name": "New Person"})
    assert user.email == "new.person@northshire.example" and user.role == "viewer"
