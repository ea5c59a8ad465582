"""Plain-Python core of "Prove": the CQC local authority assessment framework (no Django).

- `framework`: themes, quality statements, score wordings, bands, evidence categories, and
  `canonical_statement()` for any name variant.
- `rating`: nine scores to total, percentage and rating; `careloop cqc rating`.
- `report_parser`: a published CQC page (text or HTML) to a record; `careloop cqc import-report`.
- `sentences`: sentence splitting and evidence-source tagging of key findings.
- `draft`: template sentences in CQC's style from figures.
"""

from importlib import import_module
from typing import Any

_EXPORTS = {
    "FRAMEWORK_VERSION": "framework",
    "canonical_statement": "framework",
    "canonical_theme": "framework",
    "find_statement": "framework",
    "OverallRating": "rating",
    "RatingInputError": "rating",
    "overall_rating": "rating",
    "try_overall_rating": "rating",
    "ReportRecord": "report_record",
    "parse_report": "report_parser",
    "parse_report_file": "report_parser",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    """Lazy re-exports, so `python -m careloop.assurance.cqc.rating` runs cleanly."""
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
