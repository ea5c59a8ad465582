from django.apps import AppConfig

from careloop.core.areas import Area, Derived


class ThemesConfig(AppConfig):
    name = "careloop.themes"
    verbose_name = "Themes and trends"
    careloop_area = Area.standard(
        "themes",
        "Themes",
        200,
        derived=(
            Derived(
                "themes.classified",
                "Themes of feedback not yet classified",
                "careloop.themes.services.classify.classified_build",
                sources=("feedback.Feedback",),
            ),
            # Counts are kept by deltas in the same transaction as each change
            # (aggregates.py); this full rebuild runs only when all figures are rebuilt.
            Derived(
                "themes.counts",
                "Theme counts, from scratch",
                "careloop.themes.services.classify.counts_build",
            ),
            Derived(
                "themes.signals",
                "Theme signals",
                "careloop.themes.services.classify.signals_build",
                sources=(
                    "themes.Classification",
                    "themes.FeedbackTheme",
                    "feedback.EqualityMonitoring",
                    "themes.SeriesSettings",
                    "themes.Rebase",
                ),
                after=("themes.classified", "themes.counts"),
            ),
        ),
        description="The themes in every piece of feedback, found automatically and confirmed "
        "by people, with trends and the changes that are real.",
    )

    def ready(self) -> None:
        # imported here: the receivers use the models, which are loaded only once apps are ready
        from careloop.themes import receivers

        receivers.connect()
