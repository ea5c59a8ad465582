"""The Northshire demo council loads, and loading it again changes nothing."""

from careloop import demo
from careloop.core.models import AuditEntry, Team, User
from careloop.core.permissions import Role
from careloop.demo.org import DEMO_PASSWORD


def test_demo_loads_every_role_and_is_idempotent(db):
    demo.load(log=lambda line: None)
    counts = (User.objects.count(), Team.objects.count(), AuditEntry.objects.count())
    assert {u.role for u in User.objects.all()} >= set(Role.values)
    assert all(u.check_password(DEMO_PASSWORD) for u in User.objects.all())
    demo.load(log=lambda line: None)
    assert (User.objects.count(), Team.objects.count(), AuditEntry.objects.count()) == counts


def test_demo_command_prints_the_logins_without_a_terminal(db, capsys):
    from django.core.management import call_command

    call_command("demo", "--no-serve")
    out = capsys.readouterr().out
    assert "admin@northshire.example" in out and DEMO_PASSWORD in out
    assert "Practitioner" in out and "Viewer" in out
