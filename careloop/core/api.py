"""The API's foundation: error format, the signed-in person, organisation and people."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.deletion import ProtectedError
from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from careloop.core import access
from careloop.core.models import Directorate, ServiceArea, Team, User
from careloop.core.services import ServiceError
from careloop.core.web import ID_PATTERN, MAX_ID


def id_param(request, name: str, *, words: tuple[str, ...] = ()) -> str:
    """A query parameter that names a record by id ("" when absent): 400 with the reason when
    it is not one (or one of `words`, such as "me")."""
    value = request.query_params.get(name, "")
    if value == "" or value in words or (value.isdigit() and int(value) <= MAX_ID):
        return value
    raise exceptions.ValidationError({name: [f"“{value[:30]}” is not a record number"]})


def id_field(**kwargs) -> serializers.IntegerField:
    """A serializer field holding a record id."""
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def exception_handler(exc, context):
    """4xx with a reason for every refusal the product knows about; never a bare 500."""
    if isinstance(exc, ValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, ServiceError):
        detail: dict = {"detail": str(exc)}
        detail.update({field: msgs for field, msgs in exc.errors.items() if field})
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, ProtectedError):
        return Response(
            {"detail": "This record cannot be deleted while other records depend on it."},
            status=status.HTTP_409_CONFLICT,
        )
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    return drf_exception_handler(exc, context)


class AccessChoicesMixin:
    """Every related field of the view's serializers (the writable ids, and the browsable
    API's forms, `?format=api`) accepts and offers only records the caller may read
    (`access.restrict_choices`); an unknown id and a forbidden one get the same answer."""

    def get_serializer(self, *args, **kwargs):
        serializer = super().get_serializer(*args, **kwargs)
        request = getattr(self, "request", None)
        user = getattr(request, "user", None)
        if user is not None:
            restrict_serializer(serializer, user)
        return serializer


def restrict_serializer(serializer, user) -> None:
    root = getattr(serializer, "child", serializer)  # many=True
    fields = getattr(root, "fields", None)
    if fields is None:
        return
    access.restrict_choices(fields.values(), user)
    for field in fields.values():
        if isinstance(field, serializers.BaseSerializer):
            restrict_serializer(field, user)


class RoleViewSet(AccessChoicesMixin, viewsets.ModelViewSet):
    """A model API whose permissions are named per method: read with `view`, write with `edit`."""

    lookup_value_regex = ID_PATTERN

    view_permission = ""
    edit_permission = ""

    @property
    def permissions(self):
        return {
            "GET": self.view_permission,
            "POST": self.edit_permission,
            "PUT": self.edit_permission,
            "PATCH": self.edit_permission,
            "DELETE": self.edit_permission,
        }


class MeSerializer(serializers.ModelSerializer):
    role_label = serializers.CharField(read_only=True)

    class Meta:
        model = User
        fields = ["id", "email", "full_name", "job_title", "role", "role_label", "team"]


class MeView(APIView):
    permissions = {"GET": "core.api"}

    @extend_schema(responses=MeSerializer, summary="The signed-in person")
    def get(self, request):
        return Response(MeSerializer(request.user).data)


class DirectorateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Directorate
        fields = ["id", "name"]


class ServiceAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceArea
        fields = ["id", "directorate", "name"]


class TeamSerializer(serializers.ModelSerializer):
    class Meta:
        model = Team
        fields = ["id", "service", "name", "manager"]


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "full_name",
            "job_title",
            "role",
            "team",
            "line_manager",
            "is_active",
        ]
        # checked case-insensitively below
        extra_kwargs: dict[str, dict[str, Any]] = {"email": {"validators": []}}

    def validate_email(self, value):
        clash = User.objects.filter(email__iexact=value)
        if self.instance is not None:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise serializers.ValidationError("Another account already uses this email address")
        return value.lower()


class DirectorateViewSet(RoleViewSet):
    queryset = Directorate.objects.all()
    serializer_class = DirectorateSerializer
    view_permission, edit_permission = "core.view_org", "core.manage_org"


class ServiceAreaViewSet(RoleViewSet):
    queryset = ServiceArea.objects.select_related("directorate")
    serializer_class = ServiceAreaSerializer
    view_permission, edit_permission = "core.view_org", "core.manage_org"


class TeamViewSet(RoleViewSet):
    queryset = Team.objects.select_related("service")
    serializer_class = TeamSerializer
    view_permission, edit_permission = "core.view_org", "core.manage_org"


class UserViewSet(RoleViewSet):
    queryset = User.objects.select_related("team")
    serializer_class = UserSerializer
    view_permission, edit_permission = "core.manage_users", "core.manage_users"
    http_method_names = [
        "get",
        "post",
        "put",
        "patch",
        "head",
        "options",
    ]  # deactivate, never delete
