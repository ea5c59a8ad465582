"""The bases careloop models share: audited, leased (background jobs), restrictable, shown
(a record with a page of its own)."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.urls import reverse

from careloop.core import access


# --- Shared model bases ------------------------------------------------------------------------
class Audited(models.Model):
    """Every create, update and delete of a subclass is written to the audit trail.

    `audit_exclude` names fields never recorded (bookkeeping); `audit_redact` names fields
    whose change is recorded without the old and new values (private or special category text).
    """

    audit_exclude: tuple[str, ...] = ()
    audit_redact: tuple[str, ...] = ()

    class Meta:
        abstract = True


class Leased(models.Model):
    """A background job that holds a lease while a worker runs it (`careloop.core.jobs`).

    The worker renews `lease_until` while the job runs; a job still in one of `LEASED_STATUSES`
    after its lease ran out lost its worker, and is queued again (up to `jobs.MAX_ATTEMPTS`)
    or marked `FAILED_STATUS` with the reason in `message`. `task_name` and `task_kwargs` are
    how it was queued, so it can be queued again. Subclasses set the three status names.
    """

    LEASED_STATUSES: tuple[str, ...] = ()
    QUEUED_STATUS = "queued"
    status: str  # each subclass's own field
    FAILED_STATUS = "failed"

    lease_until = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    task_name = models.CharField(max_length=200, blank=True)
    task_kwargs = models.JSONField(default=dict, blank=True)

    class Meta:
        abstract = True

    def abandoned(self) -> None:
        """Called (in the recovery's transaction) when the worker died: undo what it left."""


class RestrictableQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Records `user` may read, as the model's access policy says (core/access.py)."""
        return access.visible(user, self)


class Restrictable(models.Model):
    """A record that can be marked restricted (e.g. safeguarding detail).

    Who may read a restricted one: the roles holding `restricted_perm`, the people named in
    `restricted_named_fields` and the holders of `restricted_designations` (access.py's
    `RestrictedPolicy`, unless the app registers another). Lifting a restriction needs a
    designation in `access.LIFTERS` and a reason (`services.restriction_guard`).
    """

    restricted_perm = "core.view_restricted"
    restricted_named_fields: tuple[str, ...] = ()
    restricted_designations: tuple[str, ...] = (access.DPO,)

    is_restricted = models.BooleanField(
        "restricted",
        default=False,
        help_text="Only roles allowed to see restricted records, and the people named on it, "
        "will see it.",
    )
    restriction_reason = models.CharField(max_length=200, blank=True)

    objects = RestrictableQuerySet.as_manager()

    class Meta:
        abstract = True

    def is_visible_to(self, user) -> bool:
        return access.may_read(user, self)


class Shown(models.Model):
    """A record with a page of its own: `show_url` names the page's URL, `show_url_args` the
    attributes that fill it (the record's id unless told), and `get_absolute_url()` is that
    page. A record whose page is a part of another's (an anchor) writes its own."""

    show_url: ClassVar[str]
    show_url_args: ClassVar[tuple[str, ...]] = ("pk",)

    class Meta:
        abstract = True

    def get_absolute_url(self) -> str:
        return reverse(self.show_url, args=[getattr(self, name) for name in self.show_url_args])


class Numbered(models.Model):
    """A record known by a short reference made from its id: `reference_prefix`, a hyphen and
    the id in four digits at least ("LR-0042")."""

    reference_prefix: ClassVar[str]

    class Meta:
        abstract = True

    @property
    def reference(self) -> str:
        return f"{self.reference_prefix}-{self.pk or 0:04d}"


# --- Fields many models declare ----------------------------------------------------------------
def optional_link(
    to, *, blank: bool = False, related_name: str = "+", **options
) -> models.ForeignKey:
    """A link to another record that may be empty, and is emptied when that record goes (no
    reverse accessor on it unless named)."""
    return models.ForeignKey(
        to,
        null=True,
        blank=blank,
        on_delete=models.SET_NULL,
        related_name=related_name,
        **options,
    )


def optional_person(**options) -> models.ForeignKey:
    """A person on a record (who created, added or decided it; its lead, its owner): an
    `optional_link` to the user."""
    return optional_link(settings.AUTH_USER_MODEL, **options)


# --- Checks the database keeps ---------------------------------------------------------------
def empty_or_not_before(field: str, earlier: str, *, name: str) -> models.CheckConstraint:
    """A date that, when it is given, is on or after another (decided after received)."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True})
        | models.Q(**{f"{field}__gte": models.F(earlier)}),
        name=name,
    )


def empty_or_between(field: str, low: int, high: int, *, name: str) -> models.CheckConstraint:
    """A number that, when it is given, is from `low` to `high` (a score of 1 to 4)."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{field}__isnull": True})
        | models.Q(**{f"{field}__gte": low, f"{field}__lte": high}),
        name=name,
    )
