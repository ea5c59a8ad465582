"""API: the catalogue, completions, supervisions (never their private sections) and
registrations. Writes go through the same services as the pages."""

from __future__ import annotations

from rest_framework import serializers

from careloop.core.api import RoleViewSet, ServiceViewSet

from . import selectors, services
from .models import CareerStage, Completion, Course, Registration, SupervisionSession


class CourseSerializer(serializers.ModelSerializer):
    # A list of stages, never null (a form upload's "null" would otherwise reach the database).
    audience_stages = serializers.ListField(
        child=serializers.ChoiceField(choices=CareerStage.choices), required=False
    )

    class Meta:
        model = Course
        fields = ["id", *services.COURSE_FIELDS]


class CompletionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Completion
        fields = ["id", *services.COMPLETION_FIELDS, "expires_on", "source"]
        read_only_fields = ["expires_on", "source"]


class SupervisionSerializer(serializers.ModelSerializer):
    """Deliberately without the private section: it is a separate record the API never reads."""

    class Meta:
        model = SupervisionSession
        fields = ["id", *services.SUPERVISION_FIELDS]


class RegistrationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Registration
        fields = ["id", "person", *services.REGISTRATION_FIELDS]


class CourseViewSet(ServiceViewSet):
    queryset = Course.objects.prefetch_related("audience_teams").order_by("title")
    serializer_class = CourseSerializer
    view_permission, edit_permission = "workforce.view", "workforce.catalogue_edit"
    http_method_names = ["get", "post", "patch", "head", "options"]
    save, record, save_user = staticmethod(services.course_save), "course", True


class CompletionViewSet(RoleViewSet):
    serializer_class = CompletionSerializer
    permissions = {"GET": "workforce.record", "POST": "workforce.record"}
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return selectors.completions(self.request.user).order_by("-completed_on", "-id")

    def perform_create(self, serializer):
        serializer.instance = services.completion_record(
            user=self.request.user, **serializer.validated_data
        )


class SupervisionViewSet(RoleViewSet):
    serializer_class = SupervisionSerializer
    permissions = {"GET": "workforce.supervision"}
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return selectors.supervisions(self.request.user).order_by("-held_on", "-id")


class RegistrationViewSet(RoleViewSet):
    serializer_class = RegistrationSerializer
    permissions = {"GET": "workforce.registration"}
    http_method_names = ["get", "head", "options"]

    def get_queryset(self):
        return selectors.registrations(self.request.user)


def register(router):
    router.register("courses", CourseViewSet, basename="course")
    router.register("training-completions", CompletionViewSet, basename="training-completion")
    router.register("supervisions", SupervisionViewSet, basename="supervision")
    router.register("registrations", RegistrationViewSet, basename="registration")
