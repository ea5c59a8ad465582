"""The reads for the personal data pages and for other areas."""
