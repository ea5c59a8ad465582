from django.urls import path

from . import views

app_name = "coproduction"

urlpatterns = [
    path("", views.index, name="index"),
    path("projects/new/", views.project_edit, name="project_new"),
    path("projects/<int:pk>/", views.project_show, name="project_show"),
    path("projects/<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<int:pk>/involvement/new/", views.involvement_edit, name="involvement_new"),
    path(
        "projects/<int:pk>/involvement/<int:ipk>/edit/",
        views.involvement_edit,
        name="involvement_edit",
    ),
    path(
        "projects/<int:pk>/involvement/<int:ipk>/delete/",
        views.involvement_delete,
        name="involvement_delete",
    ),
    path("projects/<int:pk>/windows/new/", views.window_edit, name="window_new"),
    path("projects/<int:pk>/windows/<int:wpk>/edit/", views.window_edit, name="window_edit"),
    path("projects/<int:pk>/said/new/", views.contribution_edit, name="contribution_new"),
    path(
        "projects/<int:pk>/said/<int:cpk>/edit/",
        views.contribution_edit,
        name="contribution_edit",
    ),
    path("groups/", views.group_index, name="group_index"),
    path("groups/new/", views.group_edit, name="group_new"),
    path("groups/<int:pk>/", views.group_show, name="group_show"),
    path("groups/<int:pk>/edit/", views.group_edit, name="group_edit"),
    path("participants/", views.participant_index, name="participant_index"),
    path("participants/new/", views.participant_edit, name="participant_new"),
    path("participants/<int:pk>/", views.participant_show, name="participant_show"),
    path("participants/<int:pk>/edit/", views.participant_edit, name="participant_edit"),
    path(
        "participants/<int:pk>/consent/<str:what>/",
        views.participant_consent,
        name="participant_consent",
    ),
    path("participants/<int:pk>/payments/new/", views.payment_edit, name="payment_new"),
    path("participants/<int:pk>/payments/<int:ppk>/edit/", views.payment_edit, name="payment_edit"),
    path("statements/", views.statement_index, name="statement_index"),
    path("statements/new/", views.statement_edit, name="statement_new"),
    path("statements/<int:pk>/", views.statement_show, name="statement_show"),
    path("statements/<int:pk>/edit/", views.statement_edit, name="statement_edit"),
    path("statements/<int:pk>/<str:what>/", views.statement_publish, name="statement_publish"),
    path("policy/", views.policy_edit, name="policy"),
    path("you-said-we-did/", views.public_index, name="public_index"),
    path("you-said-we-did/<int:pk>/", views.public_show, name="public_show"),
]
