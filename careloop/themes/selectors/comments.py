"""The comments behind a count, comment search, and the themes of one feedback record."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from careloop.feedback.models import Feedback
from careloop.themes import series as S
from careloop.themes.aggregates import DIMS
from careloop.themes.models import Classification, CommentFlag, FeedbackTheme, Theme
from careloop.themes.selectors.audience import with_restricted
from careloop.themes.selectors.dashboard import Filters


def comments(
    user,
    filters: Filters,
    *,
    theme: Theme | None = None,
    month: dt.date | None = None,
    query: str = "",
    flag: str = "",
    untagged: bool = False,
):
    """The feedback behind a count, as `user` may see it (never narrowed by equality group:
    equality answers are only ever reported in aggregate)."""
    months = [month] if month else filters.month_list()
    first, last = months[0], S.add_months(months[-1], 1)
    qs = Feedback.objects.visible_to(user).filter(received_on__gte=first, received_on__lt=last)
    if not with_restricted(user):
        qs = qs.filter(is_restricted=False)
    for name in ("kind", "service", "team", "provider"):
        value = getattr(filters, name)
        if value:
            qs = qs.filter(**{DIMS[name]: value})
    if filters.sentiment:
        qs = qs.filter(classification__sentiment=filters.sentiment)
    if theme is not None:
        # the month range on the link's own copy lets PostgreSQL start from the few links of
        # this theme in these months (index theme, month, counted), not from every feedback item
        qs = qs.filter(
            Exists(
                FeedbackTheme.objects.filter(
                    feedback_id=OuterRef("pk"),
                    theme=theme,
                    counted=True,
                    month__gte=first,
                    month__lt=last,
                )
            )
        )
    if untagged:
        qs = qs.exclude(
            Exists(FeedbackTheme.objects.filter(feedback_id=OuterRef("pk"), counted=True))
        )
    query = query.strip()
    if query:
        qs = qs.filter(
            Q(text__icontains=query) | Q(summary__icontains=query) | Q(reference__iexact=query)
        )
    if flag in CommentFlag.Kind.values:
        qs = qs.filter(
            Exists(
                CommentFlag.objects.filter(
                    feedback_id=OuterRef("pk"), kind=flag, resolved_at__isnull=True
                )
            )
        )
    return qs.select_related("classification", "service", "provider").order_by(
        "-received_on", "-id"
    )


def with_themes(items) -> list:
    """Attach each item's counted theme links and open flags (for a page of comments)."""
    items = list(items)
    ids = [f.pk for f in items]
    links: dict[int, list[FeedbackTheme]] = defaultdict(list)
    for link in (
        FeedbackTheme.objects.filter(feedback_id__in=ids, counted=True)
        .select_related("theme")
        .order_by("-confidence")
    ):
        links[link.feedback_id].append(link)
    flags: dict[int, list[CommentFlag]] = defaultdict(list)
    for flag in CommentFlag.objects.filter(feedback_id__in=ids, resolved_at__isnull=True):
        flags[flag.feedback_id].append(flag)
    for item in items:
        item.theme_list = links.get(item.pk, [])
        item.open_flags = flags.get(item.pk, [])
    return items


# --- One feedback record -------------------------------------------------------------------------
@dataclass
class Panel:
    feedback: Feedback
    classification: Classification | None
    links: list[FeedbackTheme]
    removed: list[FeedbackTheme]
    flags: list[CommentFlag]

    @property
    def pending(self) -> bool:
        return (
            self.classification is None
            or self.classification.classified_at is None
            and (not self.classification.reviewed_at)
        )


def panel(feedback: Feedback) -> Panel:
    item = (
        Classification.objects.filter(feedback=feedback)
        .select_related("model_version", "reviewed_by")
        .first()
    )
    links = list(
        FeedbackTheme.objects.filter(feedback=feedback)
        .select_related("theme", "model_version", "decided_by")
        .order_by("-confidence", "theme__name")
    )
    return Panel(
        feedback=feedback,
        classification=item,
        links=[link for link in links if link.status != FeedbackTheme.Status.REJECTED],
        removed=[link for link in links if link.status == FeedbackTheme.Status.REJECTED],
        flags=list(
            CommentFlag.objects.filter(feedback=feedback, resolved_at__isnull=True).select_related(
                "flagged_by"
            )
        ),
    )


def review_choices(panel: Panel) -> list[tuple[str, list[tuple[str, str]]]]:
    """Checkbox choices: every theme in use (grouped by category), plus retired themes the
    item already has."""
    confidence = {link.theme_id: link for link in panel.links}
    themes = Theme.objects.select_related("category")
    groups: dict[str, list[tuple[str, str]]] = {}
    for theme in themes:
        link = confidence.get(theme.pk)
        if not theme.is_active and link is None:
            continue
        label = theme.name
        if link and link.status == FeedbackTheme.Status.SUGGESTED and link.confidence is not None:
            label += f" (suggested, {round(100 * link.confidence)}% confident)"
        elif link and link.status == FeedbackTheme.Status.SUGGESTED:
            label += " (suggested)"
        groups.setdefault(theme.category.name, []).append((str(theme.pk), label))
    return list(groups.items())
