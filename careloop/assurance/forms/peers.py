"""Forms for importing published CQC report pages of other councils."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError

from careloop.assurance.cqc.report_parser import decode_page
from careloop.core.forms import GovukForm

PAGE_TYPES = {".txt", ".html", ".htm"}
MAX_PAGE_BYTES = 2 * 1024 * 1024


class PeerImportForm(GovukForm):
    text = forms.CharField(
        label="Paste the page",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text="Copy all the text of the page from the CQC website, or its HTML.",
    )
    file = forms.FileField(
        label="Or upload the saved page",
        required=False,
        help_text="A web page saved from your browser (.html) or a text file (.txt).",
    )

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if not file:
            return file
        if Path(file.name).suffix.lower() not in PAGE_TYPES:
            raise ValidationError("The file must be a saved web page (.html) or a text file (.txt)")
        if file.size > MAX_PAGE_BYTES:
            raise ValidationError("The file must be smaller than 2 MB")
        data = file.read()
        if b"\x00" in data[:4096]:
            raise ValidationError("The file is not a saved web page or text")
        self.file_text, self.file_warnings = decode_page(data)
        return file

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if not data.get("text", "").strip() and not data.get("file"):
            raise ValidationError("Paste the page or upload the saved page")
        if data.get("text", "").strip() and data.get("file"):
            raise ValidationError("Paste the page or upload it, not both")
        return data

    def encoding_warnings(self) -> list[str]:
        """What went wrong reading the uploaded file's characters (bytes replaced, etc.)."""
        return list(getattr(self, "file_warnings", [])) if self.cleaned_data.get("file") else []

    def page_text(self) -> tuple[str, str]:
        """(text, source name)."""
        if self.cleaned_data.get("file"):
            return self.file_text, self.cleaned_data["file"].name
        return self.cleaned_data["text"], "pasted"


class PeerConfirmForm(GovukForm):
    council = forms.CharField(
        max_length=200,
        help_text="As printed on the page. Change it only if the page does not say.",
        error_messages={"required": "Say which council the page is about"},
    )
    text = forms.CharField(widget=forms.HiddenInput, strip=False)
    source_name = forms.CharField(widget=forms.HiddenInput, required=False)
