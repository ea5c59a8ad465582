"""Fixtures for the theme engine: a fast fake embedder, synthetic data, the real ONNX model."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from careloop.themes.ml.cli import default_embedder_dir
from careloop.themes.ml.embedder import HashingEmbedder, OnnxEmbedder
from careloop.themes.ml.export import MODEL_FILE

REPO = Path(__file__).resolve().parents[3]
DATA = Path("data") / "feedback-themes" / "train.csv"


def _train_csv() -> Path | None:
    """The NHS feedback file in shared/ (beside the repository, as in CI, or /work/shared)."""
    candidates = [os.environ.get("CARELOOP_SHARED_DIR"), REPO.parent / "shared", "/work/shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / DATA).is_file():
            return Path(candidate) / DATA
    return None


THEMES = {
    "Food": (["food", "meal", "lunch", "dinner", "breakfast", "menu"], "Meals, food and drink"),
    "Staff attitude": (
        ["staff", "nurse", "carer", "manner", "attitude", "team"],
        "How staff treat people",
    ),
    "Waiting": (["wait", "waiting", "delay", "hours", "late", "queue"], "Waiting times and delays"),
    "Transport": (
        ["ambulance", "bus", "taxi", "transport", "driver", "journey"],
        "Getting to and from services",
    ),
}
GOOD = ["lovely", "excellent", "great", "wonderful"]
BAD = ["awful", "terrible", "rude", "horrible"]


def make_dataset(n: int = 240, seed: int = 1) -> tuple[list[str], list[list[str]], list[int]]:
    """Texts whose words reveal their themes (1–2 each) and sentiment (1, 2, 4 or 5)."""
    rng = random.Random(seed)
    names = list(THEMES)
    texts, labels, sentiments = [], [], []
    for i in range(n):
        chosen = rng.sample(names, 1 if i % 3 else 2)
        mood = rng.choice([1, 2, 4, 5])
        words = GOOD if mood <= 2 else BAD
        parts = [f"the {rng.choice(THEMES[t][0])} was {rng.choice(words)}" for t in chosen]
        filler = rng.choice(["", " overall", " today", " this time"])
        strength = " very" if mood in (1, 5) else ""
        texts.append(" and ".join(parts) + filler + strength + " " + rng.choice(words))
        labels.append(chosen)
        sentiments.append(mood)
    return texts, labels, sentiments


@pytest.fixture(scope="session")
def fake_embedder() -> HashingEmbedder:
    return HashingEmbedder(256)


@pytest.fixture(scope="session")
def dataset() -> tuple[list[str], list[list[str]], list[int]]:
    return make_dataset()


@pytest.fixture(scope="session")
def onnx_dir() -> Path:
    """The int8 ONNX model that `make model` exports (`make test` runs it first, so CI has it).

    A missing model is a failure, not a skip: the real engine must be tested.
    """
    folder = default_embedder_dir()
    if not (folder / MODEL_FILE).exists():
        pytest.fail(f"no int8 ONNX model in {folder}: run `make model` (exports it once)")
    return folder


@pytest.fixture(scope="session")
def real_embedder(onnx_dir: Path) -> OnnxEmbedder:
    return OnnxEmbedder(onnx_dir)


@pytest.fixture(scope="session")
def train_csv() -> Path:
    found = _train_csv()
    if found is None:
        pytest.skip("shared/data/feedback-themes/train.csv not found beside the repository")
    return found
