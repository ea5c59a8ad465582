"""Permission matrix rows for coproduction (see tests/matrix.py for the format)."""

from careloop.coproduction.models import Statement
from tests.coproduction.factories import (
    ContributionFactory,
    GroupFactory,
    InvolvementFactory,
    ParticipantFactory,
    PaymentFactory,
    ProjectFactory,
    StatementFactory,
    WindowFactory,
)
from tests.matrix import Row

VIEW = "200 200 200 200 200 302"
EDIT = "200 200 200 403 403 302"
PEOPLE = "200 200 200 403 403 302"
PUBLIC = "200 200 200 200 200 200"
API_VIEW = "200 200 200 200 200 401"


def setup(world):
    world.group = GroupFactory(name="Matrix Carers' Forum")
    world.participant = ParticipantFactory(full_name="Matrix Participant", email="mp@mail.example")
    world.participant.groups.add(world.group)
    world.hidden = ParticipantFactory(
        full_name="Protected Participant", email="hidden@mail.example", is_restricted=True
    )
    world.project = ProjectFactory(title="Matrix strategy")
    world.involvement = InvolvementFactory(project=world.project, group=world.group)
    world.window = WindowFactory(project=world.project, group=world.group)
    world.contribution = ContributionFactory(project=world.project, group=world.group)
    world.published = StatementFactory(title="Matrix published")
    world.draft = StatementFactory(title="Matrix draft", status=Statement.Status.DRAFT)
    world.payment = PaymentFactory(participant=world.participant)
    world.secrets += [
        "Matrix Participant",
        "mp@mail.example",
        "Protected Participant",
        "hidden@mail.example",
        "Matrix draft",
    ]


def _pr(w):
    return {"pk": w.project.pk}


ROWS = [
    Row("coproduction:index", VIEW),
    Row("coproduction:project_new", EDIT),
    Row("coproduction:project_show", VIEW, kwargs=_pr),
    Row("coproduction:project_edit", EDIT, kwargs=_pr),
    Row("coproduction:involvement_new", EDIT, kwargs=_pr),
    Row(
        "coproduction:involvement_edit",
        EDIT,
        kwargs=lambda w: {"pk": w.project.pk, "ipk": w.involvement.pk},
    ),
    Row(
        "coproduction:involvement_delete",
        "302 404 404 403 403 302",
        kwargs=lambda w: {"pk": w.project.pk, "ipk": w.involvement.pk},
        method="POST",
    ),
    Row("coproduction:window_new", EDIT, kwargs=_pr),
    Row(
        "coproduction:window_edit", EDIT, kwargs=lambda w: {"pk": w.project.pk, "wpk": w.window.pk}
    ),
    Row("coproduction:contribution_new", EDIT, kwargs=_pr),
    Row(
        "coproduction:contribution_edit",
        EDIT,
        kwargs=lambda w: {"pk": w.project.pk, "cpk": w.contribution.pk},
    ),
    Row("coproduction:group_index", VIEW),
    Row("coproduction:group_new", EDIT),
    Row("coproduction:group_show", VIEW, kwargs=lambda w: {"pk": w.group.pk}),
    Row("coproduction:group_edit", EDIT, kwargs=lambda w: {"pk": w.group.pk}),
    Row("coproduction:participant_index", PEOPLE),
    Row("coproduction:participant_new", PEOPLE),
    Row("coproduction:participant_show", PEOPLE, kwargs=lambda w: {"pk": w.participant.pk}),
    Row(
        "coproduction:participant_show",
        "200 200 404 403 403 302",
        kwargs=lambda w: {"pk": w.hidden.pk},
        note="(restricted)",
    ),
    Row("coproduction:participant_edit", PEOPLE, kwargs=lambda w: {"pk": w.participant.pk}),
    Row(
        "coproduction:participant_consent",
        PEOPLE,
        kwargs=lambda w: {"pk": w.participant.pk, "what": "withdraw"},
    ),
    Row(
        "coproduction:participant_consent",
        "404 404 404 403 403 302",
        kwargs=lambda w: {"pk": w.participant.pk, "what": "forget"},
        note="(unknown)",
    ),
    Row("coproduction:payment_new", PEOPLE, kwargs=lambda w: {"pk": w.participant.pk}),
    Row(
        "coproduction:payment_edit",
        PEOPLE,
        kwargs=lambda w: {"pk": w.participant.pk, "ppk": w.payment.pk},
    ),
    Row("coproduction:statement_index", VIEW),
    Row("coproduction:statement_new", EDIT),
    Row("coproduction:statement_show", VIEW, kwargs=lambda w: {"pk": w.draft.pk}),
    Row("coproduction:statement_edit", EDIT, kwargs=lambda w: {"pk": w.draft.pk}),
    Row(
        "coproduction:statement_publish",
        "302 302 403 403 403 302",
        kwargs=lambda w: {"pk": w.draft.pk, "what": "publish"},
        method="POST",
    ),
    Row("coproduction:policy", "200 200 403 403 403 302"),
    Row("coproduction:public_index", PUBLIC),
    Row("coproduction:public_show", PUBLIC, kwargs=lambda w: {"pk": w.published.pk}),
    Row(
        "coproduction:public_show",
        "404 404 404 404 404 404",
        kwargs=lambda w: {"pk": w.draft.pk},
        note="(draft)",
    ),
    # Learn and act's one page for raising an action from a record of any area
    Row(
        "learning:action_raise",
        EDIT,
        query=lambda w: {"source": f"coproduction.project:{w.project.pk}"},
        note="(from a coproduction project)",
    ),
    # API
    Row("coproduction-project-list", API_VIEW),
    Row("coproduction-project-detail", API_VIEW, kwargs=_pr),
    Row("coproduction-involvement-list", API_VIEW),
    Row("coproduction-involvement-detail", API_VIEW, kwargs=lambda w: {"pk": w.involvement.pk}),
    Row("feedback-window-list", API_VIEW),
    Row("feedback-window-detail", API_VIEW, kwargs=lambda w: {"pk": w.window.pk}),
    Row("coproduction-group-list", API_VIEW),
    Row("coproduction-group-detail", API_VIEW, kwargs=lambda w: {"pk": w.group.pk}),
    Row("you-said-we-did-list", API_VIEW),
    Row("you-said-we-did-detail", API_VIEW, kwargs=lambda w: {"pk": w.draft.pk}),
    Row(
        "you-said-we-did-publish",
        "200 400 403 403 403 401",
        kwargs=lambda w: {"pk": w.draft.pk},
        method="POST",
    ),
    Row(
        "you-said-we-did-withdraw",
        "200 400 403 403 403 401",
        kwargs=lambda w: {"pk": w.published.pk},
        method="POST",
    ),
]
