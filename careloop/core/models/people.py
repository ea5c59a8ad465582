"""Organisation (directorate > service area > team), people, the audit trail and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from careloop.core import access
from careloop.core.permissions import Role

from .base import Audited, Shown, optional_link, optional_person


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
    manager = optional_person(blank=True, related_name="managed_teams")

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


class User(Audited, AbstractBaseUser, PermissionsMixin, Shown):
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
    team = optional_link(Team, blank=True, related_name="members")
    line_manager = optional_link("self", blank=True, related_name="reports")
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

    show_url = "core:user_show"

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

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
    actor = optional_person(blank=True)
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
