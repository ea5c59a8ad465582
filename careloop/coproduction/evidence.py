"""Evidence for the CQC evidence library: coproduction speaks to people's experience
(statement 9, "Learning, improvement and innovation", and statement 3, "Equity in experience
and outcomes"), honestly including work where people were involved late."""

from __future__ import annotations

import datetime as dt

from careloop.core.areas import EvidenceFact

from .models import Contribution, FeedbackWindow, Project, Rung, Stage, Statement


def facts() -> list[EvidenceFact]:
    out: list[EvidenceFact] = []
    today = dt.date.today()
    for project in Project.objects.prefetch_related("involvements__group"):
        involvements = list(project.involvements.all())
        late = project.late_involvement(involvements)
        groups = sorted({i.group.name for i in involvements if i.group})
        people = len({i.participant_id for i in involvements if i.participant_id})
        stages = [s.label.lower() for s in Stage if any(i.stage == s for i in involvements)]
        top = max((i.rung for i in involvements), default=None)
        said = project.contributions.count()
        changed = project.contributions.filter(
            outcome__in=[Contribution.Outcome.CHANGED, Contribution.Outcome.PARTLY]
        ).count()
        who = ", ".join(groups) if groups else "no groups"
        individuals = f" and {people} individual participant{'s' if people != 1 else ''}"
        summary = (
            f"Involved {who}{individuals if people else ''}"
            f"{' at these stages: ' + ', '.join(stages) if stages else ''}"
            f"{f'; the deepest involvement was {Rung(top).label.lower()}' if top else ''}. "
            f"{said} pieces of feedback recorded; {changed} led to a change."
        )
        if late:
            summary += " Involvement was late: " + " ".join(late)
            if project.late_response:
                summary += f" What we are doing about it: {project.late_response}"
        out.append(
            EvidenceFact(
                key=f"coproduction:project:{project.pk}",
                title=f"Coproduction: {project.title}",
                summary=summary,
                date=project.completed_on or project.drafted_on or project.started_on,
                source="Coproduction: projects",
                url=project.get_absolute_url(),
                statements=(9, 3),
                category="people",
                figures={
                    "groups": len(groups),
                    "participants": people,
                    "late": bool(late),
                    "feedback": said,
                    "changed": changed,
                },
            )
        )
    published = Statement.objects.published()
    if count := published.count():
        topics = sorted(set(published.values_list("topic", flat=True)))
        out.append(
            EvidenceFact(
                key="coproduction:you-said-we-did",
                title="“You said, we did”",
                summary=f"{count} published statements of what people told us and what we did, "
                f"on a public page with an easy read version. Topics: {', '.join(topics)}.",
                date=published.order_by("-published_on")
                .values_list("published_on", flat=True)
                .first()
                or today,
                source="Coproduction: You said, we did",
                url="/coproduction/you-said-we-did/",
                statements=(9,),
                category="people",
                figures={"published": count},
            )
        )
    windows = list(FeedbackWindow.objects.select_related("group"))
    if windows:
        short = [w for w in windows if w.is_short]
        out.append(
            EvidenceFact(
                key="coproduction:feedback-windows",
                title="Time given to people to give feedback",
                summary=f"{len(windows) - len(short)} of {len(windows)} feedback windows met the "
                "council’s minimum length (longer for lived-experience groups); shorter ones "
                "have a recorded reason.",
                date=max(w.closes_on for w in windows),
                source="Coproduction: feedback windows",
                url="/coproduction/",
                statements=(9,),
                category="processes",
                figures={"windows": len(windows), "shorter_than_policy": len(short)},
            )
        )
    return out
