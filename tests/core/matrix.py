"""Permission matrix rows for the core (see tests/matrix.py for the format)."""

from careloop.core.models import ApiToken, Team
from tests.matrix import Row

ALL_SIGNED_IN = "200 200 200 200 200 302"
ADMIN_ONLY = "200 403 403 403 403 302"
LEADS = "200 200 403 403 403 302"
STAFF = "200 200 200 200 403 302"
PUBLIC = "200 200 200 200 200 200"
API_ALL = "200 200 200 200 200 401"
API_ADMIN = "200 403 403 403 403 401"


def setup(world):
    world.spare_team = Team.objects.create(service=world.team.service, name="Spare Team")
    world.token, _ = ApiToken.issue(user=world.users["admin"], name="Matrix token")
    world.secrets += ["Spare Team", "Matrix token"]


ROWS = [
    Row("core:home", ALL_SIGNED_IN),
    Row("core:account", ALL_SIGNED_IN),
    Row("core:token_new", STAFF),
    Row(
        "core:token_revoke",
        "302 404 404 404 403 302",
        kwargs=lambda w: {"pk": w.token.pk},
        method="POST",
        note="(only the token's owner)",
    ),
    Row("core:accessibility", PUBLIC),
    Row("core:privacy", PUBLIC),
    Row("core:admin_index", ADMIN_ONLY),
    Row("core:organisation", ALL_SIGNED_IN),
    Row("core:org_new", ADMIN_ONLY, kwargs={"kind": "team"}),
    Row("core:org_new", "404 403 403 403 403 302", kwargs={"kind": "planet"}, note="(unknown)"),
    Row("core:org_edit", ADMIN_ONLY, kwargs=lambda w: {"kind": "team", "pk": w.team.pk}),
    Row(
        "core:org_delete",
        "302 403 403 403 403 302",
        kwargs=lambda w: {"kind": "team", "pk": w.spare_team.pk},
        method="POST",
    ),
    Row("core:user_index", ADMIN_ONLY),
    Row("core:user_new", ADMIN_ONLY),
    Row("core:user_show", ADMIN_ONLY, kwargs=lambda w: {"pk": w.users["viewer"].pk}),
    Row("core:user_edit", ADMIN_ONLY, kwargs=lambda w: {"pk": w.users["viewer"].pk}),
    Row("core:audit_index", LEADS),
    Row("login", "302 302 302 302 302 200"),
    Row("logout", "302 302 302 302 302 302", method="POST"),
    Row("password_change", ALL_SIGNED_IN),
    Row("password_change_done", ALL_SIGNED_IN),
    Row("password_reset", PUBLIC),
    Row("password_reset_done", PUBLIC),
    Row("password_reset_confirm", PUBLIC, kwargs={"uidb64": "MQ", "token": "set-password"}),
    Row("password_reset_complete", PUBLIC),
    Row("healthz", PUBLIC),
    Row("robots", PUBLIC),
    Row("api-me", API_ALL),
    Row("api-schema", API_ALL),
    Row("api-docs", API_ALL),
    Row("api-root", API_ALL),
    Row("directorate-list", API_ALL),
    Row("directorate-detail", API_ALL, kwargs=lambda w: {"pk": w.team.service.directorate.pk}),
    Row("servicearea-list", API_ALL),
    Row("servicearea-detail", API_ALL, kwargs=lambda w: {"pk": w.team.service.pk}),
    Row("team-list", API_ALL),
    Row("team-detail", API_ALL, kwargs=lambda w: {"pk": w.team.pk}),
    Row("user-list", API_ADMIN),
    Row("user-detail", API_ADMIN, kwargs=lambda w: {"pk": w.users["viewer"].pk}),
]


def _attachment(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from careloop.core.attachments import attachment_add_file

    if not hasattr(world, "attachment"):
        world.attachment = attachment_add_file(
            record=world.team,
            file=SimpleUploadedFile("org.pdf", b"%PDF-1.4"),
            title="Org chart",
            user=world.users["admin"],
            view_permission="core.manage_org",
        )
    return {"pk": world.attachment.pk}


ROWS.append(Row("core:attachment_download", "200 404 404 404 404 302", kwargs=_attachment))
