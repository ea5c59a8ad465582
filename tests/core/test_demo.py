"""The Northshire demo council loads, and loading it again changes nothing."""

from careloop import demo
from careloop.core.models import AuditEntry, Team, User
from careloop.core.permissions import Role
from careloop.demo.org import DEMO_PASSWORD


def test_demo_loads_every_role_and_is_idempotent(db):
    demo.load(log=lambda line: None)
    counts = (User.objects.count(), Team.objects.count(), AuditEntry.objects.count())
    assert {u.role for u in User.objects.all()} >= set(Role.values)
    # The published accounts sign in with the demo password; the staff the workforce area
    # invents have no usable password at all.
    assert all(
        u.check_password(DEMO_PASSWORD) or not u.has_usable_password() for u in User.objects.all()
    )
    assert User.objects.filter(password__startswith="!").count() > 200
    demo.load(log=lambda line: None)
    assert (User.objects.count(), Team.objects.count(), AuditEntry.objects.count()) == counts


def test_demo_command_prints_the_logins_without_a_terminal(db, capsys):
    from django.core.management import call_command

    call_command("demo", "--no-serve")
    out = capsys.readouterr().out
    assert "admin@northshire.example" in out and DEMO_PASSWORD in out
    assert "Practitioner" in out and "Viewer" in out
