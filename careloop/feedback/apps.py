from django.apps import AppConfig

from careloop.core.areas import Area


class FeedbackConfig(AppConfig):
    name = "careloop.feedback"
    verbose_name = "Feedback"
    careloop_area = Area.standard(
        "feedback",
        "Feedback",
        100,
        description="Complaints, compliments, comments, surveys and partner feedback, "
        "handled to the statutory timescales.",
        permission="feedback.view_figures",
    )
