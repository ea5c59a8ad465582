"""The feedback importer: survey platform exports, legacy complaints logs, partner returns.

Used by the import pages (core/imports) and by `careloop import-feedback FILE [--dry-run]`.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

from django import forms

from careloop.core.imports import Importer, ImportField, bulk, register
from careloop.core.imports.parsing import (
    RowCheck,
    parse_bool,
    parse_choice,
    parse_date,
    parse_int,
)
from careloop.core.imports.reading import cell_text
from careloop.core.models import ServiceArea, Team, User
from careloop.core.permissions import can
from careloop.feedback import clocks
from careloop.feedback.models import ClockSettings, Feedback, Organisation, next_references


@dataclass
class Context:
    teams: dict
    services: dict
    providers: dict
    organisations: dict
    owners: dict
    settings: ClockSettings
    default_kind: str
    default_channel: str
    default_status: str
    survey: str


class FeedbackImporter(Importer):
    name = "feedback"
    writes = ("feedback.Feedback",)
    label = "Feedback"
    permission = "feedback.import"
    back_url_name = "feedback:index"
    help = (
        "Import survey responses, a legacy complaints log or a partner's return from a CSV or "
        "Excel file. Each row needs its own reference in the source (for example the survey "
        "platform's response ID), a date received and the text; importing the same file again "
        "adds nothing."
    )
    fields = [
        ImportField(
            "external_ref",
            "Reference in the source",
            required=True,
            help="Each row's own ID in the source file, so that it is never imported twice",
            aliases=(
                "id",
                "response id",
                "responseid",
                "reference",
                "ref",
                "case number",
                "record id",
                "respondent id",
                "complaint reference",
            ),
        ),
        ImportField(
            "received_on",
            "Date received",
            required=True,
            aliases=(
                "date",
                "received",
                "date submitted",
                "submitted",
                "submitted on",
                "start date",
                "response date",
                "timestamp",
            ),
        ),
        ImportField(
            "text",
            "What they said",
            required=True,
            aliases=(
                "text",
                "comments",
                "comment",
                "feedback",
                "details",
                "description",
                "complaint details",
                "free text",
                "your comments",
            ),
        ),
        ImportField("kind", "Kind", aliases=("type", "feedback type", "category")),
        ImportField("channel", "Channel", aliases=("how received", "method", "source channel")),
        ImportField("summary", "Summary", aliases=("subject", "title", "headline")),
        ImportField("survey", "Survey", aliases=("survey name", "questionnaire")),
        ImportField(
            "rating",
            "Satisfaction (1 to 5)",
            aliases=("satisfaction", "score", "rating", "overall satisfaction"),
        ),
        ImportField(
            "from_name",
            "Name",
            aliases=("name", "complainant", "respondent name", "full name", "from"),
        ),
        ImportField("from_email", "Email address", aliases=("email", "e-mail")),
        ImportField("from_phone", "Phone number", aliases=("phone", "telephone", "tel")),
        ImportField("from_anonymous", "Anonymous", aliases=("anonymous", "anon")),
        ImportField(
            "representative_name", "On their behalf", aliases=("representative", "advocate")
        ),
        ImportField(
            "from_organisation", "Organisation", aliases=("organisation", "organization", "partner")
        ),
        ImportField(
            "about_name", "Person it is about", aliases=("service user", "about", "client name")
        ),
        ImportField(
            "about_case_ref",
            "Case record number",
            aliases=("case ref", "client id", "person id", "mosaic id"),
        ),
        ImportField("service", "Service area", aliases=("service", "service area")),
        ImportField("team", "Team", aliases=("team name",)),
        ImportField("provider", "Care provider", aliases=("provider", "care provider name")),
        ImportField("event_on", "Date of the event", aliases=("event date", "incident date")),
        ImportField("status", "Status"),
        ImportField("acknowledged_on", "Date acknowledged", aliases=("acknowledged",)),
        ImportField("responded_on", "Date responded", aliases=("responded", "response sent")),
        ImportField("outcome", "Outcome", aliases=("decision", "finding")),
        ImportField(
            "owner",
            "Owner (email address)",
            aliases=("owner email", "handler", "investigating officer"),
        ),
    ]

    def option_fields(self) -> dict:
        return {
            "kind": forms.ChoiceField(
                label="Kind, where the file does not say",
                choices=Feedback.Kind.choices,
                initial=Feedback.Kind.SURVEY,
            ),
            "channel": forms.ChoiceField(
                label="Channel, where the file does not say",
                choices=Feedback.Channel.choices,
                initial=Feedback.Channel.SURVEY_IMPORT,
            ),
            "status": forms.ChoiceField(
                label="Status, where the file does not say",
                choices=Feedback.Status.choices,
                initial=Feedback.Status.NEW,
                help_text="Survey responses that need no reply are usually imported as closed",
            ),
            "survey": forms.CharField(
                label="Survey name, where the file does not say",
                required=False,
                max_length=120,
                help_text="For example 'Adult Social Care Survey 2025-26'",
            ),
        }

    def context(self, job) -> Context:
        options = job.options or {}
        orgs = list(Organisation.objects.all())
        return Context(
            teams={t.name.lower(): t for t in Team.objects.select_related("service")},
            services={s.name.lower(): s for s in ServiceArea.objects.all()},
            providers={o.name.lower(): o for o in orgs if o.kind == Organisation.Kind.PROVIDER},
            organisations={o.name.lower(): o for o in orgs},
            owners={
                u.email.lower(): u
                for u in User.objects.filter(is_active=True)
                if can(u, "feedback.view")
            },
            settings=ClockSettings.current(),
            default_kind=options.get("kind") or Feedback.Kind.SURVEY,
            default_channel=options.get("channel") or Feedback.Channel.SURVEY_IMPORT,
            default_status=options.get("status") or Feedback.Status.NEW,
            survey=options.get("survey") or "",
        )

    def clean_row(self, values: dict, ctx: Context):
        check = RowCheck(values)
        row: dict = {}
        take, text = check.take, check.text

        def lookup(name, table, what):
            found_text = text(name)
            if not found_text:
                return None
            found = table.get(found_text.lower())
            if found is None:
                check.problem(name, f"“{found_text}” is not a {what} careloop knows")
            return found

        row["external_ref"] = text("external_ref", 100)
        row["received_on"] = take("received_on", parse_date, past=True)
        raw = values.get("text", "")
        row["text"] = raw if isinstance(raw, str) else cell_text(raw)
        row["kind"] = take("kind", parse_choice, Feedback.Kind.choices) or ctx.default_kind
        row["channel"] = (
            take("channel", parse_choice, Feedback.Channel.choices) or ctx.default_channel
        )
        row["status"] = take("status", parse_choice, Feedback.Status.choices) or ""
        row["outcome"] = take("outcome", parse_choice, Feedback.Outcome.choices) or ""
        row["summary"] = text("summary", 200)
        row["survey"] = text("survey", 120) or (
            ctx.survey if row["kind"] == Feedback.Kind.SURVEY else ""
        )
        row["rating"] = take("rating", parse_int, low=1, high=5)
        row["from_anonymous"] = bool(take("from_anonymous", parse_bool))
        row["from_name"] = text("from_name", 150)
        row["from_email"] = text("from_email", 254)
        if row["from_email"] and "@" not in row["from_email"]:
            check.problem("from_email", f"“{row['from_email']}” is not an email address")
        row["from_phone"] = text("from_phone", 40)
        row["representative_name"] = text("representative_name", 150)
        row["about_name"] = text("about_name", 150)
        row["about_case_ref"] = text("about_case_ref", 50)
        row["from_organisation"] = lookup("from_organisation", ctx.organisations, "organisation")
        row["service"] = lookup("service", ctx.services, "service area")
        row["team"] = lookup("team", ctx.teams, "team")
        row["provider"] = lookup("provider", ctx.providers, "care provider")
        row["owner"] = lookup("owner", ctx.owners, "person who can handle feedback (by email)")
        row["event_on"] = take("event_on", parse_date, past=True)
        row["acknowledged_on"] = take("acknowledged_on", parse_date, past=True)
        row["responded_on"] = take("responded_on", parse_date, past=True)

        received = row["received_on"]
        if received:
            if row["event_on"] and row["event_on"] > received:
                check.problem("event_on", "is after the date received")
            for name in ("acknowledged_on", "responded_on"):
                if row[name] and row[name] < received:
                    check.problem(name, "is before the date received")
        if row["team"] and row["service"] and row["team"].service_id != row["service"].pk:
            check.problem("team", f"{row['team']} is not part of {row['service']}")
        if row["team"] and not row["service"]:
            row["service"] = row["team"].service
        if row["outcome"] and row["kind"] not in Feedback.COMPLAINT_KINDS:
            check.problem("outcome", "only complaints have an outcome")
        if row["kind"] == Feedback.Kind.OMBUDSMAN:
            check.problem(
                "kind", "Ombudsman enquiries are opened from their complaint, not imported"
            )
        return row, check.problems

    def existing(self, keys, job, ctx) -> set[str]:
        return set(
            Feedback.all_objects.filter(source=job.source, external_ref__in=keys).values_list(
                "external_ref", flat=True
            )
        )

    def write(self, rows, job, ctx: Context) -> int:
        records = [self._record(row, job, ctx) for row in rows]
        by_year: dict[int, list[dict]] = {}
        for record in records:
            by_year.setdefault(record["received_on"].year, []).append(record)
        for year, items in by_year.items():
            for record, reference in zip(items, next_references(year, len(items)), strict=True):
                record["reference"] = reference
        bulk.create_rows(
            Feedback,
            records,
            reason=f"Imported from {job.original_name} ({job.source})",
            describe=lambda r: Feedback.describe(r["reference"], r["kind"]),
        )
        return len(records)

    def _record(self, row: dict, job, ctx: Context) -> dict:
        """The new record's fields (by attname), with its clock, without a model instance."""
        record = {
            name: row[name]
            for name in (
                "external_ref",
                "received_on",
                "text",
                "kind",
                "channel",
                "outcome",
                "summary",
                "survey",
                "rating",
                "from_anonymous",
                "from_name",
                "from_email",
                "from_phone",
                "representative_name",
                "about_name",
                "about_case_ref",
                "event_on",
                "acknowledged_on",
                "responded_on",
            )
        }
        for name in ("from_organisation", "service", "team", "provider", "owner"):
            record[f"{name}_id"] = row[name].pk if row[name] is not None else None
        record["source"] = job.source
        record["created_by_id"] = job.created_by_id
        clock = SimpleNamespace(**record, stage=1, stage_started_on=None, is_deleted=False)
        if record["kind"] in Feedback.COMPLAINT_KINDS:
            record["stage_started_on"] = record["received_on"]
        record["acknowledgement_due_on"] = clocks.acknowledgement_due(clock, ctx.settings)
        record["response_due_on"] = clocks.default_response_due(clock, ctx.settings)
        status = row["status"]
        if not status:
            if record["responded_on"]:
                status = Feedback.Status.RESPONDED
            elif record["acknowledged_on"]:
                status = Feedback.Status.ACKNOWLEDGED
            else:
                status = ctx.default_status
        record["status"] = status
        clock.__dict__.update(record)
        record["next_due_on"] = clocks.next_due(clock)
        return record


register(FeedbackImporter())
