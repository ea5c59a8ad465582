"""Forms for Learn and act (GOV.UK components; the services hold the rules)."""

from .actions import (
    ActionForm,
    ActionRaiseForm,
    CompleteForm,
    EvidenceForm,
    MilestoneForm,
    ProgressForm,
    ReopenForm,
    SignOffForm,
)
from .briefs import BriefForm, ReportTextForm, SendBriefForm
from .impact import (
    ImpactForm,
    MeasureForm,
    MeasureImportForm,
    MeasureValueForm,
    ProvidedMeasureForm,
)
from .lgsco import (
    LgscoCaseForm,
    LgscoYearForm,
    RemedyActionForm,
    RemedyComplyForm,
    RemedyForm,
)
from .meetings import (
    AgendaItemActionForm,
    AgendaItemForm,
    AgendaRecordForm,
    AttendanceForm,
    MeetingForm,
    NotesForm,
    SeriesForm,
)
from .reviews import RecommendationForm, ReviewForm, active_people

__all__ = [
    "ActionForm",
    "ActionRaiseForm",
    "AgendaItemActionForm",
    "AgendaItemForm",
    "AgendaRecordForm",
    "AttendanceForm",
    "BriefForm",
    "CompleteForm",
    "EvidenceForm",
    "ImpactForm",
    "LgscoCaseForm",
    "LgscoYearForm",
    "MeasureForm",
    "MeasureImportForm",
    "MeasureValueForm",
    "MeetingForm",
    "MilestoneForm",
    "NotesForm",
    "ProgressForm",
    "ProvidedMeasureForm",
    "RecommendationForm",
    "RemedyActionForm",
    "RemedyComplyForm",
    "RemedyForm",
    "ReportTextForm",
    "ReopenForm",
    "ReviewForm",
    "SendBriefForm",
    "SeriesForm",
    "SignOffForm",
    "active_people",
]
