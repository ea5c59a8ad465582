"""Permission matrix rows for the assurance area (see tests/matrix.py for the format)."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.matrix import Row

VIEW = "200 200 200 200 200 302"
EDIT = "200 200 200 403 403 302"
MANAGE = "200 200 403 403 403 302"
ADMIN = "200 403 403 403 403 302"
RESTRICTED = "200 200 404 404 404 302"
API_VIEW = "200 200 200 200 200 401"

PAGE = """Westmere Borough Council: local authority assessment
Safeguarding
Score: 2
2 - Evidence shows some shortfalls
What people expect
I feel safe and am supported to understand and manage any risks.
The local authority commitment
We work with people to understand what being safe means to them.
Key findings for this quality statement
Staff told us safeguarding enquiries waited too long. Partners said referrals were slow.
"""


def setup(world):
    from careloop.assurance import services
    from careloop.assurance.models import EvidenceItem

    lead = world.users["quality_lead"]
    world.framework = services.framework_ensure()
    today = dt.date.today()

    def document(title, **extra):
        return services.evidence_add(
            user=world.users["admin"],
            kind="document",
            title=title,
            date=today,
            source="Northshire County Council",
            file=SimpleUploadedFile(f"{title}.pdf", b"%PDF-1.4 matrix"),
            **extra,
        )

    world.document = document("Carers strategy", statements=[2], category="processes")
    world.spare_document = document("Old leaflet")
    world.restricted = document(
        "Case audit with names", is_restricted=True, restriction_reason="Names people"
    )
    world.fact = EvidenceItem.objects.create(
        kind="fact", key="matrix:complaints", title="Complaints", date=today, source="Register"
    )
    world.assessment = services.assessment_create(
        title="Matrix SA", as_at=today, user=lead, draft=False
    )
    for sa in world.assessment.statements.all():
        sa.score, sa.key_findings = 3, "Staff told us training was good. People said it helped."
        sa.save()
    services.statement_submit(
        statement_assessment=world.assessment.statements.get(statement__number=2), user=lead
    )
    world.page, _ = services.peer_page_import(text=PAGE, user=lead)
    world.spare_peer, _ = services.peer_page_import(
        text=PAGE.replace("Westmere Borough", "Spare City"), user=lead
    )
    world.secrets += ["Case audit with names", "Names people"]


def _a(world):
    return {"pk": world.assessment.pk}


def _s(number):
    return lambda w: {"pk": w.assessment.pk, "number": number}


ROWS = [
    Row("assurance:index", VIEW),
    # Evidence library
    Row("assurance:evidence_index", VIEW),
    Row("assurance:evidence_export", VIEW),
    Row("assurance:evidence_new", EDIT, kwargs={"kind": "document"}),
    Row("assurance:evidence_new", EDIT, kwargs={"kind": "link"}, note="(link)"),
    Row(
        "assurance:evidence_new",
        "404 404 404 403 403 302",
        kwargs={"kind": "planet"},
        note="(unknown kind)",
    ),
    Row(
        "assurance:evidence_accept",
        "302 302 302 403 403 302",
        method="POST",
        data=lambda w: {"items": [w.spare_document.pk]},
    ),
    Row("assurance:evidence_refresh", "302 302 403 403 403 302", method="POST"),
    Row("assurance:evidence_show", VIEW, kwargs=lambda w: {"pk": w.document.pk}),
    Row(
        "assurance:evidence_show",
        RESTRICTED,
        kwargs=lambda w: {"pk": w.restricted.pk},
        note="(restricted)",
    ),
    Row("assurance:evidence_edit", EDIT, kwargs=lambda w: {"pk": w.document.pk}),
    Row(
        "assurance:evidence_edit",
        "404 404 404 403 403 302",
        kwargs=lambda w: {"pk": w.fact.pk},
        note="(figures from careloop are not edited)",
    ),
    Row(
        "assurance:evidence_edit",
        "200 200 404 403 403 302",
        kwargs=lambda w: {"pk": w.restricted.pk},
        note="(restricted)",
    ),
    Row(
        "assurance:evidence_confirm",
        "302 302 302 403 403 302",
        kwargs=lambda w: {"pk": w.fact.pk},
        method="POST",
        data={"statements": ["9"], "category": "people_experience"},
    ),
    Row(
        "assurance:evidence_delete",
        "302 404 404 403 403 302",
        kwargs=lambda w: {"pk": w.spare_document.pk},
        method="POST",
        note="(deleted by the first)",
    ),
    # Self-assessments
    Row("assurance:assessment_index", VIEW),
    Row("assurance:assessment_new", MANAGE),
    Row("assurance:assessment_show", VIEW, kwargs=_a),
    Row("assurance:assessment_edit", EDIT, kwargs=_a),
    Row(
        "assurance:assessment_sign_off",
        "200 200 403 403 403 302",
        kwargs=_a,
        method="POST",
        note="(refused: statements not approved)",
    ),
    Row("assurance:coverage", VIEW, kwargs=_a),
    Row("assurance:statement_show", VIEW, kwargs=_s(1)),
    Row("assurance:statement_show", "404 404 404 404 404 302", kwargs=_s(10), note="(no 10)"),
    Row("assurance:statement_edit", EDIT, kwargs=_s(1)),
    Row("assurance:statement_draft", EDIT, kwargs=_s(1)),
    Row(
        "assurance:statement_review",
        "302 200 403 403 403 302",
        kwargs=_s(2),
        method="POST",
        data={"action": "approve"},
        note="(approve; then already approved)",
    ),
    Row(
        "assurance:statement_review",
        "302 200 200 403 403 302",
        kwargs=_s(3),
        method="POST",
        data={"action": "submit"},
        note="(submit; then already in review)",
    ),
    Row(
        "assurance:sentence_link",
        EDIT,
        kwargs=lambda w: {"pk": w.assessment.pk, "number": 1, "index": 0},
    ),
    # Reports in CQC's format
    Row("assurance:report", VIEW, kwargs=_a),
    Row("assurance:report_statement", VIEW, kwargs=_s(9)),
    Row("assurance:report_download", VIEW, kwargs=lambda w: {"pk": w.assessment.pk, "fmt": "pdf"}),
    Row(
        "assurance:report_download",
        VIEW,
        kwargs=lambda w: {"pk": w.assessment.pk, "fmt": "docx"},
        note="(Word)",
    ),
    Row(
        "assurance:report_download",
        "404 404 404 404 404 302",
        kwargs=lambda w: {"pk": w.assessment.pk, "fmt": "exe"},
        note="(unknown format)",
    ),
    # Other councils
    Row("assurance:peer_index", VIEW),
    Row("assurance:peer_import", MANAGE),
    Row(
        "assurance:peer_import_save",
        "302 302 403 403 403 302",
        method="POST",
        data={"text": PAGE, "council": "Westmere Borough Council", "source_name": "pasted"},
    ),
    Row("assurance:peer_compare", VIEW),
    Row("assurance:peer_show", VIEW, kwargs=lambda w: {"pk": w.page.report.pk}),
    Row(
        "assurance:peer_page", VIEW, kwargs=lambda w: {"pk": w.page.report.pk, "page_pk": w.page.pk}
    ),
    Row(
        "assurance:peer_delete",
        "302 404 403 403 403 302",
        kwargs=lambda w: {"pk": w.spare_peer.report.pk},
        method="POST",
    ),
    # The framework
    Row("assurance:framework_index", "302 302 302 302 302 302"),
    Row("assurance:framework_show", VIEW, kwargs=lambda w: {"pk": w.framework.pk}),
    Row("assurance:framework_copy", ADMIN, kwargs=lambda w: {"pk": w.framework.pk}),
    Row(
        "assurance:framework_current",
        "302 403 403 403 403 302",
        kwargs=lambda w: {"pk": w.framework.pk},
        method="POST",
    ),
    Row(
        "assurance:framework_statement",
        ADMIN,
        kwargs=lambda w: {"pk": w.framework.statements.first().pk},
    ),
    Row(
        "assurance:framework_score",
        ADMIN,
        kwargs=lambda w: {"pk": w.framework.score_levels.first().pk},
    ),
    # API
    Row("evidence-list", API_VIEW),
    Row("evidence-detail", API_VIEW, kwargs=lambda w: {"pk": w.document.pk}),
    Row(
        "evidence-detail",
        "200 200 404 404 404 401",
        kwargs=lambda w: {"pk": w.restricted.pk},
        note="(restricted)",
    ),
    Row(
        "evidence-confirm",
        "200 200 200 403 403 401",
        kwargs=lambda w: {"pk": w.document.pk},
        method="POST",
        data={"statements": ["2", "5"], "category": "processes"},
    ),
    Row("self-assessment-list", API_VIEW),
    Row("self-assessment-detail", API_VIEW, kwargs=_a),
    Row("peer-report-list", API_VIEW),
    Row("peer-report-detail", API_VIEW, kwargs=lambda w: {"pk": w.page.report.pk}),
    Row(
        "api-cqc-rating",
        API_VIEW,
        method="POST",
        data={"scores": ["3", "3", "3", "3", "3", "3", "3", "3", "3"]},
    ),
    Row("api-cqc-parse", API_VIEW, method="POST", data={"text": PAGE}),
]
