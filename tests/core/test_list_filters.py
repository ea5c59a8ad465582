"""core.selectors.chosen and search: the list filters every area's selectors use."""

import pytest

from careloop.core.models import User
from careloop.core.permissions import Role
from careloop.core.selectors import chosen, search
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_chosen_filters_by_a_choice_and_ignores_anything_else():
    lead = UserFactory(role=Role.QUALITY_LEAD, full_name="Ann Lead")
    viewer = UserFactory(role=Role.VIEWER, full_name="Bo Viewer")
    everyone = User.objects.filter(pk__in=[lead.pk, viewer.pk])
    assert list(chosen(everyone, role=Role.QUALITY_LEAD)) == [lead]
    assert set(chosen(everyone, role="")) == {lead, viewer}
    assert set(chosen(everyone, role="not-a-role")) == {lead, viewer}


def test_search_matches_any_field_in_any_case():
    ann = UserFactory(full_name="Ann Lead", email="ann@example.org")
    bo = UserFactory(full_name="Bo Viewer", email="bo@northshire.example")
    both = User.objects.filter(pk__in=[ann.pk, bo.pk])
    assert list(search(both, "LEAD", "full_name", "email")) == [ann]
    assert list(search(both, "northshire", "full_name", "email")) == [bo]
    assert set(search(both, "", "full_name")) == {ann, bo}
