"""Reads for the assurance pages, the API and the home page, one module per subject; callers
write `from careloop.assurance import selectors; selectors.coverage(assessment)`."""

from careloop.assurance.selectors.coverage import (
    CoverageCell,
    CoverageRow,
    StatementRow,
    coverage,
    statement_evidence,
    statement_rows,
)
from careloop.assurance.selectors.evidence import (
    EVIDENCE_STATES,
    evidence_counts,
    evidence_list,
    last_refresh,
)
from careloop.assurance.selectors.framework import (
    approved_count,
    category_names,
    current_framework,
    latest_assessment,
)
from careloop.assurance.selectors.home import (
    headlines,
    my_work,
)
from careloop.assurance.selectors.peers import (
    Column,
    peer_comparison,
    peer_count,
)

__all__ = [
    "EVIDENCE_STATES",
    "Column",
    "CoverageCell",
    "CoverageRow",
    "StatementRow",
    "approved_count",
    "category_names",
    "coverage",
    "current_framework",
    "evidence_counts",
    "evidence_list",
    "headlines",
    "last_refresh",
    "latest_assessment",
    "my_work",
    "peer_comparison",
    "peer_count",
    "statement_evidence",
    "statement_rows",
]
