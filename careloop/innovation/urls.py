from django.urls import path

from . import views

app_name = "innovation"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.show, name="show"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/measures/new/", views.measure_new, name="measure_new"),
    path("<int:pk>/measures/<int:mpk>/", views.measure_show, name="measure_show"),
    path("<int:pk>/measures/<int:mpk>/edit/", views.measure_edit, name="measure_edit"),
    path("<int:pk>/measures/<int:mpk>/delete/", views.measure_delete, name="measure_delete"),
    path("<int:pk>/measures/<int:mpk>/figures/new/", views.reading_new, name="reading_new"),
    path(
        "<int:pk>/measures/<int:mpk>/figures/<int:rpk>/delete/",
        views.reading_delete,
        name="reading_delete",
    ),
    path("<int:pk>/stories/new/", views.story_edit, name="story_new"),
    path("<int:pk>/stories/<int:spk>/edit/", views.story_edit, name="story_edit"),
    path("<int:pk>/risks/new/", views.risk_edit, name="risk_new"),
    path("<int:pk>/risks/<int:rpk>/edit/", views.risk_edit, name="risk_edit"),
    path("<int:pk>/evaluation/", views.evaluation, name="evaluation"),
    path("<int:pk>/evaluations/new/", views.evaluation_new, name="evaluation_new"),
    path("<int:pk>/evaluations/<int:epk>/", views.evaluation_show, name="evaluation_show"),
    path("<int:pk>/evaluations/<int:epk>/pdf/", views.evaluation_pdf, name="evaluation_pdf"),
    path("<int:pk>/evaluations/<int:epk>/edit/", views.evaluation_edit, name="evaluation_edit"),
    path("external/", views.external_index, name="external_index"),
    path("external/new/", views.external_edit, name="external_new"),
    path("external/<int:pk>/", views.external_show, name="external_show"),
    path("external/<int:pk>/edit/", views.external_edit, name="external_edit"),
]
