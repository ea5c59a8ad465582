"""A restrictable, audited record with a many-to-many and a private field."""

from django.conf import settings
from django.db import models

from careloop.core.models import Audited, Restrictable, Team


class Note(Audited, Restrictable):
    restricted_named_fields = ("owner",)
    audit_redact = ("private_text",)

    title = models.CharField(max_length=100)
    body = models.TextField(blank=True)
    private_text = models.TextField(blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    teams = models.ManyToManyField(Team, blank=True)

    def __str__(self):
        return self.title
