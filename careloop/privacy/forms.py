"""The personal data area's forms."""
