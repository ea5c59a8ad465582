"""Access, by construction: the one place that decides who may read each record and each part.

Permissions (`permissions.can`) say what a role may *do* ("feedback.view"); this module says
which *records* (and which parts of a record) a person may read. Every way out of the product
(pages, lists, counts, search, exports, the API and its forms, choice lists, emails, evidence,
tasks) asks one of:

- `visible(user, queryset)`: the rows of the queryset `user` may read;
- `may_read(user, obj, part=None)`: whether `user` may read the record (or its named part,
  such as a supervision's "private" section);
- `readers(obj, part=None)`: who may read it, in words, for the page's promise ("Only … can
  read this"), generated from the same rule that decides.

Each app declares the policies of its models in its `permissions.py` with `register()`; the
core never imports an area app. A `Restrictable` model that registers nothing gets
`RestrictedPolicy` from its own `restricted_perm`, `restricted_named_fields` and
`restricted_designations`. A model with no policy is governed by the page's permission only.

Designations (principal social worker, Caldicott guardian / data protection officer,
complaints manager) are settings on a user record, not roles: an administrator gives them on
the person's page, and the change is audited like every other change to the record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import models
from django.db.models import Q

from careloop.core.permissions import Role, can, roles_for, user_role


class Designation(models.TextChoices):
    PRINCIPAL_SOCIAL_WORKER = "principal_social_worker", "Principal social worker"
    DATA_PROTECTION_OFFICER = (
        "data_protection_officer",
        "Caldicott guardian / data protection officer",
    )
    COMPLAINTS_MANAGER = "complaints_manager", "Complaints manager"


PSW, DPO, COMPLAINTS_MANAGER = Designation

# Who may lift a restriction on a record (probe 7): a named designation, never a whole role.
LIFTERS: frozenset[Designation] = frozenset({DPO, COMPLAINTS_MANAGER})


LIFT_REASON = "_access_lift_reason"


def may_lift(user) -> bool:
    """Whether `user` may lift a restriction on a record."""
    return any(holds(user, d) for d in LIFTERS)


def lifter_words() -> str:
    return " or ".join(f"the {d.label.lower()}" for d in sorted(LIFTERS))


def allow_lift(obj: models.Model, reason: str) -> None:
    """Mark a lift as decided by a service's own rule (erasure), with the reason to audit."""
    setattr(obj, LIFT_REASON, reason)


def _active(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def holds(user, designation: Designation | str) -> bool:
    """Whether `user` (signed in and active) holds the designation."""
    return _active(user) and str(designation) in (getattr(user, "designations", None) or [])


def holders(designation: Designation | str) -> list:
    """The active people holding a designation (few: designations are for named posts)."""
    from django.contrib.auth import get_user_model

    people = get_user_model().objects.filter(is_active=True).exclude(designations=[])
    return [u for u in people.order_by("full_name") if str(designation) in u.designations]


def designation_words(designation: Designation | str) -> str:
    """'the principal social worker (Ada Lovelace)', for a page's promise."""
    names = ", ".join(str(u) for u in holders(designation))
    label = Designation(designation).label.lower()
    return f"the {label} ({names})" if names else f"the {label} (nobody is named yet)"


def role_words(roles: Iterable[Role]) -> list[str]:
    return [f"{Role(r).label.lower()}s" for r in sorted(roles, key=list(Role).index)]


# --- Policies ---------------------------------------------------------------------------------
class Policy:
    """Who may read one model (or one part of it). Subclasses give `rows`, and may give a
    cheaper `check` for one record and the `readers` in words."""

    def rows(self, user) -> Q | bool:
        """True: every row; False: none; a Q: the rows matching it."""
        raise NotImplementedError

    def check(self, user, obj) -> bool:
        allowed = self.rows(user)
        if isinstance(allowed, bool):
            return allowed
        return type(obj)._default_manager.filter(pk=obj.pk).filter(allowed).exists()

    def readers(self, obj) -> list[str]:
        return []


@dataclass
class RestrictedPolicy(Policy):
    """Unrestricted rows: everyone with the page's permission. Restricted rows: the roles
    holding `perm`, the people named in `named` fields and the holders of `designations`."""

    perm: str
    named: tuple[str, ...] = ()
    designations: tuple[Designation, ...] = ()

    def _all(self, user) -> bool:
        return can(user, self.perm) or any(holds(user, d) for d in self.designations)

    def rows(self, user) -> Q | bool:
        if not _active(user):
            return False
        if self._all(user):
            return True
        allowed = Q(is_restricted=False)
        for name in self.named:
            allowed |= Q(**{name: user})
        return allowed

    def check(self, user, obj) -> bool:
        if not _active(user):
            return False
        if not obj.is_restricted or self._all(user):
            return True
        return any(getattr(obj, f"{name}_id", None) == user.pk for name in self.named)

    def readers(self, obj) -> list[str]:
        if not getattr(obj, "is_restricted", True):
            return ["everyone who may see these records"]
        words = role_words(roles_for(self.perm))
        for name in self.named:
            person = getattr(obj, name, None)
            if person is not None:
                label = obj._meta.get_field(name).verbose_name
                words.append(f"{person} ({label})")
        words += [designation_words(d) for d in self.designations]
        return words


@dataclass
class Rule(Policy):
    """A policy written as functions: `rows(user)` and optionally `check(user, obj)` and
    `readers(obj)` (used where a model's rule is not the restricted-record one)."""

    rows_fn: Callable[[object], Q | bool]
    check_fn: Callable[[object, object], bool] | None = None
    readers_fn: Callable[[object], list[str]] | None = None

    def rows(self, user) -> Q | bool:
        return self.rows_fn(user) if _active(user) else False

    def check(self, user, obj) -> bool:
        if not _active(user):
            return False
        return self.check_fn(user, obj) if self.check_fn else super().check(user, obj)

    def readers(self, obj) -> list[str]:
        return self.readers_fn(obj) if self.readers_fn else []


_POLICIES: dict[tuple[str, str | None], Policy] = {}


def register(model: str, policy: Policy, *, part: str | None = None) -> Policy:
    """Declare who may read `model` ("app_label.ModelName"), or its `part`."""
    _POLICIES[(model.lower(), part)] = policy
    return policy


def _label(model) -> str:
    meta = model._meta
    return f"{meta.app_label}.{meta.model_name}"


def policy_for(model, part: str | None = None) -> Policy | None:
    found = _POLICIES.get((_label(model), part))
    if found is None and part is None and hasattr(model, "restricted_perm"):
        found = RestrictedPolicy(
            model.restricted_perm,
            tuple(model.restricted_named_fields),
            tuple(getattr(model, "restricted_designations", ())),
        )
        _POLICIES[(_label(model), None)] = found
    if found is None and part is not None:
        raise LookupError(f"No access policy for part {part!r} of {_label(model)}")
    return found


def policies() -> dict[tuple[str, str | None], Policy]:
    return dict(_POLICIES)


# --- The three questions ------------------------------------------------------------------------
def visible(user, queryset: models.QuerySet) -> models.QuerySet:
    """The rows of `queryset` that `user` may read. Soft-deleted rows are never visible."""
    if any(f.name == "is_deleted" for f in queryset.model._meta.concrete_fields):
        queryset = queryset.filter(is_deleted=False)
    policy = policy_for(queryset.model)
    if policy is None:
        return queryset if user_role(user) is not None else queryset.none()
    allowed = policy.rows(user)
    if allowed is True:
        return queryset
    if allowed is False:
        return queryset.none()
    return queryset.filter(allowed)


def choices(user, queryset: models.QuerySet) -> models.QuerySet:
    """For a choice list or an API's related field: the rows `user` may read. Rows of a model
    with no policy are left as they are (the page's permission decides), deleted ones go."""
    if policy_for(queryset.model) is None:
        if any(f.name == "is_deleted" for f in queryset.model._meta.concrete_fields):
            return queryset.filter(is_deleted=False)
        return queryset
    return visible(user, queryset)


def restrict_choices(fields, user) -> None:
    """Put every model choice field of a form (or related field of a serializer) through
    `choices()`, so no list offers a record its reader may not see."""
    if user is None:
        return
    for field in fields:
        target = getattr(field, "child_relation", field)  # DRF's many=True wraps the field
        queryset = getattr(target, "queryset", None)
        if isinstance(queryset, models.Manager):  # DRF's own related fields hold the manager
            queryset = queryset.all()
        if isinstance(queryset, models.QuerySet):
            target.queryset = choices(user, queryset)


def may_read(user, obj: models.Model, part: str | None = None) -> bool:
    """Whether `user` may read `obj` (or its `part`)."""
    if part is not None and not may_read(user, obj):
        return False
    policy = policy_for(type(obj), part)
    if policy is None:
        return user_role(user) is not None
    return policy.check(user, obj)


def readers(obj: models.Model, part: str | None = None) -> list[str]:
    """Who may read `obj` (or its part), in words."""
    policy = policy_for(type(obj), part)
    return policy.readers(obj) if policy is not None else []


def promise(obj: models.Model, part: str | None = None) -> str:
    """ "Only A, B and C can read this.", from the rule that decides."""
    words = readers(obj, part)
    if not words:
        return ""
    listed = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return f"Only {listed} can read this."
