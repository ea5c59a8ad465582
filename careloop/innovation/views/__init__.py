"""Pages, one module per noun: pilots, measures and figures, stories and risks, evaluations,
external learning. `urls.py` names them all from here. Every page submits through
`careloop.core.web`, so a service's refusal lands on the form (on its field when it names one).
"""

from .evaluations import (
    evaluation,
    evaluation_edit,
    evaluation_new,
    evaluation_pdf,
    evaluation_show,
)
from .external import external_edit, external_index, external_show
from .measures import (
    measure_delete,
    measure_edit,
    measure_new,
    measure_show,
    reading_delete,
    reading_new,
)
from .pilots import edit, index, move, new, show
from .stories import risk_edit, story_edit

__all__ = [
    "edit",
    "evaluation",
    "evaluation_edit",
    "evaluation_new",
    "evaluation_pdf",
    "evaluation_show",
    "external_edit",
    "external_index",
    "external_show",
    "index",
    "measure_delete",
    "measure_edit",
    "measure_new",
    "measure_show",
    "move",
    "new",
    "reading_delete",
    "reading_new",
    "risk_edit",
    "show",
    "story_edit",
]
