"""Metrics, cross-validation, comparison and the command-line helpers (fake embedder)."""

import csv
import json
import subprocess
import sys

import pytest

from careloop.themes.ml import TrainConfig, cli, compare, cross_validate
from careloop.themes.ml.data import DataError
from careloop.themes.ml.evaluate import label_scores, peak_rss_mb, sentiment_scores

from .conftest import make_dataset


def test_label_scores_by_hand():
    true = [["A"], ["A", "B"], ["B"], ["A"]]
    pred = [["A"], ["A"], ["B", "C"], []]
    scores = label_scores(true, pred)
    # A: tp 2, fn 1 -> 0.8; B: tp 1, fn 1 -> 2/3; C never true -> not in the macro mean
    assert scores["per_theme_f1"] == {"A": 0.8, "B": 0.6667}
    assert scores["macro_f1"] == pytest.approx((0.8 + 2 / 3) / 2, abs=1e-4)
    # micro over present themes: tp 3, fp 0, fn 2 -> 6/8
    assert scores["micro_f1"] == 0.75


def test_peak_rss_of_a_child_is_its_own_not_its_parents():
    # ru_maxrss of a process started with (v)fork and exec starts at its parent's peak; the
    # isolated classification benchmark must not report a large test session's memory
    ballast = b"x" * (250 * 1024 * 1024)
    parent = peak_rss_mb()
    code = "from careloop.themes.ml.evaluate import peak_rss_mb; print(peak_rss_mb())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    child = float(out.stdout.strip())
    assert parent > 250 and 0 < child < parent - 150, (parent, child)
    del ballast


def test_sentiment_scores_only_where_present():
    result = sentiment_scores([1, None, 5, 5], [1, 3, 5, 1])
    assert result["sentiment_rows"] == 3
    assert result["sentiment_macro_f1"] == pytest.approx((2 / 3 + 2 / 3) / 2, abs=1e-4)
    assert sentiment_scores([None], [2])["sentiment_macro_f1"] is None


def test_compare():
    old = {"macro_f1": 0.6, "micro_f1": 0.8}
    assert compare({"macro_f1": 0.61, "micro_f1": 0.8}, old)
    assert not compare({"macro_f1": 0.59, "micro_f1": 0.9}, old)
    assert compare({"macro_f1": 0.59, "micro_f1": 0.8}, old, tolerance=0.02)
    assert compare({"macro_f1": 0.1, "micro_f1": 0.1}, None)
    assert not compare(None, old)


def test_cross_validate_reports_pooled_and_per_fold(fake_embedder, dataset):
    texts, labels, sentiments = dataset
    result = cross_validate(
        texts,
        labels,
        sentiments,
        embedder=fake_embedder,
        folds=3,
        config=TrainConfig(folds=3, char_ngrams=None),
    )
    assert len(result["per_fold"]) == 3 and result["rows"] == len(texts)
    assert result["macro_f1"] > 0.8 and result["micro_f1"] > 0.8
    assert result["sentiment_macro_f1"] > 0.5
    assert set(result["per_theme_f1"]) == {"Food", "Staff attitude", "Waiting", "Transport"}


def test_cross_validate_gives_each_fold_its_own_embedder(fake_embedder, dataset):
    """With ``fold_embedder`` (per-fold adapted encoders) each fold's embedder is made from
    that fold's training rows only: the held-out rows never shape it."""
    texts, labels, sentiments = dataset
    seen: list[list[int]] = []

    def fold_embedder(rows):
        seen.append(list(rows))
        return fake_embedder

    result = cross_validate(
        texts,
        labels,
        sentiments,
        embedder=None,
        fold_embedder=fold_embedder,
        folds=3,
        config=TrainConfig(folds=3, char_ngrams=None),
    )
    assert len(seen) == 3
    held_out = [set(range(len(texts))) - set(rows) for rows in seen]
    assert all(len(set(rows)) == len(rows) for rows in seen)
    assert set().union(*held_out) == set(range(len(texts)))  # every row held out once
    assert sum(len(out) for out in held_out) == len(texts)
    assert result["macro_f1"] > 0.8


def _write(path, texts, labels, sentiments):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "labels", "sentiment"])
        for i, (t, names, s) in enumerate(zip(texts, labels, sentiments, strict=True)):
            writer.writerow([f"c{i}", t, "|".join(names), s])


def test_cli_train_evaluate_classify(fake_embedder, dataset, tmp_path):
    train_file, test_file = tmp_path / "train.csv", tmp_path / "test.csv"
    _write(train_file, *dataset)
    _write(test_file, *make_dataset(60, seed=11))
    model = cli.train(
        train_file,
        tmp_path / "model",
        embedder=fake_embedder,
        config=TrainConfig(folds=3, char_ngrams=None),
        evaluate_file=test_file,
    )
    assert model.evaluation["macro_f1"] > 0.8
    result = cli.evaluate(test_file, tmp_path / "model", embedder=fake_embedder)
    assert result["macro_f1"] == model.evaluation["macro_f1"]
    assert result["texts_per_s"] > 0 and result["peak_rss_mb"] > 0
    json.dumps(result)
    rows = cli.classify(test_file, tmp_path / "out.csv", tmp_path / "model", embedder=fake_embedder)
    with open(tmp_path / "out.csv", newline="", encoding="utf-8") as handle:
        out = list(csv.DictReader(handle))
    assert rows == len(out) == 60
    assert out[0]["id"] == "c0" and out[0]["model_version"] == model.version
    first = out[0]
    assert len(first["labels"].split("|")) == len(first["confidences"].split("|"))
    assert 1 <= int(first["sentiment"]) <= 5


def test_cli_refuses_worse_model_unless_overridden(fake_embedder, dataset, tmp_path):
    train_file, test_file, bad_file = (tmp_path / n for n in ("a.csv", "b.csv", "c.csv"))
    texts, labels, sentiments = dataset
    _write(train_file, texts, labels, sentiments)
    _write(test_file, *make_dataset(60, seed=11))
    shuffled = labels[1:] + labels[:1]  # labels no longer match their texts
    _write(bad_file, texts, shuffled, sentiments)
    cfg = TrainConfig(folds=3, char_ngrams=None)
    cli.train(
        train_file, tmp_path / "m", embedder=fake_embedder, config=cfg, evaluate_file=test_file
    )
    with pytest.raises(ValueError, match="worse"):
        cli.train(
            bad_file, tmp_path / "m", embedder=fake_embedder, config=cfg, evaluate_file=test_file
        )
    worse = cli.train(
        bad_file,
        tmp_path / "m",
        embedder=fake_embedder,
        config=cfg,
        evaluate_file=test_file,
        replace_better=True,
    )
    assert cli.read_meta(tmp_path / "m")["version"] == worse.version


def test_cli_train_raises_data_error_with_report(fake_embedder, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("text,labels,sentiment\nhello,,7\n", encoding="utf-8")
    with pytest.raises(DataError) as info:
        cli.train(path, tmp_path / "m", embedder=fake_embedder)
    assert {p.column for p in info.value.report.errors} == {"labels", "sentiment"}
