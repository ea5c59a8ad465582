"""factory_boy factories for the core's records. Areas add their own beside their tests."""

import factory

from careloop.core.models import Directorate, ServiceArea, Team, User
from careloop.core.permissions import Role

PASSWORD = "correct-horse-battery"


class DirectorateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Directorate
        django_get_or_create = ["name"]

    name = "Adult Social Care"


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea
        django_get_or_create = ["directorate", "name"]

    directorate = factory.SubFactory(DirectorateFactory)
    name = factory.Sequence(lambda n: f"Service area {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ["service", "name"]

    service = factory.SubFactory(ServiceAreaFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@northshire.example")
    full_name = factory.Sequence(lambda n: f"Person {n}")
    role = Role.PRACTITIONER
    team = factory.SubFactory(TeamFactory)
    password = factory.django.Password(PASSWORD)
