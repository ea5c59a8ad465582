"""Permission matrix rows for personal data (see tests/matrix.py for the format)."""

from tests.matrix import Row

LEADS = "200 200 403 403 403 302"

ROWS = [
    Row("privacy:index", LEADS),
]
