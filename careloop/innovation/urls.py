from django.urls import path

from . import views

app_name = "innovation"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<id:pk>/", views.show, name="show"),
    path("<id:pk>/edit/", views.edit, name="edit"),
    path("<id:pk>/move/", views.move, name="move"),
    path("<id:pk>/measures/new/", views.measure_new, name="measure_new"),
    path("<id:pk>/measures/<id:mpk>/", views.measure_show, name="measure_show"),
    path("<id:pk>/measures/<id:mpk>/edit/", views.measure_edit, name="measure_edit"),
    path("<id:pk>/measures/<id:mpk>/delete/", views.measure_delete, name="measure_delete"),
    path("<id:pk>/measures/<id:mpk>/figures/new/", views.reading_new, name="reading_new"),
    path(
        "<id:pk>/measures/<id:mpk>/figures/<id:rpk>/delete/",
        views.reading_delete,
        name="reading_delete",
    ),
    path("<id:pk>/stories/new/", views.story_edit, name="story_new"),
    path("<id:pk>/stories/<id:spk>/edit/", views.story_edit, name="story_edit"),
    path("<id:pk>/risks/new/", views.risk_edit, name="risk_new"),
    path("<id:pk>/risks/<id:rpk>/edit/", views.risk_edit, name="risk_edit"),
    path("<id:pk>/evaluation/", views.evaluation, name="evaluation"),
    path("<id:pk>/evaluations/new/", views.evaluation_new, name="evaluation_new"),
    path("<id:pk>/evaluations/<id:epk>/", views.evaluation_show, name="evaluation_show"),
    path("<id:pk>/evaluations/<id:epk>/pdf/", views.evaluation_pdf, name="evaluation_pdf"),
    path("<id:pk>/evaluations/<id:epk>/edit/", views.evaluation_edit, name="evaluation_edit"),
    path("external/", views.external_index, name="external_index"),
    path("external/new/", views.external_edit, name="external_new"),
    path("external/<id:pk>/", views.external_show, name="external_show"),
    path("external/<id:pk>/edit/", views.external_edit, name="external_edit"),
]
