"""Forms of the assurance area (GOV.UK markup through core.forms), one module per subject:
evidence, the self-assessment, other councils' reports and the framework. The fields a
service sets are declared once in `services` (the `*_FIELDS`)."""

from careloop.assurance.forms.assessment import (
    ReviewForm,
    SelfAssessmentForm,
    SentenceLinkForm,
    StatementAssessmentForm,
    WithdrawForm,
)
from careloop.assurance.forms.evidence import (
    EvidenceConfirmForm,
    EvidenceForm,
    category_choices,
    statement_choices,
)
from careloop.assurance.forms.framework import (
    FrameworkCopyForm,
    LinesField,
    QualityStatementForm,
    ScoreLevelForm,
)
from careloop.assurance.forms.peers import (
    MAX_PAGE_BYTES,
    PAGE_TYPES,
    PeerConfirmForm,
    PeerImportForm,
)

__all__ = [
    "MAX_PAGE_BYTES",
    "PAGE_TYPES",
    "EvidenceConfirmForm",
    "EvidenceForm",
    "FrameworkCopyForm",
    "LinesField",
    "PeerConfirmForm",
    "PeerImportForm",
    "QualityStatementForm",
    "ReviewForm",
    "ScoreLevelForm",
    "SelfAssessmentForm",
    "SentenceLinkForm",
    "StatementAssessmentForm",
    "WithdrawForm",
    "category_choices",
    "statement_choices",
]
