from django.urls import path

from careloop.themes.views import charts, classifier, dashboard, framework, record

app_name = "themes"

urlpatterns = [
    path("", dashboard.index, name="index"),
    path("export/", dashboard.export, name="export"),
    path("comments/", dashboard.comments, name="comments"),
    path("comments/export/", dashboard.comments_export, name="comments_export"),
    path("feedback/<id:pk>/", record.feedback, name="feedback"),
    path("feedback/<id:pk>/confirm/", record.confirm, name="confirm"),
    path("feedback/<id:pk>/flag/", record.flag, name="flag"),
    path("flags/<id:pk>/clear/", record.unflag, name="unflag"),
    path("chart/", charts.chart, name="chart"),
    path("chart/pdf/", charts.chart_pdf, name="chart_pdf"),
    path("chart/settings/", charts.chart_settings, name="chart_settings"),
    path("chart/rebase/", charts.rebase_new, name="rebase_new"),
    path("chart/rebase/<id:pk>/delete/", charts.rebase_delete, name="rebase_delete"),
    path("signals/", charts.signals, name="signals"),
    path("signals/alerts/", charts.subscriptions, name="subscriptions"),
    path("signals/alerts/<id:pk>/delete/", charts.subscription_delete, name="subscription_delete"),
    path("framework/", framework.framework, name="framework"),
    path("framework/export/", framework.framework_export, name="framework_export"),
    path("framework/import/", framework.framework_import, name="framework_import"),
    path("framework/versions/", framework.versions, name="versions"),
    path("framework/versions/<id:number>/", framework.version_show, name="version_show"),
    path("framework/themes/new/", framework.theme_edit, name="theme_new"),
    path("framework/themes/<id:pk>/", framework.theme_show, name="theme_show"),
    path("framework/themes/<id:pk>/edit/", framework.theme_edit, name="theme_edit"),
    path("framework/themes/<id:pk>/retire/", framework.theme_retire, name="theme_retire"),
    path("framework/themes/<id:pk>/reinstate/", framework.theme_reinstate, name="theme_reinstate"),
    path("framework/categories/new/", framework.category_edit, name="category_new"),
    path("framework/categories/<id:pk>/", framework.category_edit, name="category_edit"),
    path("classifier/", classifier.models, name="models"),
    path("classifier/train/", classifier.model_train, name="model_train"),
    path("classifier/reclassify/", classifier.reclassify, name="reclassify"),
    path("classifier/runs/<id:pk>/", classifier.run, name="run"),
    path("classifier/runs/<id:pk>/retry/", classifier.run_retry, name="run_retry"),
    path("classifier/<id:pk>/", classifier.model_show, name="model_show"),
    path("classifier/<id:pk>/activate/", classifier.model_activate, name="model_activate"),
]
