"""Template sentences in the style of CQC key findings, written from figures (no AI service).

Each fact is a mapping with a `kind` (see `KINDS`), its figures, an optional period
(`period_end` such as "2026-03-31", or free text in `period`) and optional `evidence_ids`,
which are carried onto the sentence so every sentence keeps its link to the evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Fact = Mapping[str, Any]


class DraftError(ValueError):
    """A fact cannot be written up; the message says which figure is missing or wrong."""


@dataclass(frozen=True)
class DraftSentence:
    """One drafted sentence and the evidence it rests on."""

    text: str
    kind: str
    evidence_ids: tuple[Any, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind, "evidence_ids": list(self.evidence_ids)}


def number(value: Any, name: str = "A count") -> str:
    """A count as CQC prints it: 1,120."""
    return f"{_int(value, name):,}"


def percent(value: Any) -> str:
    """A percentage: 38% (whole numbers unless a decimal matters, 38.5%)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DraftError(f"A percentage must be a number, not {value!r}.")
    return f"{round(value)}%" if float(value).is_integer() else f"{value:.1f}%"


def plural(count: int, noun: str, name: str = "A count") -> str:
    return f"{number(count, name)} {noun if count == 1 else noun + 's'}"


def _int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise DraftError(f"{name} must be a whole number of 0 or more, not {value!r}.")
    return value


def _need(fact: Fact, *names: str) -> list[Any]:
    missing = [n for n in names if fact.get(n) is None]
    if missing:
        raise DraftError(f"A {fact.get('kind')!r} fact needs {', '.join(missing)}.")
    return [fact[n] for n in names]


def period_phrase(fact: Fact) -> str:
    """ " in the year to March 2026" from `period_end`, or " " + `period`, or ""."""
    if fact.get("period"):
        return f" {fact['period']}"
    end = fact.get("period_end")
    if end is None:
        return ""
    if isinstance(end, str):
        try:
            end = dt.date.fromisoformat(end if len(end) > 7 else f"{end}-01")
        except ValueError as error:
            raise DraftError(f"period_end {end!r} is not a date like 2026-03-31.") from error
    if not isinstance(end, dt.date):
        raise DraftError(f"period_end must be a date, not {end!r}.")
    return f" in the year to {end:%B %Y}"


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "?", "!")) else ".")


def _complaints(fact: Fact) -> str:
    (received,) = _need(fact, "received")
    complaints = plural(received, "complaint", "received")
    text = f"The local authority received {complaints}{period_phrase(fact)}"
    if fact.get("decided") is not None and fact.get("upheld") is not None:
        decided, upheld = _int(fact["decided"], "decided"), _int(fact["upheld"], "upheld")
        share = f" ({percent(round(100 * upheld / decided))})" if decided else ""
        text += (
            f". Of the {number(decided)} decided, {number(upheld)}{share} "
            f"{'was' if upheld == 1 else 'were'} upheld"
        )
    elif fact.get("upheld") is not None:
        upheld = _int(fact["upheld"], "upheld")
        share = f" ({percent(round(100 * upheld / received))})" if received else ""
        text += f", of which {number(upheld)}{share} {'was' if upheld == 1 else 'were'} upheld"
    elif fact.get("upheld_pct") is not None:
        text += f", of which {percent(fact['upheld_pct'])} were upheld"
    if fact.get("on_time_pct") is not None:
        text += (
            f". {percent(fact['on_time_pct'])} of complaints were responded to within the "
            "agreed timescale"
        )
    if fact.get("referred"):
        referred = _int(fact["referred"], "referred")
        text += (
            f". {plural(referred, 'complaint', 'referred')} {'was' if referred == 1 else 'were'} "
            "referred to the Local Government and Social Care Ombudsman (LGSCO)"
        )
    return text


def _compliments(fact: Fact) -> str:
    (received,) = _need(fact, "received")
    compliments = plural(received, "compliment", "received")
    return f"The local authority received {compliments}{period_phrase(fact)}"


def _ombudsman(fact: Fact) -> str:
    received, upheld = _need(fact, "received", "upheld")
    were = "was" if received == 1 else "were"
    text = (
        f"{plural(received, 'complaint', 'received')} {were} made to the Local Government and "
        f"Social Care Ombudsman (LGSCO){period_phrase(fact)} of which "
        f"{number(upheld, 'upheld')} {'was' if upheld == 1 else 'were'} upheld"
    )
    if fact.get("compliance_pct") is not None:
        text += (
            f", and the local authority complied with {percent(fact['compliance_pct'])} of the "
            "Ombudsman's recommendations"
        )
    return text


def _survey(fact: Fact) -> str:
    value, measure, survey = _need(fact, "value_pct", "measure", "survey")
    text = f"{percent(value)} {measure}"
    if fact.get("comparator_pct") is not None:
        other = fact["comparator_pct"]
        percent(other)
        tolerance = fact.get("tolerance", 1.5)
        where = fact.get("comparator", "the England average")
        if abs(value - other) <= tolerance:
            text += f", similar to {where} of {percent(other)}"
        else:
            text += f", {'higher' if value > other else 'lower'} than {where} of {percent(other)}"
    cited = f"{survey}, {fact['date']}" if fact.get("date") else survey
    return f"{text} ({cited})"


def _proportion(fact: Fact) -> str:
    value, measure = _need(fact, "value_pct", "measure")
    when = f"As at {fact['as_at']}, " if fact.get("as_at") else ""
    return f"{when}{percent(value)} of {fact.get('group', 'staff')} {measure}"


def _actions(fact: Fact) -> str:
    total, done = _need(fact, "total", "completed")
    total, done = _int(total, "total"), _int(done, "completed")
    source = fact.get("source", "reviews, complaints and audits")
    if total == 1:
        text = f"The improvement action arising from {source}{period_phrase(fact)} " + (
            "had been completed" if done else "had not yet been completed"
        )
    else:
        text = (
            f"Of {plural(total, 'improvement action', 'total')} arising from {source}"
            f"{period_phrase(fact)}, "
            + (
                f"{number(done)} ({percent(round(100 * done / total))}) had been completed"
                if done
                else "none had yet been completed"
            )
        )
    if fact.get("overdue"):
        text += (
            f" and {number(fact['overdue'])} {'was' if fact['overdue'] == 1 else 'were'} overdue"
        )
    return text


def _change(fact: Fact) -> str:
    measure, before, after = _need(fact, "measure", "before", "after")
    for value in (before, after):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise DraftError(f"before and after must be numbers, not {value!r}.")
    verb = "rose" if after > before else "fell" if after < before else "stayed"
    text = (
        f"{measure} {verb} from {before} to {after}"
        if verb != "stayed"
        else (f"{measure} stayed at {after}")
    )
    if fact.get("after_what"):
        text += f" after {fact['after_what']}"
    if fact.get("significant") is True and verb != "stayed":
        text += f", a statistically significant {'increase' if verb == 'rose' else 'reduction'}"
    elif fact.get("significant") is False:
        text += ", which was not a statistically significant change"
    return text


def _pilot(fact: Fact) -> str:
    (name,) = _need(fact, "name")
    text = f"The local authority piloted {name}{period_phrase(fact)}"
    return text + (f", which {fact['result']}" if fact.get("result") else "")


KINDS: dict[str, Callable[[Fact], str]] = {
    "complaints": _complaints,
    "compliments": _compliments,
    "ombudsman": _ombudsman,
    "survey": _survey,
    "proportion": _proportion,
    "actions": _actions,
    "change": _change,
    "pilot": _pilot,
}


def draft_sentence(fact: Fact) -> DraftSentence:
    """One CQC-style sentence for a fact; raises DraftError for unknown kinds or bad figures."""
    kind = fact.get("kind")
    if kind not in KINDS:
        raise DraftError(f"Unknown kind of fact {kind!r}; known kinds: {', '.join(KINDS)}.")
    ids = fact.get("evidence_ids", ())
    ids = tuple(ids) if isinstance(ids, list | tuple) else (ids,)
    if fact.get("evidence_id") is not None:
        ids += (fact["evidence_id"],)
    return DraftSentence(_sentence(KINDS[kind](fact)), kind, ids)


def draft_sentences(facts: Iterable[Fact]) -> list[DraftSentence]:
    """Sentences for many facts, in order."""
    return [draft_sentence(fact) for fact in facts]


def draft_paragraph(facts: Iterable[Fact]) -> str:
    """The sentences for `facts` as one paragraph."""
    return " ".join(s.text for s in draft_sentences(facts))
