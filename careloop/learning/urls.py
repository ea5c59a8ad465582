from django.urls import path

from careloop.learning import views

app_name = "learning"

urlpatterns = [
    path("", views.index, name="index"),
    # Reviews and recommendations
    path("reviews/", views.review_index, name="review_index"),
    path("reviews/new/", views.review_new, name="review_new"),
    path("reviews/<int:pk>/", views.review_show, name="review_show"),
    path("reviews/<int:pk>/edit/", views.review_edit, name="review_edit"),
    path("reviews/<int:pk>/documents/new/", views.review_document, name="review_document"),
    path(
        "reviews/<int:pk>/recommendations/new/",
        views.recommendation_new,
        name="recommendation_new",
    ),
    path("recommendations/<int:pk>/edit/", views.recommendation_edit, name="recommendation_edit"),
    # Actions
    path("actions/", views.action_index, name="action_index"),
    path("actions/new/", views.action_new, name="action_new"),
    path("actions/<int:pk>/", views.action_show, name="action_show"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("actions/<int:pk>/progress/", views.action_progress, name="action_progress"),
    path("actions/<int:pk>/evidence/", views.action_evidence, name="action_evidence"),
    path(
        "actions/<int:pk>/evidence/<str:kind>/<int:item>/remove/",
        views.evidence_remove,
        name="evidence_remove",
    ),
    path("actions/<int:pk>/done/", views.action_complete, name="action_complete"),
    path("actions/<int:pk>/sign-off/", views.action_sign_off, name="action_sign_off"),
    path("actions/<int:pk>/reopen/", views.action_reopen, name="action_reopen"),
    path("actions/<int:pk>/milestones/new/", views.milestone_new, name="milestone_new"),
    path(
        "actions/<int:pk>/milestones/<int:milestone>/done/",
        views.milestone_done,
        name="milestone_done",
    ),
]
