"""Training and supervision compliance, worked out in memory from a few queries.

A cell of the compliance matrix is one person and one mandatory course that applies to them:
done, expiring soon (within EXPIRING_DAYS), overdue (expired) or never done. A person is
compliant with a course when the cell is done or expiring soon. Figures over time ask the
same question at the end of each month, from the completions held then.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from careloop.core.models import User

from .models import Completion, Course, SupervisionPolicy, SupervisionSession
from .models.supervision import DEFAULT_INTERVAL_DAYS
from .models.training import EXPIRING_DAYS

DONE, EXPIRING, OVERDUE, NEVER = "done", "expiring", "overdue", "never"
LABELS = {
    DONE: "Done",
    EXPIRING: "Expiring soon",
    OVERDUE: "Overdue",
    NEVER: "Never done",
}
COLOURS = {DONE: "green", EXPIRING: "yellow", OVERDUE: "red", NEVER: "grey"}
COMPLIANT = (DONE, EXPIRING)


@dataclass
class Cell:
    course: Course
    status: str
    completed_on: dt.date | None = None
    expires_on: dt.date | None = None
    applies: bool = True

    @property
    def label(self) -> str:
        return LABELS[self.status] if self.applies else "Not required"

    @property
    def colour(self) -> str:
        return COLOURS[self.status]

    @property
    def needs_action(self) -> bool:
        return self.applies and self.status != DONE


@dataclass
class Row:
    person: User
    cells: list[Cell] = field(default_factory=list)
    # The team page adds the person's supervision (selectors.team_matrix).
    supervised_on: dt.date | None = None
    supervision_due: dt.date | None = None
    supervision_in_date: bool = False

    @property
    def required(self) -> list[Cell]:
        return [c for c in self.cells if c.applies]

    @property
    def overdue(self) -> list[Cell]:
        return [c for c in self.required if c.status in (OVERDUE, NEVER)]

    @property
    def expiring(self) -> list[Cell]:
        return [c for c in self.required if c.status == EXPIRING]

    @property
    def percent(self) -> int | None:
        required = self.required
        if not required:
            return None
        return round(100 * sum(c.status in COMPLIANT for c in required) / len(required))


def status_at(history: list[tuple[dt.date, dt.date | None]], day: dt.date) -> tuple:
    """(status, completed_on, expires_on) on `day` from a cell's completions, oldest first."""
    i = bisect.bisect_right(history, day, key=lambda item: item[0])
    if i == 0:
        return NEVER, None, None
    completed, expires = history[i - 1]
    if expires is None or expires > day + dt.timedelta(days=EXPIRING_DAYS):
        return DONE, completed, expires
    if expires >= day:
        return EXPIRING, completed, expires
    return OVERDUE, completed, expires


class MonthlyFigures:
    """A monthly series of the percentage compliant at each month end (from `percent_at`)."""

    def percent_at(self, day: dt.date, people=None) -> tuple[int, int]:
        raise NotImplementedError

    def series(
        self, months: int = 24, today: dt.date | None = None, people=None
    ) -> list[tuple[dt.date, float | None]]:
        out = []
        for end in month_ends(months, today):
            good, total = self.percent_at(end, people)
            out.append((end, round(100 * good / total, 1) if total else None))
        return out


class Training(MonthlyFigures):
    """The mandatory courses, who they apply to and every completion of them, for `people`."""

    def __init__(self, people: Iterable[User], courses: Iterable[Course] | None = None) -> None:
        self.people = list(people)
        self.courses = list(
            courses
            if courses is not None
            else Course.objects.mandatory().prefetch_related("audience_teams")
        )
        self.team_ids = {c.pk: {t.pk for t in c.audience_teams.all()} for c in self.courses}
        self.history: dict[tuple[int, int], list] = defaultdict(list)
        ids = [p.pk for p in self.people]
        held = Completion.objects.filter(course__in=[c.pk for c in self.courses]).values_list(
            "person_id", "course_id", "completed_on", "expires_on"
        )
        if len(ids) > 900:  # keep the IN list small on SQLite: filter in memory instead
            wanted = set(ids)
            rows = [r for r in held if r[0] in wanted]
        else:
            rows = list(held.filter(person_id__in=ids))
        for person_id, course_id, completed, expires in rows:
            self.history[(person_id, course_id)].append((completed, expires))
        for value in self.history.values():
            value.sort(key=lambda x: (x[0], x[1] or dt.date.max))

        # Which courses apply to whom, worked out once: the figures ask again for every month.
        self.required: dict[int, list[Course]] = {
            p.pk: [c for c in self.courses if self.applies(p, c)] for p in self.people
        }

    def _stage(self, person) -> str:
        profile = getattr(person, "staff_profile", None)
        return profile.career_stage if profile else ""

    def _started(self, person) -> dt.date | None:
        profile = getattr(person, "staff_profile", None)
        return profile.started_on if profile else None

    def applies(self, person, course) -> bool:
        return course.applies_to(person, self._stage(person), self.team_ids[course.pk])

    def rows(self, day: dt.date | None = None) -> list[Row]:
        day = day or dt.date.today()
        out = []
        for person in self.people:
            row = Row(person=person)
            required = {c.pk for c in self.required[person.pk]}
            for course in self.courses:
                status, completed, expires = status_at(
                    self.history.get((person.pk, course.pk), []), day
                )
                row.cells.append(
                    Cell(course, status, completed, expires, applies=course.pk in required)
                )
            out.append(row)
        return out

    def percent_at(self, day: dt.date, people=None) -> tuple[int, int]:
        """(compliant cells, required cells) on `day`, counting people in post then."""
        good = total = 0
        for person in self.people if people is None else people:
            started = self._started(person)
            if started and started > day:
                continue
            for course in self.required[person.pk]:
                total += 1
                status, _, _ = status_at(self.history.get((person.pk, course.pk), []), day)
                good += status in COMPLIANT
        return good, total


def month_ends(months: int, today: dt.date | None = None) -> list[dt.date]:
    """The last day of each of the `months` whole months before this one, oldest first."""
    today = today or dt.date.today()
    out = []
    end = today.replace(day=1) - dt.timedelta(days=1)
    for _ in range(months):
        out.append(end)
        end = end.replace(day=1) - dt.timedelta(days=1)
    return out[::-1]


def training_series(people, months: int = 24, today=None) -> list[tuple[dt.date, float | None]]:
    return Training(people).series(months, today)


# --- Supervision ----------------------------------------------------------------------------------
class Supervision(MonthlyFigures):
    """When each of `people` was last supervised, against the policy for their career stage."""

    def __init__(self, people: Iterable[User]) -> None:
        self.people = list(people)
        self.policies = dict(SupervisionPolicy.objects.values_list("career_stage", "interval_days"))
        self.dates: dict[int, list[dt.date]] = defaultdict(list)
        ids = {p.pk for p in self.people}
        qs = SupervisionSession.objects.values_list("supervisee_id", "held_on")
        if len(ids) <= 900:
            qs = qs.filter(supervisee_id__in=ids)
        for person_id, held_on in qs:
            if person_id in ids:
                self.dates[person_id].append(held_on)
        for value in self.dates.values():
            value.sort()

    def interval(self, person) -> int:
        profile = getattr(person, "staff_profile", None)
        stage = profile.career_stage if profile else ""
        return self.policies.get(stage, DEFAULT_INTERVAL_DAYS)

    def last(self, person, day: dt.date | None = None) -> dt.date | None:
        dates = self.dates.get(person.pk, [])
        i = bisect.bisect_right(dates, day or dt.date.today())
        return dates[i - 1] if i else None

    def due(self, person, day: dt.date | None = None) -> dt.date | None:
        last = self.last(person, day)
        return last + dt.timedelta(days=self.interval(person)) if last else None

    def in_date(self, person, day: dt.date | None = None) -> bool:
        day = day or dt.date.today()
        last = self.last(person, day)
        return last is not None and (day - last).days <= self.interval(person)

    def percent_at(self, day: dt.date, people=None) -> tuple[int, int]:
        good = total = 0
        for person in self.people if people is None else people:
            profile = getattr(person, "staff_profile", None)
            if profile is None or (profile.started_on and profile.started_on > day):
                continue
            total += 1
            good += self.in_date(person, day)
        return good, total


def supervision_series(people, months: int = 24, today=None):
    return Supervision(people).series(months, today)
