"""Forms for the academy's pages (GOV.UK markup from careloop.core.forms), one module per
subject. The fields a service sets are declared once in `services` (the `*_FIELDS`)."""

from .practice import (
    AuditForm,
    EnrolmentForm,
    FeedbackForm,
    GroupSessionForm,
    MoveForm,
    PeerFeedbackForm,
    StandardForm,
)
from .registration import CpdForm, RegistrationForm
from .supervision import PolicyForm, PrivateNoteForm, SupervisionForm
from .training import CompletionForm, CourseForm

__all__ = [
    "AuditForm",
    "CompletionForm",
    "CourseForm",
    "CpdForm",
    "EnrolmentForm",
    "FeedbackForm",
    "GroupSessionForm",
    "MoveForm",
    "PeerFeedbackForm",
    "PolicyForm",
    "PrivateNoteForm",
    "RegistrationForm",
    "StandardForm",
    "SupervisionForm",
]
