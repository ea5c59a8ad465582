"""Emerging topics: groups of comments that the theme model covers poorly and that say much the
same thing, each named by its most distinctive words.

Plain Python (no Django). The steps:

1. *Poorly covered*: no theme reaches ``COVER_MARGIN`` times its threshold, or the likeliest
   theme is one that says the comment cannot be labelled (``blank_themes``). The model's forced
   "at least one label" is not counted: a comment whose best theme is barely at its threshold
   is poorly covered however it was labelled in the end.
2. *Close to each other*: HDBSCAN (scikit-learn) over the comments' sentence vectors, reduced by
   PCA; comments in no dense group are noise, never a topic.
3. *Named*: class-based TF-IDF (each topic's comments as one document, against the others and
   against the well-covered comments of the same period), the top words joined.
4. *Not a topic*: fewer than ``min_size`` comments, or fewer than ``min_distinct`` different
   texts or people (one person's repeated comments are not a topic).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MIN_SIZE = 8  # a smaller group is not yet a topic a quality lead can act on
MIN_DISTINCT = 3  # different texts (or people, where known) a topic needs
# mean cosine of a topic's comments to their centre, in the full sentence space: dense only after
# PCA is not close (topics found in NHS feedback: 0.46–0.67; unrelated comments: about 0.3)
MIN_COHESION = 0.4
LABEL_WORDS = 3
TYPICAL = 3  # typical comments shown for a topic
PCA_DIMS = 8
MIN_SAMPLES = 2
# Chosen on train.csv with one theme withheld from training (transport; food and drink): a
# margin of 1.0 and leaf clusters over 8 PCA dimensions found the purest topic of each (0.83 and
# 1.0); 1.25 reached a few more comments, less purely; "eom" clusters lumped every poorly
# covered comment into one topic.
COVER_MARGIN = 1.0
WORD = r"(?u)\b[a-zA-Z][a-zA-Z']+\b"  # words for labels: letters, no numbers


_BLANK = re.compile(r"labell?ing not possible|cannot be labell?ed|unclassif|no theme", re.I)


def blank_themes(names: Sequence[str]) -> tuple[str, ...]:
    """The themes that say a comment cannot be labelled (the NHS framework's "Labelling not
    possible"): a comment whose likeliest theme is one of these is poorly covered."""
    return tuple(n for n in names if _BLANK.search(n))


class EmergingError(ValueError):
    """The input cannot be searched for topics (too few comments, all identical…)."""


@dataclass(frozen=True)
class Topic:
    label: str
    words: tuple[str, ...]
    ids: tuple[str, ...]
    typical: tuple[str, ...]  # ids of the comments nearest the topic's centre
    cohesion: float  # mean cosine similarity of its comments to their centre (0–1)

    @property
    def size(self) -> int:
        return len(self.ids)

    def to_dict(self) -> dict:
        return {
            "label": self.label,
            "size": self.size,
            "ids": list(self.ids),
            "words": list(self.words),
            "typical": list(self.typical),
            "cohesion": round(self.cohesion, 3),
        }


@dataclass
class Settings:
    min_size: int = MIN_SIZE
    min_distinct: int = MIN_DISTINCT
    min_cohesion: float = MIN_COHESION
    label_words: int = LABEL_WORDS
    pca_dims: int = PCA_DIMS


def poorly_covered(
    theme_p: np.ndarray,
    thresholds: np.ndarray,
    names: Sequence[str],
    blank_names: Sequence[str] = (),
    margin: float = COVER_MARGIN,
) -> np.ndarray:
    """Boolean mask over rows: no theme reaches `margin` × its threshold, or the likeliest is
    one that says 'cannot be labelled'."""
    theme_p = np.asarray(theme_p, dtype=np.float32)
    if theme_p.ndim != 2 or theme_p.shape[1] != len(names):
        raise ValueError("theme_p must have one column per theme")
    blank = np.array([n in set(blank_names) for n in names], dtype=bool)
    reaches = theme_p >= margin * np.asarray(thresholds)[None, :]
    covered = (reaches & ~blank[None, :]).any(axis=1)
    if len(theme_p) and blank.any():
        best_is_blank = blank[theme_p.argmax(axis=1)]
        covered &= ~best_is_blank
    return ~covered


_SPACE = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.strip().lower())


def check_input(ids: Sequence[str], texts: Sequence[str], minimum: int = 20) -> None:
    if len(ids) != len(texts):
        raise EmergingError("ids and texts differ in length")
    seen: set[str] = set()
    twice = sorted({i for i in ids if i in seen or seen.add(i)})  # type: ignore[func-returns-value]
    if twice:
        shown = ", ".join(twice[:5]) + (" …" if len(twice) > 5 else "")
        raise EmergingError(f"{len(twice)} ids appear more than once: {shown}")
    if len(texts) < minimum:
        raise EmergingError(
            f"{len(texts)} comments: at least {minimum} are needed to find topics among them"
        )
    if len({_norm(t) for t in texts}) == 1:
        raise EmergingError("Every comment is the same text: there are no topics to find")


def find_topics(
    ids: Sequence[str],
    texts: Sequence[str],
    vectors: np.ndarray,
    poor: np.ndarray,
    *,
    people: Sequence[str | None] | None = None,
    settings: Settings | None = None,
) -> list[Topic]:
    """Topics among the poorly covered comments (``poor``), largest first."""
    s = settings or Settings()
    vectors = _unit(np.asarray(vectors, dtype=np.float32))
    poor = np.asarray(poor, dtype=bool)
    chosen = np.flatnonzero(poor)
    if len(chosen) < s.min_size:
        return []
    groups = _cluster(vectors[chosen], s)
    found = []
    for members in groups:
        rows = chosen[members]
        if len(rows) < s.min_size or _distinct(rows, texts, people) < s.min_distinct:
            continue
        if _similarity(vectors[rows]).mean() < s.min_cohesion:
            continue
        found.append(rows)
    if not found:
        return []
    words = _class_tfidf_words(found, texts, s.label_words)
    topics = []
    for rows, top in zip(found, words, strict=True):
        similarity = _similarity(vectors[rows])
        order = np.argsort(-similarity, kind="stable")
        topics.append(
            Topic(
                label=" · ".join(top) if top else "(no distinctive words)",
                words=tuple(top),
                ids=tuple(str(ids[r]) for r in rows),
                typical=tuple(str(ids[rows[i]]) for i in order[:TYPICAL]),
                cohesion=float(similarity.mean()),
            )
        )
    topics.sort(key=lambda t: (-t.size, t.label))
    return topics


def _similarity(x: np.ndarray) -> np.ndarray:
    """Each row's cosine similarity to the rows' centre (rows are unit vectors)."""
    return x @ _unit(x.mean(axis=0, keepdims=True))[0]


def _unit(x: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(norms == 0, 1, norms)


def _distinct(rows: np.ndarray, texts: Sequence[str], people: Sequence[str | None] | None) -> int:
    distinct_texts = len({_norm(texts[r]) for r in rows})
    if people is None:
        return distinct_texts
    known = [people[r] for r in rows]
    distinct_people = len({p for p in known if p}) + sum(1 for p in known if not p)
    return min(distinct_texts, distinct_people)


def _cluster(x: np.ndarray, s: Settings) -> list[np.ndarray]:
    # imported here: scikit-learn loads only when topics are searched for
    from sklearn.cluster import HDBSCAN
    from sklearn.decomposition import PCA

    dims = min(s.pca_dims, x.shape[0] - 1, x.shape[1])
    if dims >= 2:
        x = PCA(n_components=dims, random_state=0).fit_transform(x)
        x = _unit(x)
    # leaf clusters keep distinct topics apart; where the poorly covered comments hold no leaf
    # (one tight group and nothing else, which leaf selection never returns) the whole group
    labels = HDBSCAN(
        min_cluster_size=s.min_size,
        min_samples=MIN_SAMPLES,
        cluster_selection_method="leaf",
        copy=True,
    ).fit_predict(x)
    if (labels == -1).all():
        labels = HDBSCAN(
            min_cluster_size=s.min_size,
            min_samples=MIN_SAMPLES,
            cluster_selection_method="eom",
            allow_single_cluster=True,
            copy=True,
        ).fit_predict(x)
    return [np.flatnonzero(labels == k) for k in sorted(set(labels) - {-1})]


def _class_tfidf_words(
    groups: list[np.ndarray], texts: Sequence[str], n_words: int
) -> list[list[str]]:
    """Each group's most distinctive words by class-based TF-IDF; every comment not in a group
    forms one more class, so words common to all feedback are not distinctive."""
    # imported here: scikit-learn loads only when topics are searched for
    from sklearn.feature_extraction.text import CountVectorizer

    in_group = np.zeros(len(texts), dtype=bool)
    for rows in groups:
        in_group[rows] = True
    documents = [" ".join(texts[r] for r in rows) for rows in groups]
    documents.append(" ".join(t for t, used in zip(texts, in_group, strict=True) if not used))
    vectoriser = CountVectorizer(stop_words="english", token_pattern=WORD, lowercase=True)
    try:
        counts = vectoriser.fit_transform(documents).toarray().astype(np.float64)
    except ValueError:  # nothing but stop words
        return [[] for _ in groups]
    vocabulary = vectoriser.get_feature_names_out()
    tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1)
    average = counts.sum() / len(documents)
    idf = np.log(1 + average / np.maximum(counts.sum(axis=0), 1))
    weights = tf * idf[None, :]
    out = []
    for row in range(len(groups)):
        order = np.argsort(-weights[row], kind="stable")
        out.append([str(vocabulary[j]) for j in order[:n_words] if counts[row, j] > 0])
    return out
