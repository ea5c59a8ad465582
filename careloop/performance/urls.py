from django.urls import path

from . import views

app_name = "performance"

urlpatterns = [
    path("", views.index, name="index"),
    path("council/", views.home, name="home"),
    path("measures/new/", views.measure_edit, name="measure_new"),
    path("measures/<str:code>/", views.measure, name="measure"),
    path("measures/<str:code>/edit/", views.measure_edit, name="measure_edit"),
    path("measures/<str:code>/figures/new/", views.figure_new, name="figure_new"),
    path("measures/<str:code>/themes/", views.measure_themes, name="measure_themes"),
]
