"""/api/v1/feedback/: list, read, create and update feedback with the pages' permissions and
checks. Updates must send the `version` they started from: a stale version is a 409 with
the fields in conflict, never a silent overwrite."""

from __future__ import annotations

import datetime as dt

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, status
from rest_framework.response import Response

from careloop.core.api import RoleViewSet, choice_param, id_param
from careloop.core.permissions import get_visible_or_404
from careloop.feedback import selectors, services
from careloop.feedback.models import Feedback

READ_ONLY = [
    "id",
    "reference",
    "next_due_on",
    "acknowledgement_due_on",
    "acknowledged_on",
    "response_due_on",
    "responded_on",
    "outcome",
    "stage",
    "lgsco_referred_on",
    "lgsco_reference",
    "source",
    "external_ref",
    "created_at",
    "updated_at",
]


class FeedbackSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(
        required=False, help_text="Required when updating: the version you read"
    )
    url = serializers.HyperlinkedIdentityField(view_name="feedback-detail")
    # read-only, so DRF drops the model's blank choice: "" until the outcome is recorded
    outcome = serializers.ChoiceField(
        choices=Feedback.Outcome.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = Feedback
        fields = [
            "id",
            "url",
            "reference",
            *services.FEEDBACK_FIELDS,
            "version",
            *READ_ONLY[2:],
        ]
        read_only_fields = READ_ONLY

    def validate(self, attrs):
        merged = attrs
        if self.instance is not None:
            if "text" in attrs and attrs["text"] != self.instance.text:
                raise serializers.ValidationError(
                    {"text": "What the person said is kept as written and cannot be changed"}
                )
            merged = {**services.snapshot_objects(self.instance), **attrs}
            if "version" not in attrs:
                raise serializers.ValidationError(
                    {"version": "Send the version you read, so that no one's change is lost"}
                )
        problems = services.record_problems(merged)
        if problems:
            errors: dict = {}
            for field, message in problems:
                errors.setdefault(field, []).append(message)
            raise serializers.ValidationError(errors)
        if self.instance is None and not (attrs.get("text") or "").strip():
            raise serializers.ValidationError({"text": "Enter what the person said"})
        return attrs


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value is not None else None
    except ValueError:
        raise serializers.ValidationError(
            {"detail": f"“{value}” is not a date: use YYYY-MM-DD"}
        ) from None


@extend_schema_view(
    list=extend_schema(
        summary="Feedback, as you may see it, filtered",
        parameters=[
            OpenApiParameter("q", str, description="Reference, name or words"),
            OpenApiParameter("kind", str, enum=Feedback.Kind.values),
            OpenApiParameter("status", str, enum=Feedback.Status.values),
            OpenApiParameter("team", int),
            OpenApiParameter("service", int),
            OpenApiParameter("provider", int),
            OpenApiParameter("owner", str, description="A user id, 'me' or 'none'"),
            OpenApiParameter("due", str, enum=list(selectors.DUE_FILTERS)),
            OpenApiParameter("received_from", dt.date),
            OpenApiParameter("received_to", dt.date),
        ],
    )
)
class FeedbackViewSet(RoleViewSet):
    serializer_class = FeedbackSerializer
    view_permission = "feedback.view"
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    @property
    def permissions(self):
        return {
            "GET": "feedback.view",
            "POST": "feedback.create",
            "PUT": "feedback.edit",
            "PATCH": "feedback.edit",
        }

    def get_queryset(self):
        user = self.request.user
        if self.action != "list":
            return Feedback.objects.visible_to(user).select_related("owner", "team", "service")
        params = self.request.query_params
        filters = selectors.Filters(
            q=params.get("q", ""),
            kind=choice_param(self.request, "kind", Feedback.Kind.values),
            status=choice_param(self.request, "status", Feedback.Status.values),
            service=id_param(self.request, "service"),
            team=id_param(self.request, "team"),
            provider=id_param(self.request, "provider"),
            owner=id_param(self.request, "owner", words=("me", "none")),
            due=choice_param(self.request, "due", list(selectors.DUE_FILTERS)),
            received_from=_date(params.get("received_from")),
            received_to=_date(params.get("received_to")),
            sort=params.get("sort", "-received"),
        )
        return selectors.feedback_list(user, filters)

    def get_object(self):
        return get_visible_or_404(self.request.user, Feedback.objects.all(), pk=self.kwargs["pk"])

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("version", None)
        serializer.instance = services.feedback_create(data=data, user=self.request.user)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        version = changes.pop("version")
        changes.pop("text", None)
        try:
            saved = services.feedback_update(
                feedback=instance,
                changes=changes,
                user=request.user,
                version=version,
                original=None if version != instance.version else services.snapshot(instance),
            )
        except services.EditConflict as conflict:
            return Response(
                {
                    "detail": "Someone else changed this record since you read it. Read it "
                    "again and re-apply your change.",
                    "current_version": conflict.current.version,
                },
                status=status.HTTP_409_CONFLICT,
            )
        return Response(self.get_serializer(saved).data)


def register(router):
    router.register("feedback", FeedbackViewSet, basename="feedback")
