"""The theme framework: versions, edits, and CSV import and export.

Every change publishes a new `FrameworkVersion` with a snapshot of the whole framework and a
plain list of what changed; themes are retired rather than deleted. Classifications record the
version they were made under, so a change never silently rewrites the past.

CSV columns: `category`, `theme`, `description`, `examples` (phrases separated by `|`),
`direction` (lower, higher or neither; optional), `key` (optional: the theme's stable key, as
exported, so that a renamed theme is recognised).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from careloop.core.services import ServiceError
from careloop.themes.models import Category, Direction, FrameworkVersion, Theme

DEFAULT_FRAMEWORK = Path(__file__).resolve().parent.parent / "data" / "adult_social_care.csv"
COLUMNS = ("category", "theme", "description", "examples", "direction", "key")
REQUIRED = ("category", "theme", "description")
MAX_EXAMPLE = 300


# --- Snapshots and versions ----------------------------------------------------------------------
def snapshot() -> dict:
    return {
        "categories": [
            {"name": c.name, "description": c.description, "order": c.order, "active": c.is_active}
            for c in Category.objects.order_by("order", "name")
        ],
        "themes": [
            {
                "key": t.key,
                "name": t.name,
                "category": t.category.name,
                "description": t.description,
                "examples": t.example_list,
                "direction": t.direction,
                "active": t.is_active,
            }
            for t in Theme.objects.select_related("category")
        ],
    }


def publish(*, user, note: str, changes: list[str]) -> FrameworkVersion:
    """Record the framework as it now is as the next version."""
    return FrameworkVersion.objects.create(
        number=FrameworkVersion.current_number() + 1,
        created_by=user if getattr(user, "pk", None) else None,
        note=note.strip(),
        changes=changes,
        snapshot=snapshot(),
    )


def _next_number() -> int:
    return FrameworkVersion.current_number() + 1


def unique_key(name: str) -> str:
    base = slugify(name).replace("-", "_")[:70] or "theme"
    key, n = base, 2
    while Theme.objects.filter(key=key).exists():
        key, n = f"{base}_{n}", n + 1
    return key


# --- Edits from the pages ------------------------------------------------------------------------
# What a person may set on a theme (the form's fields); the key is made once, never edited.
THEME_FIELDS = ("name", "category", "description", "examples", "direction")
CATEGORY_FIELDS = ("name", "description", "order")
_LABELS = {"examples": "example phrases", "direction": "improvement direction"}


@transaction.atomic
def theme_save(*, form, user, note: str = "") -> Theme:
    """Add or change a theme (a validated ThemeForm) and publish the framework's next version."""
    theme = form.instance
    creating = theme.pk is None
    if creating:
        theme.key = unique_key(form.cleaned_data["name"])
        theme.added_in = _next_number()
        changes = [f"Added theme “{form.cleaned_data['name']}”"]
    else:
        before = Theme.objects.get(pk=theme.pk)
        changed = [
            _LABELS.get(name, name)
            for name in THEME_FIELDS
            if name in form.changed_data and getattr(before, name) != form.cleaned_data[name]
        ]
        if not changed:
            return before
        changes = [f"Changed the {', '.join(changed)} of theme “{before.name}”"]
        if "name" in changed:
            changes.append(f"Renamed theme “{before.name}” to “{form.cleaned_data['name']}”")
    theme = form.save()
    publish(user=user, note=note, changes=changes)
    return theme


@transaction.atomic
def theme_retire(*, theme: Theme, user, note: str) -> Theme:
    """Stop using a theme for new feedback; feedback already themed with it keeps it."""
    if not theme.is_active:
        raise ServiceError(f"“{theme.name}” is already retired.")
    if not note.strip():
        raise ServiceError("Say why the theme is being retired.", field="note")
    theme.is_active = False
    theme.retired_in = _next_number()
    theme.save()
    publish(user=user, note=note, changes=[f"Retired theme “{theme.name}”"])
    return theme


@transaction.atomic
def theme_reinstate(*, theme: Theme, user, note: str = "") -> Theme:
    if theme.is_active:
        raise ServiceError(f"“{theme.name}” is already in use.")
    if Theme.objects.active().filter(name__iexact=theme.name).exists():
        raise ServiceError(f"Another theme in use is already called “{theme.name}”.")
    theme.is_active = True
    theme.retired_in = None
    theme.save()
    publish(user=user, note=note, changes=[f"Reinstated theme “{theme.name}”"])
    return theme


@transaction.atomic
def category_save(*, form, user, note: str = "") -> Category:
    creating = form.instance.pk is None
    if not creating and not form.has_changed():
        return form.instance
    category = form.save()
    verb = "Added" if creating else "Changed"
    publish(user=user, note=note, changes=[f"{verb} category “{category.name}”"])
    return category


# --- CSV -----------------------------------------------------------------------------------------
@dataclass
class RowError:
    row: int  # the line in the file (the header is line 1)
    column: str
    reason: str

    def __str__(self) -> str:
        where = f"row {self.row}" + (f", column “{self.column}”" if self.column else "")
        return f"{where}: {self.reason}"


@dataclass
class ImportRow:
    row: int
    category: str
    name: str
    description: str
    examples: list[str]
    direction: str
    key: str = ""


@dataclass
class ImportPlan:
    """What an import would do. `errors` non-empty means it will do nothing."""

    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    new_categories: list[str] = field(default_factory=list)

    @property
    def changes(self) -> list[str]:
        return (
            [f"Added category “{c}”" for c in self.new_categories]
            + [f"Added theme “{n}”" for n in self.added]
            + [f"Changed theme “{n}”" for n in self.changed]
            + [f"Retired theme “{n}”" for n in self.retired]
        )


def _read_csv(data: bytes | str) -> tuple[list[str], list[dict]]:
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text))
    headers = [(h or "").strip().lower() for h in reader.fieldnames or []]
    reader.fieldnames = headers
    return headers, list(reader)


def parse_framework_csv(data: bytes | str) -> ImportPlan:
    """Check a framework CSV row by row; never writes."""
    plan = ImportPlan()
    try:
        headers, records = _read_csv(data)
    except UnicodeDecodeError:
        plan.errors.append(RowError(1, "", "The file is not UTF-8 text: save it as CSV UTF-8"))
        return plan
    except csv.Error as error:
        plan.errors.append(RowError(1, "", f"The file is not valid CSV ({error})"))
        return plan
    missing = [c for c in REQUIRED if c not in headers]
    if missing:
        plan.errors.append(
            RowError(1, "", f"The header row needs the columns: {', '.join(missing)}")
        )
        return plan
    if not records:
        plan.errors.append(RowError(2, "", "The file has no themes"))
        return plan
    seen: dict[str, int] = {}
    for number, record in enumerate(records, start=2):
        values = {k: (v or "").strip() for k, v in record.items() if k}
        for column in REQUIRED:
            if not values.get(column):
                plan.errors.append(RowError(number, column, f"The {column} is empty"))
        name = values.get("theme", "")
        if len(name) > 120:
            plan.errors.append(RowError(number, "theme", "The theme name is over 120 characters"))
        if len(values.get("category", "")) > 120:
            plan.errors.append(RowError(number, "category", "The category is over 120 characters"))
        if name and name.lower() in seen:
            plan.errors.append(
                RowError(number, "theme", f"“{name}” is also on row {seen[name.lower()]}")
            )
        seen.setdefault(name.lower(), number)
        direction = (values.get("direction") or Direction.LOWER).lower()
        if direction not in Direction.values:
            plan.errors.append(
                RowError(number, "direction", "The direction must be lower, higher or neither")
            )
        examples = [e.strip() for e in values.get("examples", "").split("|") if e.strip()]
        for example in examples:
            if len(example) > MAX_EXAMPLE:
                plan.errors.append(
                    RowError(number, "examples", f"An example is over {MAX_EXAMPLE} characters")
                )
                break
        key = values.get("key", "")
        if key and not Theme.objects.filter(key=key).exists():
            plan.errors.append(
                RowError(
                    number, "key", f"No theme has the key “{key}”: leave it empty for a new one"
                )
            )
        plan.rows.append(
            ImportRow(
                number,
                values.get("category", ""),
                name,
                values.get("description", ""),
                examples,
                direction,
                key,
            )
        )
    return plan


def plan_import(data: bytes | str, *, retire_missing: bool) -> ImportPlan:
    """What importing the file would change (themes matched by key, else by name)."""
    plan = parse_framework_csv(data)
    if plan.errors:
        return plan
    existing = {t.key: t for t in Theme.objects.select_related("category")}
    by_name = {t.name.lower(): t for t in existing.values() if t.is_active}
    by_name.update({t.name.lower(): t for t in existing.values() if t.name.lower() not in by_name})
    categories = {c.name.lower() for c in Category.objects.all()}
    matched = set()
    for row in plan.rows:
        theme = existing.get(row.key) if row.key else by_name.get(row.name.lower())
        if row.category.lower() not in categories:
            categories.add(row.category.lower())
            plan.new_categories.append(row.category)
        if theme is None:
            plan.added.append(row.name)
            continue
        if theme.key in matched:
            plan.errors.append(RowError(row.row, "theme", f"“{theme.name}” appears twice"))
            continue
        matched.add(theme.key)
        row.key = theme.key
        if (
            theme.name != row.name
            or theme.category.name.lower() != row.category.lower()
            or theme.description != row.description
            or theme.example_list != row.examples
            or theme.direction != row.direction
            or not theme.is_active
        ):
            plan.changed.append(row.name)
    if retire_missing:
        plan.retired = [t.name for k, t in existing.items() if t.is_active and k not in matched]
    return plan


@transaction.atomic
def framework_import(
    *, data: bytes | str, user, note: str = "", retire_missing: bool = False
) -> ImportPlan:
    """Apply a framework CSV as one new version; with errors, change nothing and say why."""
    plan = plan_import(data, retire_missing=retire_missing)
    if plan.errors:
        return plan
    if not plan.changes:
        return plan
    number = _next_number()
    categories = {c.name.lower(): c for c in Category.objects.all()}
    for order, row in enumerate(plan.rows):
        category = categories.get(row.category.lower())
        if category is None:
            category = Category.objects.create(name=row.category, order=len(categories))
            categories[row.category.lower()] = category
        elif not category.is_active:
            category.is_active = True
            category.save()
        values = {
            "name": row.name,
            "category": category,
            "description": row.description,
            "examples": "\n".join(row.examples),
            "direction": row.direction,
            "order": order,
        }
        if row.key:
            theme = Theme.objects.get(key=row.key)
            changed = {k: v for k, v in values.items() if getattr(theme, k) != v}
            if changed or not theme.is_active:
                for k, v in changed.items():
                    setattr(theme, k, v)
                theme.is_active, theme.retired_in = True, None
                theme.save()
        else:
            Theme.objects.create(key=unique_key(row.name), added_in=number, **values)
    for name in plan.retired:
        theme = Theme.objects.get(name=name, is_active=True)
        theme.is_active, theme.retired_in = False, number
        theme.save()
    publish(user=user, note=note or "Imported from a CSV file", changes=plan.changes)
    return plan


def framework_csv(*, include_retired: bool = False) -> str:
    """The framework as CSV (the import format, with keys)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*COLUMNS, "in use"])
    themes = Theme.objects.select_related("category")
    if not include_retired:
        themes = themes.filter(is_active=True)
    for theme in themes:
        writer.writerow(
            [
                _safe(theme.category.name),
                _safe(theme.name),
                _safe(theme.description),
                _safe(" | ".join(theme.example_list)),
                theme.direction,
                theme.key,
                "yes" if theme.is_active else "no",
            ]
        )
    return out.getvalue()


def _safe(value: str) -> str:
    """No spreadsheet formulas in exported cells."""
    return "'" + value if value.startswith(("=", "+", "-", "@", "\t", "\r")) else value


def framework_install_default(*, user=None) -> FrameworkVersion | None:
    """Load the adult social care framework shipped with careloop, once."""
    if FrameworkVersion.objects.exists() or Theme.objects.exists():
        return None
    plan = framework_import(
        data=DEFAULT_FRAMEWORK.read_bytes(),
        user=user,
        note="The adult social care framework that comes with careloop",
    )
    if plan.errors:  # the shipped file is checked by the tests
        raise ServiceError("; ".join(str(e) for e in plan.errors))
    return FrameworkVersion.objects.order_by("-number").first()
