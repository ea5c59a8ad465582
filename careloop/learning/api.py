"""/api/v1/ for Learn and act: reviews, recommendations, actions (and their steps), and
Ombudsman cases. Every write goes through the same services as the pages."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.decorators import action as route
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from careloop.core.api import RoleViewSet, choice_param, id_param, valid_input
from careloop.core.models import Team, User
from careloop.feedback.models import Feedback
from careloop.learning import services
from careloop.learning.models import (
    Action,
    EvidenceFigure,
    LgscoCase,
    LgscoRemedy,
    Recommendation,
    Review,
)

WRITE_METHODS = ["get", "post", "patch", "head", "options"]  # records are kept, never deleted


class ReviewSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    teams = serializers.PrimaryKeyRelatedField(
        queryset=Team.objects.all(), many=True, required=False
    )
    recommendations: serializers.PrimaryKeyRelatedField[Recommendation] = (
        serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    )
    feedback = serializers.SerializerMethodField(
        help_text="The feedback items the review arose from (those you may see)."
    )
    link_feedback = serializers.PrimaryKeyRelatedField(
        queryset=Feedback.objects.none(),
        many=True,
        write_only=True,
        required=False,
        help_text="Ids of feedback items to link as what the review arose from (added to "
        "those already linked).",
    )

    class Meta:
        model = Review
        fields = [
            "id",
            "reference",
            *services.REVIEW_FIELDS,
            "recommendations",
            "feedback",
            "link_feedback",
            "created_at",
        ]
        read_only_fields = ["created_at"]

    def get_fields(self):
        fields = super().get_fields()
        user = self.context["request"].user
        fields["link_feedback"].child_relation.queryset = Feedback.objects.visible_to(user)
        return fields

    @extend_schema_field(
        {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"id": {"type": "integer"}, "reference": {"type": "string"}},
            },
        }
    )
    def get_feedback(self, review) -> list[dict]:
        user = self.context["request"].user
        linked = Feedback.objects.visible_to(user).filter(
            pk__in=services.linked_feedback_ids(review)
        )
        rows = linked.order_by("reference").values_list("pk", "reference")
        return [{"id": pk, "reference": ref} for pk, ref in rows]

    def _link(self, review, items) -> None:
        linked = set(services.linked_feedback_ids(review))
        for item in items:
            if item.pk not in linked:
                services.review_link_feedback(
                    review=review, user=self.context["request"].user, feedback=item
                )

    @transaction.atomic
    def create(self, data):
        teams, items = data.pop("teams", []), data.pop("link_feedback", [])
        review = services.review_create(user=self.context["request"].user, teams=teams, **data)
        self._link(review, items)
        return review

    @transaction.atomic
    def update(self, review, data):
        teams, items = data.pop("teams", None), data.pop("link_feedback", [])
        review = services.review_update(
            review=review, user=self.context["request"].user, teams=teams, **data
        )
        self._link(review, items)
        return review


class ReviewViewSet(RoleViewSet):
    serializer_class = ReviewSerializer
    view_permission, edit_permission = "learning.view", "learning.manage_reviews"
    http_method_names = WRITE_METHODS
    filterset_fields = ()

    def get_queryset(self):
        qs = Review.objects.visible_to(self.request.user).prefetch_related("teams")
        kind = self.request.query_params.get("kind")
        return qs.filter(kind=kind) if kind else qs


class RecommendationSerializer(serializers.ModelSerializer):
    review = serializers.PrimaryKeyRelatedField(queryset=Review.objects.none())
    actions: serializers.PrimaryKeyRelatedField[Action] = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )

    class Meta:
        model = Recommendation
        fields = ["id", "review", "number", *services.RECOMMENDATION_FIELDS, "actions"]
        read_only_fields = ["number"]

    def get_fields(self):
        fields = super().get_fields()
        fields["review"].queryset = Review.objects.visible_to(self.context["request"].user)
        if self.instance is not None:
            fields["review"].read_only = True
        return fields

    def create(self, data):
        return services.recommendation_add(**data)

    def update(self, rec, data):
        return services.recommendation_update(
            recommendation=rec,
            text=data.get("text", rec.text),
            response=data.get("response", rec.response),
            response_note=data.get("response_note", rec.response_note),
        )


class RecommendationViewSet(RoleViewSet):
    serializer_class = RecommendationSerializer
    view_permission, edit_permission = "learning.view", "learning.manage_reviews"
    http_method_names = WRITE_METHODS

    def get_queryset(self):
        return Recommendation.objects.visible_to(self.request.user).prefetch_related("actions")


class FigureSerializer(serializers.ModelSerializer):
    class Meta:
        model = EvidenceFigure
        fields = ["id", "label", "value", "unit", "out_of", "as_of"]


# What an action's steps (progress, completion, sign-off) set: read here, never written.
ACTION_READ_ONLY = [
    "origin",
    "status",
    "original_due_on",
    "completed_on",
    "completion_note",
    "signed_off_by",
    "signed_off_on",
    "sign_off_note",
    "created_at",
]


class ActionSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    effective_status = serializers.CharField(read_only=True)
    recommendation = serializers.PrimaryKeyRelatedField(
        queryset=Recommendation.objects.none(), required=False, allow_null=True
    )
    owner = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    figures = FigureSerializer(many=True, read_only=True)

    class Meta:
        model = Action
        fields = [
            "id",
            "reference",
            *services.ACTION_FIELDS,
            "recommendation",
            "effective_status",
            *ACTION_READ_ONLY,
            "figures",
        ]
        read_only_fields = ACTION_READ_ONLY
        extra_kwargs = {"start_on": {"required": False}}

    def get_fields(self):
        fields = super().get_fields()
        user = self.context["request"].user
        fields["recommendation"].queryset = Recommendation.objects.visible_to(user)
        if self.instance is not None:
            fields["recommendation"].read_only = True
        return fields

    def validate(self, data):
        if "status" in self.initial_data:
            raise serializers.ValidationError(
                {"status": "Change the status with the progress, complete and sign-off steps"}
            )
        return data

    def create(self, data):
        fields = dict(data)
        start, due = fields.pop("start_on", None), fields.pop("due_on")
        return services.action_create(
            start=start, due=due, created_by=self.context["request"].user, **fields
        )

    def update(self, action, data):
        return services.action_update(action=action, user=self.context["request"].user, **data)


class ProgressInput(serializers.Serializer):
    note = serializers.CharField()
    status = serializers.ChoiceField(choices=Action.Status.choices, required=False)


class EvidenceInput(serializers.Serializer):
    title = serializers.CharField(required=False, allow_blank=True, default="")
    url = serializers.URLField(required=False, allow_blank=True, default="")
    file = serializers.FileField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    figures = FigureSerializer(many=True, required=False)


class CompleteInput(serializers.Serializer):
    note = serializers.CharField()
    completed_on = serializers.DateField(required=False)


class SignOffInput(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=Action.Status.values),
            OpenApiParameter("owner", int, description="The owner's user id"),
        ]
    )
)
class ActionViewSet(RoleViewSet):
    serializer_class = ActionSerializer
    view_permission, edit_permission = "learning.view", "learning.manage_actions"
    http_method_names = WRITE_METHODS
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @property
    def permissions(self):
        if self.action in ("progress", "evidence", "complete"):
            return {"POST": "learning.update_actions"}
        if self.action == "sign_off":
            return {"POST": "learning.sign_off"}
        return super().permissions

    def get_queryset(self):
        qs = Action.objects.visible_to(self.request.user).select_related("owner", "team")
        status = choice_param(self.request, "status", Action.Status.values)
        if status == Action.Status.OVERDUE:
            qs = qs.overdue()
        elif status:
            qs = qs.filter(status=status)
        if owner := id_param(self.request, "owner"):
            qs = qs.filter(owner_id=owner)
        return qs.prefetch_related("figures")

    def _updatable(self):
        action = self.get_object()
        if not action.may_update(self.request.user):
            raise PermissionDenied
        return action

    def _answer(self, action):
        action.refresh_from_db()
        return Response(ActionSerializer(action, context=self.get_serializer_context()).data)

    @extend_schema(request=ProgressInput, responses=ActionSerializer, summary="Record progress")
    @route(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        action = self._updatable()
        data = valid_input(ProgressInput, request)
        services.action_record_progress(action=action, user=request.user, **data)
        return self._answer(action)

    @extend_schema(request=EvidenceInput, responses=ActionSerializer, summary="Add evidence")
    @route(detail=True, methods=["post"])
    def evidence(self, request, pk=None):
        action = self._updatable()
        data = valid_input(EvidenceInput, request)
        services.action_add_evidence(
            action=action,
            user=request.user,
            title=data["title"],
            url=data["url"],
            file=data.get("file"),
            note=data["note"],
            figures=data.get("figures", []),
        )
        return self._answer(action)

    @extend_schema(request=CompleteInput, responses=ActionSerializer, summary="Mark done")
    @route(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        action = self._updatable()
        services.action_complete(
            action=action, user=request.user, **valid_input(CompleteInput, request)
        )
        return self._answer(action)

    @extend_schema(request=SignOffInput, responses=ActionSerializer, summary="Sign off closure")
    @route(detail=True, methods=["post"], url_path="sign-off", url_name="sign-off")
    def sign_off(self, request, pk=None):
        action = self.get_object()
        services.action_sign_off(
            action=action, user=request.user, **valid_input(SignOffInput, request)
        )
        return self._answer(action)


class RemedySerializer(serializers.ModelSerializer):
    on_time = serializers.BooleanField(read_only=True, allow_null=True)

    class Meta:
        model = LgscoRemedy
        fields = [
            "id",
            *services.REMEDY_FIELDS,
            "complied_on",
            "compliance_note",
            "action",
            "on_time",
        ]
        read_only_fields = ["complied_on", "compliance_note", "action"]


class LgscoCaseSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    remedies = RemedySerializer(many=True, read_only=True)
    complaint = serializers.PrimaryKeyRelatedField(
        queryset=Feedback.objects.none(), required=False, allow_null=True
    )

    class Meta:
        model = LgscoCase
        fields = [
            "id",
            "reference",
            *services.LGSCO_CASE_FIELDS,
            "stage",
            "review",
            "remedies",
            "created_at",
        ]
        read_only_fields = ["stage", "review", "created_at"]

    def get_fields(self):
        fields = super().get_fields()
        user = self.context["request"].user
        fields["complaint"].queryset = Feedback.objects.complaints().visible_to(user)
        return fields

    def create(self, data):
        return services.lgsco_case_create(user=self.context["request"].user, **data)

    def update(self, case, data):
        return services.lgsco_case_update(case=case, user=self.context["request"].user, **data)


class RemedyInput(serializers.Serializer):
    kind = serializers.ChoiceField(choices=LgscoRemedy.Kind.choices)
    description = serializers.CharField()
    due_on = serializers.DateField(required=False, allow_null=True)
    amount = serializers.DecimalField(
        max_digits=10, decimal_places=2, required=False, allow_null=True
    )


class LgscoCaseViewSet(RoleViewSet):
    serializer_class = LgscoCaseSerializer
    view_permission, edit_permission = "learning.view", "learning.manage_lgsco"
    http_method_names = WRITE_METHODS

    def get_queryset(self):
        qs = LgscoCase.objects.visible_to(self.request.user).prefetch_related("remedies")
        decision = self.request.query_params.get("decision")
        if decision == "upheld":
            qs = qs.filter(decision__in=LgscoCase.UPHELD)
        elif decision:
            qs = qs.filter(decision=decision)
        return qs

    @extend_schema(request=RemedyInput, responses=LgscoCaseSerializer, summary="Add a remedy")
    @route(detail=True, methods=["post"])
    def remedies(self, request, pk=None):
        case = self.get_object()
        services.lgsco_remedy_add(case=case, **valid_input(RemedyInput, request))
        case.refresh_from_db()
        return Response(LgscoCaseSerializer(case, context=self.get_serializer_context()).data)


def register(router):
    router.register("reviews", ReviewViewSet, basename="learning-review")
    router.register("recommendations", RecommendationViewSet, basename="learning-recommendation")
    router.register("actions", ActionViewSet, basename="learning-action")
    router.register("lgsco-cases", LgscoCaseViewSet, basename="learning-lgsco-case")
