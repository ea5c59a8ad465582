from django.urls import path

from careloop.feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("export/", views.export, name="export"),
    path("figures/", views.figures, name="figures"),
    path("settings/", views.settings_index, name="settings"),
    path("settings/clock/", views.clock_edit, name="clock_edit"),
    path("settings/letters/new/", views.template_edit, name="template_new"),
    path("settings/letters/<id:pk>/", views.template_edit, name="template_edit"),
    path("settings/organisations/new/", views.organisation_edit, name="organisation_new"),
    path("settings/organisations/<id:pk>/", views.organisation_edit, name="organisation_edit"),
    path("tell-us/", views.public_new, name="public_new"),
    path("tell-us/sent/", views.public_done, name="public_done"),
    path("tell-us/about-you/<str:token>/", views.public_equality, name="public_equality"),
    path("<id:pk>/", views.show, name="show"),
    path("<id:pk>/edit/", views.edit, name="edit"),
    path("<id:pk>/assign/", views.assign, name="assign"),
    path("<id:pk>/notes/", views.note, name="note"),
    path("<id:pk>/delete/", views.delete, name="delete"),
    path("<id:pk>/letters/new/", views.letter_new, name="letter_new"),
    path("<id:pk>/documents/new/", views.document_new, name="document_new"),
    path("<id:pk>/equality/", views.equality, name="equality"),
    *[path(f"<id:pk>/{name}/", views.action, {"name": name}, name=name) for name in views.ACTIONS],
]
