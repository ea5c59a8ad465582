"""Models of the themes area, one module per noun: the framework (categories, themes,
versions), classifier versions and runs, the themes of each piece of feedback, series (monthly
counts, chart settings, rebases), signals with their alerts, and emerging topics. Callers
import them from here: `from careloop.themes.models import Theme`."""

from careloop.themes.models.classifier import ClassificationRun, ModelVersion
from careloop.themes.models.emerging import EmergingTopic, EmergingTopicComment
from careloop.themes.models.feedback import Classification, CommentFlag, FeedbackTheme, Source
from careloop.themes.models.framework import (
    Category,
    Direction,
    FrameworkVersion,
    Theme,
    ThemeQuerySet,
)
from careloop.themes.models.series import MonthlyCount, Rebase, SeriesSettings
from careloop.themes.models.signals import Signal, SignalSubscription

__all__ = [
    "Category",
    "Classification",
    "ClassificationRun",
    "CommentFlag",
    "Direction",
    "EmergingTopic",
    "EmergingTopicComment",
    "FeedbackTheme",
    "FrameworkVersion",
    "ModelVersion",
    "MonthlyCount",
    "Rebase",
    "SeriesSettings",
    "Signal",
    "SignalSubscription",
    "Source",
    "Theme",
    "ThemeQuerySet",
]
