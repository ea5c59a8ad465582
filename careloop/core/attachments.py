"""Attachments on any record: upload a file, add a web link, link another careloop record.

    attachment_add_file(record=review, file=upload, title="SAR report", user=request.user,
                        view_permission="learning.view")
    attachments_for(review)  # for the record's page
    {% include "components/attachments.html" with attachments=... %}

Files are checked (size, type, and for Office files how far they expand: core.office) before
anything is stored, kept under MEDIA_ROOT with a random prefix, and only ever served by
`core:attachment_download` after a permission check.
"""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from careloop.core import office
from careloop.core.forms import GovukForm
from careloop.core.models import Attachment
from careloop.core.services import ServiceError

ALLOWED_TYPES = {
    ".pdf",
    ".doc",
    ".docx",
    ".odt",
    ".rtf",
    ".txt",
    ".csv",
    ".xlsx",
    ".xls",
    ".ods",
    ".pptx",
    ".png",
    ".jpg",
    ".jpeg",
    ".gif",
    ".eml",
    ".msg",
}


def check_upload(file) -> None:
    """Refuse files over the size limit or of a type careloop does not keep."""
    limit = settings.CARELOOP_MAX_UPLOAD_BYTES
    if file.size > limit:
        raise ValidationError(f"The file must be smaller than {limit // (1024 * 1024)} MB")
    if file.size == 0:
        raise ValidationError("The file is empty")
    if Path(file.name).suffix.lower() not in ALLOWED_TYPES:
        raise ValidationError(
            "The file must be a PDF, Word, Excel, OpenDocument, text, CSV, email or image file"
        )
    try:
        office.check_zip(file)  # a zip bomb is refused before anything opens it
    except office.OfficeFileProblem as problem:
        raise ValidationError(str(problem)) from None


class UploadField(forms.FileField):
    """A file field that refuses what careloop does not keep (`check_upload`)."""

    def clean(self, data, initial=None):
        file = super().clean(data, initial)
        if file:
            check_upload(file)
        return file


def _base(record, view_permission: str, user, title: str, kind: str, role: str) -> Attachment:
    return Attachment(
        content_type=ContentType.objects.get_for_model(record, for_concrete_model=False),
        object_id=str(record.pk),
        view_permission=view_permission,
        kind=kind,
        title=title.strip()[:200],
        role=role,
        added_by=user,
    )


def attachment_add_file(
    *, record, file, title: str, user, view_permission: str, role: str = ""
) -> Attachment:
    try:
        check_upload(file)
    except ValidationError as error:
        raise ServiceError(error.messages[0]) from None
    attachment = _base(record, view_permission, user, title or file.name, "file", role)
    attachment.file = file
    attachment.save()
    return attachment


def attachment_add_link(
    *, record, url: str, title: str, user, view_permission: str, role: str = ""
) -> Attachment:
    attachment = _base(record, view_permission, user, title or url, "link", role)
    attachment.url = url
    attachment.save()
    return attachment


def attachment_add_record(
    *, record, target, title: str, user, view_permission: str, role: str = ""
) -> Attachment:
    attachment = _base(record, view_permission, user, title or str(target), "record", role)
    attachment.target_type = ContentType.objects.get_for_model(target, for_concrete_model=False)
    attachment.target_id = str(target.pk)
    attachment.save()
    return attachment


def attachment_remove(*, attachment: Attachment) -> None:
    stored = attachment.file.name if attachment.file else ""
    attachment.delete()
    if stored:
        attachment.file.storage.delete(stored)


def attachments_for(record, *, role: str | None = None):
    qs = Attachment.objects.filter(
        content_type=ContentType.objects.get_for_model(record, for_concrete_model=False),
        object_id=str(record.pk),
    ).select_related("added_by")
    return qs.filter(role=role) if role is not None else qs


class AttachmentForm(GovukForm):
    """A file or a web link (one of the two)."""

    title = forms.CharField(max_length=200, required=False, help_text="What is it?")
    file = UploadField(required=False, label="Upload a file")
    url = forms.URLField(required=False, label="Or give a web link", assume_scheme="https")

    def clean(self):
        data = super().clean()
        if not data.get("file") and not data.get("url") and not self.errors:
            raise ValidationError("Upload a file or give a web link")
        if data.get("file") and data.get("url"):
            raise ValidationError("Upload a file or give a web link, not both")
        return data
