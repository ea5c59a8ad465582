"""Evidence facts for the CQC evidence library (the assurance area gathers them)."""

from __future__ import annotations


def facts():
    return []
