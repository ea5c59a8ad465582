"""Training completions from a learning management system's export (CSV or Excel).

One row is one completion: the person (email address or staff number), the course (its title
in the catalogue), the date completed and optionally the expiry, evidence and the system's own
record id. Every problem is reported by row and nothing is written until all rows are good:
completion dates in the future, an expiry before the completion, people or courses careloop
does not know. Importing the same file again adds nothing: a row is known by the system's
record id (with the source), or else by the person, course and date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction

from careloop.core.imports import Importer, ImportField, bulk, register
from careloop.core.imports.parsing import RowCheck, parse_date
from careloop.core.models import User

from . import services
from .models import Completion, Course


@dataclass
class Context:
    by_email: dict
    by_number: dict
    courses: dict
    today: dt.date
    touched: set = field(default_factory=set)


def derived_key(person_id: int, course_id: int, day: dt.date) -> str:
    return f"p{person_id}|c{course_id}|{day:%Y-%m-%d}"


class CompletionImporter(Importer):
    name = "training"
    writes = ("workforce.Completion",)
    label = "Training completions"
    permission = "workforce.import"
    back_url_name = "workforce:index"
    key = "external_ref"
    help = (
        "Import completions from your learning management system's export: one row per "
        "person and course. People are matched by email address or staff number, courses by "
        "their title in the catalogue. If any row has a problem nothing is imported; rows "
        "imported before are skipped."
    )
    fields = [
        ImportField(
            "person",
            "Person",
            required=True,
            help="Email address or staff number",
            aliases=("email", "email address", "staff number", "employee number", "learner"),
        ),
        ImportField(
            "course",
            "Course",
            required=True,
            help="The course title as it is in the catalogue",
            aliases=("course title", "course name", "module", "learning item"),
        ),
        ImportField(
            "completed_on",
            "Date completed",
            required=True,
            aliases=("completed", "completion date", "date"),
        ),
        ImportField("expires_on", "Expiry date", aliases=("expires", "expiry", "valid until")),
        ImportField("evidence", "Evidence", aliases=("certificate", "certificate number")),
        ImportField(
            "external_ref",
            "Record ID",
            help="The learning system's own id for the completion, if it has one",
            aliases=("id", "record id", "completion id"),
        ),
    ]

    def context(self, job) -> Context:
        people = User.objects.filter(is_active=True).select_related("staff_profile")
        by_email, by_number = {}, {}
        for person in people:
            by_email[person.email.lower()] = person
            profile = getattr(person, "staff_profile", None)
            if profile and profile.staff_number:
                by_number[profile.staff_number.lower()] = person
        courses = {c.title.lower(): c for c in Course.objects.all()}
        return Context(by_email, by_number, courses, dt.date.today())

    def clean_row(self, values, ctx: Context):
        check = RowCheck(values)
        who = check.text("person")
        person = ctx.by_email.get(who.lower()) or ctx.by_number.get(who.lower())
        if person is None:
            check.problem("person", f"“{who}” is not a person careloop knows")
        title = check.text("course")
        course = ctx.courses.get(title.lower())
        if course is None:
            check.problem("course", f"“{title}” is not a course in the catalogue")
        completed = check.take("completed_on", parse_date)
        expires = check.take("expires_on", parse_date)
        if completed and completed > ctx.today:
            check.problem("completed_on", "is in the future")
        if completed and expires and expires < completed:
            check.problem("expires_on", "is before the date completed")
        if check.problems or person is None or course is None or completed is None:
            return {}, check.problems  # (never None without a problem: for the types)
        ref = check.text("external_ref")[:100]
        return {
            "person": person,
            "course": course,
            "completed_on": completed,
            "expires_on": expires or course.expiry_for(completed),
            "evidence": check.text("evidence")[:300],
            "external_ref": ref or derived_key(person.pk, course.pk, completed),
        }, []

    def existing(self, keys, job, ctx: Context) -> set[str]:
        held = set(
            Completion.objects.filter(source=job.source, external_ref__in=keys).values_list(
                "external_ref", flat=True
            )
        )
        derived = [k for k in keys if k.startswith("p") and k.count("|") == 2]
        if derived:
            people = {int(k.split("|")[0][1:]) for k in derived}
            have = {
                derived_key(*row)
                for row in Completion.objects.filter(person_id__in=people).values_list(
                    "person_id", "course_id", "completed_on"
                )
            }
            held |= {k for k in derived if k in have}
        return held

    def write(self, rows, job, ctx: Context) -> int:
        objs = [
            Completion(
                person=row["person"],
                course=row["course"],
                completed_on=row["completed_on"],
                expires_on=row["expires_on"],
                evidence=row["evidence"],
                external_ref=row["external_ref"],
                source=job.source[:100],
                recorded_by=job.created_by,
            )
            for row in rows
        ]
        bulk.insert(Completion, objs)
        bulk.audit_created(objs, reason=f"Imported from {job.original_name}")
        linked = {row["course"].pk: row["course"] for row in rows if row["course"].action_id}
        if linked:

            def update():
                for course in linked.values():
                    services.action_evidence_update(course=course, user=job.created_by)

            transaction.on_commit(update)
        return len(objs)


register(CompletionImporter())
