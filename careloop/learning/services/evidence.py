"""An action's evidence: files, links, linked records and figures such as completion counts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

from django.db import transaction

from careloop.core.attachments import (
    attachment_add_file,
    attachment_add_link,
    attachment_add_record,
    attachment_remove,
)
from careloop.core.models import Attachment
from careloop.core.services import ServiceError
from careloop.learning.models import EVIDENCE, Action, ActionUpdate, EvidenceFigure

from .actions import _log


def _figures(raw) -> list[dict]:
    out = []
    for item in raw or ():
        if isinstance(item, Mapping):
            item = dict(item)
        else:
            label, value, *rest = item
            item = {"label": label, "value": value, "unit": rest[0] if rest else ""}
        label = str(item.get("label", "")).strip()
        if not label:
            raise ServiceError("Each figure needs a label, for example 'Staff trained'")
        try:
            value = Decimal(str(item.get("value")))
            out_of = item.get("out_of")
            out_of = Decimal(str(out_of)) if out_of not in (None, "") else None
        except InvalidOperation:
            raise ServiceError(f"The figure '{label}' must be a number") from None
        if not value.is_finite() or (out_of is not None and not out_of.is_finite()):
            raise ServiceError(f"The figure '{label}' must be a number")
        if out_of is not None and out_of <= 0:
            raise ServiceError(f"'Out of' for '{label}' must be more than 0")
        out.append(
            {
                "label": label[:200],
                "value": value,
                "unit": str(item.get("unit") or "")[:40],
                "out_of": out_of,
                "as_of": item.get("as_of") or dt.date.today(),
            }
        )
    return out


@transaction.atomic
def action_add_evidence(
    *,
    action: Action,
    user,
    title: str = "",
    file=None,
    url: str = "",
    record=None,
    figures: Iterable = (),
    note: str = "",
) -> Attachment | None:
    """Evidence of what an action did: a file, a web link or a link to another careloop
    record (e.g. the training course delivered), and/or figures such as completion counts.

    `figures` are dicts {label, value, unit?, out_of?, as_of?} or (label, value[, unit]).
    Returns the attachment (None when only figures were given)."""
    figures = _figures(figures)
    given = [x for x in (file, url, record) if x]
    if len(given) > 1:
        raise ServiceError("Give one of a file, a web link or a record at a time")
    if not given and not figures:
        raise ServiceError("Add a file, a web link, a linked record or a figure as evidence")
    attachment = None
    kwargs = {"record": action, "user": user, "view_permission": "learning.view", "role": EVIDENCE}
    if file:
        attachment = attachment_add_file(file=file, title=title, **kwargs)
    elif url:
        attachment = attachment_add_link(url=url, title=title, **kwargs)
    elif record is not None:
        attachment = attachment_add_record(target=record, title=title, **kwargs)
    for figure in figures:
        EvidenceFigure.objects.create(action=action, attachment=attachment, added_by=user, **figure)
    described = attachment.title if attachment else ", ".join(f["label"] for f in figures)
    _log(action, user, ActionUpdate.Kind.EVIDENCE, f"Evidence added: {described}. {note}".strip())
    return attachment


@transaction.atomic
def evidence_remove(*, action: Action, user, attachment: Attachment | None = None, figure=None):
    if action.status == Action.Status.CLOSED:
        raise ServiceError("This action is closed: its evidence is kept as it was signed off")
    if attachment is not None:
        if attachment.object_id != str(action.pk) or attachment.role != EVIDENCE:
            raise ServiceError("That is not evidence on this action")
        title = attachment.title
        attachment_remove(attachment=attachment)
    elif figure is not None:
        if figure.action_id != action.pk:
            raise ServiceError("That figure is not on this action")
        title = str(figure)
        figure.delete()
    else:
        raise ServiceError("Nothing to remove")
    _log(action, user, ActionUpdate.Kind.EVIDENCE, f"Evidence removed: {title}")
