from django.apps import AppConfig

from careloop.core.areas import Area


class FeedbackConfig(AppConfig):
    name = "careloop.feedback"
    label = "feedback"
    verbose_name = "Feedback"
    default_auto_field = "django.db.models.BigAutoField"
    careloop_area = Area(
        label="Feedback",
        url_name="feedback:index",
        permission="feedback.view_figures",
        order=100,
        my_work="careloop.feedback.selectors.my_work",
        headlines="careloop.feedback.selectors.headlines",
        evidence="careloop.feedback.evidence.facts",
        description="Complaints, compliments, comments, surveys and partner feedback, "
        "handled to the statutory timescales.",
    )
