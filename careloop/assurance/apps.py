from django.apps import AppConfig

from careloop.core.areas import Area, Derived


class AssuranceConfig(AppConfig):
    name = "careloop.assurance"
    verbose_name = "Assurance (CQC)"
    careloop_area = Area.standard(
        "assurance",
        "Assurance",
        700,
        # every area's evidence facts, gathered again when the records they count change
        derived=(
            Derived(
                "assurance.evidence",
                "Evidence library figures",
                "careloop.assurance.services.evidence.evidence_build",
                sources=(
                    "feedback.Feedback",
                    "learning.Action",
                    "learning.Review",
                    "learning.LgscoYear",
                    "learning.ImpactLink",
                    "workforce.Completion",
                    "workforce.Course",
                    "workforce.Enrolment",
                    "workforce.GroupSession",
                    "workforce.CaseAudit",
                    "innovation.Pilot",
                    "innovation.ExternalLearning",
                    "coproduction.Project",
                    "coproduction.FeedbackWindow",
                    "coproduction.Statement",
                    "themes.ModelVersion",
                ),
                after=("themes.counts", "themes.signals", "workforce.course_figures"),
            ),
        ),
        description="The CQC evidence library, the self-assessment with its scores and rating, "
        "reports in CQC's format and comparison with other councils.",
        evidence="",
    )
