"""Pages of Learn and act. One module per subject; the URLs name them all."""

from . import actions, briefs, common, impact, lgsco, meetings, report, reviews  # noqa: F401
