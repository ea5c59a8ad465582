"""The assurance API: evidence (read, confirm tags), self-assessments with their rating,
imported peer reports, and the CQC rating and report reader as services."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from careloop.assurance import services
from careloop.assurance.cqc.rating import RatingInputError, overall_rating
from careloop.assurance.cqc.report_parser import parse_report
from careloop.assurance.models import EvidenceItem, PeerReport, SelfAssessment
from careloop.core.api import valid_input


def _outcome(outcome) -> dict:
    if outcome.rating is None:
        return {"computable": False, "reason": outcome.reason}
    return {"computable": True, **outcome.rating.as_dict()}


class EvidenceItemSerializer(serializers.ModelSerializer):
    statements = serializers.SerializerMethodField()

    class Meta:
        model = EvidenceItem
        fields = [
            "id",
            "kind",
            "key",
            "title",
            "summary",
            "date",
            "source",
            "area",
            "url",
            "figures",
            "statements",
            "category",
            "suggested_statements",
            "suggested_category",
            "confirmed_at",
            "stale_since",
            "is_restricted",
        ]

    def get_statements(self, item) -> list[int]:
        return sorted(s.number for s in item.statements.all())


class ConfirmSerializer(serializers.Serializer):
    statements = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=9), allow_empty=True
    )
    category = serializers.CharField()


class EvidenceItemViewSet(viewsets.ReadOnlyModelViewSet):
    """The evidence library. POST …/confirm/ records a person's choice of tags."""

    serializer_class = EvidenceItemSerializer
    permissions = {"GET": "assurance.view", "POST": "assurance.edit"}

    def get_queryset(self):
        return EvidenceItem.objects.visible_to(self.request.user).prefetch_related("statements")

    @extend_schema(request=ConfirmSerializer, responses=EvidenceItemSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        item = self.get_object()
        data = valid_input(ConfirmSerializer, request)
        item = services.evidence_confirm(item=item, user=request.user, **data)
        return Response(EvidenceItemSerializer(item).data)


class StatementAssessmentSerializer(serializers.Serializer):
    number = serializers.IntegerField(source="statement.number")
    name = serializers.CharField(source="statement.name")
    score = serializers.IntegerField(allow_null=True)
    status = serializers.CharField()
    rationale = serializers.CharField()
    strengths = serializers.CharField()
    areas_for_development = serializers.CharField()
    key_findings = serializers.ListField(child=serializers.CharField(), source="paragraphs")


class SelfAssessmentSerializer(serializers.ModelSerializer):
    statements = StatementAssessmentSerializer(many=True, read_only=True)
    framework = serializers.CharField(source="framework.version")
    rating = serializers.SerializerMethodField()

    class Meta:
        model = SelfAssessment
        fields = ["id", "title", "as_at", "status", "framework", "rating", "statements"]

    def get_rating(self, assessment) -> dict:
        return _outcome(assessment.rating())


class SelfAssessmentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SelfAssessmentSerializer
    permissions = {"GET": "assurance.view"}
    queryset = SelfAssessment.objects.select_related("framework").prefetch_related(
        "statements__statement"
    )


class PeerReportSerializer(serializers.ModelSerializer):
    scores = serializers.SerializerMethodField()
    rating = serializers.SerializerMethodField()

    class Meta:
        model = PeerReport
        fields = ["id", "council", "overall_percentage", "overall_rating", "scores", "rating"]

    def get_scores(self, report) -> list[int | None]:
        return report.scores()

    def get_rating(self, report) -> dict:
        return _outcome(report.rating())


class PeerReportViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = PeerReportSerializer
    permissions = {"GET": "assurance.view"}
    queryset = PeerReport.objects.prefetch_related("pages")


class RatingRequest(serializers.Serializer):
    scores = serializers.ListField(child=serializers.IntegerField())


class RatingView(APIView):
    """CQC's overall rating from nine scores (1-4), exactly as `careloop cqc rating`."""

    permissions = {"POST": "assurance.view"}

    @extend_schema(request=RatingRequest, responses=dict, summary="Overall rating from nine scores")
    def post(self, request):
        data = valid_input(RatingRequest, request)
        try:
            result = overall_rating(data["scores"])
        except RatingInputError as error:
            raise serializers.ValidationError({"scores": [str(error)]}) from None
        return Response(result.as_dict())


class ParseRequest(serializers.Serializer):
    text = serializers.CharField(max_length=services.MAX_PAGE_CHARS, trim_whitespace=False)


class ParseReportView(APIView):
    """Read a published CQC page (text or HTML) without saving it."""

    permissions = {"POST": "assurance.view"}

    @extend_schema(request=ParseRequest, responses=dict, summary="Read a published CQC page")
    def post(self, request):
        record = parse_report(valid_input(ParseRequest, request)["text"])
        if not record.is_cqc_report:
            raise serializers.ValidationError({"text": record.warnings})
        return Response(record.as_dict())


def register(router):
    router.register("evidence", EvidenceItemViewSet, basename="evidence")
    router.register("self-assessments", SelfAssessmentViewSet, basename="self-assessment")
    router.register("peer-reports", PeerReportViewSet, basename="peer-report")


urlpatterns = [
    path("cqc/rating/", RatingView.as_view(), name="api-cqc-rating"),
    path("cqc/parse-report/", ParseReportView.as_view(), name="api-cqc-parse"),
]
