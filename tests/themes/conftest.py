"""Fixtures for the themes tests: the keyword stand-in classifier, models in a fresh folder."""

import datetime as dt

import pytest

from careloop.themes.models import Theme
from careloop.themes.services import classify
from tests.feedback.factories import make_feedback


@pytest.fixture(autouse=True)
def _fast_classifier(settings, tmp_path):
    settings.CARELOOP_THEMES_ENGINE = "careloop.themes.classification.KeywordEngine"
    settings.MODELS_DIR = tmp_path / "models"
    classify._loaded.clear()
    yield
    classify._loaded.clear()


@pytest.fixture
def theme(db):
    def _theme(name: str) -> Theme:
        return Theme.objects.get(name=name)

    return _theme


@pytest.fixture
def classified(db, django_capture_on_commit_callbacks):
    """classified(**fields) records feedback through the feedback service and lets its
    background classification run, as it does after the request commits."""

    def _make(**data):
        data.setdefault("received_on", dt.date.today().replace(day=1) - dt.timedelta(days=20))
        with django_capture_on_commit_callbacks(execute=True):
            item = make_feedback(**data)
        item.refresh_from_db()
        return item

    return _make
