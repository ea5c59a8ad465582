"""Permission matrix rows for themes (see tests/matrix.py for the format)."""

import datetime as dt

from careloop.themes.models import (
    ClassificationRun,
    CommentFlag,
    EmergingTopic,
    EmergingTopicComment,
    Rebase,
    Signal,
    SignalSubscription,
    Theme,
)
from careloop.themes.services.training import model_train
from tests.feedback.factories import make_feedback
from tests.matrix import Row

EVERYONE = "200 200 200 200 200 302"
STAFF = "200 200 200 200 403 302"
HANDLERS = "200 200 200 403 403 302"
LEADS = "200 200 403 403 403 302"
POST_LEADS = "302 302 403 403 403 302"
POST_HANDLERS = "302 302 302 403 403 302"
POST_STAFF = "302 302 302 302 403 302"


def setup(world):
    world.themes_item = make_feedback(
        text="Nobody explained the charges on my care bill.", received_on=dt.date.today()
    )
    world.themes_hidden = make_feedback(
        text="Restricted safeguarding matter Quixote.",
        is_restricted=True,
        restriction_reason="Safeguarding enquiry",
        received_on=dt.date.today(),
    )
    world.secrets.append("Restricted safeguarding matter Quixote")
    world.themes_theme = Theme.objects.get(name="Charging and financial assessment")
    world.themes_model = model_train(user=None)
    world.themes_run = ClassificationRun.objects.create(kind="rebuild", status="done")
    world.themes_flag = CommentFlag.objects.create(
        feedback=world.themes_item, kind="notable", flagged_by=world.users["manager"]
    )
    world.themes_rebase = Rebase.objects.create(
        key=f"theme:{world.themes_theme.pk}",
        month=dt.date(2026, 1, 1),
        reason="New charging policy",
    )
    world.themes_subscription = SignalSubscription.objects.create(user=world.users["quality_lead"])
    signal = {
        "key": f"theme:{world.themes_theme.pk}",
        "label": "Feedback about “Charging and financial assessment”",
        "theme": world.themes_theme,
        "month": dt.date(2026, 1, 1),
        "variation": "concern",
        "side": 1,
        "rules": "A point above the upper limit",
        "value": 9,
        "mean": 3,
    }
    world.themes_signal = Signal.objects.create(with_restricted=False, **signal)
    world.themes_signal_hidden = Signal.objects.create(with_restricted=True, **signal)
    world.themes_topic = EmergingTopic.objects.create(
        label="booking · app · login",
        words=["booking", "app", "login"],
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date.today(),
        size=1,
    )
    EmergingTopicComment.objects.create(topic=world.themes_topic, feedback=world.themes_item)


def pk(name):
    return lambda w: {"pk": getattr(w, name).pk}


ROWS = [
    Row("themes:index", EVERYONE),
    Row("themes:export", HANDLERS),
    Row("themes:comments", STAFF),
    Row("themes:comments_export", HANDLERS),
    Row("themes:feedback", STAFF, kwargs=pk("themes_item")),
    Row(
        "themes:feedback",
        "200 200 404 404 403 302",
        kwargs=pk("themes_hidden"),
        note="(restricted: leads only, others 404)",
    ),
    Row("themes:confirm", POST_HANDLERS, kwargs=pk("themes_item"), method="POST"),
    Row(
        "themes:flag",
        POST_STAFF,
        kwargs=pk("themes_item"),
        method="POST",
        data={"kind": "wrong", "note": "Not about money"},
    ),
    Row("themes:unflag", POST_STAFF, kwargs=pk("themes_flag"), method="POST"),
    Row("themes:chart", EVERYONE),
    Row("themes:chart_pdf", EVERYONE),
    Row("themes:chart_settings", LEADS),
    Row("themes:rebase_new", LEADS),
    Row(
        "themes:rebase_delete",
        "302 404 403 403 403 302",
        kwargs=pk("themes_rebase"),
        method="POST",
        note="(gone after the first)",
    ),
    Row("themes:signals", EVERYONE),
    Row("themes:subscriptions", LEADS),
    Row(
        "themes:subscription_delete",
        "404 302 403 403 403 302",
        kwargs=pk("themes_subscription"),
        method="POST",
        note="(only one's own)",
    ),
    Row("themes:emerging", STAFF),
    Row("themes:emerging_find", LEADS),
    Row("themes:emerging_show", STAFF, kwargs=pk("themes_topic")),
    Row("themes:emerging_dismiss", LEADS, kwargs=pk("themes_topic")),
    Row("themes:emerging_merge", LEADS, kwargs=pk("themes_topic")),
    Row("themes:emerging_promote", LEADS, kwargs=pk("themes_topic")),
    Row("themes:framework", EVERYONE),
    Row("themes:framework_export", EVERYONE),
    Row("themes:framework_import", LEADS),
    Row("themes:versions", EVERYONE),
    Row("themes:version_show", EVERYONE, kwargs={"number": 1}),
    Row("themes:theme_new", LEADS),
    Row("themes:theme_show", EVERYONE, kwargs=pk("themes_theme")),
    Row("themes:theme_edit", LEADS, kwargs=pk("themes_theme")),
    Row("themes:theme_retire", LEADS, kwargs=pk("themes_theme")),
    Row("themes:theme_reinstate", POST_LEADS, kwargs=pk("themes_theme"), method="POST"),
    Row("themes:category_new", LEADS),
    Row("themes:category_edit", LEADS, kwargs=lambda w: {"pk": w.themes_theme.category_id}),
    Row("themes:models", EVERYONE),
    Row("themes:model_train", POST_LEADS, method="POST"),
    Row("themes:reclassify", POST_LEADS, method="POST", data={"scope": "unreviewed"}),
    Row("themes:run", EVERYONE, kwargs=pk("themes_run")),
    Row("themes:run_retry", POST_LEADS, kwargs=pk("themes_run"), method="POST"),
    Row("themes:model_show", EVERYONE, kwargs=pk("themes_model")),
    Row("themes:model_activate", LEADS, kwargs=pk("themes_model")),
    # Learn and act's one page for raising an action from a record of any area
    Row(
        "learning:action_raise",
        "200 200 200 403 403 302",
        query=lambda w: {"source": f"themes.signal:{w.themes_signal.pk}"},
        note="(from a theme signal)",
    ),
    Row(
        "learning:action_raise",
        "200 200 404 403 403 302",
        query=lambda w: {"source": f"themes.signal:{w.themes_signal_hidden.pk}"},
        note="(from a signal counting restricted feedback: those who may see it)",
    ),
    Row(
        "learning:action_raise",
        "404 404 404 403 403 302",
        query=lambda w: {"source": f"themes.theme:{w.themes_theme.pk}"},
        note="(from a theme, which is no source of actions)",
    ),
]

API_ALL = "200 200 200 200 200 401"
ROWS += [
    Row("api-themes", API_ALL),
    Row("api-theme-counts", API_ALL),
    Row("api-theme-series", API_ALL),
    Row("api-theme-signals", API_ALL),
    Row("api-theme-emerging", "200 200 200 200 403 401"),
    Row("api-feedback-themes", "200 200 200 200 403 401", kwargs=pk("themes_item")),
    Row(
        "api-feedback-themes",
        "200 200 404 404 403 401",
        kwargs=pk("themes_hidden"),
        note="(restricted)",
    ),
]
