"""Factories for feedback records: created through the service, as the product does."""

import datetime as dt

from careloop.feedback import services
from careloop.feedback.models import Feedback, Organisation


def make_feedback(user=None, **data) -> Feedback:
    data.setdefault("kind", Feedback.Kind.COMPLAINT)
    data.setdefault("channel", Feedback.Channel.EMAIL)
    data.setdefault("received_on", dt.date(2026, 3, 2))
    data.setdefault("text", "My mother's care plan was never reviewed.")
    equality = data.pop("equality", None)
    return services.feedback_create(data=data, user=user, equality=equality)


def make_provider(name="Meadowbank Care Home") -> Organisation:
    return Organisation.objects.get_or_create(
        name=name, defaults={"kind": Organisation.Kind.PROVIDER}
    )[0]
