"""Key findings drafted from the evidence library, each sentence linked to its evidence.

Template-based (`cqc.draft`), no AI service: an item whose figures name a `kind` that
`cqc.draft.KINDS` knows (complaints, ombudsman, survey, actions, change, pilot, …) is written
out from its figures (areas: put `"kind"` in `EvidenceFact.figures` to get this); any other
item contributes its own summary. Sentences are grouped into
one paragraph per evidence category, in the framework's order (people's experience first).

After people edit the narrative, each sentence keeps its evidence when its text is unchanged
or still close to a drafted sentence (`linked_sentences`).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from careloop.assurance.cqc.draft import KINDS, DraftError, draft_sentence
from careloop.assurance.cqc.sentences import split_sentences
from careloop.assurance.models import EvidenceItem, StatementAssessment
from careloop.assurance.models.evidence import months_before

MAX_SENTENCES_PER_PARAGRAPH = 8
EDITED_SIMILARITY = 0.75


@dataclass(frozen=True)
class DraftedSentence:
    text: str
    evidence_ids: tuple[int, ...]


@dataclass
class DraftedNarrative:
    paragraphs: list[list[DraftedSentence]] = field(default_factory=list)
    used: list[EvidenceItem] = field(default_factory=list)
    left_out: dict[str, int] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\n".join(" ".join(s.text for s in p) for p in self.paragraphs)

    def sentence_evidence(self) -> list[dict]:
        return [
            {"text": s.text, "evidence": list(s.evidence_ids)} for p in self.paragraphs for s in p
        ]


def _tidy(sentence: str) -> str:
    sentence = " ".join(sentence.split())
    if not sentence:
        return ""
    sentence = sentence[0].upper() + sentence[1:]
    return sentence if sentence.endswith((".", "!", "?", ".)", ".”")) else sentence + "."


def _feedback_year(item: EvidenceItem) -> list[dict | str]:
    """A year's figures from the feedback register (`careloop.feedback.evidence`)."""
    figures = item.figures or {}
    if "complaints" not in figures or "well_founded" not in figures:
        return []
    label = item.key.rsplit(":", 1)[-1]
    period = f"so far in {label}" if "year to date" in item.title else f"in {label}"
    complaints = {"kind": "complaints", "received": figures["complaints"], "period": period}
    if figures.get("decided"):
        complaints |= {"decided": figures["decided"], "upheld": figures["well_founded"]}
    if figures.get("responded"):
        on_time = figures.get("responded_on_time") or 0
        complaints["on_time_pct"] = round(100 * on_time / figures["responded"])
    if figures.get("referred_to_lgsco"):
        complaints["referred"] = figures["referred_to_lgsco"]
    facts: list[dict | str] = [complaints]
    if figures.get("compliments"):
        facts.append({"kind": "compliments", "received": figures["compliments"], "period": period})
    return facts


def _ombudsman_year(item: EvidenceItem) -> list[dict | str]:
    """A year's Ombudsman figures from the learning area's tracker."""
    figures = item.figures or {}
    if figures.get("complaints_made") is None or figures.get("upheld") is None:
        return []
    fact = {
        "kind": "ombudsman",
        "received": figures["complaints_made"],
        "upheld": figures["upheld"],
        "period": f"in {item.key.rsplit(':', 1)[-1]}",
    }
    if figures.get("compliance_rate") is not None:
        fact["compliance_pct"] = figures["compliance_rate"]
    return [fact]


def _learning_review(item: EvidenceItem) -> list[dict | str]:
    """A learning review with its actions: how many are done, then the review's own words."""
    figures = item.figures or {}
    if figures.get("actions") is None:
        return []
    facts: list[dict | str] = []
    if figures["actions"]:
        facts.append(
            {
                "kind": "actions",
                "total": figures["actions"],
                "completed": figures.get("actions_closed") or 0,
                "source": f"“{item.title}”",
            }
        )
    facts += split_sentences(" ".join(item.summary.split()))[1:3]
    return facts


# Areas whose figures carry no `kind` yet, read by the shape of their key. An area that puts
# a `kind` in its figures needs no entry here. A reader gives facts for `cqc.draft` and, as
# plain strings, sentences of the area's own words.
FIGURE_SHAPES: dict[str, Callable[[EvidenceItem], list[dict | str]]] = {
    "feedback:complaints:": _feedback_year,
    "learning:lgsco:": _ombudsman_year,
    "learning:review:": _learning_review,
}


def _shaped(item: EvidenceItem) -> list[dict | str]:
    for prefix, reader in FIGURE_SHAPES.items():
        if item.key.startswith(prefix):
            return reader(item)
    return []


def sentences_for(item: EvidenceItem) -> list[str]:
    """What one item says, in CQC's style: from its figures, else its own summary."""
    figures = item.figures or {}
    facts = [figures] if figures.get("kind") in KINDS else _shaped(item)
    if facts:
        try:
            texts = [
                _tidy(fact) if isinstance(fact, str) else draft_sentence(fact).text
                for fact in facts
            ]
        except DraftError:
            pass  # the figures are incomplete: fall back to the summary
        else:
            return [sentence for text in texts for sentence in split_sentences(text)]
    if item.summary.strip():
        return [_tidy(s) for s in split_sentences(" ".join(item.summary.split()))[:3] if s]
    return [_tidy(f"The local authority's evidence included {item.title} ({item.date:%B %Y})")]


def draft_narrative(statement_assessment: StatementAssessment) -> DraftedNarrative:
    """Draft the key findings for one statement from the confirmed, current evidence.

    Items left out are counted by reason: restricted items (whose detail not everyone may
    see), items no longer reported, and items older than the self-assessment's age limit.
    """
    assessment = statement_assessment.self_assessment
    cutoff = months_before(assessment.as_at, assessment.evidence_max_age_months)
    order = {c.key: c.order for c in assessment.framework.categories.all()}
    items = (
        EvidenceItem.objects.confirmed()
        .for_statement(statement_assessment.statement.number)
        .order_by("-date", "title")
    )
    narrative = DraftedNarrative()
    left_out: dict[str, int] = defaultdict(int)
    grouped: dict[str, list[EvidenceItem]] = defaultdict(list)
    for item in items:
        if item.is_restricted:
            left_out["restricted"] += 1
        elif item.stale_since is not None:
            left_out["no longer reported"] += 1
        elif item.date < cutoff:
            left_out[f"older than {assessment.evidence_max_age_months} months"] += 1
        elif item.date > assessment.as_at:
            left_out["dated after the self-assessment"] += 1
        else:
            grouped[item.category].append(item)
    seen: set[str] = set()
    for category in sorted(grouped, key=lambda key: (order.get(key, 99), key)):
        paragraph: list[DraftedSentence] = []
        for item in grouped[category]:
            for text in sentences_for(item):
                if text and text not in seen and len(paragraph) < MAX_SENTENCES_PER_PARAGRAPH:
                    seen.add(text)
                    paragraph.append(DraftedSentence(text, (item.pk,)))
            narrative.used.append(item)
        if paragraph:
            narrative.paragraphs.append(paragraph)
    narrative.left_out = dict(left_out)
    return narrative


# --- Sentences of the (possibly edited) narrative and their evidence ------------------------------
@dataclass
class LinkedSentence:
    text: str
    paragraph: int
    index: int
    evidence_ids: list[int]
    edited: bool = False


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def linked_sentences(statement_assessment: StatementAssessment) -> list[list[LinkedSentence]]:
    """Each paragraph's sentences with the evidence behind them.

    A sentence keeps the evidence of the drafted (or linked) sentence with the same text, or
    of the most similar one if people have only edited it (then `edited` is true).
    """
    links = [
        (_norm(link["text"]), link["evidence"]) for link in statement_assessment.sentence_evidence
    ]
    exact = {text: ids for text, ids in links}
    out: list[list[LinkedSentence]] = []
    index = 0
    for p, paragraph in enumerate(statement_assessment.paragraphs()):
        row = []
        for sentence in split_sentences(paragraph):
            key = _norm(sentence)
            ids, edited = exact.get(key), False
            if ids is None:
                best, best_ratio = None, EDITED_SIMILARITY
                for text, link_ids in links:
                    matcher = difflib.SequenceMatcher(None, key, text, autojunk=False)
                    if matcher.quick_ratio() >= best_ratio and matcher.ratio() >= best_ratio:
                        best, best_ratio = link_ids, matcher.ratio()
                ids, edited = (best, True) if best is not None else ([], False)
            row.append(LinkedSentence(sentence, p, index, list(ids), edited))
            index += 1
        out.append(row)
    return out
