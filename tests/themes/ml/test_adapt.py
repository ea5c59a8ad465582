"""Domain adaptation of the sentence model: the torch encoder, fine-tuning, export, CLI.

torch runs in a child process: its memory, once used, stays with the process, and other
tests measure this process's peak memory.
"""

from __future__ import annotations

import json
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import numpy as np
import pytest

from careloop.themes.ml import adapt
from careloop.themes.ml.data import DataError
from careloop.themes.ml.embedder import OnnxEmbedder
from careloop.themes.ml.export import read_safetensors, source_model_dir
from tests.themes.ml.conftest import make_dataset

REFERENCE = json.loads((Path(__file__).parent / "data" / "minilm_reference.json").read_text())


def _in_child(fn, *args):  # noqa: ANN001, ANN002, ANN202
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool:
        return pool.submit(fn, *args).result()


def _embed(encoder, texts: list[str], max_length: int = 256) -> np.ndarray:
    import torch

    tok = adapt._tokenizer(source_model_dir(), max_length)
    ids = [e.ids for e in tok.encode_batch(texts)]
    with torch.no_grad():
        vectors = encoder(*adapt._pad(torch, ids))
    return torch.nn.functional.normalize(vectors, dim=1).numpy()


def _base_encoder():
    src = source_model_dir()
    weights = read_safetensors(src / adapt.WEIGHTS_FILE)
    config = json.loads((src / adapt.CONFIG_FILE).read_text())
    return adapt._encoder_class()(weights, config), weights


def _torch_vectors(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    encoder, _ = _base_encoder()
    return _embed(encoder, texts), _embed(encoder, texts[2:3])


def test_torch_encoder_matches_the_exported_model(real_embedder):
    """The hand-written encoder computes what sentence-transformers computes, and what the
    exported graph computes (int8 there).

    Both float32 computations agree to rounding on any CPU, so that bound is tight. The int8
    graph's vectors move with the CPU's integer kernels (a cosine of 0.961 on one machine, 0.99
    on another), so against it the test asks what the product relies on, with room to spare:
    each text's int8 vector is nearest its own float vector, and the two rank pairs alike.
    """
    texts = REFERENCE["texts"]
    ours, alone = _in_child(_torch_vectors, texts)
    reference = np.array(REFERENCE["embeddings"], dtype=np.float32)
    reference /= np.linalg.norm(reference, axis=1, keepdims=True)
    assert (ours * reference).sum(1).min() > 0.999
    # padding must not change a text's vector: one text alone and in a batch agree
    assert float(alone[0] @ ours[2]) > 0.9999

    exported = real_embedder.embed(texts)
    assert ((exported @ ours.T).argmax(1) == np.arange(len(texts))).all()
    assert (exported * ours).sum(1).min() > 0.9
    upper = np.triu_indices(len(texts), 1)
    agree = np.corrcoef((ours @ ours.T)[upper], (exported @ exported.T)[upper])[0, 1]
    assert agree > 0.9, agree


def _round_trip(path) -> list[str]:  # noqa: ANN001
    weights = read_safetensors(source_model_dir() / adapt.WEIGHTS_FILE)
    adapt.write_safetensors(path, weights)
    again = read_safetensors(path)
    assert sorted(again) == sorted(weights)
    for name, value in weights.items():
        assert again[name].dtype == value.dtype, name
        assert np.array_equal(again[name], value), name
    return sorted(again)


def test_safetensors_round_trip(tmp_path):
    # in a child: three copies of the weights would stay in this process's peak memory
    names = _in_child(_round_trip, tmp_path / "w.safetensors")
    assert "embeddings.word_embeddings.weight" in names and len(names) > 90


def _separation(vectors: np.ndarray, labels: list[list[str]]) -> float:
    """Mean cosine of pairs that share a theme minus that of pairs that share none."""
    sims = vectors @ vectors.T
    same = np.array([[bool(set(a) & set(b)) for b in labels] for a in labels])
    off = ~np.eye(len(labels), dtype=bool)
    return float(sims[same & off].mean() - sims[~same].mean())


def _fine_tune_and_export(out) -> tuple[dict, list[int]]:  # noqa: ANN001
    texts, labels, sentiments = make_dataset(96, seed=3)
    steps: list[int] = []
    weights, record = adapt.fine_tune(
        texts,
        labels,
        sentiments,
        config=adapt.AdaptConfig(epochs=3, batch_size=16),
        progress=lambda k, n, loss: steps.append(k),
    )
    adapt.export_adapted(weights, record, out)
    return record, steps


def test_fine_tuning_pulls_themes_together_and_exports(real_embedder, tmp_path):
    texts, labels, _ = make_dataset(96, seed=3)
    out = tmp_path / "adapted"
    record, steps = _in_child(_fine_tune_and_export, out)
    assert record["steps"] == len(steps) == 18  # 96 texts / 16 per batch x 3 epochs
    assert steps == list(range(1, 19))
    assert record["loss_last"] < record["loss_first"]
    assert record["themes"] == sorted({n for row in labels for n in row})

    embedder = OnnxEmbedder(out)
    assert embedder.name.startswith("all-MiniLM-L6-v2-adapted-")
    assert embedder.adapted and not real_embedder.adapted  # its theme models take one threshold
    provenance = json.loads((out / adapt.ADAPTED_FILE).read_text())
    assert provenance["name"] + "-onnx-int8" == embedder.name
    assert provenance["config"]["epochs"] == 3
    before = _separation(real_embedder.embed(texts), labels)
    after = _separation(embedder.embed(texts), labels)
    assert after > before + 0.05, (before, after)
    vectors = embedder.embed(["", "😀😀", "x" * 100_000])
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)


def test_adapt_refuses_a_bad_file_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,labels\nThe food was cold,\n,Food\n")
    out = tmp_path / "adapted"
    with pytest.raises(DataError) as caught:
        adapt.adapt(bad, out)
    assert caught.value.report.errors
    assert not out.exists()
    assert adapt.main(["run", str(bad), str(out)]) == 2
    err = capsys.readouterr().err
    assert "cannot be used" in err and "row" in err.lower()
    assert not out.exists()
