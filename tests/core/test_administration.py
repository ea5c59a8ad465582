"""Administrators edit the organisation and people in the product's own pages."""

from django.core import mail

from careloop.core.models import AuditEntry, Directorate, ServiceArea, Team, User


def test_administrator_builds_the_organisation(login, users):
    client = login(users["admin"])
    response = client.post(
        "/administration/organisation/directorate/new/", {"name": "Public Health"}
    )
    assert response.status_code == 302
    directorate = Directorate.objects.get(name="Public Health")
    client.post(
        "/administration/organisation/service/new/",
        {"directorate": directorate.pk, "name": "Healthy Lifestyles"},
    )
    service = ServiceArea.objects.get(name="Healthy Lifestyles")
    client.post(
        "/administration/organisation/team/new/",
        {"service": service.pk, "name": "Falls Prevention Team", "manager": users["manager"].pk},
    )
    team = Team.objects.get(name="Falls Prevention Team")
    assert team.manager == users["manager"]
    page = client.get("/administration/organisation/").content.decode()
    assert "Public Health" in page and "Falls Prevention Team" in page
    entry = AuditEntry.objects.for_object(team).get()
    assert entry.actor == users["admin"] and entry.changes["name"] == [
        None,
        "Falls Prevention Team",
    ]


def test_bad_input_shows_the_error_summary_keeps_input_and_changes_nothing(login, users, team):
    client = login(users["admin"])
    before = Team.objects.count()
    response = client.post(
        "/administration/organisation/team/new/", {"service": team.service.pk, "name": ""}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in body and 'href="#id_name"' in body
    assert "govuk-form-group--error" in body and "<title>Error: " in body
    assert f'<option value="{team.service.pk}" selected>' in body
    assert Team.objects.count() == before
    # A duplicate name within the service area is refused too.
    response = client.post(
        "/administration/organisation/team/new/", {"service": team.service.pk, "name": team.name}
    )
    assert "already exists" in response.content.decode()
    assert Team.objects.count() == before


def test_a_service_area_with_teams_cannot_be_deleted(login, users, team):
    client = login(users["admin"])
    response = client.post(
        f"/administration/organisation/service/{team.service.pk}/delete/", follow=True
    )
    assert "cannot be deleted while it still has" in response.content.decode()
    assert ServiceArea.objects.filter(pk=team.service.pk).exists()


def test_administrator_adds_a_person_who_is_invited_by_email(
    login, users, team, django_capture_on_commit_callbacks
):
    client = login(users["admin"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/administration/people/new/",
            {
                "full_name": "Morgan Lee",
                "email": "Morgan.Lee@northshire.example",
                "job_title": "Occupational Therapist",
                "role": "practitioner",
                "team": team.pk,
                "line_manager": users["manager"].pk,
                "is_active": "on",
            },
        )
    person = User.objects.get(email="morgan.lee@northshire.example")
    assert response.status_code == 302 and person.role == "practitioner"
    assert not person.has_usable_password()
    assert len(mail.outbox) == 1 and "Set your password" in mail.outbox[0].body


def test_role_change_is_in_the_person_history(login, users):
    client = login(users["admin"])
    viewer = users["viewer"]
    client.post(
        f"/administration/people/{viewer.pk}/edit/",
        {
            "full_name": viewer.full_name,
            "email": viewer.email,
            "role": "manager",
            "is_active": "on",
        },
    )
    page = client.get(f"/administration/people/{viewer.pk}/").content.decode()
    assert "Viewer" in page and "Manager" in page and "Role" in page
    change = AuditEntry.objects.for_object(viewer).filter(action="update").latest("at")
    assert change.changes["role"] == ["viewer", "manager"] and change.actor == users["admin"]


def test_duplicate_email_is_refused(login, users):
    client = login(users["admin"])
    response = client.post(
        "/administration/people/new/",
        {"full_name": "Copy", "email": users["viewer"].email.upper(), "role": "viewer"},
    )
    assert "Another account already uses this email address" in response.content.decode()


def test_date_input_gives_govuk_error_messages():
    from careloop.core.forms import DateField, GovukForm

    class Form(GovukForm):
        received = DateField(label="Date received")

    form = Form({"received_0": "31", "received_1": "2", "received_2": "2026"})
    assert form.errors["received"] == ["Date received must be a real date"]
    form = Form({"received_0": "3", "received_1": "", "received_2": "2026"})
    assert form.errors["received"] == ["Date received must include a month"]
    form = Form({"received_0": "3", "received_1": "4", "received_2": "2026"})
    assert form.is_valid() and form.cleaned_data["received"].isoformat() == "2026-04-03"
    html = str(Form({"received_0": "31", "received_1": "2", "received_2": "2026"}))
    assert 'value="31"' in html and "govuk-input--error" in html and 'role="group"' in html
    assert Form().error_list() == []


def test_people_filter_answers_htmx_with_just_the_results(login, users):
    client = login(users["admin"])
    response = client.get("/administration/people/?q=viewer", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert "<html" not in body and "Viewer Person" in body and "Manager Person" not in body
    assert 'hx-swap-oob="true"' in body and "1 person found" in body


def test_an_htmx_request_with_an_expired_session_sends_the_browser_to_sign_in(client, db):
    response = client.get(
        "/administration/people/?q=x",
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/administration/people/?role=viewer",
    )
    assert response.status_code == 204
    assert (
        response["HX-Redirect"]
        == "/accounts/login/?next=%2Fadministration%2Fpeople%2F%3Frole%3Dviewer"
    )
