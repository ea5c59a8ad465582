"""The permission matrix: what every role gets from every URL of the site.

Each area keeps its rows in `tests/<area>/matrix.py`:

    ROWS = [
        Row("core:admin_index", "200 403 403 403 403 302"),
        Row("core:org_edit", "200 403 403 403 403 302", kwargs=lambda w: {"pk": w.team.pk}),
    ]
    def setup(world): ...  # optional: make the records the rows point at

The six statuses are for, in order: administrator, quality lead, manager, practitioner,
viewer, and someone not signed in. `test_permission_matrix` requests every row as every role
and checks that every named URL of the site has a row.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace

ROLE_ORDER = ("admin", "quality_lead", "manager", "practitioner", "viewer", "anonymous")


@dataclass(frozen=True)
class Row:
    url_name: str
    expect: str
    kwargs: Callable | dict = field(default_factory=dict)
    method: str = "GET"
    data: Callable | dict | None = None
    note: str = ""
    query: Callable | dict | None = None  # added to the URL as ?key=value

    def statuses(self) -> dict[str, int]:
        codes = [int(c) for c in self.expect.split()]
        assert len(codes) == len(ROLE_ORDER), f"{self.url_name}: six statuses expected"
        return dict(zip(ROLE_ORDER, codes, strict=True))

    @property
    def id(self) -> str:
        return f"{self.method} {self.url_name}{' ' + self.note if self.note else ''}"


class World(SimpleNamespace):
    """The records the rows point at; `secrets` are strings no refusal may show.

    Each area's setup adds its own names; setting a name twice is refused, because a second
    area overwriting the first's record made rows point at the wrong objects (ids happen to
    coincide on SQLite, not on PostgreSQL).
    """

    def __setattr__(self, name, value):
        if name in self.__dict__ and self.__dict__[name] is not value:  # += keeps the list
            raise AttributeError(f"world.{name} is already set by another area's setup")
        super().__setattr__(name, value)


def area_modules():
    root = Path(__file__).parent
    for info in pkgutil.iter_modules([str(root)]):
        if info.ispkg and (root / info.name / "matrix.py").exists():
            yield importlib.import_module(f"tests.{info.name}.matrix")


def all_rows() -> list[Row]:
    return [row for module in area_modules() for row in module.ROWS]
