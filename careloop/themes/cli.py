"""The command line's work: train a model on a labelled file, evaluate it on another, classify
a file. Models live in MODELS_DIR/themes/cli/, one folder per training, every one kept; the
file `current.json` names the one `evaluate` and `classify` use.

These work on files alone (no database): a labelled file brings its own theme framework.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.module_loading import import_string

from careloop.themes.classification import (
    Engine,
    ThemeSpec,
    f1_scores,
    get_engine,
    prepare,
    sentiment_macro_f1,
)
from careloop.themes.labelled import LabelledFileError, read_labelled, read_texts
from careloop.themes.ml.evaluate import peak_rss_mb

Say = Callable[[str], None]


class Refused(Exception):
    """Training made a model but it is worse than the one in use (kept, not used)."""


def home() -> Path:
    return settings.MODELS_DIR / "themes" / "cli"


def _engine_path(engine: Engine) -> str:
    return f"{type(engine).__module__}.{type(engine).__qualname__}"


@dataclass
class Current:
    folder: Path
    engine: str
    info: dict

    @classmethod
    def read(cls) -> Current | None:
        pointer = home() / "current.json"
        if not pointer.exists():
            return None
        info = json.loads(pointer.read_text())
        return cls(home() / info["folder"], info["engine"], info)

    def load(self):
        return import_string(self.engine)().load(self.folder)


def train(path: Path, *, force: bool = False, say: Say = print) -> dict:
    """Train on a labelled file; returns what was made. Raises LabelledFileError for a file
    that cannot be used, Refused when the new model is worse than the one in use."""
    report = read_labelled(path)
    for line in report.warnings():
        say(f"Warning: {line}")
    counts = report.theme_counts
    themes = [ThemeSpec(key=name, name=name) for name in sorted(counts)]
    say(f"Training on {len(report.examples)} rows with {len(themes)} themes from {path} …")
    engine = get_engine()
    started = time.perf_counter()
    built = engine.build(themes=themes, examples=report.examples, progress=say)
    seconds = time.perf_counter() - started
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = home() / stamp
    built.model.save(folder)
    evaluation = built.evaluation.as_dict() if built.evaluation else {}
    info = {
        "folder": stamp,
        "engine": _engine_path(engine),
        "engine_name": engine.name,
        "trained_on": str(path),
        "examples": len(report.examples),
        "themes": sorted(counts),
        "theme_counts": dict(sorted(counts.items())),
        "evaluation": evaluation,
        "seconds": round(seconds, 1),
        "made_at": dt.datetime.now().isoformat(timespec="seconds"),
    }
    (folder / "careloop-model.json").write_text(json.dumps(info, indent=2))
    current = Current.read()
    refusal = _worse(info, current.info if current else None)
    if refusal and not force:
        raise Refused(
            f"{refusal} The new model is kept in {folder} but not used. Run again with "
            "--force to use it anyway."
        )
    (home() / "current.json").write_text(json.dumps(info, indent=2))
    return info


def _worse(new: dict, old: dict | None) -> str:
    if not old or sorted(old.get("themes", [])) != sorted(new["themes"]):
        return ""
    before = (old.get("evaluation") or {}).get("macro_f1")
    after = (new.get("evaluation") or {}).get("macro_f1")
    if before is None or after is None or after >= before:
        return ""
    return (
        f"The new model's cross-validated macro-F1 ({after:.3f}) is lower than that of the "
        f"model in use ({before:.3f}, trained {old.get('made_at', '')} on {old['trained_on']})."
    )


def _current_or_fail() -> Current:
    current = Current.read()
    if current is None:
        raise LabelledFileError(
            "No model has been trained yet: run `careloop themes train FILE` first"
        )
    return current


def evaluate(path: Path, *, say: Say = print) -> dict:
    """Scores of the current model on a labelled file (one JSON-ready object)."""
    current = _current_or_fail()
    model = current.load()
    report = read_labelled(path, known=set(model.theme_keys))
    for line in report.warnings():
        say(f"Warning: {line}")
    texts = [prepare(e.text) for e in report.examples]
    started = time.perf_counter()
    predictions = model.predict(texts)
    seconds = time.perf_counter() - started
    occurring = sorted(report.theme_counts)
    scored = f1_scores(
        [e.labels for e in report.examples], [p.keys for p in predictions], occurring
    )
    result = {
        "macro_f1": scored.macro_f1,
        "micro_f1": scored.micro_f1,
        "per_theme": {k: v["f1"] for k, v in scored.per_theme.items()},
        "sentiment_macro_f1": None,
        "texts_per_s": round(len(texts) / seconds, 1) if seconds > 0 else None,
        "peak_rss_mb": None,
        "examples": len(report.examples),
        "themes": len(occurring),
        "per_theme_detail": scored.per_theme,
        "model": current.info.get("folder"),
        "engine": current.info.get("engine_name"),
    }
    if report.has_sentiment and any(e.sentiment is not None for e in report.examples):
        result["sentiment_macro_f1"] = sentiment_macro_f1(
            [e.sentiment for e in report.examples], [p.sentiment for p in predictions]
        )
    else:
        del result["sentiment_macro_f1"]
    result["peak_rss_mb"] = peak_rss_mb()
    return result


def classify(path: Path, out: Path, *, say: Say = print) -> int:
    """Write the file again with the predicted themes and sentiment; returns the row count."""
    if Path(out).resolve() == Path(path).resolve():
        raise LabelledFileError("Write the results to another file, not over the input")
    current = _current_or_fail()
    model = current.load()
    texts, rows = read_texts(path)
    predictions = model.predict([prepare(t) for t in texts])
    columns = [c for c in rows[0] if c]
    extra = ["predicted_labels", "confidences", "predicted_sentiment"]
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns + extra)
        for row, prediction in zip(rows, predictions, strict=True):
            writer.writerow(
                [row.get(c, "") for c in columns]
                + [
                    "|".join(prediction.keys),
                    "|".join(f"{k}:{c:.3f}" for k, c in prediction.themes),
                    prediction.sentiment or "",
                ]
            )
    say(f"Classified {len(rows)} rows into {out}")
    return len(rows)


def emerging(path: Path, *, say: Say = print) -> dict:
    """Emerging topics among the comments of a CSV file (`id` and `text` columns) that the
    model in use covers poorly: {"topics": [{"label", "size", "ids", ...}]}, largest first."""
    # imported here: the ML engine (numpy, ONNX Runtime, scikit-learn) loads only when used
    from careloop.themes.ml.emerging import EmergingError, check_input, find_topics

    texts, rows = read_texts(path)
    if "id" not in rows[0]:
        raise LabelledFileError(f"{path} needs an “id” column to name the comments of each topic")
    ids = [(row.get("id") or "").strip() for row in rows]
    blank = [number for number, value in enumerate(ids, start=2) if not value]
    if blank:
        raise LabelledFileError(f"{path}: rows without an id: {', '.join(map(str, blank[:10]))}")
    model = _current_or_fail().load()
    if not hasattr(model, "coverage"):
        raise LabelledFileError("Emerging topics need the sentence model: train with the ML engine")
    try:
        check_input(ids, texts)
    except EmergingError as error:
        raise LabelledFileError(str(error)) from None
    vectors, poor = model.coverage(texts)
    say(f"{int(poor.sum())} of {len(texts)} comments are poorly covered by the themes in use")
    topics = find_topics(ids, texts, vectors, poor)
    say(f"{len(topics)} emerging topics")
    return {
        "comments": len(texts),
        "poorly_covered": int(poor.sum()),
        "topics": [t.to_dict() for t in topics],
    }


def stderr(line: str) -> None:
    print(line, file=sys.stderr)
