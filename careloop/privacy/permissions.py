"""Who may work on the council's duties for personal data (UK GDPR, Data Protection Act 2018)."""

from careloop.core.permissions import LEADS, define

define(
    "privacy.view", LEADS, "See the council’s personal data work: retention, requests and redaction"
)
