"""Classification in the loop: new feedback is classified in the background, changes to
feedback keep the counts in step, and feedback can be reclassified in bulk with progress.

A person's decisions are never overwritten: reclassifying replaces only the classifier's own
suggestions, and never a sentiment a person set.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from careloop.core import derived
from careloop.core.services import ServiceError
from careloop.feedback.models import Feedback
from careloop.themes import aggregates
from careloop.themes.classification import Model, Prediction, get_engine, prepare
from careloop.themes.models import (
    Classification,
    ClassificationRun,
    FeedbackTheme,
    FrameworkVersion,
    ModelVersion,
    Source,
    Theme,
)
from careloop.themes.services.runs import check_idle, run_queue
from careloop.themes.services.training import model_train, models_dir
from careloop.themes.trends import signals_refresh

log = logging.getLogger("careloop.themes")
BATCH = 500
_loaded: dict[tuple[int, str], Model] = {}


# --- The model in use ----------------------------------------------------------------------------
def load_model(version: ModelVersion) -> Model:
    """The model of a version, loaded once per process."""
    key = (version.pk, version.path)
    if key not in _loaded:
        _loaded.clear()  # keep one model in memory
        _loaded[key] = get_engine().load(models_dir() / version.path)
    return _loaded[key]


def model_in_use() -> ModelVersion:
    """The classifier version in use; the first time, a zero-shot one built from the
    framework's descriptions and examples."""
    version = ModelVersion.active()
    if version is not None:
        return version
    version = model_train(user=None, note="First version, built from the framework")
    if not version.is_active:
        raise ServiceError(version.error or "The classifier could not be built.")
    return version


# --- Keeping copies of feedback fields in step ---------------------------------------------------
def dims_of(feedback: Feedback) -> dict:
    return {
        "month": aggregates.month_of(feedback.received_on),
        "kind": feedback.kind,
        "service_id": feedback.service_id,
        "team_id": feedback.team_id,
        "provider_id": feedback.provider_id,
        "restricted": feedback.is_restricted,
        "live": not feedback.is_deleted,
    }


# The rows the counts are built from: a bulk write to them says so with derived.changed().
COUNTED = ("themes.Classification", "themes.FeedbackTheme")
LINK_DIMS = ("month", "kind", "service_id", "team_id", "provider_id", "restricted")
# The feedback fields `dims_of` reads (loaded alone when many items are synced or classified).
COPIED_FIELDS = (
    "id",
    "received_on",
    "kind",
    "service_id",
    "team_id",
    "provider_id",
    "is_restricted",
    "is_deleted",
)


@transaction.atomic
def feedback_sync(*, feedback_ids: Iterable[int]) -> list[int]:
    """Bring the copies of changed feedback up to date (and their counts); returns the ids
    of feedback that has not been classified yet."""
    ids = sorted(set(feedback_ids))
    items = Feedback.all_objects.filter(pk__in=ids).only(*COPIED_FIELDS)
    found = {f.pk: f for f in items}
    known = {
        c.feedback_id: c
        for c in Classification.objects.select_for_update().filter(feedback_id__in=found)
    }
    deltas = aggregates.Deltas.for_feedback(known)
    for pk, feedback in found.items():
        item = known.get(pk)
        if item is None:
            continue
        new = dims_of(feedback)
        if all(getattr(item, k) == v for k, v in new.items()):
            continue
        links = list(FeedbackTheme.objects.filter(feedback_id=pk))
        deltas.add_item(item, -1)
        for link in links:
            deltas.add_link(link, -1)
        for k, v in new.items():
            setattr(item, k, v)
        item.save()
        for link in links:
            for k in LINK_DIMS:
                setattr(link, k, new[k])
            link.counted = new["live"] and link.status in FeedbackTheme.COUNTED
            deltas.add_link(link)
        FeedbackTheme.objects.bulk_update(links, [*LINK_DIMS, "counted"])
        deltas.add_item(item)
    aggregates.apply(deltas)
    derived.changed(*COUNTED)
    return [pk for pk, f in found.items() if pk not in known and not f.is_deleted]


def forget(feedback: Feedback) -> None:
    """Take a feedback record that is being deleted outright out of the counts."""
    deltas = aggregates.Deltas.for_feedback([feedback.pk])
    item = Classification.objects.filter(feedback_id=feedback.pk).first()
    if item:
        deltas.add_item(item, -1)
    for link in FeedbackTheme.objects.filter(feedback_id=feedback.pk):
        deltas.add_link(link, -1)
    aggregates.apply(deltas)
    derived.changed(*COUNTED)


def equality_moved(*, feedback_id: int, old: list[str], new: list[str]) -> None:
    """Move the counts of one item's themes from its old equality groups to its new ones
    (when its equality monitoring answers are given, changed or removed)."""
    if old == new:
        return
    deltas = aggregates.Deltas()
    for item in Classification.objects.select_for_update().filter(feedback_id=feedback_id):
        deltas.add_item(item, -1, old)
        deltas.add_item(item, 1, new)
    for link in FeedbackTheme.objects.filter(feedback_id=feedback_id):
        deltas.add_link(link, -1, old)
        deltas.add_link(link, 1, new)
    aggregates.apply(deltas)


# --- Classifying ---------------------------------------------------------------------------------
def unclassified(limit: int | None = None) -> list[int]:
    qs = (
        Feedback.objects.filter(classification__isnull=True)
        .order_by("-received_on", "-id")
        .values_list("pk", flat=True)
    )
    return list(qs[:limit] if limit else qs)


def _text(feedback: Feedback) -> str:
    return prepare(feedback.text)


def feedback_classify(
    *,
    feedback_ids: Sequence[int],
    version: ModelVersion | None = None,
    run: ClassificationRun | None = None,
) -> int:
    """Classify feedback with the model in use (or `version`); returns how many."""
    version = version or model_in_use()
    model = load_model(version)
    themes = {t.key: t for t in Theme.objects.filter(key__in=version.theme_keys, is_active=True)}
    framework = FrameworkVersion.current_number()
    done = 0
    ids = list(feedback_ids)
    for start in range(0, len(ids), BATCH):
        batch = ids[start : start + BATCH]
        items = list(Feedback.objects.filter(pk__in=batch).only("text", *COPIED_FIELDS))
        predictions = model.predict([_text(f) for f in items])
        _store(items, predictions, version, themes, framework)
        done += len(items)
        if run is not None:
            ClassificationRun.objects.filter(pk=run.pk).update(done=run.done + done)
    derived.changed(*COUNTED)  # once for the whole run, however many batches
    return done


@transaction.atomic
def _store(
    items: list[Feedback],
    predictions: list[Prediction],
    version: ModelVersion,
    themes: dict[str, Theme],
    framework: int,
) -> None:
    now = timezone.now()
    ids = [f.pk for f in items]
    existing = {
        c.feedback_id: c
        for c in Classification.objects.select_for_update().filter(feedback_id__in=ids)
    }
    links: dict[int, dict[int, FeedbackTheme]] = {}
    for link in FeedbackTheme.objects.filter(feedback_id__in=ids):
        links.setdefault(link.feedback_id, {})[link.theme_id] = link
    deltas = aggregates.Deltas.for_feedback(ids)
    new_items, changed_items, new_links, dropped, kept = [], [], [], [], []
    for feedback, prediction in zip(items, predictions, strict=True):
        dims = dims_of(feedback)
        item = existing.get(feedback.pk)
        if item is None:
            item = Classification(feedback_id=feedback.pk, **dims)
            new_items.append(item)
        else:
            deltas.add_item(item, -1)
            changed_items.append(item)
            for k, v in dims.items():
                setattr(item, k, v)
        item.model_version = version
        item.framework_version = framework
        item.classified_at = now
        if item.sentiment_source != Source.PERSON:
            item.sentiment = prediction.sentiment
            item.sentiment_confidence = prediction.sentiment_confidence
            item.sentiment_source = Source.MODEL if prediction.sentiment else ""
        deltas.add_item(item)
        current = links.get(feedback.pk, {})
        suggested = {themes[k].pk: c for k, c in prediction.themes if k in themes}
        for theme_id, link in current.items():
            deltas.add_link(link, -1)
            if link.source == Source.MODEL and link.status == FeedbackTheme.Status.SUGGESTED:
                if theme_id not in suggested:
                    dropped.append(link.pk)
                    continue
                link.confidence = suggested[theme_id]
                link.model_version = version
                link.framework_version = framework
            for k in LINK_DIMS:
                setattr(link, k, dims[k])
            link.sentiment = item.sentiment
            link.counted = dims["live"] and link.status in FeedbackTheme.COUNTED
            deltas.add_link(link)
            kept.append(link)
        for theme_id, confidence in suggested.items():
            if theme_id in current:
                continue
            link = FeedbackTheme(
                feedback_id=feedback.pk,
                theme_id=theme_id,
                status=FeedbackTheme.Status.SUGGESTED,
                source=Source.MODEL,
                confidence=confidence,
                model_version=version,
                framework_version=framework,
                sentiment=item.sentiment,
                counted=dims["live"],
                **{k: dims[k] for k in LINK_DIMS},
            )
            new_links.append(link)
            deltas.add_link(link)
    Classification.objects.bulk_create(new_items)
    Classification.objects.bulk_update(
        changed_items,
        [
            "model_version",
            "framework_version",
            "classified_at",
            "sentiment",
            "sentiment_confidence",
            "sentiment_source",
            *dims_of_fields(),
        ],
    )
    FeedbackTheme.objects.filter(pk__in=dropped).delete()
    FeedbackTheme.objects.bulk_update(
        kept,
        [
            "confidence",
            "model_version",
            "framework_version",
            "sentiment",
            "counted",
            *LINK_DIMS,
        ],
    )
    FeedbackTheme.objects.bulk_create(new_links)
    aggregates.apply(deltas)


def dims_of_fields() -> list[str]:
    return ["month", "kind", "service_id", "team_id", "provider_id", "restricted", "live"]


# --- Bulk reclassification, with progress --------------------------------------------------------
SCOPES = {
    "unreviewed": "Feedback no one has reviewed",
    "unclassified": "Feedback not yet classified",
    "older": "Feedback classified by an earlier classifier version",
}


def pending_classify() -> int:
    """Classify any feedback not yet classified (e.g. after bulk imports), as a recorded run."""
    ids = unclassified()
    if not ids:
        return 0
    run = ClassificationRun.objects.create(
        kind=ClassificationRun.Kind.CLASSIFY,
        scope="Feedback not yet classified",
        total=len(ids),
        status=ClassificationRun.Status.RUNNING,
        started_at=timezone.now(),
    )
    done = feedback_classify(feedback_ids=ids, run=run)
    ClassificationRun.objects.filter(pk=run.pk).update(
        status=ClassificationRun.Status.DONE, done=done, finished_at=timezone.now()
    )
    return done


def counts_rebuild() -> int:
    """Recount everything from the rows, then work out the signals again, as a recorded run;
    returns the number of counts."""
    run = ClassificationRun.objects.create(
        kind=ClassificationRun.Kind.REBUILD,
        status=ClassificationRun.Status.RUNNING,
        started_at=timezone.now(),
        scope="Every count and signal",
    )
    started = timezone.now()
    counts = aggregates.rebuild()
    signals = signals_refresh()
    derived.record("themes.counts", f"{counts} counts", started)
    derived.record("themes.signals", f"{signals} signals", started)
    derived.queue(derived.downstream(["themes.signals"]))  # agendas and evidence, after it
    ClassificationRun.objects.filter(pk=run.pk).update(
        status=ClassificationRun.Status.DONE,
        finished_at=timezone.now(),
        message=f"{counts} counts and {signals} signals worked out.",
    )
    return counts


def classified_build() -> str:
    """Derived figures (core/derived.py): classify feedback that came without save signals
    (imports, bulk writes); the counts and signals are built after it."""
    return f"{pending_classify()} items classified"


def counts_build() -> str:
    """Derived figures (core/derived.py): every count again from the classification rows."""
    return f"{aggregates.rebuild()} counts"


def signals_build() -> str:
    """Derived figures (core/derived.py): the signals again from the counts."""
    return f"{signals_refresh()} signals"


def reclassify_ids(scope: str, version: ModelVersion) -> list[int]:
    qs = Feedback.objects.all()
    if scope == "unclassified":
        qs = qs.filter(classification__isnull=True)
    elif scope == "older":
        qs = qs.filter(
            Q(classification__isnull=True)
            | (
                Q(classification__reviewed_at__isnull=True)
                & ~Q(classification__model_version=version)
            )
        )
    elif scope == "unreviewed":
        qs = qs.filter(Q(classification__isnull=True) | Q(classification__reviewed_at__isnull=True))
    else:
        raise ServiceError("Choose which feedback to reclassify")
    return list(qs.order_by("-received_on", "-id").values_list("pk", flat=True))


def reclassify_start(*, user, scope: str) -> ClassificationRun:
    """Queue a bulk reclassification with the version in use; the page shows its progress."""
    if scope not in SCOPES:
        raise ServiceError("Choose which feedback to reclassify", field="scope")
    check_idle()
    return run_queue(
        kind=ClassificationRun.Kind.RECLASSIFY,
        scope=SCOPES[scope],
        model_version=model_in_use(),
        requested_by=user,
        task="careloop.themes.tasks.reclassify",
        arguments={"scope": scope},
    )


def reclassify_run(*, run: ClassificationRun, scope: str) -> ClassificationRun:
    version = run.model_version or model_in_use()
    ids = reclassify_ids(scope, version)
    ClassificationRun.objects.filter(pk=run.pk).update(
        status=ClassificationRun.Status.RUNNING, started_at=timezone.now(), total=len(ids), done=0
    )
    run.refresh_from_db()
    try:
        feedback_classify(feedback_ids=ids, version=version, run=run)
    except Exception as error:
        log.exception("reclassification %s failed", run.pk)
        ClassificationRun.objects.filter(pk=run.pk).update(
            status=ClassificationRun.Status.FAILED,
            finished_at=timezone.now(),
            message=f"Stopped: {type(error).__name__}. Feedback already done keeps its themes.",
        )
        raise
    signals_refresh()
    ClassificationRun.objects.filter(pk=run.pk).update(
        status=ClassificationRun.Status.DONE,
        finished_at=timezone.now(),
        done=len(ids),
        message=f"{len(ids)} feedback items classified with {version}.",
    )
    run.refresh_from_db()
    return run
