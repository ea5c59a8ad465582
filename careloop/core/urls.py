from django.urls import path

from careloop.core import views
from careloop.core.imports import views as imports

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("account/", views.account, name="account"),
    path("account/tokens/new/", views.token_new, name="token_new"),
    path("account/tokens/<id:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("administration/", views.admin_index, name="admin_index"),
    path("administration/organisation/", views.organisation, name="organisation"),
    path("administration/organisation/<str:kind>/new/", views.org_edit, name="org_new"),
    path("administration/organisation/<str:kind>/<id:pk>/", views.org_edit, name="org_edit"),
    path(
        "administration/organisation/<str:kind>/<id:pk>/delete/",
        views.org_delete,
        name="org_delete",
    ),
    path("administration/people/", views.user_index, name="user_index"),
    path("administration/people/new/", views.user_edit, name="user_new"),
    path("administration/people/<id:pk>/", views.user_show, name="user_show"),
    path("administration/people/<id:pk>/edit/", views.user_edit, name="user_edit"),
    path("administration/audit/", views.audit_index, name="audit_index"),
    path("imports/job/<id:pk>/", imports.import_show, name="import_show"),
    path("imports/job/<id:pk>/retry/", imports.import_retry, name="import_retry"),
    path("imports/job/<id:pk>/columns/", imports.import_mapping, name="import_mapping"),
    path("imports/job/<id:pk>/problems.csv", imports.import_errors, name="import_errors"),
    path("imports/<str:importer>/", imports.import_index, name="import_index"),
    path("imports/<str:importer>/new/", imports.import_new, name="import_new"),
    path("attachments/<id:pk>/", views.attachment_download, name="attachment_download"),
]
