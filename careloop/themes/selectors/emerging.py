"""Reads for emerging topics: the list, one topic with its comments, months, services and
teams, and the growing ones the signals page and QA agendas show."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.db.models import Case, When

from careloop.feedback.models import Feedback
from careloop.stats import Direction, SpcResult, xmr
from careloop.themes.models import EmergingTopic


def topics(status: str | None = None):
    """Topics, open ones first, then the largest."""
    found = EmergingTopic.objects.select_related("theme", "decided_by").order_by(
        Case(When(status=EmergingTopic.Status.NEW, then=0), default=1), "-size", "label"
    )
    return found.filter(status=status) if status else found


def growing_topics():
    """Open topics with more comments in their latest month than before: news for leaders."""
    return topics(EmergingTopic.Status.NEW).filter(growing=True)


@dataclass
class TopicDetail:
    comments: list[Feedback]  # those the person may read, typical ones first
    hidden: int  # comments of the topic the person may not read
    months: list[tuple[dt.date, int]]
    spc: SpcResult  # the comments a month as an XmR chart (Making Data Count rules)
    services: list[tuple[str, int]]
    teams: list[tuple[str, int]]


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, month = [], first.replace(day=1)
    while month <= last:
        out.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return out


def topic_detail(topic: EmergingTopic, user) -> TopicDetail:
    links = list(topic.comments.all())
    typical = {c.feedback_id for c in links if c.typical}
    found = Feedback.objects.filter(pk__in=[c.feedback_id for c in links])
    every = list(found.select_related("service", "team"))
    allowed = set(found.visible_to(user).values_list("pk", flat=True))
    readable = [f for f in every if f.pk in allowed]
    readable.sort(key=lambda f: (f.pk not in typical, f.received_on, f.pk))
    per_month = Counter(f.received_on.replace(day=1) for f in every)
    months = [(m, per_month.get(m, 0)) for m in _months(topic.period_start, topic.period_end)]
    services = Counter(f.service.name for f in every if f.service)
    teams = Counter(f.team.name for f in every if f.team)
    return TopicDetail(
        comments=readable,
        hidden=len(links) - len(readable),
        months=months,
        spc=xmr(
            [n for _, n in months],
            periods=[f"{m:%b %Y}" for m, _ in months],
            direction=Direction.LOWER,
        ),
        services=services.most_common(),
        teams=teams.most_common(),
    )
