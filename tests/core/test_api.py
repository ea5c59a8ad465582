"""The API: tokens and sessions, the same permissions, 4xx with reasons, OpenAPI."""

import datetime as dt

from django.utils import timezone
from rest_framework.test import APIClient

from careloop.core.models import ApiToken, AuditEntry, Directorate, Team


def bearer(user, **kwargs):
    token, key = ApiToken.issue(user=user, name="test", **kwargs)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {key}")
    return client, token


def test_token_authenticates_and_only_its_hash_is_stored(users):
    client, token = bearer(users["manager"])
    response = client.get("/api/v1/me/")
    assert response.status_code == 200 and response.json()["role"] == "manager"
    assert len(token.key_hash) == 64 and token.key_hash != token.prefix


def test_revoked_expired_and_wrong_tokens_are_refused_with_a_reason(users):
    client, token = bearer(users["manager"])
    token.revoked_at = timezone.now()
    token.save()
    response = client.get("/api/v1/me/")
    assert response.status_code == 401 and "revoked" in response.json()["detail"]
    client, _ = bearer(users["manager"], expires_at=timezone.now() - dt.timedelta(days=1))
    assert client.get("/api/v1/me/").status_code == 401
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer cl_not-a-real-token")
    assert client.get("/api/v1/me/").status_code == 401
    assert APIClient().get("/api/v1/me/").status_code == 401


def test_session_authentication_works_too(client, users):
    client.force_login(users["viewer"])
    assert client.get("/api/v1/me/").json()["email"] == users["viewer"].email


def test_writes_follow_the_same_permissions_and_are_audited(users, team):
    client, _ = bearer(users["manager"])
    response = client.post("/api/v1/directorates/", {"name": "Housing"}, format="json")
    assert response.status_code == 403
    client, _ = bearer(users["admin"])
    response = client.post("/api/v1/directorates/", {"name": "Housing"}, format="json")
    assert response.status_code == 201
    made = Directorate.objects.get(name="Housing")
    entry = AuditEntry.objects.for_object(made).get()
    assert entry.actor == users["admin"] and entry.source == "api"


def test_bad_input_gets_400_with_reasons(users, team):
    client, _ = bearer(users["admin"])
    response = client.post("/api/v1/teams/", {"name": ""}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"service", "name"}
    response = client.post(
        "/api/v1/teams/", {"service": team.service.pk, "name": team.name}, format="json"
    )
    assert response.status_code == 400 and "unique" in str(response.json()).lower()
    response = client.post(
        "/api/v1/users/", {"email": users["viewer"].email, "full_name": "X"}, format="json"
    )
    assert response.status_code == 400 and "already uses" in str(response.json())
    response = client.generic(
        "POST", "/api/v1/directorates/", "{not json", content_type="application/json"
    )
    assert response.status_code == 400


def test_deleting_something_others_depend_on_is_a_409_not_a_500(users, team):
    client, _ = bearer(users["admin"])
    response = client.delete(f"/api/v1/service-areas/{team.service.pk}/")
    assert response.status_code == 409 and "cannot be deleted" in response.json()["detail"]
    assert Team.objects.filter(pk=team.pk).exists()


def test_users_are_deactivated_never_deleted(users):
    client, _ = bearer(users["admin"])
    assert client.delete(f"/api/v1/users/{users['viewer'].pk}/").status_code == 405


def test_openapi_schema_describes_the_api(users):
    client, _ = bearer(users["viewer"])
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert schema["info"]["title"] == "careloop API"
    assert "/api/v1/me/" in schema["paths"] and "/api/v1/teams/" in schema["paths"]
    assert "bearerAuth" in schema["components"]["securitySchemes"]
