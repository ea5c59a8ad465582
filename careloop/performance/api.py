"""API: measures (read; local ones written by leads), where a council stands, and the
import of published figures for permitted roles. The same services as the pages."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from careloop.core.api import RoleViewSet

from . import selectors, services
from .compare import parse_year
from .models import Measure


class PerformanceMeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measure
        fields = ["id", *services.MEASURE_FIELDS, "shipped"]
        read_only_fields = ["shipped"]


class MeasureViewSet(RoleViewSet):
    queryset = Measure.objects.order_by("code")
    serializer_class = PerformanceMeasureSerializer
    view_permission, edit_permission = "performance.view", "performance.edit"
    http_method_names = ["get", "post", "head", "options"]

    def perform_create(self, serializer):
        serializer.instance = services.measure_save(
            user=self.request.user, **serializer.validated_data
        )


class StandingView(APIView):
    """?council=E10000028&measure=ASC3[&year=2022-23][&group=neighbours|region|kind]"""

    permissions = {"GET": "performance.view"}

    @extend_schema(summary="Where a council stands on a measure (the compare command's JSON)")
    def get(self, request):
        council = selectors.council(request.query_params.get("council", ""))
        if council is None:
            raise NotFound("No council with that code")
        code = request.query_params.get("measure", "").upper()
        measure = selectors.measures().filter(code=code).first()
        if measure is None:
            raise NotFound("No measure with that code")
        year = request.query_params.get("year")
        if year and parse_year(year) is None:
            raise ValidationError({"year": "Give a financial year, like 2022-23"})
        group = request.query_params.get("group") or None
        if group not in (None, "neighbours", "region", "kind"):
            raise ValidationError({"group": "Choose neighbours, region or kind"})
        found = selectors.standing(council, measure, year=year and parse_year(year), group=group)
        if found is None:
            raise NotFound("The measure has no figures for that year")
        return Response(found.as_json())


class ImportView(APIView):
    """POST a CSV or Excel file of published figures (multipart, field `file`)."""

    permissions = {"POST": "performance.import"}

    @extend_schema(summary="Import published figures (queued; follow the job's page)")
    def post(self, request):
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError({"file": "Attach a file"})
        job = services.figures_import_start(
            user=request.user, upload=upload, source=request.data.get("source") or "published"
        )
        return Response({"job": job.pk, "status": job.status, "url": job.get_absolute_url()}, 202)


def register(router):
    router.register("performance-measures", MeasureViewSet, basename="performance-measure")


urlpatterns = [
    path("performance/standing/", StandingView.as_view(), name="api-performance-standing"),
    path("performance/import/", ImportView.as_view(), name="api-performance-import"),
]
