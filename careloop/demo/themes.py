"""Northshire's feedback, themed: people have reviewed part of it and the classifier has
learnt from them and themed the rest, so the dashboard, charts and signals tell the demo
stories (see careloop/demo/story.py): complaints about charging rise with the new policy and
fall after the training; complaints about communication fall after the standard; the winter
rise in hospital discharge concerns is common cause, not a signal.

A topic no theme names grows in the last three months (the new online care account locks
people out): the weekly search finds it as an emerging topic on the signals page.

Idempotent: the reviews and the trained version are made once; later runs classify any new
feedback and work out the counts and signals again.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db.models import Q

from careloop.core.models import User
from careloop.core.services import ServiceError
from careloop.feedback import services as feedback_services
from careloop.feedback.models import Feedback
from careloop.themes import aggregates
from careloop.themes.models import CommentFlag, ModelVersion, SignalSubscription, Theme
from careloop.themes.services import classify, emerging, review, training
from careloop.themes.trends import signals_refresh

SEED = 4
DEMO_NOTE = "Northshire demo: trained on the reviews of the quality team"
REVIEWED_SHARE = 0.4  # of the feedback, reviewed by people; the model themes the rest
REVIEWER = "complaints@northshire.example"
ACCOUNT_SURVEY = "Northshire care account survey"
# (months ago, comments): more each month since the online care account replaced paper letters
ACCOUNT_MONTHS = ((2, 3), (1, 6), (0, 9))
ACCOUNT_SAYS = [
    "The new online care account keeps locking me out after one wrong password",
    "I cannot get into the care account, the security code text never arrives",
    "Locked out of my online care account again, the reset link has expired",
    "Mum has no smartphone so the care account code is useless to her",
    "The online account asks for a code by text and we have no mobile signal",
    "Since the letters stopped I have to use the care account and it will not let me log in",
    "The care account password reset email goes to my junk folder and expires",
    "I was locked out of the online care account for a week",
    "Why must I use the online account to see my care statement? It keeps logging me out",
    "The care account said my date of birth did not match and locked me out",
    "Logging in to the online care account needs a code I never receive",
    "We gave up on the online care account after being locked out three times",
    "My dad cannot see his care statement because the online account locked him out",
    "The security code for the care account arrives after it has expired",
    "Please bring back paper statements, the online care account will not let me in",
    "Password rules on the care account are impossible and it locks you out",
    "The online care account sends the code to my old phone number",
    "Locked out of the care account and the helpline said to try again tomorrow",
]


def intended() -> dict[int, list[str]]:
    """The themes the feedback demo meant each item to have, by feedback id (empty if the
    feedback demo does not say)."""
    try:
        # imported here: the feedback demo may not say which themes it meant (no intended_themes)
        from careloop.demo.feedback import intended_themes
    except ImportError:
        return {}
    return _resolve(intended_themes() or {})


def _resolve(raw: dict) -> dict[int, list[str]]:
    """Theme names by feedback id, from names keyed by id, reference or external reference."""
    if not raw:
        return {}
    keys = [k for k in raw if isinstance(k, str)]
    by_ref = dict(
        Feedback.objects.filter(Q(reference__in=keys) | Q(external_ref__in=keys)).values_list(
            "reference", "pk"
        )
    )
    by_ext = dict(
        Feedback.objects.filter(external_ref__in=keys)
        .exclude(external_ref="")
        .values_list("external_ref", "pk")
    )
    out = {}
    for key, names in raw.items():
        pk = key if isinstance(key, int) else by_ref.get(key) or by_ext.get(key)
        if pk:
            out[pk] = [names] if isinstance(names, str) else list(names)
    return out


def _theme_ids(names: list[str], themes: dict[str, int], log) -> list[int]:
    ids = []
    for name in names:
        pk = themes.get(name.strip().lower())
        if pk is None:
            log(f"  (the demo feedback names an unknown theme “{name}”: left out)")
        else:
            ids.append(pk)
    return ids


def load(log: Callable[[str], None]) -> None:
    if not Feedback.objects.exists():
        log("Themes: no feedback to theme")
        return
    _care_account_feedback()
    version = classify.model_in_use()
    pending = classify.unclassified()
    if pending:
        classify.feedback_classify(feedback_ids=pending, version=version)
    trained = ModelVersion.objects.filter(note__startswith=DEMO_NOTE).first()
    if trained is None:
        wanted = intended()
        if wanted:
            themes = {}
            for theme in Theme.objects.active():
                themes[theme.name.lower()] = theme.pk
                themes[theme.key] = theme.pk
            rng = random.Random(SEED)
            chosen = sorted(pk for pk in wanted if rng.random() < REVIEWED_SHARE)
            reviewer = User.objects.filter(email=REVIEWER).first()
            decisions: dict[int, tuple[list[int], int | None]] = {
                pk: (_theme_ids(wanted[pk], themes, log), None) for pk in chosen
            }
            done = review.themes_review_many(decisions=decisions, user=reviewer)
            log(f"Themes: {done} feedback items reviewed by the quality team")
        trained = training.model_train(user=None, note=DEMO_NOTE)
        if not trained.is_active:
            training.model_activate(
                version=trained, user=None, override_reason="The demo uses the trained version"
            )
        ids = classify.reclassify_ids("older", trained)
        classify.feedback_classify(feedback_ids=ids, version=trained)
        log(
            f"Themes: {trained} trained on {trained.examples} reviews"
            + (f" (macro-F1 {trained.macro_f1:.2f})" if trained.macro_f1 is not None else "")
            + f"; {len(ids)} items themed by it"
        )
        _extras()
    aggregates.rebuild()
    found = signals_refresh()
    log(f"Themes: counts and {found} signals worked out")
    start, end = emerging.period_default()
    try:
        topics = emerging.emerging_find(start=start, end=end)
    except ServiceError as refused:
        log(f"Themes: no emerging topics looked for ({refused})")
    else:
        log(f"Themes: {len(topics)} emerging topics found")


def _care_account_feedback() -> None:
    """Survey comments about the online care account, which no theme of the framework names."""
    if Feedback.all_objects.filter(survey=ACCOUNT_SURVEY).exists():
        return
    today = dt.date.today().replace(day=1)
    says = iter(ACCOUNT_SAYS)
    for months_ago, count in ACCOUNT_MONTHS:
        month = today
        for _ in range(months_ago):
            month = (month - dt.timedelta(days=1)).replace(day=1)
        for n in range(count):
            received = min(month + dt.timedelta(days=2 + 3 * n), dt.date.today())
            feedback_services.feedback_create(
                data={
                    "kind": Feedback.Kind.SURVEY,
                    "channel": Feedback.Channel.SURVEY_IMPORT,
                    "received_on": received,
                    "text": next(says),
                    "survey": ACCOUNT_SURVEY,
                    "rating": 2,
                },
                user=None,
            )


def _extras() -> None:
    """Alerts for the quality lead, and a couple of flagged comments."""
    lead = User.objects.filter(email="quality.lead@northshire.example").first()
    if lead and not SignalSubscription.objects.filter(user=lead).exists():
        review.subscribe(user=lead, theme=None, concerns_only=False)
    officer = User.objects.filter(email=REVIEWER).first()
    if officer is None or CommentFlag.objects.exists():
        return
    praise = (
        Feedback.objects.filter(kind=Feedback.Kind.COMPLIMENT, is_restricted=False)
        .order_by("-received_on")
        .first()
    )
    if praise:
        review.comment_flag(
            feedback=praise, user=officer, kind="notable", note="Read out at the team meeting"
        )
    unreviewed = (
        Feedback.objects.filter(classification__reviewed_at__isnull=True, is_restricted=False)
        .order_by("-received_on")
        .first()
    )
    if unreviewed:
        review.comment_flag(
            feedback=unreviewed, user=officer, kind="wrong", note="This is about transport"
        )
