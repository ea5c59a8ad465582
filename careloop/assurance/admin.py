"""Django admin for developers (people use the assurance pages)."""

from django.contrib import admin

from careloop.assurance import models


@admin.register(models.EvidenceItem)
class EvidenceItemAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "source", "date", "category", "confirmed_at", "stale_since"]
    list_filter = ["kind", "category"]
    search_fields = ["title", "key"]


@admin.register(models.SelfAssessment)
class SelfAssessmentAdmin(admin.ModelAdmin):
    list_display = ["title", "as_at", "status"]


@admin.register(models.PeerReport)
class PeerReportAdmin(admin.ModelAdmin):
    list_display = ["council", "overall_percentage", "overall_rating"]


admin.site.register(models.FrameworkVersion)
admin.site.register(models.RefreshRun)
