"""Settings: the complaint clock and organisations."""

from __future__ import annotations

from careloop.core.forms import GovukModelForm
from careloop.feedback.models import ClockSettings, Organisation


class ClockSettingsForm(GovukModelForm):
    class Meta:
        model = ClockSettings
        exclude: list[str] = []

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if isinstance(value, int) and not 1 <= value <= 130:
                self.add_error(name, "Enter a number of working days between 1 and 130")
        return data


class OrganisationForm(GovukModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "cqc_location_id", "is_active"]
