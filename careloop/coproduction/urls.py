from django.urls import path

from . import views

app_name = "coproduction"

urlpatterns = [
    path("", views.index, name="index"),
    path("projects/new/", views.project_edit, name="project_new"),
    path("projects/<id:pk>/", views.project_show, name="project_show"),
    path("projects/<id:pk>/edit/", views.project_edit, name="project_edit"),
    path("projects/<id:pk>/involvement/new/", views.involvement_edit, name="involvement_new"),
    path(
        "projects/<id:pk>/involvement/<id:ipk>/edit/",
        views.involvement_edit,
        name="involvement_edit",
    ),
    path(
        "projects/<id:pk>/involvement/<id:ipk>/delete/",
        views.involvement_delete,
        name="involvement_delete",
    ),
    path("projects/<id:pk>/windows/new/", views.window_edit, name="window_new"),
    path("projects/<id:pk>/windows/<id:wpk>/edit/", views.window_edit, name="window_edit"),
    path("projects/<id:pk>/said/new/", views.contribution_edit, name="contribution_new"),
    path(
        "projects/<id:pk>/said/<id:cpk>/edit/",
        views.contribution_edit,
        name="contribution_edit",
    ),
    path("groups/", views.group_index, name="group_index"),
    path("groups/new/", views.group_edit, name="group_new"),
    path("groups/<id:pk>/", views.group_show, name="group_show"),
    path("groups/<id:pk>/edit/", views.group_edit, name="group_edit"),
    path("participants/", views.participant_index, name="participant_index"),
    path("participants/new/", views.participant_edit, name="participant_new"),
    path("participants/<id:pk>/", views.participant_show, name="participant_show"),
    path("participants/<id:pk>/edit/", views.participant_edit, name="participant_edit"),
    path(
        "participants/<id:pk>/consent/<str:what>/",
        views.participant_consent,
        name="participant_consent",
    ),
    path("participants/<id:pk>/payments/new/", views.payment_edit, name="payment_new"),
    path("participants/<id:pk>/payments/<id:ppk>/edit/", views.payment_edit, name="payment_edit"),
    path("statements/", views.statement_index, name="statement_index"),
    path("statements/new/", views.statement_edit, name="statement_new"),
    path("statements/<id:pk>/", views.statement_show, name="statement_show"),
    path("statements/<id:pk>/edit/", views.statement_edit, name="statement_edit"),
    path("statements/<id:pk>/<str:what>/", views.statement_publish, name="statement_publish"),
    path("policy/", views.policy_edit, name="policy"),
    path("you-said-we-did/", views.public_index, name="public_index"),
    path("you-said-we-did/<id:pk>/", views.public_show, name="public_show"),
]
