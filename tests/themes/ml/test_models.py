"""Zero-shot and supervised models with the fast fake embedder; saving and loading."""

import json

import numpy as np
import pytest

from careloop.themes.ml import (
    Theme,
    TrainConfig,
    load_model,
    save_model,
    train_model,
    zero_shot_model,
)
from careloop.themes.ml.embedder import HashingEmbedder
from careloop.themes.ml.persist import ARRAYS_FILE, META_FILE
from careloop.themes.ml.train import _common_threshold

from .conftest import THEMES, make_dataset

FAST = TrainConfig(folds=3, char_ngrams=(2, 4))
ODD_TEXTS = [
    "",
    "   \n\t ",
    "word " * 20_000,
    "La comida estaba fría y nadie me ayudó.",
    "😀😀👍🏽",
    "食物很好",
    "N/A",
    "None",
]


@pytest.fixture(scope="module")
def trained(fake_embedder, dataset):
    texts, labels, sentiments = dataset
    return train_model(texts, labels, sentiments, embedder=fake_embedder, config=FAST)


def test_zero_shot_uses_names_descriptions_and_examples(fake_embedder):
    themes = [
        Theme(name, desc, tuple(f"the {w} was bad" for w in words))
        for name, (words, desc) in THEMES.items()
    ]
    model = zero_shot_model(themes, fake_embedder, threshold=0.3)
    preds = model.predict(["the lunch was bad", "the taxi was bad", "the taxi and the lunch"])
    assert preds[0].labels[0] == "Food"
    assert preds[1].labels[0] == "Transport"
    assert set(preds[2].labels[:2]) == {"Food", "Transport"}
    assert model.mode == "zero-shot" and preds[0].model_version == model.version
    assert all(1 <= p.sentiment <= 5 for p in preds)


def test_supervised_learns_themes_and_sentiment(trained):
    texts, labels, sentiments = make_dataset(80, seed=7)
    preds = trained.predict(texts)
    hits = sum(set(p.labels) == set(want) for p, want in zip(preds, labels, strict=True))
    assert hits / len(texts) > 0.8
    polarity = [(p.sentiment <= 2) == (s <= 2) for p, s in zip(preds, sentiments, strict=True)]
    assert np.mean(polarity) > 0.8
    assert trained.mode == "supervised" and trained.supervised.all()


def test_prediction_has_confidences_for_every_theme(trained):
    pred = trained.predict(["the meal was lovely"])[0]
    assert set(pred.confidences) == set(THEMES)
    assert all(0.0 <= v <= 1.0 for v in pred.confidences.values())
    assert pred.labels == ["Food"]
    assert pred.confidences["Food"] > pred.confidences["Transport"]
    assert 0.0 < pred.sentiment_confidence <= 1.0
    assert all(0.0 < t < 1.0 for t in trained.thresholds)


def test_odd_texts_are_classified_without_error(trained):
    preds = trained.predict(ODD_TEXTS)
    assert len(preds) == len(ODD_TEXTS)
    assert all(1 <= p.sentiment <= 5 for p in preds)


def test_save_and_load_give_identical_predictions(trained, fake_embedder, tmp_path):
    save_model(trained, tmp_path / "m")
    assert {p.name for p in (tmp_path / "m").iterdir()} == {META_FILE, ARRAYS_FILE}
    meta = json.loads((tmp_path / "m" / META_FILE).read_text())
    assert meta["version"] == trained.version and meta["themes"][0]["name"] == "Food"
    with np.load(tmp_path / "m" / ARRAYS_FILE, allow_pickle=False) as npz:
        assert npz["thresholds"].shape == (4,)
    loaded = load_model(tmp_path / "m", fake_embedder)
    texts = make_dataset(30, seed=3)[0] + ODD_TEXTS
    assert loaded.predict(texts) == trained.predict(texts)
    a, _ = loaded.predict_proba(texts)
    b, _ = trained.predict_proba(texts)
    assert np.array_equal(a, b)


def test_version_is_timestamp_plus_content_hash(trained, fake_embedder, dataset):
    stamp, digest = trained.version.split("-")
    assert len(stamp) == 16 and stamp.endswith("Z") and len(digest) == 12
    texts, labels, sentiments = dataset
    other = train_model(
        texts[:-10], labels[:-10], sentiments[:-10], embedder=fake_embedder, config=FAST
    )
    assert other.version.split("-")[1] != digest


def test_corrections_with_weights_change_the_model(fake_embedder, dataset):
    texts, labels, sentiments = dataset
    probe = "the ambulance menu was great"
    base = train_model(texts, labels, sentiments, embedder=fake_embedder, config=FAST)
    before = base.predict([probe])[0].confidences["Food"]
    extra = [probe] * 5
    weights = [1.0] * len(texts) + [20.0] * 5
    tuned = train_model(
        texts + extra,
        labels + [["Food"]] * 5,
        sentiments + [1] * 5,
        embedder=fake_embedder,
        weights=weights,
        config=FAST,
    )
    after = tuned.predict([probe])[0]
    assert after.confidences["Food"] > before
    assert "Food" in after.labels


def test_rare_and_unseen_framework_themes_fall_back_to_zero_shot(fake_embedder, dataset):
    texts, labels, sentiments = dataset
    framework = [*THEMES, Theme("Parking", "car park spaces", ("no parking spaces",))]
    model = train_model(
        texts + ["parking was full"],
        labels + [["Parking"]],
        sentiments + [4],
        embedder=fake_embedder,
        themes=framework,
        config=FAST,
    )
    assert list(model.supervised) == [True, True, True, True, False]
    pred = model.predict(["no parking spaces at all"])[0]
    assert "Parking" in pred.labels


def test_wrong_embedder_is_refused(trained):
    from careloop.themes.ml import HashingEmbedder

    with pytest.raises(ValueError, match="built with"):
        trained.predict(["x"], HashingEmbedder(64))


def test_training_without_sentiment_uses_zero_shot_sentiment(fake_embedder, dataset):
    texts, labels, _ = dataset
    model = train_model(texts, labels, None, embedder=fake_embedder, config=FAST)
    assert model.sentiment_heads == []
    assert 1 <= model.predict(["fine"])[0].sentiment <= 5


def test_a_theme_left_zero_shot_cannot_flood_the_suggestions(fake_embedder, dataset):
    """A framework theme with no labelled examples whose phrases sit close to common comments
    is suggested for at most a small share of texts like the training ones, not for most."""
    texts, labels, sentiments = dataset
    vague = Theme("General", "the staff was lovely", ("the food was great", "the wait was awful"))
    framework = [*THEMES, vague]

    def share(config: TrainConfig) -> float:
        model = train_model(
            texts, labels, sentiments, embedder=fake_embedder, themes=framework, config=config
        )
        assert not model.supervised[-1]
        return sum("General" in p.labels for p in model.predict(texts)) / len(texts)

    uncapped = TrainConfig(folds=3, char_ngrams=(2, 4), zeroshot_max_share=1.0)
    assert share(uncapped) > 0.2  # the flood the cap prevents
    assert share(FAST) <= 0.02


def test_a_text_with_no_theme_falls_back_to_a_learnt_theme(fake_embedder, dataset):
    """The at-least-one fallback compares calibrated probabilities of learnt themes, not a
    zero-shot theme's similarity (another scale), unless no theme is learnt."""
    texts, labels, sentiments = dataset
    framework = [*THEMES, Theme("General", "anything at all", ("a comment",))]
    model = train_model(
        texts, labels, sentiments, embedder=fake_embedder, themes=framework, config=FAST
    )
    assert model.at_least_one_label and not model.supervised[-1] and model.supervised[:-1].all()
    p = np.zeros((2, len(framework)), dtype=np.float32)
    p[:, -1] = 0.9  # the zero-shot theme scores highest, under its (capped) threshold
    p[0, 1], p[1, 2] = 0.05, 0.08
    model.thresholds = np.full(len(framework), 0.95, dtype=np.float32)
    chosen = model.decide(p)
    assert chosen.sum(1).tolist() == [1, 1]
    assert chosen[0, 1] and chosen[1, 2]
    zero_shot = zero_shot_model(framework, fake_embedder)
    zero_shot.at_least_one_label, zero_shot.thresholds = True, model.thresholds
    assert zero_shot.decide(p)[:, -1].all()


def test_a_model_on_an_adapted_sentence_model_uses_one_threshold(fake_embedder, dataset):
    """A sentence model fine-tuned on these labels makes the inner out-of-fold scores
    optimistic: its theme model takes the single pooled threshold, not one per theme."""
    texts, labels, sentiments = dataset
    adapted = HashingEmbedder(fake_embedder.dim)
    adapted.adapted = True  # as OnnxEmbedder on a folder with adapted.json

    def thresholds(embedder, config: TrainConfig = FAST) -> tuple[np.ndarray, str]:
        model = train_model(texts, labels, sentiments, embedder=embedder, config=config)
        return model.thresholds, model.metadata["thresholds"]

    general, kind = thresholds(fake_embedder)
    assert kind == "per theme" and len(set(general.tolist())) > 1
    common, kind = thresholds(adapted)
    assert kind == "common" and len(set(common.tolist())) == 1
    assert common[0] in np.round(np.arange(0.1, 0.71, 0.02), 6).astype(np.float32)
    per_theme = TrainConfig(folds=3, char_ngrams=(2, 4), common_threshold_when_adapted=False)
    assert np.array_equal(thresholds(adapted, per_theme)[0], general)


def test_the_common_threshold_is_chosen_as_labels_will_be_chosen():
    """With ``at_least_one_label`` a text whose themes all fall under the threshold still
    gets its likeliest: the threshold is chosen with that rule applied, not as if such texts
    would go without a theme."""
    # 60 texts whose one theme is likely but under 0.3; 40 whose theme is clear but with a
    # wrong second theme at 0.35
    p = np.full((100, 3), 0.05, dtype=np.float32)
    y = np.zeros((100, 3), dtype=np.int8)
    p[:60, 0], y[:60, 0] = 0.28, 1
    p[60:, 1], y[60:, 1], p[60:, 2] = 0.9, 1, 0.35
    with_rule = _common_threshold(p, y, TrainConfig())
    without = _common_threshold(p, y, TrainConfig(at_least_one_label=False))
    assert 0.35 < with_rule <= 0.9  # every text gets its own theme and nothing else
    assert without <= 0.28  # else 60 texts would have no theme at all
