"""API: pilots (with their life cycle and live evaluation), measures, figures, evaluations and
external learning. Writes go through the same services as the pages."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from careloop.core.api import RoleViewSet, ServiceViewSet, choice_param, valid_input

from . import analysis, services
from .models import Evaluation, ExternalLearning, Measure, Pilot, Reading


class PilotSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Pilot
        fields = [
            "id",
            *services.PILOT_FIELDS,
            "status",
            "status_label",
            "status_changed_on",
            "approved_by",
            "approved_on",
            "stop_reason",
        ]
        read_only_fields = [
            "status",
            "status_changed_on",
            "approved_by",
            "approved_on",
            "stop_reason",
        ]


class MoveSerializer(serializers.Serializer):
    to = serializers.ChoiceField(choices=Pilot.Status.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class MeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measure
        fields = ["id", "pilot", *services.MEASURE_FIELDS, "order"]
        read_only_fields = ["order"]


class ReadingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reading
        fields = ["id", "measure", *services.READING_FIELDS, "entered_by", "entered_at"]
        read_only_fields = ["entered_by", "entered_at"]
        validators: list = []  # one per period: a second reading for a period corrects the first


class EvaluationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evaluation
        fields = [
            "id",
            "pilot",
            *services.EVALUATION_FIELDS,
            "decided_by",
            "decided_on",
            "author",
            "created_at",
        ]
        read_only_fields = ["decided_by", "decided_on", "author", "created_at"]
        # The service needs the kind said: an evaluation is interim or final by choice.
        extra_kwargs = {"kind": {"required": True}}


class ExternalLearningSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExternalLearning
        fields = ["id", *services.EXTERNAL_FIELDS]


def _impact(result):
    if result is None:
        return None
    test = result.test
    return {
        "outcome": str(result.outcome),
        "improvement": result.improvement,
        "finding": result.summary,
        "periods_first": result.periods_first,
        "periods_second": result.periods_second,
        "ci_low": getattr(test, "ci_low", None),
        "ci_high": getattr(test, "ci_high", None),
        "p_value": getattr(test, "p_value", None),
    }


def evaluation_json(pilot: Pilot, data_to=None) -> dict:
    analyses = analysis.analyse_pilot(pilot, data_to=data_to)
    return {
        "pilot": pilot.pk,
        "overall": analysis.overall(analyses),
        "suggestion": analysis.suggestion(analyses),
        "draft_summary": analysis.draft_summary(pilot, analyses),
        "measures": [
            {
                "measure": a.measure.pk,
                "name": a.measure.name,
                "verdict": a.verdict,
                "periods_before": a.before_n,
                "periods_after": a.after_n,
                "before_after": _impact(a.before_after),
                "comparison": _impact(a.comparison),
                "sample_size": {
                    "note": a.sample_note,
                    "periods_needed": a.sample.periods_needed if a.sample else None,
                    "more_periods": a.sample.more_periods if a.sample else None,
                },
                "spc_variation": str(a.spc.variation) if a.spc else None,
                "notes": a.notes,
            }
            for a in analyses
        ],
    }


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("status", str, enum=Pilot.Status.values)])
)
class PilotViewSet(RoleViewSet):
    queryset = Pilot.objects.select_related("lead", "team").order_by("title")
    serializer_class = PilotSerializer
    view_permission, edit_permission = "innovation.view", "innovation.edit"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        qs = super().get_queryset().visible_to(self.request.user)
        if status := choice_param(self.request, "status", Pilot.Status.values):
            qs = qs.filter(status=status)
        return qs

    def perform_create(self, serializer):
        serializer.instance = services.pilot_create(
            user=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.pilot_update(
            pilot=serializer.instance, **serializer.validated_data
        )

    @extend_schema(request=MoveSerializer, responses=PilotSerializer, summary="Move a pilot on")
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        pilot = self.get_object()
        data = valid_input(MoveSerializer, request)
        services.pilot_move(pilot=pilot, user=request.user, **data)
        return Response(PilotSerializer(pilot).data)

    @extend_schema(responses=dict, summary="The evaluation as the figures stand today")
    @action(detail=True, methods=["get"])
    def evaluation(self, request, pk=None):
        return Response(evaluation_json(self.get_object()))


@extend_schema_view(list=extend_schema(parameters=[OpenApiParameter("pilot", int)]))
class MeasureViewSet(RoleViewSet):
    queryset = Measure.objects.select_related("pilot")
    serializer_class = MeasureSerializer
    view_permission, edit_permission = "innovation.view", "innovation.edit"
    parent_filters = ("pilot",)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.measure_create(pilot=data.pop("pilot"), **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("pilot", None)
        serializer.instance = services.measure_update(measure=serializer.instance, **data)

    def perform_destroy(self, instance):
        services.measure_delete(measure=instance)


@extend_schema_view(list=extend_schema(parameters=[OpenApiParameter("measure", int)]))
class ReadingViewSet(ServiceViewSet):
    """Figures: POST records (or corrects) one period's figure for one group."""

    queryset = Reading.objects.select_related("measure")
    serializer_class = ReadingSerializer
    http_method_names = ["get", "post", "delete", "head", "options"]
    permissions = {
        "GET": "innovation.view",
        "POST": "innovation.record",
        "DELETE": "innovation.edit",
    }
    save, save_user = staticmethod(services.reading_record), True
    parent_filters = ("measure",)

    def perform_destroy(self, instance):
        services.reading_delete(reading=instance)


class EvaluationViewSet(ServiceViewSet):
    """Evaluations are recorded, not edited (a decision stands; record a new evaluation)."""

    queryset = Evaluation.objects.select_related("pilot")
    serializer_class = EvaluationSerializer
    view_permission, edit_permission = "innovation.view", "innovation.edit"
    http_method_names = ["get", "post", "head", "options"]
    save, save_user = staticmethod(services.evaluation_record), True


class ExternalLearningViewSet(ServiceViewSet):
    queryset = ExternalLearning.objects.all()
    serializer_class = ExternalLearningSerializer
    view_permission, edit_permission = "innovation.view", "innovation.external_edit"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    save, record, save_user = staticmethod(services.external_save), "record", True


def register(router):
    router.register("pilots", PilotViewSet, basename="pilot")
    router.register("pilot-measures", MeasureViewSet, basename="pilot-measure")
    router.register("pilot-figures", ReadingViewSet, basename="pilot-figure")
    router.register("pilot-evaluations", EvaluationViewSet, basename="pilot-evaluation")
    router.register("external-learning", ExternalLearningViewSet, basename="external-learning")
