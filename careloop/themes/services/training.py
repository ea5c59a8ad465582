"""Training classifier versions from the framework and from people's reviews, and choosing the
version in use.

Every version is kept, with its evaluation. A new version goes into use only if it scores at
least as well (macro-F1) as the one in use, on a like-for-like basis; otherwise it waits, and a
quality lead may still put it in use by giving a reason (recorded and audited).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from careloop.core.services import ServiceError
from careloop.themes.classification import (
    Evaluation,
    Example,
    ThemeSpec,
    f1_scores,
    get_engine,
    sentiment_macro_f1,
)
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

log = logging.getLogger("careloop.themes")


def models_dir() -> Path:
    """Where classifier versions are saved, one folder each (`ModelVersion.path`)."""
    return settings.MODELS_DIR / "themes"


def theme_specs() -> list[ThemeSpec]:
    return [
        ThemeSpec(key=t.key, name=t.name, description=t.description, examples=tuple(t.example_list))
        for t in Theme.objects.active()
    ]


def training_examples(keys: set[str] | None = None) -> list[Example]:
    """Every piece of feedback a person has reviewed, with the themes they kept or added."""
    reviewed = Classification.objects.filter(reviewed_at__isnull=False, live=True)
    labels: dict[int, list[str]] = {}
    for feedback_id, key in FeedbackTheme.objects.filter(
        feedback__classification__reviewed_at__isnull=False,
        status=FeedbackTheme.Status.CONFIRMED,
    ).values_list("feedback_id", "theme__key"):
        if keys is None or key in keys:
            labels.setdefault(feedback_id, []).append(key)
    examples = []
    for item in reviewed.select_related("feedback").only(
        "feedback__text", "sentiment", "sentiment_source", "feedback_id"
    ):
        sentiment = item.sentiment if item.sentiment_source == Source.PERSON else None
        examples.append(
            Example(
                text=item.feedback.text,
                labels=tuple(sorted(labels.get(item.feedback_id, []))),
                sentiment=sentiment,
            )
        )
    return examples


def _evaluate(model, examples: list[Example], keys: list[str]) -> Evaluation | None:
    if not examples:
        return None
    predictions = model.predict([e.text for e in examples])
    scored = f1_scores([e.labels for e in examples], [p.keys for p in predictions], keys)
    return Evaluation(
        macro_f1=scored.macro_f1,
        micro_f1=scored.micro_f1,
        per_theme=scored.per_theme,
        sentiment_macro_f1=sentiment_macro_f1(
            [e.sentiment for e in examples], [p.sentiment for p in predictions]
        ),
        examples=len(examples),
        method="checked on every reviewed item (it learnt from none of them)",
    )


def _next_number() -> int:
    return (ModelVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1


def model_train(
    *, user, note: str = "", run: ClassificationRun | None = None, activate: bool = True
) -> ModelVersion:
    """Build a new version: zero-shot while no one has reviewed any feedback, else trained on
    the reviews. It goes into use if it passes the quality check (see `gate`)."""
    specs = theme_specs()
    if not specs:
        raise ServiceError("The framework has no themes in use: add themes before training.")
    keys = [s.key for s in specs]
    examples = training_examples(set(keys))
    version = ModelVersion.objects.create(
        number=_next_number(),
        kind=ModelVersion.Kind.TRAINED if examples else ModelVersion.Kind.ZERO_SHOT,
        framework_version=FrameworkVersion.current_number(),
        theme_keys=keys,
        examples=len(examples),
        requested_by=user if getattr(user, "pk", None) else None,
        note=note,
    )
    if run is not None:
        ClassificationRun.objects.filter(pk=run.pk).update(
            status=ClassificationRun.Status.RUNNING,
            started_at=timezone.now(),
            model_version=version,
            total=max(1, len(examples)),
        )
    engine = get_engine()
    folder = models_dir() / f"v{version.number}"
    try:
        built = engine.build(themes=specs, examples=examples)
        if folder.exists():
            shutil.rmtree(folder)
        built.model.save(folder)
        evaluation = built.evaluation or _evaluate(built.model, examples, keys)
    except Exception as error:
        log.exception("training version %s failed", version.number)
        version.status = ModelVersion.Status.FAILED
        version.error = f"Training failed ({type(error).__name__}: {str(error)[:300]})"
        version.finished_at = timezone.now()
        version.save()
        return version
    version.engine = engine.name
    version.path = folder.name
    version.status = ModelVersion.Status.READY
    version.finished_at = timezone.now()
    if evaluation is not None:
        version.evaluation = evaluation.as_dict()
        version.macro_f1 = evaluation.macro_f1
        version.micro_f1 = evaluation.micro_f1
        version.sentiment_macro_f1 = evaluation.sentiment_macro_f1
    version.save()
    if activate:
        refusal = gate(version, ModelVersion.active())
        if refusal:
            version.note = (version.note + "\n" if version.note else "") + refusal
            version.save()
        else:
            model_activate(version=version, user=user)
            version.refresh_from_db()
    return version


def gate(new: ModelVersion, current: ModelVersion | None) -> str:
    """Why `new` may not replace `current` without an explicit override ("" if it may)."""
    if current is None or current.pk == new.pk:
        return ""
    if new.status != ModelVersion.Status.READY:
        return f"{new} is not ready."
    if sorted(current.theme_keys) != sorted(new.theme_keys):
        return ""  # the framework changed: the version in use cannot suggest the new themes
    if current.macro_f1 is None:
        return ""
    if new.macro_f1 is None:
        return (
            f"{new} has no evaluation, and {current} in use scored macro-F1 {current.macro_f1:.3f}."
        )
    if new.macro_f1 < current.macro_f1:
        return (
            f"{new} scored macro-F1 {new.macro_f1:.3f}, lower than {current.macro_f1:.3f} for "
            f"{current} in use, so it was not put in use."
        )
    return ""


@transaction.atomic
def model_activate(*, version: ModelVersion, user, override_reason: str = "") -> ModelVersion:
    """Put a version in use. A worse one needs a reason (the override is recorded)."""
    version = ModelVersion.objects.select_for_update().get(pk=version.pk)
    if version.status != ModelVersion.Status.READY:
        raise ServiceError(f"{version} is not ready to use.")
    if version.is_active:
        raise ServiceError(f"{version} is already in use.")
    current = ModelVersion.active()
    refusal = gate(version, current)
    if refusal and not override_reason.strip():
        raise ServiceError(
            refusal.replace(", so it was not put in use", "")
            + " Give a reason to put it in use anyway.",
            field="reason",
        )
    if current is not None:
        current.is_active = False
        current.save()  # audited: no longer in use
    version.is_active = True
    version.activated_at = timezone.now()
    version.activated_by = user if getattr(user, "pk", None) else None
    version.override_reason = override_reason.strip() if refusal else ""
    version.save()
    return version


def train_start(*, user, note: str = "") -> ClassificationRun:
    """Queue training a new version in the background."""
    check_idle()
    return run_queue(
        kind=ClassificationRun.Kind.TRAIN,
        scope="Every reviewed feedback item",
        requested_by=user,
        task="careloop.themes.tasks.train",
        arguments={"note": note},
    )


def train_run(*, run: ClassificationRun, note: str = "") -> ModelVersion:
    version = model_train(user=run.requested_by, note=note, run=run)
    failed = version.status == ModelVersion.Status.FAILED
    if version.is_active:
        message = f"{version} is ready and in use."
    elif failed:
        message = version.error
    else:
        message = version.note.splitlines()[-1] if version.note else f"{version} is ready."
    ClassificationRun.objects.filter(pk=run.pk).update(
        status=ClassificationRun.Status.FAILED if failed else ClassificationRun.Status.DONE,
        finished_at=timezone.now(),
        done=version.examples,
        model_version=version,
        message=message,
    )
    return version
