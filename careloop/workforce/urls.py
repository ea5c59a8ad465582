from django.urls import path

from . import views

app_name = "workforce"

urlpatterns = [
    path("", views.index, name="index"),
    path("teams/<id:pk>/", views.team, name="team"),
    path("people/<id:pk>/", views.person, name="person"),
    path("people/<id:pk>/remind/", views.remind, name="remind"),
    path("people/<id:pk>/registration/", views.registration_new, name="registration_new"),
    path("people/<id:pk>/cpd/new/", views.cpd_new, name="cpd_new"),
    path("courses/", views.courses, name="courses"),
    path("courses/new/", views.course_new, name="course_new"),
    path("courses/<id:pk>/", views.course_show, name="course_show"),
    path("courses/<id:pk>/edit/", views.course_edit, name="course_edit"),
    path("completions/new/", views.completion_new, name="completion_new"),
    path("completions/export/", views.completion_export, name="completion_export"),
    path("supervision/", views.supervision_index, name="supervision_index"),
    path("supervision/new/", views.supervision_new, name="supervision_new"),
    path("supervision/export/", views.supervision_export, name="supervision_export"),
    path("supervision/policy/", views.policies, name="policies"),
    path("supervision/policy/<str:stage>/", views.policy_edit, name="policy_edit"),
    path("supervision/<id:pk>/", views.supervision_show, name="supervision_show"),
    path("supervision/<id:pk>/private/", views.supervision_private, name="supervision_private"),
    path("practice/", views.group_index, name="group_index"),
    path("practice/new/", views.group_new, name="group_new"),
    path("practice/<id:pk>/", views.group_show, name="group_show"),
    path("audits/", views.audit_index, name="audit_index"),
    path("audits/standards/new/", views.standard_new, name="standard_new"),
    path("audits/standards/<id:pk>/", views.standard_show, name="standard_show"),
    path("audits/standards/<id:pk>/audit/", views.audit_new, name="audit_new"),
    path("audits/<id:pk>/", views.audit_show, name="audit_show"),
    path("audits/<id:pk>/feedback/", views.audit_feedback, name="audit_feedback"),
    path("people/<id:pk>/peer-feedback/", views.peer_new, name="peer_new"),
    path("pathways/", views.pathway_index, name="pathway_index"),
    path("pathways/apply/", views.enrolment_new, name="enrolment_new"),
    path("pathways/<id:pk>/", views.enrolment_show, name="enrolment_show"),
    path("pathways/<id:pk>/move/", views.enrolment_move, name="enrolment_move"),
]
