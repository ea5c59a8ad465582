"""Forms of the feedback pages (GOV.UK markup through careloop.core.forms)."""

from .complaints import (
    AcknowledgeForm,
    EscalateForm,
    LateDecisionForm,
    ReferForm,
    RespondForm,
    ReviseForm,
)
from .letters import LetterForm, LetterTemplateForm, LetterTextForm
from .public import EqualityForm, PublicFeedbackForm
from .records import (
    ORIGINAL_SALT,
    AssignForm,
    FeedbackEditForm,
    FeedbackFieldsForm,
    FeedbackForm,
    FilterForm,
    NoteForm,
    ReasonForm,
    staff_people,
)
from .settings import ClockSettingsForm, OrganisationForm

__all__ = [
    "ORIGINAL_SALT",
    "AcknowledgeForm",
    "AssignForm",
    "ClockSettingsForm",
    "EqualityForm",
    "EscalateForm",
    "FeedbackEditForm",
    "FeedbackFieldsForm",
    "FeedbackForm",
    "FilterForm",
    "LateDecisionForm",
    "LetterForm",
    "LetterTemplateForm",
    "LetterTextForm",
    "NoteForm",
    "OrganisationForm",
    "PublicFeedbackForm",
    "ReasonForm",
    "ReferForm",
    "RespondForm",
    "ReviseForm",
    "staff_people",
]
