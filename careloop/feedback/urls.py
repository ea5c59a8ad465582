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
    path("settings/letters/<int:pk>/", views.template_edit, name="template_edit"),
    path("settings/organisations/new/", views.organisation_edit, name="organisation_new"),
    path("settings/organisations/<int:pk>/", views.organisation_edit, name="organisation_edit"),
    path("tell-us/", views.public_new, name="public_new"),
    path("tell-us/sent/", views.public_done, name="public_done"),
    path("tell-us/about-you/<str:token>/", views.public_equality, name="public_equality"),
    path("<int:pk>/", views.show, name="show"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/assign/", views.assign, name="assign"),
    path("<int:pk>/notes/", views.note, name="note"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("<int:pk>/letters/new/", views.letter_new, name="letter_new"),
    path("<int:pk>/documents/new/", views.document_new, name="document_new"),
    path("<int:pk>/equality/", views.equality, name="equality"),
    *[path(f"<int:pk>/{name}/", views.action, {"name": name}, name=name) for name in views.ACTIONS],
]
