from django.contrib import admin

from .models import Evaluation, ExternalLearning, Measure, Pilot, Reading, Risk, Story

for model in (Pilot, Measure, Reading, Story, Risk, Evaluation, ExternalLearning):
    admin.site.register(model)
