"""Benchmarks of the themes area (`careloop bench --only themes`).

`pages` builds a council's worth of themed feedback (1,000,000 items over 36 months by
default; CARELOOP_BENCH_FEEDBACK changes it) straight into the tables, as years of
classified feedback would leave them, then times the dashboard, its filtered variants, a
drill-down, the signals page and SPC chart pages. With `--keepdb` the data set is built once
and reused. `classify` times the classifier in use on short comments.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from careloop.core.benchmarking import measure, needs_world, timed_requests
from careloop.core.models import ServiceArea, Team, User
from careloop.feedback.models import EqualityMonitoring, Feedback, Organisation
from careloop.themes import aggregates
from careloop.themes.classification import embedder_dir
from careloop.themes.ml import cli as ml_cli
from careloop.themes.models import Classification, FeedbackTheme, Theme
from careloop.themes.series import add_months
from careloop.themes.services.classify import load_model, model_in_use
from careloop.themes.services.training import model_train
from careloop.themes.trends import signals_refresh

SEED = 20261125
MONTHS = 36
BENCH_SOURCE = "bench"


def _size() -> int:
    return int(os.environ.get("CARELOOP_BENCH_FEEDBACK", "1000000"))


def _months(today: dt.date) -> list[dt.date]:
    first = add_months(today.replace(day=1), -MONTHS)
    return [add_months(first, i) for i in range(MONTHS + 1)]


def build(n: int, log=print, today: dt.date | None = None) -> None:
    """Feedback, classifications, theme links, counts and signals for `n` items, over the demo
    council (`pages` asks `careloop bench` to load it first)."""
    if Feedback.all_objects.filter(source=BENCH_SOURCE).count() >= n:
        log(f"bench data set present ({n} items)")
        return
    Feedback.all_objects.filter(source=BENCH_SOURCE).delete()
    rng = random.Random(SEED)
    today = today or dt.date.today()
    months = _months(today)
    teams = list(Team.objects.select_related("service"))
    providers = [
        Organisation.objects.get_or_create(
            name=f"Bench Care Provider {i}", defaults={"kind": Organisation.Kind.PROVIDER}
        )[0]
        for i in range(40)
    ]
    themes = list(Theme.objects.active())
    if not themes:
        raise RuntimeError("No themes: the framework is missing")
    version = model_train(user=None, note="Benchmark")
    kinds = [k for k, _ in Feedback.Kind.choices]
    kind_weights = [30, 4, 20, 15, 20, 4, 2, 4, 1]
    charging = next((t for t in themes if t.name.startswith("Charging")), themes[0])
    weights = [3.0 if t is charging else 1.0 for t in themes]
    started = time.perf_counter()
    now = timezone.now()
    batch = 5000
    made = 0
    while made < n:
        size = min(batch, n - made)
        items = []
        for i in range(size):
            number = made + i
            month = months[min(len(months) - 1, int(rng.random() * len(months)))]
            day = month + dt.timedelta(days=rng.randrange(28))
            if day > today:
                day = today
            team = rng.choice(teams)
            kind = rng.choices(kinds, kind_weights)[0]
            items.append(
                Feedback(
                    reference=f"BN-{number:07d}",
                    kind=kind,
                    channel=Feedback.Channel.EMAIL,
                    received_on=day,
                    text=f"Comment {number}: the {team.name} and my care.",
                    service=team.service,
                    team=team,
                    provider=rng.choice(providers) if rng.random() < 0.3 else None,
                    is_restricted=rng.random() < 0.02,
                    source=BENCH_SOURCE,
                    external_ref=str(number),
                )
            )
        with transaction.atomic():
            Feedback.all_objects.bulk_create(items, batch_size=batch)
            if not items[0].pk:  # SQLite before 3.35 returns no ids
                refs = [f.reference for f in items]
                ids = dict(
                    Feedback.all_objects.filter(reference__in=refs).values_list("reference", "id")
                )
                for f in items:
                    f.pk = f.id = ids[f.reference]
            infos, links, equality = [], [], []
            for f in items:
                sentiment = rng.randint(1, 5)
                dims = {
                    "month": f.received_on.replace(day=1),
                    "kind": f.kind,
                    "service_id": f.service_id,
                    "team_id": f.team_id,
                    "provider_id": f.provider_id,
                    "restricted": f.is_restricted,
                }
                infos.append(
                    Classification(
                        feedback_id=f.pk,
                        model_version=version,
                        framework_version=1,
                        classified_at=now,
                        sentiment=sentiment,
                        sentiment_source="model",
                        live=True,
                        **dims,
                    )
                )
                chosen = set(rng.choices(themes, weights, k=rng.choice((1, 1, 2, 2, 3))))
                for theme in chosen:
                    links.append(
                        FeedbackTheme(
                            feedback_id=f.pk,
                            theme=theme,
                            status="suggested",
                            source="model",
                            confidence=round(rng.uniform(0.5, 0.99), 3),
                            model_version=version,
                            framework_version=1,
                            sentiment=sentiment,
                            counted=True,
                            **dims,
                        )
                    )
                if rng.random() < 0.1:
                    equality.append(
                        EqualityMonitoring(
                            feedback_id=f.pk,
                            age_band=rng.choice(["18-24", "25-44", "45-64", "65-74", "75-84"]),
                            ethnicity=rng.choice(["asian", "black", "mixed", "white", "other"]),
                        )
                    )
            Classification.objects.bulk_create(infos, batch_size=batch)
            FeedbackTheme.objects.bulk_create(links, batch_size=batch)
            EqualityMonitoring.objects.bulk_create(equality, batch_size=batch)
        made += size
        if made % 100_000 == 0 or made == n:
            log(f"{made} feedback items ({time.perf_counter() - started:.0f} s)")
    aggregates.rebuild()
    signals_refresh()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    log(f"bench data set built in {time.perf_counter() - started:.0f} s")


@needs_world()
def pages(repeat: int):
    n = _size()
    build(n, log=lambda line: print(f"# {line}", flush=True))
    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.get(email="quality.lead@northshire.example"))
    theme = Theme.objects.get(name="Charging and financial assessment")
    service = ServiceArea.objects.order_by("pk")[0]
    month = f"{dt.date.today().replace(day=1) - dt.timedelta(days=1):%Y-%m}"
    extra = {"feedback": n}
    for name, path in [
        ("themes.dashboard", "/themes/"),
        ("themes.dashboard_kind", "/themes/?kind=complaint"),
        ("themes.dashboard_24_months", "/themes/?months=24"),
        ("themes.dashboard_kind_service", f"/themes/?kind=complaint&service={service.pk}"),
        ("themes.dashboard_equality", "/themes/?equality=ethnicity:asian"),
        ("themes.chart_theme", f"/themes/chart/?series=theme:{theme.pk}"),
        (
            "themes.chart_theme_kind_rate",
            f"/themes/chart/?series=theme:{theme.pk}/kind:complaint/rate",
        ),
        ("themes.chart_all", "/themes/chart/?series=all"),
        ("themes.signals", "/themes/signals/"),
        ("themes.comments_cell", f"/themes/comments/?theme={theme.pk}&month={month}"),
    ]:
        for line in timed_requests(name, client, path, repeat=repeat, requests=30):
            yield {**line, **extra}


def classify(repeat: int):
    """Comments per second through the classifier in use (short, real-length comments)."""
    model = load_model(model_in_use())
    rng = random.Random(SEED)
    words = [
        "the", "carers", "were", "late", "again", "and", "nobody", "called", "to", "say",
        "why", "my", "mum", "waited", "bill", "thank", "you", "social", "worker",
    ]  # fmt: skip
    texts = [" ".join(rng.choices(words, k=rng.randint(5, 40))) for _ in range(2000)]
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        model.predict(texts)
        runs.append(len(texts) / (time.perf_counter() - start))
    yield measure("themes.classify", runs, "texts/s")


def _nhs_file():
    """The labelled NHS feedback in shared/ (beside the repository), if present."""
    candidates = [
        os.environ.get("CARELOOP_SHARED_DIR"),
        Path(settings.BASE_DIR).parent.parent / "shared",
        "/work/shared",
    ]
    for candidate in candidates:
        path = candidate and Path(candidate) / "data" / "feedback-themes" / "train.csv"
        if path and path.is_file():
            return path
    return None


def classifier(repeat: int):
    """The real classifier (int8 ONNX MiniLM + TF-IDF), trained on the NHS feedback file, run
    in a fresh process on that file's 5,435 comments: texts/s (median of the runs) and the
    process's peak memory. Skipped (with a line saying why) without the model or the file."""
    path = _nhs_file()
    if not (embedder_dir() / "model.onnx").exists() or path is None:
        yield {"measure": "themes.classifier", "skipped": "no exported model (make model) or "
               "no shared/data/feedback-themes/train.csv"}  # fmt: skip
        return
    with tempfile.TemporaryDirectory() as folder:
        embedder = ml_cli.get_embedder(embedder_dir())
        ml_cli.train(path, folder, embedder=embedder)
        result = ml_cli.bench(path, folder, repeats=max(1, repeat), onnx_dir=embedder_dir())
    yield measure(
        "themes.classifier.texts_per_s",
        result["runs"],
        "texts/s",
        texts=result["texts"],
        cores=os.cpu_count(),
    )
    yield measure("themes.classifier.peak_rss_mb", [result["peak_rss_mb"]], "MB")


BENCHMARKS = [pages, classify, classifier]
