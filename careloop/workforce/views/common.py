"""What the academy's pages share: the breadcrumbs of its sections."""

from __future__ import annotations

from django.urls import reverse

from careloop.core.web import Crumb

INDEX: Crumb = ("Workforce", "/workforce/")
GROUPS: Crumb = ("Reflective practice", "/workforce/practice/")
AUDITS: Crumb = ("Practice audits", "/workforce/audits/")
PATHWAYS: Crumb = ("Development pathways", "/workforce/pathways/")


def catalogue() -> Crumb:
    return ("Learning catalogue", reverse("workforce:courses"))


def supervision() -> Crumb:
    return ("Supervision and My Time", reverse("workforce:supervision_index"))


def person(person) -> Crumb:
    return (person.full_name, reverse("workforce:person", args=[person.pk]))
