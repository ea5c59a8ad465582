"""The API's foundation: error format, the signed-in person, organisation and people."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
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
    it is not one (or one of `words`, such as "me"), an empty value included."""
    value = request.query_params.get(name)
    if value is None:
        return ""
    if value in words or (value.isdigit() and int(value) <= MAX_ID):
        return value
    raise exceptions.ValidationError({name: [f"“{value[:30]}” is not a record number"]})


def choice_param(request, name: str, choices) -> str:
    """A query parameter that takes one of `choices` ("" when absent): 400 with the choices
    when it is something else, rather than a filter that silently matches nothing."""
    value = request.query_params.get(name)
    if value is None:
        return ""
    if value in choices:
        return value
    raise exceptions.ValidationError(
        {name: [f"“{value[:30]}” is not one of: {', '.join(map(str, choices))}"]}
    )


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
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        # ValidationError("…") raised outside a serializer: still the one error format
        response.data = {"detail": " ".join(str(message) for message in response.data)}
    return response


ERROR = {
    "type": "object",
    "description": "Why the request was refused: `detail`, and the messages by field.",
    "properties": {"detail": {"type": "string"}},
    "additionalProperties": True,
}
REFUSALS = {
    "400": "The request's parameters or body are not valid",
    "401": "No valid personal token or session",
    "403": "The caller's role or the record's restriction does not allow this",
    "404": "No such record (or page), or not one the caller may read",
    "409": "The record cannot be deleted while other records depend on it",
    "415": "The request body's content type is not one the operation reads",
}


def document_refusals(result, generator, request, public):
    """drf-spectacular postprocessing hook: every operation documents the refusals
    `exception_handler` answers with, in the one error format, so a client (and schemathesis)
    knows each 4xx it may meet."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            codes = ["400", "401", "403", "404"]
            if method == "delete":
                codes.append("409")
            if "requestBody" in operation:
                codes.append("415")
            responses = operation.setdefault("responses", {})
            for code in codes:
                responses.setdefault(
                    code,
                    {
                        "description": REFUSALS[code],
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                )
    return result


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
        elif isinstance(field, serializers.CharField) and not field.read_only:
            text_only(field)


def text_only(field: serializers.CharField) -> None:
    """A text field takes text: DRF would store the JSON number 0 as "0", which the schema
    (a string) says is refused, and which usually means the client sent the wrong field."""
    if getattr(field, "text_only", False):
        return
    read = field.to_internal_value

    def to_internal_value(data):
        if not isinstance(data, str):
            field.fail("invalid")
        return read(data)

    field.to_internal_value = to_internal_value  # type: ignore[method-assign]
    field.text_only = True  # type: ignore[attr-defined]


def valid_input(serializer_class, request) -> dict:
    """The request's body read through `serializer_class`; input it refuses is a 400 with the
    reasons by field (as every other refusal)."""
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class RoleViewSet(AccessChoicesMixin, viewsets.ModelViewSet):
    """A model API whose permissions are named per method: read with `view`, write with `edit`."""

    lookup_value_regex = ID_PATTERN

    view_permission = ""
    edit_permission = ""
    # Query parameters naming a related record by id (?pilot=3 keeps that pilot's rows); a
    # value that is not a record number is a 400 (`id_param`).
    parent_filters: tuple[str, ...] = ()

    def get_queryset(self):
        qs = super().get_queryset()
        for name in self.parent_filters:
            if value := id_param(self.request, name):
                qs = qs.filter(**{f"{name}_id": int(value)})
        return qs

    @property
    def permissions(self):
        return {
            "GET": self.view_permission,
            "POST": self.edit_permission,
            "PUT": self.edit_permission,
            "PATCH": self.edit_permission,
            "DELETE": self.edit_permission,
        }


class ServiceViewSet(RoleViewSet):
    """A RoleViewSet that writes through the app's service: `save` creates the record from the
    serializer's data and, given the record as keyword `record`, updates it; with `save_user`
    the person asking is passed as `user`. A refusal is a 400 (the exception handler)."""

    save: Callable[..., Model]
    record = ""
    save_user = False

    def _save(self, **data) -> Model:
        if self.save_user:
            data["user"] = self.request.user
        return self.save(**data)

    def perform_create(self, serializer):
        serializer.instance = self._save(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = self._save(
            **{self.record: serializer.instance}, **serializer.validated_data
        )


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


class OrgViewSet(RoleViewSet):
    """The organisation's structure: read with core.view_org, changed with core.manage_org."""

    view_permission, edit_permission = "core.view_org", "core.manage_org"


class DirectorateViewSet(OrgViewSet):
    queryset = Directorate.objects.all()
    serializer_class = DirectorateSerializer


class ServiceAreaViewSet(OrgViewSet):
    queryset = ServiceArea.objects.select_related("directorate")
    serializer_class = ServiceAreaSerializer


class TeamViewSet(OrgViewSet):
    queryset = Team.objects.select_related("service")
    serializer_class = TeamSerializer


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
