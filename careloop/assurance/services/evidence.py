"""The evidence library: gather every area's facts, add documents and links, confirm tags."""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable
from pathlib import Path

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from careloop.assurance.cqc.draft import DraftError, draft_sentence
from careloop.assurance.models import EvidenceItem, FrameworkVersion, RefreshRun
from careloop.assurance.services.framework import framework_ensure
from careloop.assurance.suggest import suggest
from careloop.core import areas, office
from careloop.core.attachments import (
    attachment_add_file,
    attachment_add_link,
    attachment_remove,
    attachments_for,
)
from careloop.core.services import ServiceError

log = logging.getLogger("careloop.assurance")
# What a person decides about an item: the statements it is evidence for, and its category.
CONFIRM_FIELDS = ("statements", "category")


# --- Facts from every area ------------------------------------------------------------------------
def _json_safe(figures) -> dict:
    if not figures:
        return {}
    return json.loads(json.dumps(dict(figures), cls=DjangoJSONEncoder))


def _fact_values(fact: areas.EvidenceFact) -> dict:
    suggestion = suggest(
        title=fact.title,
        summary=fact.summary,
        source=fact.source,
        area_statements=fact.statements,
        area_category=fact.category,
    )
    return {
        "title": fact.title.strip()[:200],
        "summary": fact.summary.strip(),
        "date": fact.date,
        "source": fact.source.strip()[:200],
        "url": (fact.url or "")[:500],
        "figures": _json_safe(fact.figures),
        "area": fact.key.split(":", 1)[0][:50] if ":" in fact.key else "",
        "suggested_statements": list(suggestion.statements),
        "suggested_category": suggestion.category,
        "suggestion_reason": suggestion.reason,
    }


def _apply_facts(facts: Iterable[areas.EvidenceFact], run: RefreshRun) -> None:
    now = timezone.now()
    existing = {item.key: item for item in EvidenceItem.objects.filter(kind=EvidenceItem.Kind.FACT)}
    seen: set[str] = set()
    unchanged: list[int] = []
    for fact in facts:
        key = (fact.key or "").strip()
        if not key or key in seen:
            if key:
                log.warning("evidence fact key reported twice; the first was kept")
            continue
        seen.add(key)
        values = _fact_values(fact)
        item = existing.get(key)
        if item is None:
            EvidenceItem.objects.create(
                kind=EvidenceItem.Kind.FACT, key=key, refreshed_at=now, **values
            )
            run.created += 1
            continue
        changed = {name: value for name, value in values.items() if getattr(item, name) != value}
        if item.stale_since is not None:
            changed["stale_since"] = None
        if not changed:
            unchanged.append(item.pk)
            continue
        for name, value in changed.items():
            setattr(item, name, value)
        item.refreshed_at = now
        item.save(update_fields=[*changed, "refreshed_at", "updated_at"])
        run.updated += 1
    EvidenceItem.objects.filter(pk__in=unchanged).update(refreshed_at=now)
    run.unchanged = len(unchanged)
    for item in existing.values():
        if item.key not in seen and item.stale_since is None:
            item.stale_since = now
            item.save(update_fields=["stale_since", "updated_at"])
            run.stale += 1


def evidence_refresh(*, user=None) -> RefreshRun:
    """Gather every area's evidence facts into the library.

    A fact is keyed by its `key`, so a refresh updates the item rather than adding another;
    facts no area reports any more are marked as no longer reported (kept, with their
    confirmed tags, for the record). If gathering fails, nothing changes and the run records
    the error.
    """
    framework_ensure()
    run = RefreshRun.objects.create(requested_by=user)
    try:
        with transaction.atomic():
            _apply_facts(areas.evidence_facts(), run)
    except Exception as error:  # noqa: BLE001 - an area's failure is recorded, not fatal
        log.warning("evidence refresh failed: %s", type(error).__name__)
        run.created = run.updated = run.unchanged = run.stale = 0
        run.error = f"{type(error).__name__}: {error}"[:2000]
    run.finished_at = timezone.now()
    run.save()
    return run


def evidence_build() -> str:
    """Derived figures (core/derived.py): every area's facts again; a failure is recorded."""
    run = evidence_refresh()
    if run.error:
        raise RuntimeError(run.error)
    return f"{run.created} new, {run.updated} updated, {run.stale} no longer reported"


def evidence_refresh_start(*, user) -> None:
    """Queue gathering every area's evidence for the worker. The task is looked up by its
    dotted name: the task calls `evidence_refresh`, so services never import tasks."""
    import_string("careloop.assurance.tasks.refresh_evidence").enqueue(user.pk)


# --- Documents and links people add ---------------------------------------------------------------
def _file_text(file) -> str:
    """The start of a text or Word file's words, to suggest tags from (others: nothing)."""
    suffix = Path(file.name).suffix.lower()
    try:
        if suffix in (".txt", ".csv"):
            file.seek(0)
            return file.read(20_000).decode("utf-8", errors="replace")
        if suffix == ".docx":
            office.check_zip(file)  # never expand a zip bomb, even if a caller skipped the form
            return office.docx_text(file, 20_000)
    except Exception:  # noqa: BLE001 - an unreadable file simply gives no suggestion
        return ""
    finally:
        file.seek(0)
    return ""


def _figure(figure: dict | None) -> dict:
    """A survey figure a person typed, checked by drafting its sentence."""
    if not figure:
        return {}
    data = {"kind": "survey", **{k: v for k, v in figure.items() if v not in (None, "")}}
    try:
        draft_sentence(data)
    except DraftError as error:
        raise ServiceError(f"The figure cannot be written up: {error}") from None
    return data


def _current_statements(framework: FrameworkVersion, numbers: Iterable[int]):
    numbers = sorted({int(n) for n in numbers})
    if any(not 1 <= n <= 9 for n in numbers):
        raise ServiceError("Quality statements are numbered 1 to 9", field="statements")
    return list(framework.statements.filter(number__in=numbers))


def _check_category(framework: FrameworkVersion, category: str) -> None:
    if category and not framework.categories.filter(key=category).exists():
        raise ServiceError(
            f"{category!r} is not an evidence category of the framework", field="category"
        )


@transaction.atomic
def evidence_add(
    *,
    user,
    kind: str,
    title: str,
    date: dt.date,
    source: str,
    summary: str = "",
    file=None,
    url: str = "",
    statements: Iterable[int] = (),
    category: str = "",
    figure: dict | None = None,
    is_restricted: bool = False,
    restriction_reason: str = "",
) -> EvidenceItem:
    """Add a document (an uploaded file) or a web link to the library.

    Statements and category chosen by the person count as confirmed; otherwise careloop
    suggests them for someone to confirm.
    """
    framework = framework_ensure()
    if kind == EvidenceItem.Kind.DOCUMENT and not file:
        raise ServiceError("Choose the file to upload", field="file")
    if kind == EvidenceItem.Kind.LINK and not url:
        raise ServiceError("Give the web link", field="url")
    if kind not in (EvidenceItem.Kind.DOCUMENT, EvidenceItem.Kind.LINK):
        raise ServiceError("Only documents and web links can be added by hand")
    statements = list(statements)
    _check_category(framework, category)
    words = _file_text(file) if file else ""
    suggestion = suggest(title=title, summary=f"{summary} {words}", source=source)
    item = EvidenceItem.objects.create(
        kind=kind,
        title=title.strip()[:200],
        summary=summary.strip(),
        date=date,
        source=source.strip()[:200],
        figures=_figure(figure),
        suggested_statements=list(suggestion.statements),
        suggested_category=suggestion.category,
        suggestion_reason=suggestion.reason,
        added_by=user,
        is_restricted=is_restricted,
        restriction_reason=restriction_reason if is_restricted else "",
    )
    common = {
        "record": item,
        "title": item.title,
        "user": user,
        "view_permission": "assurance.view",
    }
    if kind == EvidenceItem.Kind.DOCUMENT:
        attachment = attachment_add_file(file=file, role="evidence", **common)
        item.url = attachment.get_absolute_url()
    else:
        attachment_add_link(url=url, role="evidence", **common)
        item.url = url
    if statements or category:
        item.statements.set(_current_statements(framework, statements))
        item.category = category
        item.confirmed_by, item.confirmed_at = user, timezone.now()
    item.save()
    return item


@transaction.atomic
def evidence_update(
    *,
    item: EvidenceItem,
    title: str,
    date: dt.date,
    source: str,
    summary: str = "",
    url: str = "",
    figure: dict | None = None,
    is_restricted: bool = False,
    restriction_reason: str = "",
) -> EvidenceItem:
    """Correct a document's or link's details (an area's figures come from the area)."""
    if item.kind == EvidenceItem.Kind.FACT:
        raise ServiceError(
            "These figures come from careloop and are updated at each refresh; change them "
            "where they are recorded."
        )
    item.title, item.date, item.source = title.strip()[:200], date, source.strip()[:200]
    item.summary = summary.strip()
    item.figures = _figure(figure)
    item.is_restricted = is_restricted
    item.restriction_reason = restriction_reason if is_restricted else ""
    if item.kind == EvidenceItem.Kind.LINK and url and url != item.url:
        for old in attachments_for(item, role="evidence"):
            attachment_remove(attachment=old)
        attachment_add_link(
            record=item,
            url=url,
            title=item.title,
            user=None,
            view_permission="assurance.view",
            role="evidence",
        )
        item.url = url
    item.save()
    return item


@transaction.atomic
def evidence_confirm(
    *, item: EvidenceItem, user, statements: Iterable[int], category: str
) -> EvidenceItem:
    """A person's decision on which statements the item is evidence for, and its category.

    No statements means the item is not used as evidence for any statement.
    """
    framework = framework_ensure()
    _check_category(framework, category)
    if not category:
        raise ServiceError("Choose the evidence category", field="category")
    item.statements.set(_current_statements(framework, statements))
    item.category = category
    item.confirmed_by, item.confirmed_at = user, timezone.now()
    item.save(update_fields=["category", "confirmed_by", "confirmed_at", "updated_at"])
    return item


def evidence_accept_suggestions(*, items: Iterable[EvidenceItem], user) -> tuple[int, int]:
    """Confirm careloop's suggestions for many items; returns (accepted, left for a person).

    Items already confirmed are left as they are; items with no suggested statement or
    category are left for a person to decide.
    """
    accepted = skipped = 0
    for item in items:
        if item.is_confirmed:
            continue
        if not item.suggested_statements or not item.suggested_category:
            skipped += 1
            continue
        evidence_confirm(
            item=item,
            user=user,
            statements=item.suggested_statements,
            category=item.suggested_category,
        )
        accepted += 1
    return accepted, skipped


@transaction.atomic
def evidence_delete(*, item: EvidenceItem) -> EvidenceItem:
    """Remove a document or link (and its file) from the library; returns the removed item."""
    if item.kind == EvidenceItem.Kind.FACT:
        raise ServiceError(
            "Figures from careloop cannot be deleted: the next refresh would bring them back. "
            "To leave them out, confirm them with no quality statements."
        )
    for attachment in attachments_for(item):
        attachment_remove(attachment=attachment)
    item.delete()
    return item
