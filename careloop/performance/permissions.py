"""Who may see performance measures and where the council stands, and who may change them."""

from careloop.core.permissions import EVERYONE, LEADS, define

define("performance.view", EVERYONE, "See performance measures and how the council compares")
define("performance.edit", LEADS, "Register local measures and choose the council's comparators")
define("performance.import", LEADS, "Import published comparative data and neighbour lists")
