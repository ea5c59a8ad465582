"""People, roles, organisation, restriction, audit and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone

from careloop.core import access
from careloop.core.permissions import Role, can


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


# --- Organisation: directorate > service area > team -------------------------------------------
class Directorate(Audited):
    name = models.CharField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ServiceArea(Audited):
    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=120)

    class Meta:
        ordering = ["directorate__name", "name"]
        verbose_name = "service area"
        constraints = [
            models.UniqueConstraint(fields=["directorate", "name"], name="service_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Team(Audited):
    service = models.ForeignKey(ServiceArea, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(max_length=120)
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_teams",
    )

    class Meta:
        ordering = ["service__name", "name"]
        constraints = [models.UniqueConstraint(fields=["service", "name"], name="team_unique_name")]

    def __str__(self) -> str:
        return self.name


# --- People ------------------------------------------------------------------------------------
class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("role", Role.ADMIN)
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(Audited, AbstractBaseUser, PermissionsMixin):
    """A person who signs in. Their role decides what they may do (see permissions.py)."""

    audit_exclude = ("password", "last_login")

    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.VIEWER)
    designations = models.JSONField(
        default=list,
        blank=True,
        help_text="Named posts this person holds (principal social worker, data protection "
        "officer, complaints manager): they decide who may read some records.",
    )
    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    line_manager = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )
    is_active = models.BooleanField(
        "active",
        default=True,
        help_text="People who have left keep their history but cannot sign in.",
    )
    is_staff = models.BooleanField(
        "developer access", default=False, help_text="Can use the Django admin (developers only)."
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_absolute_url(self) -> str:
        return reverse("core:user_show", args=[self.pk])

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def designation_labels(self) -> list[str]:
        return [label for value, label in access.Designation.choices if value in self.designations]

    @property
    def role_label(self) -> str:
        return Role(self.role).label if self.role in Role.values else "No role"


# --- Audit trail -------------------------------------------------------------------------------
class AuditEntryQuerySet(models.QuerySet):
    def for_object(self, obj):
        return self.filter(
            content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
        )


class AuditEntry(models.Model):
    """One recorded event. Append-only: the product offers no way to edit or delete it."""

    class Action(models.TextChoices):
        CREATE = "create", "Created"
        UPDATE = "update", "Changed"
        DELETE = "delete", "Deleted"
        LOGIN = "login", "Signed in"
        LOGOUT = "logout", "Signed out"
        LOGIN_FAILED = "login_failed", "Failed sign-in"
        EXPORT = "export", "Exported"
        VIEW = "view", "Viewed"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(max_length=20, default="system")  # web, api, task, command, system
    action = models.CharField(max_length=20, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(max_length=200, blank=True)
    changes = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}".strip()

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.get("force_insert"):
            raise PermissionError("Audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit entries cannot be deleted")


# --- API tokens --------------------------------------------------------------------------------
class ApiToken(Audited):
    """A personal API token. Only a hash is kept: the token is shown once, when made."""

    audit_exclude = ("key_hash", "last_used_at")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tokens"
    )
    name = models.CharField(
        max_length=100, help_text="What the token is for, e.g. 'Power BI report'"
    )
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, *, user, name: str, expires_at=None) -> tuple[ApiToken, str]:
        key = "cl_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, prefix=key[3:11], key_hash=cls.hash(key), expires_at=expires_at
        )
        return token, key

    @property
    def is_usable(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)


# --- Attachments: files, web links and links to other records, on any record -------------------
def _attachment_path(instance, filename: str) -> str:
    return f"attachments/{timezone.now():%Y/%m}/{secrets.token_hex(8)}-{filename[-80:]}"


class Attachment(Audited):
    """A file, a web link or a link to another careloop record, attached to any record.

    Who may see it is decided by the record it is attached to: `view_permission` (the
    permission needed to see that record) and the record's own restriction.
    """

    class Kind(models.TextChoices):
        FILE = "file", "File"
        LINK = "link", "Web link"
        RECORD = "record", "careloop record"

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    view_permission = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to=_attachment_path, blank=True)
    url = models.URLField(max_length=500, blank=True)
    target_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    role = models.CharField(
        max_length=50, blank=True, help_text="What it is to the record, e.g. 'evidence'"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-added_at"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        if self.kind == self.Kind.FILE:
            return reverse("core:attachment_download", args=[self.pk])
        if self.kind == self.Kind.LINK:
            return self.url
        target = self.target
        if target is not None and hasattr(target, "get_absolute_url"):
            return target.get_absolute_url()
        return ""

    def is_visible_to(self, user) -> bool:
        record = self.record
        return record is not None and can(user, self.view_permission, record)


class ScheduledRun(models.Model):
    """When each periodic job last ran (see core.scheduler)."""

    name = models.CharField(max_length=200, unique=True)
    last_run_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.name


class DerivedState(models.Model):
    """When one kind of derived figures was last built from its sources (core/derived.py):
    `stale_since` is set when a source changes and cleared by a build that started after it;
    `queued_at` while a rebuild waits in the queue, so a burst of changes queues one."""

    key = models.CharField(max_length=100, unique=True)
    built_at = models.DateTimeField(null=True, blank=True)
    stale_since = models.DateTimeField(null=True, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)
    message = models.CharField(max_length=300, blank=True)
    error = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return self.key


# --- Imports: tabular files read by an area's importer (see core/imports/) ---------------------
def _import_path(instance, filename: str) -> str:
    return f"imports/{timezone.now():%Y/%m}/{secrets.token_hex(8)}-{filename[-80:]}"


class ImportMapping(Audited):
    """Which column of a source's files holds which field, saved per importer and source
    (e.g. the feedback importer's "SmartSurvey ASC survey" exports)."""

    importer = models.CharField(max_length=50)
    source = models.CharField(max_length=100)
    mapping = models.JSONField(default=dict)  # field name -> column header
    options = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["importer", "source"]
        constraints = [
            models.UniqueConstraint(fields=["importer", "source"], name="import_mapping_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source} ({self.importer})"


class ImportJob(Leased):
    """One file being imported: its mapping, progress and result. Not audited itself (it is
    bookkeeping); the records it writes are, and so is who ran it (created_by)."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", "Waiting for the columns to be matched"
        QUEUED = "queued", "Waiting to start"
        CHECKING = "checking", "Checking rows"
        WRITING = "writing", "Saving"
        DONE = "done", "Finished"
        INVALID = "invalid", "Not imported: some rows have problems"
        FAILED = "failed", "Failed"

    RUNNING = (Status.QUEUED, Status.CHECKING, Status.WRITING)
    LEASED_STATUSES = (Status.CHECKING, Status.WRITING)

    importer = models.CharField(max_length=50, db_index=True)
    source = models.CharField(max_length=100)
    file = models.FileField(upload_to=_import_path)
    original_name = models.CharField(max_length=200)
    headers = models.JSONField(default=list)
    mapping = models.JSONField(default=dict)
    options = models.JSONField(default=dict, blank=True)
    dry_run = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UPLOADED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)  # [[row, column, reason]], capped
    message = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Import of {self.original_name}"

    def get_absolute_url(self) -> str:
        return reverse("core:import_show", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0 if self.is_running else 100
        return min(100, round(100 * self.processed_rows / self.total_rows))


class SubmissionToken(models.Model):
    """A form's one-time token (`core.web.submit`): the first POST that carries it saves and
    records what it made; a second POST of the same form (double click, back and send again)
    is answered with that record instead of making another. Kept for a day."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )
    content_type = models.ForeignKey(ContentType, null=True, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self) -> str:
        return f"Form sent at {self.created_at:%Y-%m-%d %H:%M}"
