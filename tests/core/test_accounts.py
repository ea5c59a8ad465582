"""Signing in and out, lockout, password change and reset, sessions, production settings."""

import json
import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings as django_settings
from django.core import mail

from careloop.core.models import AuditEntry


def test_sign_in_then_back_to_the_page_asked_for(client, users, password):
    response = client.get("/administration/organisation/")
    assert response.status_code == 302
    assert response.url == "/accounts/login/?next=/administration/organisation/"
    response = client.post(
        response.url,
        {
            "username": users["admin"].email,
            "password": password,
            "next": "/administration/organisation/",
        },
    )
    assert response.status_code == 302 and response.url == "/administration/organisation/"
    assert client.get(response.url).status_code == 200


def test_wrong_password_shows_an_error_summary_and_keeps_the_email(client, users):
    response = client.post(
        "/accounts/login/", {"username": users["viewer"].email, "password": "not-it"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and "Enter a correct email address and password" in body
    assert f'value="{users["viewer"].email}"' in body
    assert "<title>Error: " in body


def test_email_is_not_case_sensitive(client, users, password):
    response = client.post(
        "/accounts/login/", {"username": users["viewer"].email.upper(), "password": password}
    )
    assert response.status_code == 302


def test_repeated_failures_lock_the_account(client, users, password):
    email = users["practitioner"].email
    for _ in range(django_settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": email, "password": "guess"})
    response = client.post("/accounts/login/", {"username": email, "password": password})
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_letter_case_does_not_buy_more_tries(client, users, password):
    """Sign-in ignores case, so the lockout counts every spelling of the address as one."""
    email = users["practitioner"].email
    spellings = [email.upper(), email.title(), f"  {email.capitalize()} ", email.swapcase()]
    for attempt in range(django_settings.AXES_FAILURE_LIMIT):
        name = spellings[attempt % len(spellings)]
        client.post("/accounts/login/", {"username": name, "password": "guess"})
    response = client.post("/accounts/login/", {"username": email.title(), "password": "guess"})
    assert response.status_code == 429
    response = client.post("/accounts/login/", {"username": email.upper(), "password": password})
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_out_is_a_post_and_ends_the_session(client, users):
    client.force_login(users["manager"])
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/").status_code == 302
    assert AuditEntry.objects.filter(action="logout", actor=users["manager"]).exists()


def test_password_reset_by_email(client, users):
    response = client.post("/accounts/password/reset/", {"email": users["viewer"].email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [users["viewer"].email]
    link = next(line for line in mail.outbox[0].body.splitlines() if "/password/reset/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get(f"/{path}", follow=True)
    assert "Set a new password" in response.content.decode()
    new = "a-brand-new-passphrase"
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    response = client.post("/accounts/login/", {"username": users["viewer"].email, "password": new})
    assert response.status_code == 302 and response.url == "/"


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client, db):
    response = client.post("/accounts/password/reset/", {"email": "nobody@northshire.example"})
    assert response.status_code == 302 and mail.outbox == []


def test_password_change_refuses_a_weak_password(client, users, password):
    client.force_login(users["practitioner"])
    response = client.post(
        "/accounts/password/change/",
        {"old_password": password, "new_password1": "password", "new_password2": "password"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in body
    assert "too short" in body or "too common" in body


def test_expired_session_goes_back_to_sign_in_then_to_the_page(client, users, password):
    client.force_login(users["quality_lead"])
    client.session.flush()  # what an expired session looks like to the server
    client.cookies.clear()
    response = client.get("/account/")
    assert response.status_code == 302 and response.url == "/accounts/login/?next=/account/"


def test_security_settings():
    assert django_settings.SESSION_SAVE_EVERY_REQUEST
    assert django_settings.SESSION_COOKIE_HTTPONLY
    assert django_settings.X_FRAME_OPTIONS == "DENY"


def _settings_in_subprocess(tmp_path: Path, **env) -> dict:
    """Import careloop.settings fresh with the given environment and report some values."""
    code = (
        "import json, careloop.settings as s; print(json.dumps({"
        "'hashers': s.PASSWORD_HASHERS, 'debug': s.DEBUG, 'secure': s.SESSION_COOKIE_SECURE, "
        "'csrf_secure': s.CSRF_COOKIE_SECURE, 'hsts': s.SECURE_HSTS_SECONDS, "
        "'db': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']), "
        "'key': s.SECRET_KEY, 'email': s.EMAIL_BACKEND, 'hosts': s.ALLOWED_HOSTS}))"
    )
    clean = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"}
    }
    clean.update(CARELOOP_DATA_DIR=str(tmp_path), **env)
    out = subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def test_production_defaults(tmp_path):
    values = _settings_in_subprocess(tmp_path)
    assert values["hashers"][0].endswith("Argon2PasswordHasher")
    assert values["debug"] is False
    assert values["secure"] and values["csrf_secure"] and values["hsts"] >= 31536000
    assert values["db"] == "django.db.backends.sqlite3"
    assert values["name"] == str(tmp_path / "careloop.sqlite3")
    assert values["email"].endswith("console.EmailBackend")
    # The secret key is generated once, kept in the data directory, and reused.
    key_file = tmp_path / "secret_key"
    assert key_file.read_text().strip() == values["key"] and len(values["key"]) > 40
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert _settings_in_subprocess(tmp_path)["key"] == values["key"]


def test_environment_overrides(tmp_path):
    values = _settings_in_subprocess(
        tmp_path,
        DATABASE_URL="postgres://someone@db.example:5432/careloop",
        SECRET_KEY="from-the-environment",
        ALLOWED_HOSTS="careloop.northshire.example",
        CARELOOP_HTTPS="0",
    )
    assert values["db"] == "django.db.backends.postgresql" and values["name"] == "careloop"
    assert values["key"] == "from-the-environment"
    assert values["hosts"] == ["careloop.northshire.example"]
    assert values["secure"] is False and values["hsts"] == 0
    assert not (tmp_path / "secret_key").exists()


def test_signed_in_pages_and_api_answers_are_never_stored(login, users):
    client = login(users["manager"])
    for url in ("/", "/feedback/", "/api/v1/me/"):
        assert "no-store" in client.get(url)["Cache-Control"], url
    client.logout()
    public = client.get("/feedback/tell-us/")
    assert public.status_code == 200 and "no-store" not in public.get("Cache-Control", "")
