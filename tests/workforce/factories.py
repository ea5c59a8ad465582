"""Factories for the learning academy's records."""

import datetime as dt

import factory

from careloop.workforce.models import (
    CareerStage,
    Completion,
    Course,
    Registration,
    StaffProfile,
    SupervisionPrivateNote,
    SupervisionSession,
)


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"Course {n}")
    kind = Course.Kind.ELEARNING
    provider = "Social Work Learning Academy"
    mandatory = True
    renewal_months = 36


class StaffProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile
        django_get_or_create = ["user"]

    staff_number = factory.Sequence(lambda n: f"NS{n:05d}")
    career_stage = CareerStage.SOCIAL_WORKER


class CompletionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Completion

    course = factory.SubFactory(CourseFactory)
    completed_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=30))
    expires_on = factory.LazyAttribute(lambda o: o.course.expiry_for(o.completed_on))


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupervisionSession

    held_on = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=10))
    kind = SupervisionSession.Kind.CASE
    agreed_actions = "Review the two overdue care plans by Friday."


def private_note(session, text):
    return SupervisionPrivateNote.objects.create(session=session, text=text)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    body = Registration.Body.SWE
    number = factory.Sequence(lambda n: f"SW{n:06d}")
    renewal_on = factory.LazyFunction(lambda: dt.date.today() + dt.timedelta(days=300))


def make_standard(
    name="Case file audit standard",
    questions=("Is the person's voice clear?", "Are risks assessed?"),
):
    from careloop.workforce.services import standard_save

    return standard_save(name=name, questions=list(questions))
