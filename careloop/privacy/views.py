"""Pages: the personal data overview, and the pages of each duty."""

from __future__ import annotations

from django.shortcuts import render

from careloop.core.permissions import require


@require("privacy.view")
def index(request):
    return render(request, "privacy/index.html", {"title": "Personal data"})
