"""The themes API: the same reads and the same review as the pages, with 4xx reasons."""

from django.urls import reverse

from careloop.themes.models import FeedbackTheme, Theme


def test_counts_series_and_framework(classified, users, login):
    classified(text="Nobody explained the charges on my bill")
    client = login(users["viewer"])
    counts = client.get(reverse("api-theme-counts"), {"months": "3"}).json()
    assert len(counts["months"]) == 3
    charging = next(t for t in counts["themes"] if t["name"].startswith("Charging"))
    assert charging["counts"][-1] == 1 and counts["totals"][-1] == 1
    bad = client.get(reverse("api-theme-counts"), {"months": "5"})
    assert bad.status_code == 400 and "months" in bad.json()
    series = client.get(reverse("api-theme-series"), {"series": f"theme:{charging['id']}"})
    assert series.json()["points"][-1]["value"] == 1
    assert client.get(reverse("api-theme-series"), {"series": "planet:1"}).status_code == 400
    themes = client.get(reverse("api-themes")).json()
    assert len(themes) == 23 and themes[0]["examples"]


def test_review_through_the_api(classified, users, login):
    item = classified(text="Nobody explained the charges on my bill")
    comms = Theme.objects.get(name="Communication and being kept informed")
    client = login(users["manager"])
    url = reverse("api-feedback-themes", args=[item.pk])
    assert client.get(url).json()["themes"][0]["status"] == "suggested"
    response = client.post(
        url, {"themes": [comms.pk], "sentiment": 4}, content_type="application/json"
    )
    assert response.status_code == 200
    assert FeedbackTheme.objects.get(feedback=item, theme=comms).status == "confirmed"
    bad = client.post(url, {"themes": [999999]}, content_type="application/json")
    assert bad.status_code == 400 and "does not exist" in bad.json()["detail"]
    refused = login(users["practitioner"]).post(
        url, {"themes": []}, content_type="application/json"
    )
    assert refused.status_code == 403
