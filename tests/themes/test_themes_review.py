"""A feedback record's themes in the product: people review, confirm and flag them; bad input
changes nothing; wrongly themed flags reach reviewers' work lists."""

from django.urls import reverse

from careloop.core.areas import my_work
from careloop.themes.models import Classification, CommentFlag, FeedbackTheme, Theme


def test_a_manager_reviews_the_themes_on_the_page(classified, users, login):
    item = classified(text="I was sent a bill for my care and nobody explained the charges.")
    client = login(users["manager"])
    page = client.get(reverse("themes:feedback", args=[item.pk]))
    body = page.content.decode()
    assert "Suggested" in body and "% confident" in body
    comms = Theme.objects.get(name="Communication and being kept informed")
    charging = Theme.objects.get(name="Charging and financial assessment")
    response = client.post(
        reverse("themes:feedback", args=[item.pk]),
        {"themes": [str(charging.pk), str(comms.pk)], "sentiment": "4"},
    )
    assert response.status_code == 302
    links = dict(FeedbackTheme.objects.filter(feedback=item).values_list("theme_id", "status"))
    assert links[charging.pk] == "confirmed" and links[comms.pk] == "confirmed"
    body = client.get(reverse("themes:feedback", args=[item.pk])).content.decode()
    assert "Reviewed by" in body and "Confirmed" in body


def test_bad_review_input_changes_nothing(classified, users, login):
    item = classified(text="I was sent a bill for my care and nobody explained the charges.")
    before = list(FeedbackTheme.objects.filter(feedback=item).values_list("theme_id", "status"))
    client = login(users["quality_lead"])
    response = client.post(
        reverse("themes:feedback", args=[item.pk]), {"themes": ["999999"], "sentiment": "9"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in body
    assert "Select a valid choice" in body
    after = list(FeedbackTheme.objects.filter(feedback=item).values_list("theme_id", "status"))
    assert before == after
    assert Classification.objects.get(feedback=item).reviewed_at is None


def test_practitioners_see_but_cannot_review(classified, users, login):
    item = classified(text="The carers are always late")
    client = login(users["practitioner"])
    body = client.get(reverse("themes:feedback", args=[item.pk])).content.decode()
    assert "Review the themes" not in body and "Flag this comment" in body
    response = client.post(reverse("themes:feedback", args=[item.pk]), {"themes": []})
    assert response.status_code == 403
    assert Classification.objects.get(feedback=item).reviewed_at is None


def test_confirming_suggestions_in_one_step(classified, users, login):
    item = classified(text="The stairlift has still not been fitted after months of waiting")
    suggested = set(FeedbackTheme.objects.filter(feedback=item).values_list("theme_id", flat=True))
    assert suggested
    login(users["manager"]).post(reverse("themes:confirm", args=[item.pk]))
    assert (
        set(
            FeedbackTheme.objects.filter(feedback=item, status="confirmed").values_list(
                "theme_id", flat=True
            )
        )
        == suggested
    )
    assert Classification.objects.get(feedback=item).reviewed_by == users["manager"]


def test_a_wrongly_themed_flag_goes_to_reviewers_until_someone_reviews(classified, users, login):
    item = classified(text="The carers are always late")
    client = login(users["practitioner"])
    client.post(reverse("themes:flag", args=[item.pk]), {"kind": "wrong", "note": "About money"})
    flag = CommentFlag.objects.get(feedback=item)
    assert flag.kind == "wrong" and flag.flagged_by == users["practitioner"]
    response = client.post(reverse("themes:flag", args=[item.pk]), {"kind": "wrong"}, follow=True)
    assert "already flagged" in response.content.decode()
    work = my_work(users["manager"])
    assert any(item.reference in w.title for w in work)
    login(users["manager"]).post(reverse("themes:confirm", args=[item.pk]))
    flag.refresh_from_db()
    assert flag.resolved_at is not None
    assert not any(item.reference in w.title for w in my_work(users["manager"]))


def test_the_themes_box_for_the_feedback_record_page(classified, users, rf):
    from django.template import Context, Template

    item = classified(text="I was sent a bill for my care and nobody explained the charges.")
    request = rf.get("/")
    request.user = users["manager"]
    html = Template("{% load themes %}{% feedback_themes feedback %}").render(
        Context({"feedback": item, "request": request})
    )
    assert "Charging and financial assessment" in html and "Review the themes" in html
    request.user = users["viewer"]
    html = Template("{% load themes %}{% feedback_themes feedback %}").render(
        Context({"feedback": item, "request": request})
    )
    assert "Charging" not in html
