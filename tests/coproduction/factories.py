"""Factories for coproduction records."""

import datetime as dt

import factory

from careloop.coproduction.models import (
    Contribution,
    FeedbackWindow,
    Group,
    Involvement,
    Participant,
    Payment,
    Project,
    Rung,
    Stage,
    Statement,
)


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Carers' group {n}")
    kind = Group.Kind.CARERS


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant
        skip_postgeneration_save = True

    full_name = factory.Sequence(lambda n: f"Participant Person{n}")
    email = factory.Sequence(lambda n: f"participant{n}@mail.example")
    phone = "07700 900123"
    consent = True
    consent_on = factory.LazyFunction(dt.date.today)
    access_needs = factory.LazyFunction(lambda: ["easy_read"])


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Strategy {n}")
    summary = "A strategy."
    started_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=200))
    status = Project.Status.ACTIVE


class InvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Involvement

    project = factory.SubFactory(ProjectFactory)
    group = factory.SubFactory(GroupFactory)
    stage = Stage.DEFINING
    rung = Rung.COPRODUCING
    started_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=180))


class WindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeedbackWindow

    project = factory.SubFactory(ProjectFactory)
    title = "The draft strategy"
    opens_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=60))
    closes_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=20))
    policy_minimum = 20


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    project = factory.SubFactory(ProjectFactory)
    said = "Breaks are hard to arrange."


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    title = factory.Sequence(lambda n: f"Statement {n}")
    topic = "Carers"
    you_said = "Breaks are hard to arrange."
    we_did = "We opened a booking line."
    source = Statement.Source.COPRODUCTION
    status = Statement.Status.PUBLISHED
    published_on = factory.LazyFunction(dt.date.today)


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    participant = factory.SubFactory(ParticipantFactory)
    amount = "40.00"
    for_date = factory.LazyFunction(dt.date.today)
    description = "Workshop"
