"""Pages of Learn and act. One module per subject; the URLs name them all."""

from . import (  # noqa: F401
    actions,
    agenda,
    briefs,
    common,
    impact,
    lgsco,
    meetings,
    report,
    reviews,
    steps,
)
