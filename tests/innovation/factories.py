"""Factories for pilots, measures, figures and external learning."""

import datetime as dt
from decimal import Decimal

import factory

from careloop.innovation.models import (
    Evaluation,
    ExternalLearning,
    Measure,
    Pilot,
    Reading,
    Risk,
    Story,
)


def months_ago(n: int, today: dt.date | None = None) -> dt.date:
    """The first day of the month `n` months before this one."""
    today = today or dt.date.today()
    year, month = divmod(today.year * 12 + today.month - 1 - n, 12)
    return dt.date(year, month + 1, 1)


class PilotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pilot

    title = factory.Sequence(lambda n: f"Pilot {n}")
    problem = "People are readmitted after discharge."
    idea = "Night support at home."
    hypothesis = "Readmissions fall by a third."
    cohort = "About 60 people a month."
    design = Pilot.Design.BEFORE_AFTER
    baseline_start = factory.LazyFunction(lambda: months_ago(14))
    start_date = factory.LazyFunction(lambda: months_ago(8))
    end_date = factory.LazyFunction(lambda: months_ago(-4))
    status = Pilot.Status.RUNNING


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    pilot = factory.SubFactory(PilotFactory)
    name = factory.Sequence(lambda n: f"Measure {n}")
    kind = Measure.Kind.COUNT
    direction = "lower"
    hoped_change = Decimal("-25")


class ReadingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reading

    measure = factory.SubFactory(MeasureFactory)
    period_start = factory.LazyFunction(lambda: months_ago(1))
    value = Decimal("5")


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story

    pilot = factory.SubFactory(PilotFactory)
    title = "Home, not a care home"
    story = "I felt safe at night."
    whose = "A woman in her 80s"
    consent = True


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Risk

    pilot = factory.SubFactory(PilotFactory)
    description = "Not enough night carers"


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    pilot = factory.SubFactory(PilotFactory)
    kind = Evaluation.Kind.INTERIM
    data_to = factory.LazyFunction(lambda: months_ago(0) - dt.timedelta(days=1))
    summary = "Too early to tell."


class ExternalLearningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalLearning

    title = factory.Sequence(lambda n: f"Peer review {n}")
    kind = ExternalLearning.Kind.PEER_REVIEW_RECEIVED
    organisation = "ADASS West Midlands"
    description = "A peer challenge."
    started_on = factory.LazyFunction(lambda: months_ago(6))
    learned = "Coproduction was uneven."
