"""/api/v1/ for themes: the framework, monthly counts, chart series, signals, and the themes of
one feedback item (read, and review with the same service as the page)."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from careloop.core.api import id_field, valid_input
from careloop.core.permissions import get_visible_or_404
from careloop.feedback.models import Feedback
from careloop.stats.charts import VARIATION_TEXT
from careloop.stats.spc_text import point_rule_labels
from careloop.themes import selectors, services, trends
from careloop.themes.forms import FilterForm
from careloop.themes.models import EmergingTopic, Theme
from careloop.themes.series import SENTIMENTS, SeriesKey, last_complete_month


class ThemeSerializer(serializers.ModelSerializer):
    category = serializers.CharField(source="category.name")
    examples = serializers.ListField(source="example_list", child=serializers.CharField())

    class Meta:
        model = Theme
        fields = ["id", "key", *services.THEME_FIELDS, "is_active", "added_in", "retired_in"]


class ThemesView(APIView):
    permissions = {"GET": "themes.view"}

    @extend_schema(responses=ThemeSerializer(many=True), summary="The theme framework")
    def get(self, request):
        themes = Theme.objects.select_related("category")
        if request.query_params.get("all") != "1":
            themes = themes.filter(is_active=True)
        return Response(ThemeSerializer(themes, many=True).data)


def _filters(request):
    form = FilterForm(request.query_params or None, user=request.user)
    if form.is_bound and not form.is_valid():
        raise ValidationError(form.errors)
    return form.filters()


class CountsView(APIView):
    permissions = {"GET": "themes.view"}

    @extend_schema(
        summary="Feedback by theme and month (the dashboard's grid)",
        parameters=[
            OpenApiParameter(name, str, description=label)
            for name, label in [
                ("months", "3, 6, 12 or 24"),
                ("end", "Last month shown, YYYY-MM"),
                ("kind", "Kind of feedback"),
                ("service", "Service area id"),
                ("team", "Team id"),
                ("provider", "Care provider id"),
                ("sentiment", "1 to 5"),
                ("equality", "field:value, for leads; groups under 10 are not shown"),
            ]
        ],
        responses=dict,
    )
    def get(self, request):
        grid = selectors.grid(request.user, _filters(request))
        return Response(
            {
                "months": [f"{m:%Y-%m}" for m in grid.months],
                "suppressed": grid.suppressed,
                "total": None if grid.suppressed else grid.total,
                "totals": None if grid.suppressed else grid.totals,
                "themes": [
                    {
                        "id": r.theme.pk,
                        "name": r.theme.name,
                        "counts": None if grid.suppressed else r.counts,
                        "total": None if grid.suppressed else r.total,
                        "previous_period": None if grid.suppressed else r.previous,
                    }
                    for r in grid.rows
                ],
            }
        )


class SeriesView(APIView):
    permissions = {"GET": "themes.view"}

    @extend_schema(
        summary="An XmR chart of a theme series (Making Data Count)",
        parameters=[OpenApiParameter("series", str, description="e.g. theme:12/kind:complaint")],
        responses=dict,
    )
    def get(self, request):
        key = SeriesKey.parse(request.query_params.get("series") or "all")
        chart = trends.chart(key, with_restricted=selectors.with_restricted(request.user))
        if chart.result is None:
            return Response({"series": str(key), "label": chart.label, "error": chart.error})
        result = chart.result
        return Response(
            {
                "series": str(key),
                "label": chart.label,
                "direction": str(result.direction),
                "notes": [*result.notes, *chart.notes],
                "points": [
                    {
                        "period": p.period,
                        "value": p.value,
                        "mean": p.mean,
                        "lower": p.lower,
                        "upper": p.upper,
                        "variation": VARIATION_TEXT[p.variation],
                        "rules": list(point_rule_labels(p, result.options)),
                    }
                    for p in result.points
                ],
            }
        )


class SignalSerializer(serializers.Serializer):
    series = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field, not Field.label
    month = serializers.CharField(help_text="YYYY-MM")
    variation = serializers.CharField()
    direction = serializers.ChoiceField(choices=["higher", "lower"])
    rules = serializers.CharField()
    value = serializers.FloatField()
    mean = serializers.FloatField()


class SignalsView(APIView):
    permissions = {"GET": "themes.view"}

    @extend_schema(
        summary="Signals in the latest complete month", responses=SignalSerializer(many=True)
    )
    def get(self, request):
        signals = selectors.signals(request.user, month=last_complete_month())
        return Response(
            [
                {
                    "series": s.key,
                    "label": s.label,
                    "month": f"{s.month:%Y-%m}",
                    "variation": s.variation,
                    "direction": "higher" if s.side > 0 else "lower",
                    "rules": s.rules,
                    "value": s.value,
                    "mean": s.mean,
                }
                for s in signals
            ]
        )


class EmergingTopicSerializer(serializers.ModelSerializer):
    words = serializers.ListField(child=serializers.CharField())
    theme: serializers.PrimaryKeyRelatedField = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )
    feedback = serializers.SerializerMethodField()

    class Meta:
        model = EmergingTopic
        fields = [
            "id",
            "label",
            "words",
            "size",
            "status",
            "growing",
            "period_start",
            "period_end",
            "theme",
            "found_at",
            "feedback",
        ]

    def get_feedback(self, topic) -> list[int]:
        """The ids of the topic's feedback that the person may read (`readable`: worked out once
        for every topic listed)."""
        return sorted(
            c.feedback_id for c in topic.comments.all() if c.feedback_id in self.context["readable"]
        )


class EmergingTopicsView(APIView):
    permissions = {"GET": "themes.view_comments"}

    @extend_schema(
        summary="Emerging topics: groups of comments no theme covers well",
        parameters=[OpenApiParameter("status", enum=EmergingTopic.Status.values, required=False)],
        responses=EmergingTopicSerializer(many=True),
    )
    def get(self, request):
        status = request.query_params.get("status") or None
        if status is not None and status not in EmergingTopic.Status.values:
            raise ValidationError({"status": [f"One of {', '.join(EmergingTopic.Status.values)}"]})
        topics = list(selectors.topics(status).prefetch_related("comments"))
        ids = {c.feedback_id for t in topics for c in t.comments.all()}
        readable = set(
            Feedback.objects.filter(pk__in=ids)
            .visible_to(request.user)
            .values_list("pk", flat=True)
        )
        return Response(
            EmergingTopicSerializer(topics, many=True, context={"readable": readable}).data
        )


class ThemeReviewSerializer(serializers.Serializer):
    themes = serializers.ListField(child=id_field(), allow_empty=True)
    sentiment = serializers.ChoiceField(choices=list(SENTIMENTS), required=False, allow_null=True)


class FeedbackThemesView(APIView):
    permissions = {"GET": "themes.view_comments", "POST": "themes.review"}

    def _item(self, request, pk):
        return get_visible_or_404(request.user, Feedback.objects.all(), pk=pk)

    def _data(self, item):
        panel = selectors.panel(item)
        info = panel.classification
        return {
            "feedback": item.pk,
            "reference": item.reference,
            "sentiment": info.sentiment if info else None,
            "sentiment_source": info.sentiment_source if info else "",
            "reviewed_at": info.reviewed_at if info else None,
            "themes": [
                {
                    "id": link.theme_id,
                    "name": link.theme.name,
                    "status": link.status,
                    "source": link.source,
                    "confidence": link.confidence,
                    "model_version": link.model_version.number if link.model_version else None,
                    "framework_version": link.framework_version,
                }
                for link in [*panel.links, *panel.removed]
            ],
        }

    @extend_schema(summary="The themes and sentiment of one feedback item", responses=dict)
    def get(self, request, pk: int):
        return Response(self._data(self._item(request, pk)))

    @extend_schema(
        summary="Review the themes: the themes kept or added are confirmed, the rest removed",
        request=ThemeReviewSerializer,
        responses=dict,
    )
    def post(self, request, pk: int):
        item = self._item(request, pk)
        data = valid_input(ThemeReviewSerializer, request)
        services.themes_review(
            feedback=item,
            user=request.user,
            theme_ids=data["themes"],
            sentiment=data.get("sentiment"),
        )
        return Response(self._data(item))


urlpatterns = [
    path("themes/", ThemesView.as_view(), name="api-themes"),
    path("themes/counts/", CountsView.as_view(), name="api-theme-counts"),
    path("themes/series/", SeriesView.as_view(), name="api-theme-series"),
    path("themes/signals/", SignalsView.as_view(), name="api-theme-signals"),
    path("themes/emerging/", EmergingTopicsView.as_view(), name="api-theme-emerging"),
    path("feedback/<id:pk>/themes/", FeedbackThemesView.as_view(), name="api-feedback-themes"),
]
