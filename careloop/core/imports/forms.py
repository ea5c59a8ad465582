"""Forms of the import pages."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from careloop.core.forms import GovukForm
from careloop.core.imports.engine import missing_message
from careloop.core.imports.reading import FileProblem, check_file


class UploadForm(GovukForm):
    source = forms.CharField(
        label="Where is the file from?",
        max_length=100,
        help_text="For example 'SmartSurvey: Adult Social Care Survey'. The column matching "
        "is saved for the next file from the same source, and rows already imported from it "
        "are skipped.",
    )
    file = forms.FileField(
        label="Upload a file",
        help_text="CSV or Excel (.xlsx), up to 20 MB, with the column names in the first row",
        error_messages={"required": "Choose a CSV or Excel file to upload"},
    )

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.sources = list(sources)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_file(upload.name, upload.size)
        except FileProblem as problem:
            raise ValidationError(str(problem)) from None
        return upload


class MappingForm(GovukForm):
    """One select per importer field: which column holds it."""

    def __init__(self, *args, importer, headers, mapping, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.importer = importer
        choices = [("", "(not in this file)")] + [(h, h) for h in headers if h]
        for f in importer.fields:
            self.fields[f"col_{f.name}"] = forms.ChoiceField(
                label=f.label,
                choices=choices,
                required=False,  # checked in clean(), with a message naming the field
                initial=mapping.get(f.name, ""),
                help_text=f.help,
            )
            self.fields[f"col_{f.name}"].import_required = f.required
        for name, field in importer.option_fields().items():
            field.initial = options.get(name, field.initial)
            self.fields[f"opt_{name}"] = field

    def clean(self):
        data = super().clean()
        mapping = self.mapping()
        missing = [f for f in self.importer.required if not mapping.get(f.name)]
        for f in missing:
            self.add_error(f"col_{f.name}", f"Choose the column that holds {f.label.lower()}")
        used = {}
        for name, column in mapping.items():
            if column in used:
                self.add_error(
                    f"col_{name}",
                    f"The column “{column}” is already chosen for "
                    f"{self.importer.field(used[column]).label.lower()}",
                )
            used[column] = name
        if missing and len(missing) > 1:
            self.add_error(None, missing_message([f.label for f in missing]))
        return data

    def mapping(self) -> dict:
        data = getattr(self, "cleaned_data", {})
        return {
            f.name: data.get(f"col_{f.name}")
            for f in self.importer.fields
            if data.get(f"col_{f.name}")
        }

    def options(self) -> dict:
        data = getattr(self, "cleaned_data", {})
        return {
            name[4:]: (value.pk if hasattr(value, "pk") else value)
            for name, value in data.items()
            if name.startswith("opt_")
        }
