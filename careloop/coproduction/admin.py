from django.contrib import admin

from .models import (
    Contribution,
    FeedbackPolicy,
    FeedbackWindow,
    Group,
    Involvement,
    Participant,
    Payment,
    Project,
    Statement,
)

for model in (
    FeedbackPolicy,
    Group,
    Participant,
    Project,
    Involvement,
    FeedbackWindow,
    Contribution,
    Statement,
    Payment,
):
    admin.site.register(model)
