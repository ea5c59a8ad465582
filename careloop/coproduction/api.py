"""API: coproduction projects (with who was involved at which stage, and feedback windows),
groups, and "You said, we did" statements. Participants appear only as ids, and only to
people allowed to see participants."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from careloop.core.api import ServiceViewSet, choice_param
from careloop.core.permissions import can

from . import services
from .models import FeedbackWindow, Group, Involvement, Project, Statement


class InvolvementSerializer(serializers.ModelSerializer):
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    is_participant = serializers.SerializerMethodField()
    rung_label = serializers.CharField(source="get_rung_display", read_only=True)

    class Meta:
        model = Involvement
        fields = [
            "id",
            "project",
            *services.INVOLVEMENT_FIELDS,
            "is_participant",
            "stage_label",
            "rung_label",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if data["participant"] is not None and not (
            request and can(request.user, "coproduction.participants")
        ):
            data["participant"] = None  # who it was is for people who may see participants
        return data

    def get_is_participant(self, involvement) -> bool:
        return involvement.participant_id is not None


class WindowSerializer(serializers.ModelSerializer):
    length = serializers.IntegerField(read_only=True)
    is_short = serializers.BooleanField(read_only=True)

    class Meta:
        model = FeedbackWindow
        fields = ["id", "project", *services.WINDOW_FIELDS, "policy_minimum", "length", "is_short"]
        read_only_fields = ["policy_minimum"]


class ProjectSerializer(serializers.ModelSerializer):
    involvements = InvolvementSerializer(many=True, read_only=True)
    windows = WindowSerializer(many=True, read_only=True)
    late_involvement = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            *services.PROJECT_FIELDS,
            "late_involvement",
            "involvements",
            "windows",
        ]

    def get_late_involvement(self, project) -> list[str]:
        return project.late_involvement()


class GroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = Group
        # Contacts are for the people who run coproduction (the group's page), not the API.
        fields = [
            "id",
            *(f for f in services.GROUP_FIELDS if f not in services.GROUP_CONTACT_FIELDS),
        ]


class StatementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Statement
        fields = ["id", *services.STATEMENT_FIELDS, "status", "published_on"]
        read_only_fields = ["status", "published_on"]


class CoproductionViewSet(ServiceViewSet):
    """Read with coproduction.view, write with coproduction.edit, through the app's services."""

    view_permission, edit_permission = "coproduction.view", "coproduction.edit"


class ProjectViewSet(CoproductionViewSet):
    queryset = Project.objects.prefetch_related("involvements", "windows").order_by("title")
    serializer_class = ProjectSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    save, record = staticmethod(services.project_save), "project"


@extend_schema_view(list=extend_schema(parameters=[OpenApiParameter("project", int)]))
class InvolvementViewSet(CoproductionViewSet):
    queryset = Involvement.objects.select_related("project")
    serializer_class = InvolvementSerializer
    http_method_names = ["get", "post", "delete", "head", "options"]
    parent_filters = ("project",)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        if data.get("participant") is not None and not can(
            self.request.user, "coproduction.participants"
        ):
            raise serializers.ValidationError(
                {"participant": "Your role cannot involve individual participants"}
            )
        serializer.instance = services.involvement_save(project=data.pop("project"), **data)

    def perform_destroy(self, instance):
        services.involvement_delete(involvement=instance)


class WindowViewSet(CoproductionViewSet):
    queryset = FeedbackWindow.objects.select_related("project", "group")
    serializer_class = WindowSerializer
    http_method_names = ["get", "post", "head", "options"]
    save = staticmethod(services.window_save)


class GroupViewSet(CoproductionViewSet):
    queryset = Group.objects.all()
    serializer_class = GroupSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    save, record = staticmethod(services.group_save), "group"


@extend_schema_view(
    list=extend_schema(parameters=[OpenApiParameter("status", str, enum=Statement.Status.values)])
)
class StatementViewSet(CoproductionViewSet):
    queryset = Statement.objects.all()
    serializer_class = StatementSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    save, record = staticmethod(services.statement_save), "statement"

    @property
    def permissions(self):
        perms = dict(super().permissions)
        if getattr(self, "action", None) in ("publish", "withdraw"):
            perms["POST"] = "coproduction.publish"
        return perms

    def get_queryset(self):
        qs = super().get_queryset()
        if status := choice_param(self.request, "status", Statement.Status.values):
            qs = qs.filter(status=status)
        return qs

    @extend_schema(request=None, responses=StatementSerializer, summary="Publish a statement")
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        statement = services.statement_publish(statement=self.get_object())
        return Response(StatementSerializer(statement).data)

    @extend_schema(request=None, responses=StatementSerializer, summary="Withdraw a statement")
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        statement = services.statement_withdraw(statement=self.get_object())
        return Response(StatementSerializer(statement).data)


def register(router):
    router.register("coproduction-projects", ProjectViewSet, basename="coproduction-project")
    router.register(
        "coproduction-involvement", InvolvementViewSet, basename="coproduction-involvement"
    )
    router.register("feedback-windows", WindowViewSet, basename="feedback-window")
    router.register("coproduction-groups", GroupViewSet, basename="coproduction-group")
    router.register("you-said-we-did", StatementViewSet, basename="you-said-we-did")
