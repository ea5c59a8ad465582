from django.urls import path

from careloop.assurance import views
from careloop.assurance.views import assessment, evidence, framework, peers, reports

app_name = "assurance"

urlpatterns = [
    path("", views.index, name="index"),
    # The evidence library
    path("evidence/", evidence.index, name="evidence_index"),
    path("evidence/new/<str:kind>/", evidence.new, name="evidence_new"),
    path("evidence/export/", evidence.export, name="evidence_export"),
    path("evidence/accept-suggestions/", evidence.accept_suggestions, name="evidence_accept"),
    path("evidence/refresh/", evidence.refresh, name="evidence_refresh"),
    path("evidence/<id:pk>/", evidence.show, name="evidence_show"),
    path("evidence/<id:pk>/edit/", evidence.edit, name="evidence_edit"),
    path("evidence/<id:pk>/confirm/", evidence.confirm, name="evidence_confirm"),
    path("evidence/<id:pk>/delete/", evidence.delete, name="evidence_delete"),
    # Self-assessments
    path("self-assessments/", assessment.index, name="assessment_index"),
    path("self-assessments/new/", assessment.new, name="assessment_new"),
    path("self-assessments/<id:pk>/", assessment.show, name="assessment_show"),
    path("self-assessments/<id:pk>/edit/", assessment.edit, name="assessment_edit"),
    path("self-assessments/<id:pk>/sign-off/", assessment.sign_off, name="assessment_sign_off"),
    path("self-assessments/<id:pk>/coverage/", assessment.coverage, name="coverage"),
    path(
        "self-assessments/<id:pk>/statements/<id:number>/",
        assessment.statement_show,
        name="statement_show",
    ),
    path(
        "self-assessments/<id:pk>/statements/<id:number>/edit/",
        assessment.statement_edit,
        name="statement_edit",
    ),
    path(
        "self-assessments/<id:pk>/statements/<id:number>/draft/",
        assessment.statement_draft,
        name="statement_draft",
    ),
    path(
        "self-assessments/<id:pk>/statements/<id:number>/review/",
        assessment.statement_review,
        name="statement_review",
    ),
    path(
        "self-assessments/<id:pk>/statements/<id:number>/sentences/<id:index>/",
        assessment.sentence_link,
        name="sentence_link",
    ),
    # Reports in CQC's format
    path("self-assessments/<id:pk>/report/", reports.summary, name="report"),
    path(
        "self-assessments/<id:pk>/report/<id:number>/",
        reports.statement,
        name="report_statement",
    ),
    path("self-assessments/<id:pk>/report.<str:fmt>", reports.download, name="report_download"),
    # Published reports of other councils
    path("other-councils/", peers.index, name="peer_index"),
    path("other-councils/import/", peers.import_page, name="peer_import"),
    path("other-councils/import/save/", peers.import_save, name="peer_import_save"),
    path("other-councils/compare/", peers.compare, name="peer_compare"),
    path("other-councils/<id:pk>/", peers.show, name="peer_show"),
    path("other-councils/<id:pk>/delete/", peers.delete, name="peer_delete"),
    path("other-councils/<id:pk>/pages/<id:page_pk>/", peers.page, name="peer_page"),
    # The framework
    path("framework/", framework.index, name="framework_index"),
    path("framework/<id:pk>/", framework.show, name="framework_show"),
    path("framework/<id:pk>/copy/", framework.copy, name="framework_copy"),
    path("framework/<id:pk>/make-current/", framework.make_current, name="framework_current"),
    path("framework/statements/<id:pk>/", framework.statement_edit, name="framework_statement"),
    path("framework/scores/<id:pk>/", framework.score_edit, name="framework_score"),
]
