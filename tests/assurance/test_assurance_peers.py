"""Importing published CQC pages of other councils, and the peer comparison."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careloop.assurance import services
from careloop.assurance.cqc.framework import QUALITY_STATEMENTS
from careloop.assurance.models import PeerPage, PeerReport
from careloop.assurance.selectors import peer_comparison
from careloop.core.services import ServiceError


def summary_page(council: str, scores: list[int], printed: int | None = None) -> str:
    total = sum(scores)
    pct = printed if printed is not None else (total * 200 + 36) // 72
    lines = [
        f"{council}: local authority assessment",
        "Local authority rating and score",
        "Good",
        f"Overall rating for {council}: {pct}%",
        "Quality statement scores",
    ]
    for qs, score in zip(QUALITY_STATEMENTS, scores, strict=True):
        lines += [qs.name, f"Score: {score}"]
    return "\n".join(lines)


def test_the_seed_imports_exactly(db, users, seed_text, seed_paragraphs, seed_lines):
    page, created = services.peer_page_import(text=seed_text, user=users["quality_lead"])
    assert created and page.report.council == "Staffordshire County Council"
    assert (page.page_type, page.statement_number, page.score) == ("quality_statement", 9, 3)
    assert page.score_wording == "Evidence shows a good standard"
    assert page.commitment == seed_lines[5]
    assert page.key_findings == seed_paragraphs and page.missing == [] and not page.truncated
    assert page.text == seed_text and page.imported_by == users["quality_lead"]
    assert {s["paragraph"] for s in page.sentences} == set(range(10))
    first = page.sentences[0]
    assert first["sources"] == ["staff", "partners"]
    assert page.report.scores() == [None] * 8 + [3]
    assert page.report.rating().rating is None


def test_importing_a_page_again_replaces_it(db, users, seed_text):
    services.peer_page_import(text=seed_text, user=users["quality_lead"])
    page, created = services.peer_page_import(
        text=seed_text.replace("Score: 3\n3 - Evidence shows a good standard", "Score: 2"),
        user=users["admin"],
    )
    assert not created and PeerPage.objects.count() == 1 and page.score == 2
    assert page.score_wording == "" and "score_wording" in page.missing


def test_a_missing_score_is_never_invented(db, users, seed_text):
    text = seed_text.replace("Score: 3\n3 - Evidence shows a good standard\n", "")
    page, _ = services.peer_page_import(text=text, user=users["admin"])
    assert page.score is None and {"score", "score_wording"} <= set(page.missing)
    assert page.report.scores()[8] is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Team meeting notes.\nNothing about CQC here.", "not a CQC local authority"),
        (
            "Westmere Borough Council: local authority assessment\nMaking tea\nScore: 3\n"
            "Key findings for this quality statement\nStaff told us the tea was good.",
            "could not tell which quality statement",
        ),
    ],
)
def test_pages_that_cannot_be_compared_are_refused(db, users, text, message):
    with pytest.raises(ServiceError, match=message):
        services.peer_page_import(text=text, user=users["admin"])
    assert not PeerReport.objects.exists()


def test_a_page_without_the_council_needs_a_person_to_name_it(db, users, seed_text):
    text = seed_text.split("\n", 1)[1]  # the title line removed
    with pytest.raises(ServiceError, match="does not name the council"):
        services.peer_page_import(text=text, user=users["admin"])
    page, _ = services.peer_page_import(
        text=text, council="Staffordshire County Council", user=users["admin"]
    )
    assert page.report.council == "Staffordshire County Council" and page.score == 3


def test_summary_page_gives_all_nine_scores_and_statement_pages_win(db, users, seed_text):
    scores = [3, 3, 2, 3, 3, 3, 3, 3, 2]
    services.peer_page_import(
        text=summary_page("Staffordshire County Council", scores), user=users["admin"]
    )
    report = PeerReport.objects.get()
    assert report.scores() == scores and (report.overall_percentage, report.overall_rating) == (
        69,
        "Good",
    )
    assert report.rating().rating.percentage == 69
    services.peer_page_import(text=seed_text, user=users["admin"])  # statement 9 scored 3
    assert report.scores()[8] == 3 and report.rating().rating.total == 26


def test_truncated_summary_is_not_computable(db, users):
    text = summary_page("Eastbridge City Council", [3] * 9)
    text = text.rsplit("\n", 4)[0]  # the last two statements cut off
    services.peer_page_import(text=text, user=users["admin"])
    report = PeerReport.objects.get()
    assert report.scores()[-2:] == [None, None]
    assert "7 of 9" in report.rating().reason


def test_comparison_puts_our_proposal_beside_each_council(db, users, framework):
    assessment = services.assessment_create(
        title="2026", as_at=dt.date.today(), user=users["admin"], draft=False
    )
    services.peer_page_import(text=summary_page("Westmere Borough Council", [2] * 9), user=None)
    services.peer_page_import(text=summary_page("Eastbridge City Council", [4] * 9), user=None)
    columns, rows = peer_comparison(assessment)
    assert [c.name for c in columns] == [
        "Northshire County Council (self-assessment)",
        "Eastbridge City Council",
        "Westmere Borough Council",
    ]
    assert columns[0].outcome.rating is None
    assert columns[1].outcome.rating.rating == "Outstanding"
    assert columns[2].outcome.rating.percentage == 50
    assert rows[0]["scores"] == [None, 4, 2] and (rows[0]["highest"], rows[0]["lowest"]) == (4, 2)


def test_import_page_preview_then_save(client, users, seed_text):
    client.force_login(users["quality_lead"])
    preview = client.post(reverse("assurance:peer_import"), {"text": seed_text})
    body = preview.content.decode()
    assert "Check what careloop read" in body and "Nothing is saved yet" in body
    assert (
        "Learning, improvement and innovation" in body and "Nothing: the page is complete" in body
    )
    assert not PeerPage.objects.exists()
    saved = client.post(
        reverse("assurance:peer_import_save"),
        {"text": seed_text, "council": "Staffordshire County Council", "source_name": "pasted"},
    )
    page = PeerPage.objects.get()
    assert saved.url == page.get_absolute_url()
    shown = client.get(page.get_absolute_url()).content.decode()
    assert "Partners" in shown and "Leaders" in shown and "Not attributed" in shown


def test_upload_a_saved_html_page(client, users, seed_lines):
    title, name, _, wording, commitment_heading, commitment, findings, *paragraphs = seed_lines
    body = "".join(f"<p>{line}</p>" for line in paragraphs)
    html = (
        f"<html><body><h1>{title}</h1><h2>{name}</h2><p>Score: 3</p><p>{wording}</p>"
        f"<h3>{commitment_heading}</h3><p>{commitment}</p><h3>{findings}</h3>{body}</body></html>"
    )
    client.force_login(users["quality_lead"])
    upload = SimpleUploadedFile("page.html", html.encode("utf-8"))
    preview = client.post(reverse("assurance:peer_import"), {"file": upload}).content.decode()
    assert "Check what careloop read" in preview and 'value="page.html"' in preview


def test_bad_imports_say_why_and_save_nothing(client, users):
    client.force_login(users["quality_lead"])
    url = reverse("assurance:peer_import")
    cases = [
        ({}, "Paste the page or upload the saved page"),
        (
            {"text": "Shopping list: eggs, milk."},
            "This is not a CQC local authority assessment page",
        ),
        (
            {"file": SimpleUploadedFile("scan.pdf", b"%PDF")},
            "saved web page (.html) or a text file",
        ),
        ({"file": SimpleUploadedFile("x.txt", b"\x00\x01\x02")}, "not a saved web page or text"),
    ]
    for data, message in cases:
        response = client.post(url, data)
        body = response.content.decode()
        assert response.status_code == 200 and "There is a problem" in body and message in body
    refused = client.post(
        reverse("assurance:peer_import_save"), {"text": "Not a page", "council": "X"}
    )
    assert "Nothing was saved" in refused.content.decode()
    assert not PeerPage.objects.exists()


def test_delete_an_imported_report(client, users, seed_text):
    page, _ = services.peer_page_import(text=seed_text, user=users["admin"])
    client.force_login(users["quality_lead"])
    client.post(reverse("assurance:peer_delete", args=[page.report.pk]))
    assert not PeerReport.objects.exists() and not PeerPage.objects.exists()


def test_a_name_an_administrator_added_is_recognised(db, users, framework):
    page_text = (
        "Westmere Borough Council: local authority assessment\nKeeping people safe from harm\n"
        "Score: 2\nKey findings for this quality statement\nStaff told us enquiries waited.\n"
    )
    with pytest.raises(ServiceError, match="could not tell which quality statement"):
        services.peer_page_import(text=page_text, user=users["admin"])
    statement = framework.statements.get(number=7)
    statement.variants = ["Keeping people safe from harm"]
    statement.save()
    page, _ = services.peer_page_import(text=page_text, user=users["admin"])
    assert (page.statement_number, page.score) == (7, 2)
    assert page.statement_name_on_page == "Keeping people safe from harm"
    assert "quality_statement" not in page.missing
    assert any("names added to the framework" in w for w in page.warnings)


def test_upload_cut_mid_character_keeps_the_quotes_and_warns(client, users, seed_text):
    data = seed_text.encode("utf-8")
    cut = data[: data.rindex("\u2019".encode()) + 1]
    client.force_login(users["quality_lead"])
    upload = SimpleUploadedFile("page.txt", cut)
    preview = client.post(reverse("assurance:peer_import"), {"file": upload}).content.decode()
    assert "Check what careloop read" in preview
    assert "1 byte was not valid UTF-8" in html.unescape(preview)
    assert "\u2019" in html.unescape(preview) and "\u00e2\u20ac" not in html.unescape(preview)
    text = cut.decode("utf-8", errors="replace")
    page, _ = services.peer_page_import(text=text, user=users["quality_lead"])
    assert page.warnings[0] == "1 character(s) of the page could not be read and show as \ufffd."
