"""Records for Learn and act tests, made through the services where rules apply."""

from __future__ import annotations

import datetime as dt

from careloop.learning import services
from careloop.learning.models import Review

TODAY = dt.date.today()


def review(user, *, title="Review of charging complaints", kind=Review.Kind.COMPLAINT, **extra):
    extra.setdefault("started_on", TODAY - dt.timedelta(days=90))
    if kind == Review.Kind.SAR:
        extra.setdefault("sar_basis", Review.SarBasis.MANDATORY)
    return services.review_create(user=user, title=title, kind=kind, **extra)


def recommendation(rev, text="Train staff to explain financial assessments"):
    return services.recommendation_add(review=rev, text=text)


def action(owner, *, title="Financial assessment training", due=None, start=None, **extra):
    return services.action_create(
        title=title,
        owner=owner,
        start=start or TODAY - dt.timedelta(days=30),
        due=due or TODAY + dt.timedelta(days=30),
        **extra,
    )


def done_action(owner, signer=None, **extra):
    """An action marked done, with evidence, waiting for sign-off."""
    item = action(owner, **extra)
    services.action_add_evidence(
        action=item, user=owner, figures=[{"label": "Staff trained", "value": 40, "out_of": 50}]
    )
    services.action_complete(action=item, user=owner, note="Training delivered to all teams")
    return item


def lgsco_case(user, *, decided=True, **extra):
    from careloop.learning.models import LgscoCase

    fields = {
        "subject": LgscoCase.Subject.CHARGING,
        "summary": "Charged for care without a financial assessment",
        "received_on": TODAY - dt.timedelta(days=120),
    }
    if decided:
        fields |= {
            "decided_on": TODAY - dt.timedelta(days=20),
            "decision": LgscoCase.Decision.UPHELD_INJUSTICE,
            "decision_summary": "The council did not explain the charges.",
        }
    return services.lgsco_case_create(user=user, **(fields | extra))


def measure(user, values, *, start=None, kind="count", name="Charging complaints"):
    """An entered monthly series, oldest first, ending last month."""
    from careloop.learning.series import add_months, last_complete_month

    item = services.measure_create(user=user, name=name, kind=kind, direction="lower")
    first = start or add_months(last_complete_month(), -(len(values) - 1))
    for i, value in enumerate(values):
        services.measure_set_value(measure=item, month=add_months(first, i), value=value)
    return item
